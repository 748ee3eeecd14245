"""Renewal by other means: the activity that renewed the credential inside its cycle (the exam passed
again, a higher certification earned), and what that does to the cycle's figures (pure)."""

from __future__ import annotations

from datetime import date

from cpetui.frozen import replace
from cpetui.i18n import _, format_date
from cpetui.model import Activity, Cycle, Explanation, Finding, Requirement
from cpetui.rules.assess import Assessed, Context, dimension_value, finding
from cpetui.rules.dates import add_days


def renewed_by(ctx: Context, items: list[Assessed]) -> tuple[Assessed | None, list[Finding]]:
    """The first activity that renews this credential inside the cycle, up to `as_of`, and a finding for
    each renewing activity that does not renew it (a certification its table does not list for it)."""
    found: Assessed | None = None
    out: list[Finding] = []
    for x in sorted(items, key=lambda x: (x.activity.date, x.activity.index)):
        t = x.type
        if t is None or not t.renews or x.excluded or x.activity.date > ctx.as_of:
            continue
        if t.renews_for is not None:
            value = dimension_value(x, t.renews_dimension) if t.renews_dimension else None
            listed = t.renews_for.get(ctx.cycle.credential.upper(), ())
            if value not in listed:
                out.append(finding(
                    ctx, x.activity, "warning", "renews-nothing",
                    _("{value} does not renew {credential}: it renews only what its table lists "
                      "({listed})").format(value=value or "?", credential=ctx.cycle.credential,
                                           listed=", ".join(listed) or "-"),
                    key=t.renews_dimension or "type", citation=t.citation,
                    hint=_("keep it in the ledger of a credential it renews")))
                continue
        if found is None:
            found = x
    return found, out


def renewed_total(total: Requirement, x: Assessed) -> Requirement:
    """The cycle total once the credential is renewed by `x`: met, saying by what and when."""
    text = _("{before}; renewed by {title} on {date}: the CPE requirement is met").format(
        before=total.explanation.text, title=x.activity.title, date=format_date(x.activity.date))
    cite = x.type.citation if x.type is not None else total.explanation.cite
    from cpetui.rules.sources import words

    return replace(total, met=True, explanation=Explanation(text, words(cite), cite))


def renewal_finding(ctx: Context, x: Assessed) -> Finding:
    if x.type is not None and x.type.next_cycle == "cycle-end":
        text = _("renewed by this activity on {date}: this cycle's requirement is met, and the next cycle "
                 "starts when this one ends, on {next}").format(
            date=format_date(x.activity.date), next=format_date(add_days(ctx.end, 1)))
    else:
        text = _("renewed by this activity on {date}: the next cycle starts that day").format(
            date=format_date(x.activity.date))
    return finding(ctx, x.activity, "info", "renewed", text,
                   citation=x.type.citation if x.type is not None else None)


def would_renew(cycle: Cycle, end: date, activity: Activity, *, own: bool) -> bool:
    """Whether `activity` renews `cycle`'s credential (ending `end`): a renewing type dated inside the
    cycle, and where the type has a table (CompTIA's), one that lists the certification for it. `own`:
    the activity stands in this cycle's ledger; elsewhere only a table can say it renews this one (the
    OffSec exam passed again renews the certification whose ledger records it)."""
    from cpetui.rules.errors import RulesError
    from cpetui.rules.resolve import canonical_cycle, version_of

    try:
        cycle = canonical_cycle(cycle)
        version = version_of(cycle)
    except RulesError:
        return False
    t = version.types.get(activity.type or version.default_type)
    if t is None or not t.renews or not cycle.start <= activity.date <= end:
        return False
    if t.renews_for is None:
        return own
    value = activity.extra.get(t.renews_dimension) if t.renews_dimension else None
    return isinstance(value, str) and value in t.renews_for.get(cycle.credential.upper(), ())
