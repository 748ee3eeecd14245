"""Credits over the cycle, per month or year, against the straight pace line (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpetui.model import Ledger, Status

BLOCKS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True, slots=True)
class Period:
    """One bar of the chart: credits of the period, the running total, and where pace puts it."""

    label: str
    start: date
    end: date
    credits: float
    cumulative: float
    target: float
    future: bool


def _month_add(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def periods(ledger: Ledger, status: Status) -> list[Period]:
    """The cycle cut into months (cycles up to 3 years) or years, with counted credits per period."""
    start, end = status.cycle_start, status.cycle_end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 36 else 12
    by_date = {a.id: a.date for a in ledger.activities}
    credits = [(by_date[c.activity_id], c.counted) for c in status.activities if c.activity_id in by_date]
    required = max(0.0, status.total.required - status.carryover_in)
    span = max(1, (end - start).days + 1)
    out: list[Period] = []
    cursor = date(start.year, start.month, 1)
    running = status.carryover_in
    while cursor <= end:
        nxt = _month_add(cursor, step)
        p_start = max(cursor, start)
        p_end = min(end, date.fromordinal(nxt.toordinal() - 1))
        earned = sum(c for d, c in credits if p_start <= d <= p_end)
        running += earned
        elapsed = (p_end - start).days + 1
        label = f"{cursor:%Y-%m}" if step == 1 else f"{cursor:%Y}"
        out.append(
            Period(
                label=label,
                start=p_start,
                end=p_end,
                credits=round(earned, 2),
                cumulative=round(running, 2),
                target=round(status.carryover_in + required * elapsed / span, 2),
                future=p_start > status.as_of,
            )
        )
        cursor = nxt
    return out


def bar(value: float, scale: float, width: int) -> str:
    """`value` as a bar of eighth-blocks, `width` cells at `scale`."""
    if scale <= 0 or width <= 0:
        return " " * max(0, width)
    eighths = max(0, min(width * 8, round(value / scale * width * 8)))
    full, part = divmod(eighths, 8)
    text = "█" * full + (BLOCKS[part] if part else "")
    return text.ljust(width)


def marker_line(cumulative: float, target: float, scale: float, width: int) -> tuple[str, int]:
    """The cumulative bar with the pace target's column; returns (bar, target column)."""
    text = bar(cumulative, scale, width)
    col = min(width - 1, max(0, round(target / scale * width) - 1)) if scale > 0 else 0
    return text, col
