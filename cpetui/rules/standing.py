"""Where the cycle stands: requirements, carryover, key dates, pace and the overall state."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from cpetui.i18n import N_, _, format_date, ngettext
from cpetui.model import Explanation, Finding, KeyDate, Pace, Requirement, SourceRef, State
from cpetui.rules.arithmetic import num, r2
from cpetui.rules.assess import Assessed, Context, selects, year_index
from cpetui.rules.dates import add_days, add_months, add_years, months_between
from cpetui.rules.sources import Citation
from cpetui.rules.sources import words as in_words
from cpetui.rules.spec import Cap, Need


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
    v = ctx.version
    if v.carryover_window_months is not None or not v.carryover_select.everything:
        # The last 6 months of a cycle ending 2026-11-30 are 2026-06-01 … 2026-11-30.
        since = (add_months(ctx.end + timedelta(days=1), -v.carryover_window_months)
                 if v.carryover_window_months is not None else ctx.start)
        pool = _sum(x.counted for x in items if selects(v.carryover_select, x) and x.activity.date >= since)
        pool_words = _(v.carryover_words or N_("credits that may carry over, earned from {since}: {pool}")
                       ).format(since=format_date(since), pool=num(pool))
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
    q = ctx.quota
    live = [x for x in items if not x.excluded]
    earned = _sum(x.credit.earned for x in live)
    counted = _sum(x.counted for x in live)
    carry_words = _(" + {carry} carried in").format(carry=num(carried)) if carried else ""
    note = (" (" + _(q.note) + ")") if q.note else ""
    if ctx.version.unit == "completions":
        total = _req("total", _(q.label) if q.label else _("Completions in the cycle"),
                     "required", earned, counted, q.total,
                     _("{counted} completed; {required} required{note}").format(
                         counted=num(counted), required=num(q.total), note=note), q.citation, ctx.start,
                     ctx.end)
    else:
        total = _req("total", _("Cycle total"), "required", earned + carried, counted + carried, q.total,
                     _("{counted} counted of {earned} earned{carry}; {required} required{note}").format(
                         counted=num(counted), earned=num(earned), carry=carry_words,
                         required=num(q.total), note=note), q.citation, ctx.start, ctx.end)
    out: list[Requirement] = []
    for need in q.needs:
        out.extend(_need(ctx, need, live, carried))
    if q.annual:
        out.extend(_annual(ctx, live, carried))
    out.extend(_caps(ctx, live))
    return total, out


def _need(ctx: Context, need: Need, live: list[Assessed], carried: float) -> list[Requirement]:
    """One requirement record as rows: the cycle's, or one for each year of it."""
    if need.kind == "maximum" and need.amount == 0:
        return []  # nothing of it counts at all: each such activity says so where it stands
    if need.kind != "maximum" and need.period == "cycle" and need.amount >= ctx.quota.total:
        return []  # the whole total: the total's own row says it
    mine = [x for x in live if selects(need.select, x)]
    cite = need.citation or ctx.quota.citation
    if need.period == "rolling":
        from cpetui.rules.rolling import rolling_row

        return [rolling_row(ctx, need, mine, cite)]
    completions = ctx.version.unit == "completions"
    if need.period == "cycle":
        carry = carried if need.carryover_counts else 0.0
        return [_need_row(need, need.id, _(need.label), mine, carry, cite, ctx.start, ctx.end,
                          completions)]
    rows = []
    for k, (y_start, y_end) in enumerate(_periods(ctx, need.period)):
        in_period = [x for x in mine if y_start <= x.activity.date <= y_end or (
            k == 0 and x.activity.date < y_start)]
        carry = carried if (k == 0 and need.carryover_counts) else 0.0
        label = _("Year {n} ({start} – {end})").format(n=k + 1, start=format_date(y_start),
                                                        end=format_date(y_end))
        if not need.select.everything:
            label = _(need.label) + " · " + label
        rows.append(_need_row(need, f"{need.id}-year-{k + 1}", label, in_period, carry, cite, y_start,
                              y_end, completions))
    return rows


