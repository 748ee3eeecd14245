"""Per-activity assessment: type, group, field and credits, then the eligibility checks (a registry)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from types import MappingProxyType

from cpetui.frozen import default_factory, frozen
from cpetui.i18n import N_, _, format_date
from cpetui.model import Activity, Cycle, Finding, SourceRef
from cpetui.rules.sources import Citation, words
from cpetui.rules.spec import ActivityType, Cap, Credit, Quota, Selector, Version


@frozen
class Context:
    """Everything a check may look at: the cycle, its version and quota, its dates, and `as_of`."""

    path: str
    cycle: Cycle
    version: Version
    quota: Quota
    start: date
    end: date
    grace_end: date | None
    as_of: date
    evidence_present: Mapping[str, bool] | None
    year_starts: tuple[date, ...] = ()  # start of each year of the cycle, by the body's own year
    memo: dict[tuple, Credit] = default_factory(dict)  # same type and measure, same credit

    @property
    def caps(self) -> tuple[Cap, ...]:
        """The caps in force: the quota's where it gives them (a program file's), else the version's."""
        return self.quota.caps if self.quota.caps is not None else self.version.caps


class Assessed:
    """One activity as the rules see it; `counted` is filled in by the counting pass.

    A plain slotted class, changed as the checks and the counting pass go: one is made per activity.
    """

    __slots__ = ("activity", "type", "credit", "group", "field", "category", "excluded", "counted",
                 "remarks")

    def __init__(self, activity: Activity, type: ActivityType | None, credit: Credit,  # noqa: A002
                 group: str | None, field: str | None, category: str, excluded: bool = False,
                 counted: float = 0.0, remarks: tuple[str, ...] = ()) -> None:
        self.activity = activity
        self.type = type
        self.credit = credit
        self.group = group
        self.field = field
        self.category = category
        self.excluded = excluded
        self.counted = counted
        self.remarks = remarks  # words appended to the explanation (rare: a tuple, grown by +)

    def __repr__(self) -> str:
        return (f"Assessed({self.activity.id!r}, type={self.type.id if self.type else None!r}, "
                f"earned={self.credit.earned!r}, counted={self.counted!r}, excluded={self.excluded!r})")


def finding(ctx: Context, a: Activity, severity: str, code: str, message: str, *, key: str | None = None,
            hint: str = "", citation: Citation | None = None) -> Finding:
    line = a.line_of(key) if key else a.source.line
    return Finding(severity, code, message, SourceRef(ctx.path, line, 1), a.id, words(citation), hint,  # type: ignore[arg-type]
                   citation)


def year_index(ctx: Context, when: date) -> int:
    """Which year of the cycle (0-based) `when` falls in, by the body's own year (from the cycle start)."""
    return max(0, bisect.bisect_right(ctx.year_starts, when) - 1)


# --------------------------------------------------------------------------- type, group, field


def type_of(version: Version, a: Activity) -> ActivityType | None:
    return version.types.get(a.type or version.default_type)


def group_of(version: Version, t: ActivityType | None, a: Activity) -> str | None:
    """ISC2 group: the type's only group, else the one written; unwritten → B (claim no more than sure)."""
    if not version.groups:
        return None
    if t is not None and len(t.groups) == 1:
        return t.groups[0]
    return a.group or "B"


def field_of(version: Version, a: Activity) -> str | None:
    if not version.fields:
        return None
    return a.field or "general"


def dimension_value(x: Assessed, key: str) -> str | None:
    """The value of one of the program's dimensions on an assessed activity (group and field as the
    rules read them, with their defaults; any other declared dimension as written)."""
    if key == "group":
        return x.group
    if key == "field":
        return x.field
    value = x.activity.extra.get(key)
    return value if isinstance(value, str) else None


def selects(selector: Selector, x: Assessed) -> bool:
    """Whether `selector` reads the assessed activity."""
    if selector.categories and x.category not in selector.categories:
        return False
    if selector.types and (x.type is None or x.type.id not in selector.types):
        return False
    return all(dimension_value(x, key) in values for key, values in selector.dimensions)


