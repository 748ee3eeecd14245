"""Where the cycle stands: requirements, carryover, key dates, pace and the overall state."""

from __future__ import annotations

import math
from datetime import date, timedelta

from cpetui.i18n import _, format_date
from cpetui.model import Explanation, Finding, KeyDate, Pace, Requirement, SourceRef, State
from cpetui.rules.arithmetic import num, r2
from cpetui.rules.assess import Assessed, Context, year_index
from cpetui.rules.dates import add_days, add_months, add_years, months_between
from cpetui.rules.sources import Citation
from cpetui.rules.sources import words as in_words


def _sum(values) -> float:  # type: ignore[no-untyped-def]
    return r2(math.fsum(values))


def explained(text: str, citation: Citation | None) -> Explanation:
    """`text` with the rule it rests on, in words and as data."""
    return Explanation(text, in_words(citation), citation)


def _req(id: str, label: str, kind: str, earned: float, counted: float, required: float, text: str,
         citation: Citation | None, start: date | None = None, end: date | None = None,
         met: bool | None = None) -> Requirement:
    if met is None:
        met = earned <= required if kind == "maximum" else counted >= required - 1e-9
    return Requirement(id, label, kind, r2(earned), r2(counted), r2(required), met,  # type: ignore[arg-type]
                       explained(text, citation), start, end)


# ------------------------------------------------------------------------------------- carryover


def carry_in(ctx: Context) -> tuple[float, Explanation, list[Finding]]:
    """(credits carried in that count, why, findings) from the ledger's `carryover_in`."""
    stated = ctx.cycle.carryover_in
    cap = ctx.quota.carryover_cap
    cite = ctx.version.carryover_citation
    cite_words = in_words(cite)
    src = SourceRef(ctx.path, ctx.cycle.line_of("carryover_in"), 1)
    if stated <= 0:
        return 0.0, explained(_("nothing carried in"), cite), []
    if cap == 0:
        why = _("{stated} stated, but {credential} under {version} has no carryover").format(
            stated=num(stated), credential=ctx.cycle.credential, version=ctx.version.id)
        return 0.0, explained(why, cite), [
            Finding("warning", "carryover-not-allowed",
                    _("carryover_in = {stated}, but {credential} has no carryover: not counted").format(
                        stated=num(stated), credential=ctx.cycle.credential), src, None, cite_words,
                    _("remove carryover_in"), cite)]
    if cap is not None and stated > cap:
        return cap, explained(_("{stated} stated, at most {cap} carry over = {cap}").format(
            stated=num(stated), cap=num(cap)), cite), [
            Finding("warning", "carryover-over-cap",
                    _("carryover_in = {stated} is above the cap of {cap}: {cap} counted").format(
                        stated=num(stated), cap=num(cap)), src, None, cite_words,
                    _("write carryover_in = {cap}").format(cap=num(cap)), cite)]
    return r2(stated), explained(_("{stated} carried in from the previous cycle").format(
        stated=num(stated)), cite), []


def carry_out(ctx: Context, items: list[Assessed], total_counted: float) -> tuple[float, Explanation]:
    cap = ctx.quota.carryover_cap
    cite = ctx.version.carryover_citation
    if cap == 0:
        return 0.0, explained(_("no carryover for {credential} under {version}{note}").format(
            credential=ctx.cycle.credential, version=ctx.version.id,
            note=(" (" + _(ctx.quota.note) + ")") if ctx.quota.note else ""), cite)
    excess = r2(total_counted - ctx.quota.total)
    if excess <= 0:
        return 0.0, explained(_("nothing above the {total} required to carry over").format(
            total=num(ctx.quota.total)), cite)
    if ctx.version.carryover_pool == "group-a-last-6-months":
        # The last 6 months of a cycle ending 2026-11-30 are 2026-06-01 … 2026-11-30.
        since = add_months(ctx.end + timedelta(days=1), -6)
        pool = _sum(x.counted for x in items if x.group == "A" and x.activity.date >= since)
        pool_words = _("Group A earned from {since}: {pool}").format(since=format_date(since),
                                                                           pool=num(pool))
    else:
        pool = _sum(x.counted for x in items)
        pool_words = _("earned this cycle: {pool}").format(pool=num(pool))
    out = min(excess, pool) if cap is None else min(excess, pool, cap)
    out = max(0.0, r2(out))
    cap_words = _("no cap stated") if cap is None else _("at most {cap}").format(cap=num(cap))
    return out, explained(_("{excess} above the {total} required; {pool}; {cap} = {out} carry over").format(
        excess=num(excess), total=num(ctx.quota.total), pool=pool_words, cap=cap_words, out=num(out)), cite)