def _periods(ctx: Context, period: str) -> list[tuple[date, date]]:
    """The years of the cycle: the body's own (from the cycle start) or calendar years."""
    out = []
    if period == "calendar-year":
        for year in range(ctx.start.year, ctx.end.year + 1):
            out.append((max(ctx.start, date(year, 1, 1)), min(ctx.end, date(year, 12, 31))))
        return out
    k = 0
    while add_years(ctx.start, k) <= ctx.end:
        out.append((add_years(ctx.start, k), min(ctx.end, add_years(ctx.start, k + 1) - timedelta(days=1))))
        k += 1
    return out


def _need_row(need: Need, rid: str, label: str, mine: list[Assessed], carry: float,
              cite: Citation | None, start: date, end: date, completions: bool = False) -> Requirement:
    earned = _sum(x.credit.earned for x in mine)
    counted = _sum(x.counted for x in mine)
    carry_words = _(" + {carry} carried in").format(carry=num(carry)) if carry else ""
    if need.words:
        words = _(need.words)
    elif completions:
        words = _("{field}: {counted} completed; at least {min} required")
    elif need.kind == "maximum":
        words = _("{field}: {earned} earned, at most {max} count")
    else:
        words = _("{field}: {counted} counted; at least {min} required")
        if need.kind == "recommended":
            words = _("{field}: {counted} counted; {min} recommended")
        if carry:
            words += carry_words
    text = words.format(field=_(need.label), label=_(need.label), counted=num(counted),
                        earned=num(earned), carry=carry_words, min=num(need.amount), max=num(need.amount))
    return _req(rid, label, need.kind, earned + carry, counted + carry, need.amount, text, cite, start, end)


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
    by_category: dict[str, list[Assessed]] = {}
    for x in live:
        by_category.setdefault(x.category, []).append(x)
    for cap in ctx.caps:
        sel = cap.select
        if sel is None:
            mine = by_category.get(cap.bucket, [])
        elif sel.categories and not sel.dimensions and not sel.types:
            mine = [x for c in sel.categories for x in by_category.get(c, ())]
        else:
            mine = [x for x in live if selects(sel, x)]
        if not mine and not cap.shown_when_unused:
            continue
        if cap.per == "year":
            # A cap per year is one row per year it applies to (the body's year), never one for the cycle.
            years = _periods(ctx, "year")
            for k, (y_start, y_end) in enumerate(years):
                in_year = [x for x in mine if year_index(ctx, x.activity.date) == k]
                if in_year or (cap.shown_when_unused and not mine):
                    label = _(cap.label) + " · " + _("Year {n} ({start} – {end})").format(
                        n=k + 1, start=format_date(y_start), end=format_date(y_end))
                    out.append(_cap_row(cap, f"cap-{cap.bucket}-year-{k + 1}", label, in_year, y_start,
                                        y_end))
            continue
        out.append(_cap_row(cap, f"cap-{cap.bucket}", _(cap.label), mine, ctx.start, ctx.end))
    return out


def _cap_row(cap: Cap, rid: str, label: str, mine: list[Assessed], start: date, end: date) -> Requirement:
    earned = _sum(x.credit.earned for x in mine)
    counted = _sum(x.counted for x in mine)
    per = _("a year") if cap.per == "year" else _("in the cycle")
    if cap.unit == "activities":
        n = sum(1 for x in mine if x.counted > 0)
        text = ngettext("{earned} earned, {counted} count; at most {cap} activity {per} ({n} counted)",
                        "{earned} earned, {counted} count; at most {cap} activities {per} ({n} counted)",
                        int(cap.amount)).format(earned=num(earned), counted=num(counted),
                                                cap=num(cap.amount), per=per, n=n)
        return _req(rid, label, "maximum", len(mine), n, cap.amount, text, cap.citation, start, end,
                    met=counted >= earned - 1e-9)
    return _req(rid, label, "maximum", earned, counted, cap.amount,
                _("{earned} earned, {counted} count; at most {cap} {per}").format(
                    earned=num(earned), counted=num(counted), cap=num(cap.amount), per=per),
                cap.citation, start, end,
                met=counted >= earned - 1e-9)  # a cap is met while nothing is lost to it