def assess(ctx: Context, a: Activity) -> Assessed:
    t = type_of(ctx.version, a)
    if t is None:
        credit = Credit(0.0, _("unknown activity type: 0 CPE"))
    else:
        # Ledgers repeat the same measures (1 h, 90 min …): compute each once per evaluation.
        # Keyed on the measure's identity-free value tuple; Measure's own hash is slower.
        m = a.measure
        key = (t.id, m.hours, m.minutes, m.credits, m.sessions, m.semester_hours, m.ceus, m.periods,
               m.period_minutes, m.months, m.preparation_hours, m.authors, m.role, m.repeat, m.venue,
               m.exam_parts)
        credit = ctx.memo.get(key)  # type: ignore[assignment]
        if credit is None:
            credit = ctx.memo[key] = t.compute(m, ctx.version)
    v = ctx.version
    return Assessed(a, t, credit, group_of(v, t, a) if v.groups else None,
                    (a.field or "general") if v.fields else None, t.category if t else "")


# ------------------------------------------------------------------------------------ checks
# Each check looks at one assessed activity and returns findings. A finding whose code is in
# EXCLUDING makes the activity count nothing; the others only inform.

Check = Callable[[Context, Assessed], Sequence[Finding]]
NONE: tuple[Finding, ...] = ()

# The findings that leave an activity uncounted, each with the reason in a few words.
EXCLUDING: Mapping[str, str] = MappingProxyType({
    "unknown-type": N_("unknown activity type"),
    "not-eligible": N_("not eligible"),
    "outside-cycle": N_("outside the cycle"),
    "in-grace-period": N_("dated in the grace period"),
    "before-certification": N_("before the certification date"),
    "group-b-not-allowed": N_("Group B not allowed"),
    "future-date": N_("dated in the future"),
    "measure-missing": N_("no measure"),
    "measure-not-covered": N_("measure not read by this type"),
    "bad-value": N_("a value the rules cannot read"),
    "duplicate-course": N_("the same course claimed twice"),
})


