"""evaluate(ledger, as_of) → Status: the rules' whole answer for one ledger, every figure explained."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from cpetui.frozen import replace
from cpetui.i18n import _, format_date
from cpetui.model import ActivityCredit, Explanation, Finding, KeyDate, Ledger, SourceRef, Status
from cpetui.rules.assess import Assessed, Context, assess, run_checks
from cpetui.rules.became import became, ended_total, no_carryover
from cpetui.rules.certified import certified_findings
from cpetui.rules.count import count
from cpetui.rules.dates import add_years
from cpetui.rules.errors import RulesError
from cpetui.rules.portal import reconcile
from cpetui.rules.renewal import renewal_finding, renewed_by, renewed_total
from cpetui.rules.resolve import canonical_cycle, cycle_end, program_of, version_of
from cpetui.rules.rolling import earlier_findings
from cpetui.rules.sources import words
from cpetui.rules.spec import QuotaError
from cpetui.rules.standing import (
    carry_in,
    carry_out,
    completion_dates,
    key_dates,
    pace,
    requirements,
    state,
)

if TYPE_CHECKING:
    from cpetui.rules.spec import Program

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def evaluate(ledger: Ledger, as_of: date, *, evidence_present: Mapping[str, bool] | None = None) -> Status:
    """Where `ledger` stands on `as_of`. Raises RulesError when its cycle cannot be evaluated.

    `evidence_present` maps each evidence string to whether its file exists (the ledger layer checks);
    None means "not checked", and no evidence-not-found findings are made.
    """
    j = _judge(ledger, as_of, evidence_present, figures=True)
    ctx, items, dates = j.ctx, j.items, j.dates
    total, reqs = requirements(ctx, items, j.carried)
    renewal, successor, program = j.renewal, j.successor, j.program
    if renewal is not None:  # renewed by other means: nothing more is required of this cycle
        total = renewed_total(total, renewal)
        reqs = [replace(r, met=True) if r.kind == "required" else r for r in reqs]
    if successor is not None:  # the credential became another: this cycle's requirement ends with it
        total = ended_total(total, successor, ctx, program)
        reqs = [replace(r, met=True) if r.kind == "required" else r for r in reqs]
        # No grace, suspension or lapse follows a cycle that ended this way; its records are still kept.
        dates = tuple(k for k in dates if k.id in ("cycle-end", "evidence-retention"))
    due = completion_dates(ctx, reqs, dates)
    if due:
        dates = tuple(sorted((*dates, *due), key=lambda k: (k.date, k.id)))
    out, out_expl = carry_out(ctx, items, total.counted)
    if successor is not None:
        out, out_expl = 0.0, no_carryover(successor, ctx, program)
    cycle, version = ctx.cycle, ctx.version
    return Status(
        path=ledger.path,
        program=cycle.program,
        credential=cycle.credential,
        rules_version=version.id,
        as_of=as_of,
        cycle_start=cycle.start,
        cycle_end=ctx.end,
        total=total,
        requirements=tuple(reqs),
        carryover_in=j.carried,
        carryover_out=out,
        carryover_explanation=Explanation(
            _("in: {into}; out: {out}").format(into=j.carry_expl.text, out=out_expl.text), out_expl.citation,
            out_expl.cite),
        key_dates=dates,
        pace=pace(ctx, total, reqs),
        state=state(ctx, total, reqs, ctx.grace_end, dates),
        activities=j.credits,
        findings=j.findings,
        type_labels=tuple((t.id, t.label) for t in version.types.values()),
        renewed_on=(renewal.activity.date if renewal is not None and renewal.type is not None
                    and renewal.type.next_cycle == "that-day" else None),
        unit=version.unit,
    )


def findings(ledger: Ledger, as_of: date, *,
             evidence_present: Mapping[str, bool] | None = None) -> tuple[Finding, ...]:
    """`evaluate(ledger, as_of, …).findings`, without the figures (requirements, pace, state, each
    activity's credit) that no finding depends on: what `cpetui check` reports. Raises as evaluate does."""
    return _judge(ledger, as_of, evidence_present, figures=False).findings


class _Judged:
    """What the rules made of one ledger on the way to its figures: every finding, sorted, and what the
    figures are built from."""

    __slots__ = ("ctx", "items", "dates", "carried", "carry_expl", "renewal", "successor", "program",
                 "credits", "findings")

    def __init__(self, ctx: Context, items: list[Assessed], dates: tuple[KeyDate, ...], carried: float,
                 carry_expl: Explanation, renewal: Assessed | None, successor: str | None,
                 program: Program, credits: tuple[ActivityCredit, ...],
                 findings: tuple[Finding, ...]) -> None:
        self.ctx, self.items, self.dates = ctx, items, dates
        self.carried, self.carry_expl = carried, carry_expl
        self.renewal, self.successor, self.program = renewal, successor, program
        self.credits, self.findings = credits, findings


def _judge(ledger: Ledger, as_of: date, evidence_present: Mapping[str, bool] | None, *,
           figures: bool) -> _Judged:
    """Every finding on `ledger`, in the one order evaluate gives them. `figures` False: each activity's
    credit is left out unless the ledger's portal figures are reconciled with it."""
    if ledger.cycle is None:
        raise RulesError(Finding("error", "no-cycle", _("the ledger has no usable [cycle]; fix it first"),
                                 SourceRef(ledger.path, 1, 1)))
    cycle = canonical_cycle(ledger.cycle)
    version = version_of(cycle)
    try:
        quota = version.quota(cycle)
    except QuotaError as exc:
        raise RulesError(Finding("error", "unknown-credential", exc.message,
                                 SourceRef(ledger.path, cycle.line_of(exc.key), 1), None,
                                 words(version.citation), exc.hint, version.citation)) from None
    end = cycle_end(cycle, version)
    years = tuple(add_years(cycle.start, k) for k in range(max(1, (end.year - cycle.start.year) + 2)))
    ctx = Context(ledger.path, cycle, version, quota, cycle.start, end, None, as_of, evidence_present,
                  years)
    dates = key_dates(ctx)
    grace_end = next((k.date for k in dates if k.id == version.grace), None) if version.grace else None
    ctx = replace(ctx, grace_end=grace_end)
    found: list[Finding] = list(_cycle_findings(ctx, ledger))
    items = [assess(ctx, a) for a in ledger.activities]
    found.extend(run_checks(ctx, items))
    found.extend(count(ctx, items))
    carried, carry_expl, carry_findings = carry_in(ctx)
    found.extend(carry_findings)
    renewal, renewal_findings = renewed_by(ctx, items)
    found.extend(renewal_findings)
    if renewal is not None:
        found.append(renewal_finding(ctx, renewal))
    program = program_of(cycle)
    successor, became_findings = became(ctx, program)
    found.extend(became_findings)
    found.extend(earlier_findings(ctx))
    credits = _credits(items) if figures or ledger.portal else ()
    found.extend(reconcile(ledger, credits, carried))
    found.sort(key=lambda f: (f.source.line if f.source else 0, _SEVERITY_ORDER[f.severity], f.code))
    return _Judged(ctx, items, dates, carried, carry_expl, renewal, successor, program, credits, tuple(found))


def _credits(items: list[Assessed]) -> tuple[ActivityCredit, ...]:
    # Explanations repeat (same measure, same type): share one object per distinct text.
    explained: dict[tuple[str, str], Explanation] = {}
    out = []
    for x in items:
        text = x.credit.text
        if x.remarks:
            text += "; " + "; ".join(x.remarks)
        cite = x.type.citation if x.type is not None else None
        key = (text, x.type.id if x.type is not None else "")
        expl = explained.get(key)
        if expl is None:
            expl = explained[key] = Explanation(text, words(cite), cite)
        out.append(ActivityCredit(x.activity.id, x.activity.source.line, x.credit.earned, x.counted,
                                  expl, x.category, x.group, x.field))
    return tuple(out)


def _cycle_findings(ctx: Context, ledger: Ledger) -> list[Finding]:
    cycle, v = ctx.cycle, ctx.version
    out = []
    if cycle.rules and not v.applies_to_date(cycle.start):
        out.append(Finding("info", "version-outside-dates",
                           _("{version} is pinned, though its dates do not cover a cycle starting "
                             "{start}").format(version=v.id, start=format_date(cycle.start)),
                           SourceRef(ctx.path, cycle.line_of("rules"), 1), None, words(v.citation), "",
                           v.citation))
    if v.cycle_anchor == "calendar-year" and (cycle.start.month, cycle.start.day) != (1, 1):
        out.append(Finding("info", "period-start",
                           _("{program} periods run from 1 January; this cycle starts {start}").format(
                               program=cycle.program, start=format_date(cycle.start)),
                           SourceRef(ctx.path, cycle.line_of("start"), 1), None, words(v.citation),
                           _("write start = {year}-01-01").format(year=cycle.start.year), v.citation))
    if v.cycle_anchor == "month-end" and cycle.start.day != 1 and cycle.end is None:
        # ACFE: the year is the 12 months ending with the anniversary month (official FAQ).
        first = cycle.start.replace(day=1)
        out.append(Finding("warning", "period-start",
                           _("{program} years are 12 whole months ending with the anniversary month; this "
                             "one starts mid-month ({start}) and so runs longer").format(
                               program=cycle.program, start=format_date(cycle.start)),
                           SourceRef(ctx.path, cycle.line_of("start"), 1), None, words(v.citation),
                           _("write start = {first} (the first day after the previous anniversary month)")
                           .format(first=first.isoformat()), v.citation))
    out.extend(certified_findings(ctx.path, cycle, v))
    for note, citation in v.notes:
        out.append(Finding("info", "program-note", _(note), SourceRef(ctx.path, cycle.source.line, 1), None,
                           words(citation), "", citation))
    return out