# ---------------------------------------------------------------------------------- requirements


def requirements(
    ctx: Context, items: list[Assessed], carried: float
) -> tuple[Requirement, list[Requirement]]:
    q, v = ctx.quota, ctx.version
    live = [x for x in items if not x.excluded]
    earned = _sum(x.credit.earned for x in live)
    counted = _sum(x.counted for x in live)
    carry_words = _(" + {carry} carried in").format(carry=num(carried)) if carried else ""
    note = (" (" + _(q.note) + ")") if q.note else ""
    total = _req("total", _("Cycle total"), "required", earned + carried, counted + carried, q.total,
                 _("{counted} counted of {earned} earned{carry}; {required} required{note}").format(
                     counted=num(counted), earned=num(earned), carry=carry_words, required=num(q.total),
                     note=note), q.citation, ctx.start, ctx.end)
    out: list[Requirement] = []
    if v.groups:
        a_earned = _sum(x.credit.earned for x in live if x.group == "A")
        a_counted = _sum(x.counted for x in live if x.group == "A")
        b_earned = _sum(x.credit.earned for x in live if x.group == "B")
        b_counted = _sum(x.counted for x in live if x.group == "B")
        if q.group_a_min is not None and q.group_a_min < q.total:
            out.append(_req("group-a", _("Group A minimum"), "required", a_earned + carried,
                            a_counted + carried, q.group_a_min,
                            _("Group A {counted}{carry}; at least {min} required").format(
                                counted=num(a_counted), carry=carry_words, min=num(q.group_a_min)),
                            q.citation, ctx.start, ctx.end))
        if q.group_b_max:
            out.append(_req("group-b", _("Group B maximum"), "maximum", b_earned, b_counted, q.group_b_max,
                            _("Group B {earned} earned, at most {max} count").format(
                                earned=num(b_earned), max=num(q.group_b_max)),
                            q.citation, ctx.start, ctx.end))
        if q.annual:
            out.extend(_annual(ctx, live, carried))
    for fld, minimum in (("fraud", q.fraud_min), ("ethics", q.ethics_min)):
        if minimum:
            f_earned = _sum(x.credit.earned for x in live if x.field == fld)
            f_counted = _sum(x.counted for x in live if x.field == fld)
            label = _("Fraud-related") if fld == "fraud" else _("Ethics")
            out.append(_req(fld, label, "required", f_earned, f_counted, minimum,
                            _("{field}: {counted} counted; at least {min} required").format(
                                field=label, counted=num(f_counted), min=num(minimum)),
                            q.citation, ctx.start, ctx.end))
    out.extend(_caps(ctx, live))
    return total, out


def _annual(ctx: Context, live: list[Assessed], carried: float) -> list[Requirement]:
    q = ctx.quota
    years = max(1, year_index(ctx, ctx.end) + 1)
    by_year: list[list[Assessed]] = [[] for _k in range(years)]
    for x in live:
        k = year_index(ctx, x.activity.date)
        if k < years:
            by_year[k].append(x)
    out = []
    for k in range(years):
        y_start = add_years(ctx.start, k)
        y_end = min(ctx.end, add_years(ctx.start, k + 1) - timedelta(days=1))
        in_year = by_year[k]
        a = _sum(x.counted for x in in_year if x.group == "A")
        b = _sum(x.counted for x in in_year if x.group == "B")
        b_counts = b if q.annual_b_max is None else min(b, q.annual_b_max)
        carry = carried if (k == 0 and q.carry_in_counts_annual) else 0.0
        earned = _sum(x.credit.earned for x in in_year) + carry
        if q.annual_b_max == 0:
            words = _("Group A {a}{carry}; Group A only").format(
                a=num(a), carry=_(" + {c} carried in").format(c=num(carry)) if carry else "")
        else:
            words = _("Group A {a} + Group B {b} (at most {bmax} count){carry}").format(
                a=num(a), b=num(b), bmax=num(q.annual_b_max) if q.annual_b_max is not None else "—",
                carry=_(" + {c} carried in").format(c=num(carry)) if carry else "")
        kind = q.annual_kind
        words += _("; {amount} {kind} a year").format(
            amount=num(q.annual or 0), kind=_("required") if kind == "required" else _("recommended"))
        label = _("Year {n} ({start} – {end})").format(n=k + 1, start=format_date(y_start),
                                                              end=format_date(y_end))
        out.append(_req(f"year-{k + 1}", label,
                        kind, earned, a + b_counts + carry, q.annual or 0, words, q.citation,
                        y_start, y_end))
    return out


