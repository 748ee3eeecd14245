"""Credits over the cycle by month against the straight pace line, as series to plot (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpetui.model import Ledger, Status


def _month_add(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


@dataclass(frozen=True, slots=True)
class Series:
    """What the chart draws: one point per month end of the cycle (x = 1 … n), the credits counted by
    then (only up to today: nothing is drawn after it), the straight pace line from the carryover at the
    start to the requirement at the end (for a program counting completions, the completions due by each
    month, in steps), the requirement, today's place on the x axis, and the counted
    credits by group or field so far."""

    labels: tuple[str, ...]  # "2025-07" per month
    counted: tuple[float, ...]  # months up to and including today's
    pace: tuple[float, ...]  # every month
    required: float
    today: float  # 1-based x of today, fractional within its month; 0 before the cycle
    shares: tuple[tuple[str, float], ...]  # ("A", 77.0), ("B", 2.25) or fields; () when the program has none
    unit: str = "cpe"  # what the figures count (Status.unit)


def series(ledger: Ledger, status: Status) -> Series:
    """The chart's series for `ledger` on `status.as_of`."""
    start, end, as_of = status.cycle_start, status.cycle_end, status.as_of
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    by_date = {a.id: a.date for a in ledger.activities}
    credits = [(by_date[c.activity_id], c) for c in status.activities if c.activity_id in by_date]
    required = status.total.required
    span = max(1, (end - start).days + 1)
    labels, counted, pace = [], [], []
    cursor, running, today = date(start.year, start.month, 1), status.carryover_in, 0.0
    for n in range(1, months + 1):
        nxt = _month_add(cursor, 1)
        p_start, p_end = max(cursor, start), min(end, date.fromordinal(nxt.toordinal() - 1))
        labels.append(f"{cursor:%Y-%m}")
        if status.unit == "completions":
            # Courses fall due at their periods' ends, not pro rata: the line climbs in steps.
            pace.append(sum(r.required for r in status.requirements if r.kind == "required"
                            and r.period_end is not None and r.period_end <= p_end))
        else:
            pace.append(round(status.carryover_in + (required - status.carryover_in)
                              * ((p_end - start).days + 1) / span, 2))
        if p_start <= as_of:
            running += sum(c.counted for d, c in credits if p_start <= d <= min(p_end, as_of))
            counted.append(round(running, 2))
            if as_of <= p_end:
                today = n - 1 + ((as_of - p_start).days + 1) / ((p_end - p_start).days + 1)
        cursor = nxt
    if as_of > end:
        today = float(months)
    shares: dict[str, float] = {}
    for d, c in credits:
        key = c.group or c.field
        if key and d <= as_of:
            shares[key] = shares.get(key, 0.0) + c.counted
    return Series(tuple(labels), tuple(counted), tuple(pace), required, round(today, 3),
                  tuple(sorted((k, round(v, 2)) for k, v in shares.items())), status.unit)
