"""The counting pass: in date order, caps and maximum requirements cut what counts."""

from __future__ import annotations

from collections.abc import Sequence

from cpetui.i18n import _, ngettext
from cpetui.model import Finding
from cpetui.rules.arithmetic import num, r2
from cpetui.rules.assess import Assessed, Context, finding, selects, year_index
from cpetui.rules.spec import Cap


class _Loss:
    """Credits one cap took, remembered so that a single finding (at the first activity) says so."""

    __slots__ = ("first", "earned", "lost", "others")

    def __init__(self, first: Assessed, earned: float, lost: float, others: int = 0) -> None:
        self.first = first
        self.earned = earned
        self.lost = lost
        self.others = others


def count(ctx: Context, items: list[Assessed]) -> list[Finding]:
    """Set each activity's `counted`; return one finding per cap or maximum that took credits."""
    caps = ctx.caps
    by_bucket = {cap.bucket: cap for cap in caps if cap.select is None}
    # Most caps select by category alone: looked up by the activity's category, not tried one by one.
    by_category: dict[str, list[Cap]] = {}
    selecting: list[Cap] = []
    for cap in caps:
        sel = cap.select
        if sel is None:
            continue
        if sel.categories and not sel.dimensions and not sel.types:
            for category in sel.categories:
                by_category.setdefault(category, []).append(cap)
        else:
            selecting.append(cap)
    maxima = [n for n in ctx.quota.needs if n.kind == "maximum" and n.amount > 0]
    used: dict[tuple[str, int], float] = {}
    losses: dict[tuple[str, int], _Loss] = {}
    counted_by: dict[tuple[str, int], list[Assessed]] = {}  # a cap on counts: the activities it took

    def lose(key: tuple[str, int], x: Assessed, earned: float, lost: float) -> None:
        loss = losses.get(key)
        if loss is None:
            losses[key] = _Loss(x, earned, lost)
        else:
            loss.lost = r2(loss.lost + lost)
            loss.others += 1

    def take(key: tuple[str, int], limit: float, x: Assessed, amount: float, remark: str) -> float:
        room = max(0.0, r2(limit - used.get(key, 0.0)))
        taken = min(amount, room)
        used[key] = r2(used.get(key, 0.0) + taken)
        if taken < amount:
            lost = r2(amount - taken)
            x.remarks += (remark.format(lost=num(lost)),)
            lose(key, x, amount, lost)
        return taken

    ordered = items
    if any(items[i].activity.date > items[i + 1].activity.date for i in range(len(items) - 1)):
        ordered = sorted(items, key=lambda x: (x.activity.date, x.activity.index))
    for x in ordered:
        if x.excluded:
            x.counted = 0.0
            continue
        amount = x.credit.earned
        applying = [by_bucket[x.category]] if x.category in by_bucket else []
        if x.category in by_category:
            applying += by_category[x.category]
        if selecting:
            applying += [cap for cap in selecting if selects(cap.select, x)]  # type: ignore[arg-type]
        keyed = [(cap, ("cap:" + cap.bucket, year_index(ctx, x.activity.date) if cap.per == "year" else 0))
                 for cap in applying]
        if len(keyed) > 1:
            # Nested caps (PMI's practitioner inside Giving Back): the tightest cuts first, so that each
            # wider one counts only what is left and loses nothing the narrower one already took.
            # A cap on counts goes first: it takes an activity whole or not at all.
            keyed.sort(key=lambda ck: (ck[0].unit != "activities", ck[0].amount - used.get(ck[1], 0.0)))
        for cap, key in keyed:
            if amount <= 0:
                break
            if cap.unit == "activities":
                took = counted_by.setdefault(key, [])
                if len(took) < cap.amount:
                    took.append(x)
                    continue
                x.remarks += (_("not counted: {label} already reached").format(label=_(cap.label)),)
                lose(key, x, amount, amount)
                amount = 0.0
                continue
            amount = take(key, cap.amount, x, amount,
                          _("{lost} lost to the cap: {label}").replace("{label}", _(cap.label)))
        for need in maxima:
            if amount > 0 and selects(need.select, x):
                remark = _(need.remark) if need.remark else _("{lost} lost to the cap: {label}").replace(
                    "{label}", _(need.label))
                amount = take(("need:" + need.id, 0), need.amount, x, amount, remark)
        x.counted = amount
    return [_loss_finding(ctx, key, loss, counted_by.get(key, ())) for key, loss in losses.items()]


def _loss_finding(ctx: Context, key: tuple[str, int], loss: _Loss,
                  took: Sequence[Assessed] = ()) -> Finding:
    later = ngettext(" (with {n} later activity)", " (with {n} later activities)", loss.others).format(
        n=loss.others) if loss.others else ""
    kind, name = key[0].split(":", 1)
    if kind == "need":
        need = next(n for n in ctx.quota.needs if n.id == name)
        words = (_(need.lost_words) if need.lost_words
                 else _("{lost} CPE{later} do not count: {label} reached"))
        message = words.format(lost=num(loss.lost), later=later, max=num(need.amount), label=_(need.label))
        return finding(ctx, loss.first.activity, "info", need.lost_code, message,
                       citation=need.citation or ctx.quota.citation)
    cap = next(c for c in ctx.caps if c.bucket == name)
    if cap.unit == "activities":
        lines = ", ".join(str(x.activity.source.line) for x in took)
        message = ngettext(
            "{lost} CPE{later} do not count: {label} reached ({n} activity counts, at line {lines})",
            "{lost} CPE{later} do not count: {label} reached ({n} activities count, at lines {lines})",
            len(took)).format(
            lost=num(loss.lost), later=later, label=_(cap.label), n=len(took), lines=lines)
        return finding(ctx, loss.first.activity, "info", "cap-reached", message, citation=cap.citation)
    message = _("{lost} CPE{later} do not count: {label} reached").format(
        lost=num(loss.lost), later=later, label=_(cap.label))
    return finding(ctx, loss.first.activity, "info", "cap-reached", message, citation=cap.citation)
