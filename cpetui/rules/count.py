"""The counting pass: in date order, category caps and the Group B maximum cut what counts."""

from __future__ import annotations

from cpetui.i18n import _
from cpetui.model import Finding
from cpetui.rules.arithmetic import num, r2
from cpetui.rules.assess import Assessed, Context, finding
from cpetui.rules.dates import add_years


def year_index(ctx: Context, when) -> int:  # type: ignore[no-untyped-def]
    """Which year of the cycle (0-based) a date falls in, by the body's own year (from the cycle start)."""
    k = when.year - ctx.start.year
    if add_years(ctx.start, k) > when:
        k -= 1
    return max(0, k)


def count(ctx: Context, items: list[Assessed]) -> list[Finding]:
    """Set each activity's `counted`; return a finding for each activity that lost credits to a cap."""
    findings: list[Finding] = []
    used: dict[tuple[str, int], float] = {}
    caps = {cap.bucket: cap for cap in ctx.version.caps}
    b_max = ctx.quota.group_b_max if ctx.version.groups else None
    b_used = 0.0
    for x in sorted(items, key=lambda x: (x.activity.date, x.activity.index)):
        if x.excluded:
            x.counted = 0.0
            continue
        amount = x.credit.earned
        cap = caps.get(x.category)
        if cap is not None and amount > 0:
            key = (cap.bucket, year_index(ctx, x.activity.date) if cap.per == "year" else 0)
            room = max(0.0, r2(cap.amount - used.get(key, 0.0)))
            take = min(amount, room)
            used[key] = r2(used.get(key, 0.0) + take)
            if take < amount:
                lost = r2(amount - take)
                x.remarks.append(_("{lost} lost to the cap: {label}").format(
                    lost=num(lost), label=_(cap.label)))
                findings.append(finding(ctx, x.activity, "info", "cap-reached",
                                        _("{lost} of {earned} CPE do not count: {label} reached").format(
                                            lost=num(lost), earned=num(amount), label=_(cap.label)),
                                        citation=_(cap.citation)))
                amount = take
        if b_max and x.group == "B" and amount > 0:
            room = max(0.0, r2(b_max - b_used))
            take = min(amount, room)
            b_used = r2(b_used + take)
            if take < amount:
                lost = r2(amount - take)
                x.remarks.append(_("{lost} above the Group B maximum").format(lost=num(lost)))
                findings.append(finding(ctx, x.activity, "info", "group-b-max",
                                        _("{lost} of {earned} CPE do not count: at most {max} Group B "
                                          "credits count in a cycle").format(
                                            lost=num(lost), earned=num(amount), max=num(b_max)),
                                        citation=_(ctx.quota.citation)))
                amount = take
        x.counted = r2(amount)
    return findings
