"""A requirement over a rolling window — this cycle and the cycles just before it (JICPA: 120 over the
current fiscal year and the two before) — from the ledger's `earlier` figures (pure)."""

from __future__ import annotations

import math
from datetime import date

from cpetui.i18n import _, format_date
from cpetui.model import Cycle, Explanation, Finding, Requirement, SourceRef
from cpetui.rules.arithmetic import num, r2
from cpetui.rules.assess import Assessed, Context
from cpetui.rules.dates import add_months
from cpetui.rules.sources import Citation, words
from cpetui.rules.spec import Need


def window_starts(ctx: Context, years: int) -> list[date]:
    """The start dates of the `years - 1` cycles before this one, oldest first."""
    months = ctx.quota.cycle_months or ctx.version.cycle_months
    return [add_months(ctx.start, -k * months) for k in range(years - 1, 0, -1)]


def rolling_row(ctx: Context, need: Need, mine: list[Assessed], cite: Citation | None) -> Requirement:
    """The window's row: this cycle's credits and the earlier cycles' recorded ones, against the amount."""
    starts = window_starts(ctx, need.years)
    given = dict(ctx.cycle.earlier)
    before = r2(math.fsum(given.get(s, 0.0) for s in starts))
    earned = r2(math.fsum(x.credit.earned for x in mine))
    counted = r2(math.fsum(x.counted for x in mine))
    listed = ", ".join(_("{start}: {credits}").format(
        start=format_date(s), credits=num(given[s]) if s in given else _("not recorded")) for s in starts)
    text = _("{field}: {counted} counted in this cycle + {before} in the {n} cycles before it ({listed}); "
             "at least {min} required").format(field=_(need.label), counted=num(counted), before=num(before),
                                               n=len(starts), listed=listed, min=num(need.amount))
    label = _(need.label) + " · " + _("{start} – {end}").format(start=format_date(starts[0]),
                                                                 end=format_date(ctx.end))
    total = r2(counted + before)
    return Requirement(need.id, label, need.kind, r2(earned + before), total, need.amount,
                       total >= need.amount - 1e-9, Explanation(text, words(cite), cite), starts[0], ctx.end)


def earlier_findings(ctx: Context) -> list[Finding]:
    """Each earlier cycle a rolling window needs that `earlier` does not record, and each it records that
    no window reads: located at `earlier` (or the [cycle]), with what to write."""
    needs = [n for n in ctx.quota.needs if n.period == "rolling"]
    if not needs:
        return []
    src = SourceRef(ctx.path, ctx.cycle.line_of("earlier"), 1)
    starts = window_starts(ctx, max(n.years for n in needs))
    given = dict(ctx.cycle.earlier)
    cite = needs[0].citation or ctx.quota.citation
    out = []
    for s in starts:
        if s not in given:
            out.append(Finding("warning", "earlier-missing", _(
                "the cycle starting {start} is not recorded in earlier: the rolling window counts it as 0"
            ).format(start=format_date(s)), src, None, words(cite), _(
                "write earlier = [{{ start = {start}, credits = … }}, …] with the credits the body "
                "recorded, or make this ledger with cpetui new --from the previous one").format(
                start=s.isoformat()), cite))
    for s in sorted(set(given) - set(starts)):
        out.append(Finding("warning", "earlier-unused", _(
            "earlier records a cycle starting {start}, which is not one of the {n} cycles before this one "
            "({starts}): not counted").format(start=format_date(s), n=len(starts),
                                             starts=", ".join(format_date(x) for x in starts)),
            src, None, words(cite), _("check its start date"), cite))
    return out


def window_years(cycle: Cycle) -> int:
    """The longest rolling window (in cycles) the cycle's rules ask for; 0 when none (or the cycle cannot
    be evaluated: whoever asks says nothing then)."""
    from cpetui.rules.errors import RulesError
    from cpetui.rules.resolve import canonical_cycle, version_of
    from cpetui.rules.spec import QuotaError

    try:
        cycle = canonical_cycle(cycle)
        quota = version_of(cycle).quota(cycle)
    except (RulesError, QuotaError):
        return 0
    return max((n.years for n in quota.needs if n.period == "rolling"), default=0)


def earlier_for_next(cycle: Cycle, counted: float, years: int) -> tuple[tuple[date, float], ...]:
    """What the next cycle's `earlier` records: the last `years - 1` cycles, this one (`counted`) last."""
    if years < 2:
        return ()
    known = dict(cycle.earlier)
    known[cycle.start] = r2(counted)
    return tuple(sorted(known.items()))[-(years - 1):]
