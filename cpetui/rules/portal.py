"""Reconciles `[[portal]]` records with the ledger, like a balance assertion: differences as findings."""

from __future__ import annotations

from collections.abc import Iterable

from cpetui.i18n import N_, _, format_date
from cpetui.model import Activity, ActivityCredit, Finding, Ledger, PortalRecord, SourceRef
from cpetui.rules.arithmetic import num

READING = N_("cpetui's reading: the portal's figure is compared with the credits of the activities marked "
            "submitted on or before its date (auto-submitted ones by their date), the carryover in included")
MAX_NAMED = 5  # activities named in a hint


def _sent_by(a: Activity, day: object) -> bool:
    if a.submitted is not None:
        return a.submitted <= day  # type: ignore[operator]
    return a.auto_submitted and a.date <= day  # type: ignore[operator]


def reconcile(ledger: Ledger, credits: Iterable[ActivityCredit], carried: float) -> list[Finding]:
    """A finding for each `[[portal]]` figure the ledger does not reach or exceeds, naming the activities
    that may explain the difference; nothing when every figure holds."""
    counted = {c.activity_id: c for c in credits}
    out: list[Finding] = []
    start = ledger.cycle.start if ledger.cycle else None
    for record in ledger.portal:
        sent = [a for a in ledger.activities if _sent_by(a, record.date) and a.id in counted]
        carry = carried if start is None or start <= record.date else 0.0
        total = carry + sum(counted[a.id].counted for a in sent)
        if abs(total - record.recorded) > 0.005:
            out.append(_finding(ledger, record, record.recorded, total, None, counted,
                                record.line_of("recorded")))
        for key, figure in record.by.items():
            mine = [a for a in sent if _in(a, key)]
            if not mine and not any(_in(a, key) for a in ledger.activities):
                continue  # no activity is in that group or field at all: nothing to compare
            part = sum(counted[a.id].counted for a in mine)
            if abs(part - figure) > 0.005:
                out.append(_finding(ledger, record, figure, part, key, counted, record.line_of("by")))
    return out


def _in(a: Activity, key: str) -> bool:
    return (a.group or "").upper() == key.upper() or (a.field or "").lower() == key.lower()


def _finding(ledger: Ledger, record: PortalRecord, figure: float, total: float, key: str | None,
             counted: dict[str, ActivityCredit], line: int) -> Finding:
    diff = figure - total
    day = format_date(record.date)
    if key is None:
        message = _("the portal showed {figure} on {day}; the ledger has {total} marked submitted by then "
                    "({diff} {which})")
    else:
        message = _("the portal showed {figure} for {key} on {day}; the ledger has {total} marked submitted "
                    "by then ({diff} {which})")
    message = message.format(figure=num(figure), key=key, day=day, total=num(total), diff=num(abs(diff)),
                             which=_("more on the portal") if diff > 0 else _("fewer on the portal"))
    # The likeliest first: an activity whose credits are the difference explains it alone.
    reasons = [text for _amount, text in sorted(_candidates(ledger, record, key, counted, diff),
                                                key=lambda c: abs(c[0] - abs(diff)))]
    if reasons:
        hint = _("activities that may explain it: {list}").format(list="; ".join(reasons[:MAX_NAMED]))
        if len(reasons) > MAX_NAMED:
            hint += " " + _("(and {n} more)").format(n=len(reasons) - MAX_NAMED)
    else:
        hint = _("compare the portal's list of activities with the ledger's; a credit entered only on the "
                 "portal belongs in the ledger too")
    return Finding("warning", "portal-differs", message, SourceRef(ledger.path, line, 1), None, _(READING),
                   hint)


def _candidates(ledger: Ledger, record: PortalRecord, key: str | None, counted: dict[str, ActivityCredit],
                diff: float) -> Iterable[tuple[float, str]]:
    """Activities whose state would make the ledger's figure move toward the portal's."""
    for a in ledger.activities:
        credit = counted.get(a.id)
        if credit is None or (key is not None and not _in(a, key)):
            continue
        title = f"“{a.title}”"
        if diff > 0 and a.submitted is not None and a.submitted > record.date:
            yield credit.counted, _("{title} (submitted {day}, after the portal's date)").format(
                title=title, day=format_date(a.submitted))
        elif diff > 0 and a.submitted is None and not a.auto_submitted and a.date <= record.date \
                and credit.counted:
            yield credit.counted, _("{title} ({n} counted, not marked submitted)").format(
                title=title, n=num(credit.counted))
        elif _sent_by(a, record.date) and credit.earned > credit.counted:
            text = _("{title} (submitted; {earned} earned, {counted} counted here: the portal may not "
                     "cap it)")
            yield credit.earned - credit.counted, text.format(
                title=title, earned=num(credit.earned), counted=num(credit.counted))
        elif diff < 0 and _sent_by(a, record.date) and credit.counted:
            text = _("{title} (marked submitted by then, {n} counted: is it on the portal?)")
            yield credit.counted, text.format(title=title, n=num(credit.counted))
