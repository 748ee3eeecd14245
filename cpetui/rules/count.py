"""The counting pass: in date order, category caps and the Group B maximum cut what counts."""

from __future__ import annotations

from dataclasses import dataclass

from cpetui.i18n import _, ngettext
from cpetui.model import Finding
from cpetui.rules.arithmetic import num, r2
from cpetui.rules.assess import Assessed, Context, finding, year_index


@dataclass(slots=True)
class _Loss:
    """Credits one cap took, remembered so that a single finding (at the first activity) says so."""

    first: Assessed
    earned: float
    lost: float
    others: int = 0


def count(ctx: Context, items: list[Assessed]) -> list[Finding]:
    """Set each activity's `counted`; return one finding per cap that took credits."""
    caps = {cap.bucket: cap for cap in ctx.version.caps}
    b_max = ctx.quota.group_b_max if ctx.version.groups else None
    used: dict[tuple[str, int], float] = {}
    b_used = 0.0
    losses: dict[tuple[str, int], _Loss] = {}

    def lose(key: tuple[str, int], x: Assessed, earned: float, lost: float) -> None:
        loss = losses.get(key)
        if loss is None:
            losses[key] = _Loss(x, earned, lost)
        else:
            loss.lost = r2(loss.lost + lost)
            loss.others += 1

    ordered = items
    if any(items[i].activity.date > items[i + 1].activity.date for i in range(len(items) - 1)):
        ordered = sorted(items, key=lambda x: (x.activity.date, x.activity.index))
    for x in ordered:
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
                x.remarks += (_("{lost} lost to the cap: {label}").format(
                    lost=num(lost), label=_(cap.label)),)
                lose(key, x, amount, lost)
                amount = take
        if b_max and x.group == "B" and amount > 0:
            room = max(0.0, r2(b_max - b_used))
            take = min(amount, room)
            b_used = r2(b_used + take)
            if take < amount:
                lost = r2(amount - take)
                x.remarks += (_("{lost} above the Group B maximum").format(lost=num(lost)),)
                lose(("group-b", 0), x, amount, lost)
                amount = take
        x.counted = amount
    return [_loss_finding(ctx, key, loss, caps) for key, loss in losses.items()]


def _loss_finding(ctx: Context, key: tuple[str, int], loss: _Loss, caps) -> Finding:  # type: ignore[no-untyped-def]
    later = ngettext(" (with {n} later activity)", " (with {n} later activities)", loss.others).format(
        n=loss.others) if loss.others else ""
    if key[0] == "group-b":
        message = _("{lost} CPE{later} do not count: at most {max} Group B credits count in a cycle").format(
            lost=num(loss.lost), later=later, max=num(ctx.quota.group_b_max or 0))
        return finding(ctx, loss.first.activity, "info", "group-b-max", message,
                       citation=ctx.quota.citation)
    cap = caps[key[0]]
    message = _("{lost} CPE{later} do not count: {label} reached").format(
        lost=num(loss.lost), later=later, label=_(cap.label))
    return finding(ctx, loss.first.activity, "info", "cap-reached", message, citation=cap.citation)