def _caps(ctx: Context, live: list[Assessed]) -> list[Requirement]:
    out = []
    for cap in ctx.version.caps:
        mine = [x for x in live if x.category == cap.bucket]
        if not mine and not cap.shown_when_unused:
            continue
        earned = _sum(x.credit.earned for x in mine)
        counted = _sum(x.counted for x in mine)
        per = _("a year") if cap.per == "year" else _("in the cycle")
        out.append(_req(f"cap-{cap.bucket}", _(cap.label), "maximum", earned, counted, cap.amount,
                        _("{earned} earned, {counted} count; at most {cap} {per}").format(
                            earned=num(earned), counted=num(counted), cap=num(cap.amount), per=per),
                        cap.citation, ctx.start, ctx.end,
                        met=counted >= earned - 1e-9))  # a cap is met while nothing is lost to it
    return out


# ------------------------------------------------------------------------------ dates and state


def key_dates(ctx: Context) -> tuple[KeyDate, ...]:
    cycle_end = KeyDate("cycle-end", _("Cycle ends"), ctx.end, explained(
        _("the last day activities count for this cycle"), ctx.version.citation))
    found = {"cycle-end": cycle_end}
    for rule in ctx.version.key_dates:
        base = found[rule.after].date
        when = add_days(add_months(base, rule.months), rule.days)
        found[rule.id] = KeyDate(rule.id, _(rule.label), when, explained(_(rule.label), rule.citation))
    out = list(found.values())
    nxt = next_deadline(ctx)
    if nxt is not None:
        out.append(nxt)
    return tuple(sorted(out, key=lambda k: (k.date, k.id)))


def next_deadline(ctx: Context) -> KeyDate | None:
    v = ctx.version
    if not v.yearly_deadline or ctx.as_of > ctx.end:
        return None
    k = 1
    while True:
        when = add_years(ctx.start, k) - timedelta(days=1)
        if when >= ctx.end:
            when = ctx.end
        if when >= ctx.as_of:
            return KeyDate("next-deadline", _(v.yearly_deadline), when,
                           explained(_("year {n} of the cycle ends").format(n=k), v.yearly_citation))
        k += 1


def pace(ctx: Context, total: Requirement) -> Pace | None:
    if ctx.as_of > ctx.end:
        return None
    remaining = total.remaining
    months_left = r2(months_between(ctx.as_of, ctx.end))
    per_month = r2(remaining / max(months_left, 1.0)) if remaining else 0.0
    text = _("{remaining} CPE still needed in {months} months: {per} a month").format(
        remaining=num(remaining), months=num(months_left), per=num(per_month))
    # Where the body gives no advice on pace, the figure rests on the cycle total and its end.
    if ctx.version.pace_advice:
        text += "; " + _(ctx.version.pace_advice)
        return Pace(r2(remaining), months_left, per_month, explained(text, ctx.version.pace_citation))
    return Pace(r2(remaining), months_left, per_month, explained(text, total.explanation.cite))


def state(ctx: Context, total: Requirement, reqs: list[Requirement], grace_end: date | None,
          dates: tuple[KeyDate, ...] = ()) -> State:
    required = [total] + [r for r in reqs if r.kind == "required"]
    if all(r.met for r in required):
        return "complete"
    if ctx.as_of > ctx.end:
        if grace_end is not None and ctx.as_of <= grace_end:
            return "in-grace"
        # ISC2 suspends for 2 years before the credential lapses; ACFE suspends.
        on = {k.id: k.date for k in dates}
        suspended, lapses = on.get("suspension"), on.get("lapse")
        if suspended is not None and suspended <= ctx.as_of and (lapses is None or ctx.as_of < lapses):
            return "suspended"
        return "lapsed"
    if any(r.period_end and r.period_end < ctx.as_of and not r.met for r in required):
        return "behind"
    span = (ctx.end - ctx.start).days + 1
    elapsed = max(0, (ctx.as_of - ctx.start).days + 1)
    # A month's slack: a cycle that has just begun is not yet behind.
    expected = total.required * min(1.0, max(0.0, elapsed - 30.4375) / span)
    return "behind" if total.counted + 1e-9 < expected else "on-track"