# ------------------------------------------------------------------------------ dates and state


def key_dates(ctx: Context) -> tuple[KeyDate, ...]:
    cycle_end = KeyDate("cycle-end", _("Cycle ends"), ctx.end, explained(
        _("the last day activities count for this cycle"), ctx.version.citation))
    found = {"cycle-end": cycle_end}
    for rule in ctx.version.key_dates:
        base = found[rule.after].date
        when = add_days(add_months(base, rule.months), rule.days)
        found[rule.id] = KeyDate(rule.id, _(rule.label), when, explained(_(rule.label), rule.citation),
                                 _(rule.clears) if rule.clears else "")
    out = list(found.values())
    nxt = next_deadline(ctx)
    if nxt is not None:
        out.append(nxt)
    return tuple(sorted(out, key=lambda k: (k.date, k.id)))


def completion_dates(ctx: Context, reqs: list[Requirement],
                     dates: tuple[KeyDate, ...]) -> tuple[KeyDate, ...]:
    """In a version counting completions, the end of each period whose required completions are not all
    done: what falls due next, as a key date (the status, `due`, the app and the calendar show it). A
    requirement with `by` falls due at that key date when it comes within its period."""
    if ctx.version.unit != "completions":
        return ()
    on = {k.id: k.date for k in dates}
    out = []
    for need in ctx.quota.needs:
        if need.kind != "required":
            continue
        for row in reqs:
            if row.met or row.period_end is None or not (
                    row.id == need.id or row.id.startswith(need.id + "-year-")):
                continue
            when = row.period_end
            by = on.get(need.by) if need.by else None
            if by is not None and row.period_start is not None and row.period_start <= by < when:
                when = by
            year = row.id[len(need.id) + len("-year-"):] if row.id != need.id else ""
            if year:
                label = (_("{label}, year {n}: to complete") if when >= ctx.as_of
                         else _("{label}, year {n}: not completed in time")).format(
                    label=_(need.label), n=year)
            else:
                label = (_("{label}: to complete") if when >= ctx.as_of
                         else _("{label}: not completed in time")).format(label=_(need.label))
            text = _("at least {n} to complete from {start} to {end}").format(
                n=num(row.required), start=format_date(row.period_start or ctx.start),
                end=format_date(when))
            out.append(KeyDate(f"due-{row.id}", label, when, explained(text, row.explanation.cite)))
    return tuple(out)


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


def pace(ctx: Context, total: Requirement, reqs: Sequence[Requirement] = ()) -> Pace | None:
    if ctx.as_of > ctx.end or ctx.version.unit == "completions":
        return None  # a course is completed or not: the periods' ends say when, not a rate a month
    # A rolling window may need more of this cycle than its own total (a lean year before it).
    rolling = {n.id for n in ctx.quota.needs if n.period == "rolling" and n.kind == "required"}
    # A total met by other means (renewed, became another credential) needs nothing more.
    remaining = max([0.0 if total.met else total.remaining,
                     *(r.remaining for r in reqs if r.id in rolling and not r.met)])
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
    if ctx.version.unit == "completions":
        return "on-track"  # completions fall due at their periods' ends, not pro rata over the cycle
    span = (ctx.end - ctx.start).days + 1
    elapsed = max(0, (ctx.as_of - ctx.start).days + 1)
    # A month's slack: a cycle that has just begun is not yet behind.
    expected = total.required * min(1.0, max(0.0, elapsed - 30.4375) / span)
    return "behind" if total.counted + 1e-9 < expected else "on-track"