def check_type(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a = x.activity
    if x.type is None:
        known = list(ctx.version.types)
        import difflib  # only an unknown type gets here

        close = difflib.get_close_matches(a.type or "", known, n=1, cutoff=0.6)
        hint = (_('did you mean type = "{close}"?').format(close=close[0]) if close
                else _("write one of: type = {choices}").format(choices=", ".join(f'"{k}"' for k in known)))
        return [finding(ctx, a, "error", "unknown-type",
                        _("'{type}' is not an activity type of {program}: not counted").format(
                            type=a.type, program=ctx.cycle.program), key="type", hint=hint,
                        citation=ctx.version.citation)]
    if not x.type.eligible:
        return [finding(ctx, a, "warning", "not-eligible", _(x.type.ineligible_reason), key="type",
                        hint=_("remove the activity, or keep it for your own record"),
                        citation=x.type.citation)]
    return NONE


def check_measure(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a = x.activity
    if not x.credit.notes:
        return NONE
    limits = ctx.version.limits_citation
    return [finding(ctx, a, note.severity, note.code, note.message, key=note.key or _first_measure(x),
                    hint=note.hint, citation=limits if limits and note.code in LIMIT_NOTES else
                    x.type.citation if x.type else None)
            for note in x.credit.notes]


# Notes about the version's claim steps and per-activity maximum: they cite where those are stated.
LIMIT_NOTES = frozenset({"quarter-step", "over-activity-limit"})


def _first_measure(x: Assessed) -> str | None:
    given = x.activity.measure.given()
    return next(iter(given), None)


def check_dates(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a = x.activity
    if ctx.start <= a.date <= ctx.as_of and a.date <= ctx.end:
        return NONE
    certified = ctx.cycle.certified
    if (ctx.version.early_hours_count and certified is not None and certified <= a.date < ctx.start
            and a.date <= ctx.as_of):
        return NONE  # earned after certification, before the first cycle: counted in its first year
    if a.date < ctx.start:
        return [finding(ctx, a, "warning", "outside-cycle",
                        _("dated {date}, before the cycle starts ({start}): not counted here").format(
                            date=format_date(a.date), start=format_date(ctx.start)), key="date",
                        hint=_("move it to the previous cycle's ledger, or correct the date"),
                        citation=ctx.version.citation)]
    if a.date > ctx.end:
        if ctx.version.grace_activities_warned and ctx.grace_end and a.date <= ctx.grace_end:
            return [finding(ctx, a, "warning", "in-grace-period",
                            _("dated {date}, in the grace period after the cycle ended ({end}): it "
                              "counts for the next cycle, not this one").format(date=format_date(a.date),
                                                                     end=format_date(ctx.end)),
                            key="date", hint=_("move it to the next cycle's ledger"),
                            citation=ctx.version.grace_activities_citation or ctx.version.citation)]
        return [finding(ctx, a, "warning", "outside-cycle",
                        _("dated {date}, after the cycle ends ({end}): not counted here").format(
                            date=format_date(a.date), end=format_date(ctx.end)), key="date",
                        hint=_("move it to the next cycle's ledger, or correct the date"),
                        citation=ctx.version.citation)]
    return [finding(ctx, a, "info", "future-date",
                    _("dated {date}, after {as_of}: counted once that day has come").format(
                        date=format_date(a.date), as_of=format_date(ctx.as_of)), key="date",
                    citation=ctx.version.citation)]


def check_certification(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a, certified = x.activity, ctx.cycle.certified
    if ctx.version.before_certification_ineligible and certified and a.date < certified:
        return [finding(ctx, a, "warning", "before-certification",
                        _("dated {date}, before the certification date ({certified}): not "
                          "eligible").format(date=format_date(a.date),
                                              certified=format_date(certified)), key="date",
                        hint=_("activities before certification never count, even in the same year"),
                        citation=ctx.version.before_certification_citation or ctx.version.citation)]
    return NONE


def check_group(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a, t = x.activity, x.type
    if not ctx.version.groups or t is None:
        return NONE
    out = []
    if a.group is None and len(t.groups) > 1:
        out.append(finding(ctx, a, "warning", "missing-group", _("no group given: counted as Group B"),
                           hint=_('add group = "A" if it is in the credential\'s domains, else '
                                  'group = "B"'), citation=t.citation))
    elif a.group is not None and a.group not in t.groups:
        out.append(finding(ctx, a, "warning", "wrong-group",
                           _("{label} is Group {allowed} only: counted as Group {allowed}").format(
                               label=_(t.label), allowed=t.groups[0]), key="group",
                           hint=_('write group = "{allowed}"').format(allowed=t.groups[0]),
                           citation=t.citation))
    b_max = ctx.quota.need("group-b")
    if x.group == "B" and b_max is not None and b_max.amount == 0:
        out.append(finding(ctx, a, "warning", "group-b-not-allowed",
                           _("{credential} counts Group A only: this Group B activity is not "
                             "counted").format(credential=ctx.cycle.credential), key="group",
                           hint=_("claim it for another credential, or as Group A if it is in the domains"),
                           citation=ctx.quota.group_citation or ctx.quota.citation))
    return out


def check_field(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a = x.activity
    if a.field is None and "fraud" in ctx.version.fields:
        return [finding(ctx, a, "warning", "missing-field", _("no field of study given: counted as general"),
                        hint=_('add field = "fraud", "ethics" or "general"'),
                        citation=ctx.version.citation)]
    return NONE


def check_evidence(ctx: Context, x: Assessed) -> Sequence[Finding]:
    a = x.activity
    out = []
    if not a.evidence and not a.auto_submitted:
        if ctx.version.evidence == "required":
            out.append(finding(ctx, a, "warning", "missing-evidence",
                               _("no evidence recorded for this activity"),
                               hint=_('add evidence = ["evidence/…pdf"] (a path beside the ledger, '
                                      'or a URL)'), citation=ctx.version.evidence_citation))
        elif ctx.version.evidence == "audit":
            out.append(finding(ctx, a, "info", "missing-evidence",
                               _("no evidence recorded; keep some in case of an audit"),
                               hint=_('add evidence = ["evidence/…pdf"]'),
                               citation=ctx.version.evidence_citation))
    present = ctx.evidence_present
    if present is not None:
        for item in a.evidence:
            if present.get(item) is False:
                out.append(finding(ctx, a, "warning", "evidence-not-found",
                                   _("evidence file not found: {path}").format(path=item), key="evidence",
                                   hint=_("paths are relative to the ledger's folder; check the name"),
                                   citation=ctx.version.evidence_citation))
    return out


# The measures that are alternative quantities of one activity (the others qualify them).
QUANTITIES = ("hours", "minutes", "sessions", "credits", "semester_hours", "ceus", "months")


def check_one_quantity(ctx: Context, x: Assessed) -> Sequence[Finding]:
    """Two quantities the type reads as alternatives (hours and minutes, say): only one counts; say which.

    A quantity the type does not read at all stays a detail of the record (an e-learning course's
    months), not a mistake.
    """
    t, m = x.type, x.activity.measure
    if t is None:
        return NONE
    given = [k for k in t.measures if k in QUANTITIES and getattr(m, k) is not None]
    used = given[0] if given else None
    ignored = given[1:]
    if used is None or not ignored:
        return NONE
    return [finding(ctx, x.activity, "warning", "measure-ignored",
                    _("{ignored} ignored: {used} is what counts (one measure per activity)").format(
                        ignored=", ".join(ignored), used=used), key=ignored[0],
                    hint=_("keep {used} and remove {ignored}, or the other way round").format(
                        used=used, ignored=", ".join(ignored)), citation=t.citation)]


def check_condition(ctx: Context, x: Assessed) -> Sequence[Finding]:
    """A condition of eligibility the ledger cannot show: said once per activity, for the evidence."""
    t = x.type
    if t is None or not t.condition or x.excluded:
        return NONE
    # At the activity's first line: it concerns the activity as a whole, and a key's line costs a scan
    # of the activity's lines (for most of an ACFE ledger's activities, a sixth of `check`).
    return [finding(ctx, x.activity, "info", "condition", _(t.condition),
                    hint=_("make sure the evidence you keep shows it"), citation=t.citation)]


ACTIVITY_CHECKS: tuple[Check, ...] = (
    check_type,
    check_measure,
    check_one_quantity,
    check_dates,
    check_certification,
    check_group,
    check_field,
    check_evidence,
    check_condition,
)


def duplicate_courses(ctx: Context, items: list[Assessed]) -> list[Finding]:
    """The same course (same title and provider) taken twice or by two delivery methods counts once.
    Parameters: `category`, the category it looks in (all when absent); `except_types`, types it
    leaves alone (IIA-Japan's study groups)."""
    params, citation = (ctx.version.check_params or {}).get("duplicate-courses", ({}, None))
    category = params.get("category")
    spared = set(params.get("except_types", ()))
    seen: dict[tuple[str, str], Assessed] = {}
    out: list[Finding] = []
    for x in items:
        if x.excluded or x.type is None or (category is not None and x.category != category) or (
                x.type.id in spared):
            continue
        key = (x.activity.title.strip().casefold(), (x.activity.provider or "").strip().casefold())
        first = seen.get(key)
        if first is None:
            seen[key] = x
            continue
        x.excluded = True
        x.remarks += (_("counted once already"),)
        out.append(finding(ctx, x.activity, "warning", "duplicate-course",
                           _("the same course was already claimed at line {line}: it counts once").format(
                               line=first.activity.source.line), key="title",
                           citation=citation or ctx.version.citation))
    return out


def run_checks(ctx: Context, items: list[Assessed]) -> list[Finding]:
    findings: list[Finding] = []
    for x in items:
        for check in ACTIVITY_CHECKS:
            found = check(ctx, x)
            if not found:
                continue
            findings.extend(found)
            for f in found:
                if f.code in EXCLUDING and not x.excluded:
                    x.excluded = True
                    x.remarks += (_("not counted: {why}").format(why=_(EXCLUDING[f.code])),)
    for name in ctx.version.checks:  # the program's own checks, by name, from this registry only
        findings.extend(CHECKS[name](ctx, items))
    return findings


# Checks a program may name (`Version.checks`) where its data cannot say a rule: small functions,
# activities in, findings out. A program names them; it can never name anything else.
CHECKS: dict[str, Callable[[Context, list[Assessed]], list[Finding]]] = {
    "duplicate-courses": duplicate_courses,
}

