"""ISC2 as data: the 2012, 2015 and current (2024) CPE rules, per credential (facts sheet §1)."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from cpetui.i18n import _
from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.spec import N_, ActivityType, Cap, DateRule, Program, Quota, QuotaError, Version

AB = ("A", "B")

# ------------------------------------------------------------------------------ activity types


def _core(uwe_cap_note: str, citation: str) -> tuple[ActivityType, ...]:
    return (
        ActivityType("education", N_("Education"), "education", ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour (Group A if in the credential's domains, else B)"), citation, AB),
        ActivityType("contribution", N_("Contributions to the profession"), "contribution",
                     ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour of writing, research, webcast preparation, exam development, "
                        "volunteering"), citation, AB),
        ActivityType("unique-work-experience", N_("Unique work experience"), "unique-work-experience",
                     ("hours", "credits"), c.hourly, uwe_cap_note, citation, ("A",)),
        ActivityType("professional-development", N_("Professional development"), "professional-development",
                     ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour of leadership, communication or project-management training "
                        "(Group B only)"), citation, ("B",)),
    )


SEED_002 = N_("ISC2 CPE guidelines before 2024 (seed 002)")


def _older_fixed() -> tuple[ActivityType, ...]:
    return (
        ActivityType("preparing-training", N_("Preparing training material"), "contribution",
                     ("hours", "repeat"), c.per_hour_prepared(4),
                     N_("4 CPE per hour of training prepared, first time only; delivering it earns nothing"),
                     SEED_002, AB),
        ActivityType("publishing-article", N_("Publishing a security article"), "contribution",
                     ("repeat", "credits"), c.fixed(10, first_time_only=True),
                     N_("10 CPE for the first publication"), SEED_002, AB),
        ActivityType("publishing-book", N_("Publishing a security book"), "contribution",
                     ("credits",), c.fixed(40), N_("40 CPE per book"), SEED_002, AB),
        ActivityType("board-service", N_("Board service for a security organisation"), "board-service",
                     ("credits",), c.capped_stated(40),
                     N_("as the board decides, up to 40 CPE a year"), SEED_002, AB),
        ActivityType("reading-book", N_("Reading a security book"), "reading-book", ("credits",),
                     c.fixed(5), N_("5 CPE, at most one book a year"), SEED_002, AB),
        ActivityType("reading-magazine", N_("Subscribing to a security magazine"), "reading-magazine",
                     ("credits",), c.fixed(5), N_("5 CPE, at most one subscription a year"), SEED_002, AB),
        ActivityType("volunteering", N_("Volunteering (government, public sector, charities)"),
                     "contribution", ("hours", "minutes", "credits"), c.hourly, N_("1 CPE per hour"),
                     SEED_002, AB),
        ActivityType("vendor-presentation", N_("Vendor presentation (educational only)"), "education",
                     ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour if educational; pure sales presentations earn nothing"),
                     SEED_002, AB,
                     condition=N_("counts only if educational: a pure sales presentation earns nothing")),
    )


CURRENT = N_("ISC2 CPE quick guide (seed 000)")


def _current_legacy() -> tuple[ActivityType, ...]:
    # The older fixed values no longer apply; these types stay accepted so that older ledgers'
    # activities keep counting, by the hour like their current category.
    legacy_note = N_("1 CPE per hour under the current rules (the older fixed value no longer applies)")
    return tuple(
        ActivityType(t.id, t.label, "education" if t.category in ("education", "reading-book",
                                                                    "reading-magazine") else "contribution",
                     ("hours", "minutes", "credits"), c.hourly, legacy_note, CURRENT, AB)
        for t in _older_fixed()
    )


def _types(*groups: tuple[ActivityType, ...]) -> MappingProxyType[str, ActivityType]:
    return MappingProxyType({t.id: t for g in groups for t in g})


TYPES_2024 = _types(
    _core(N_("1 CPE per hour, at most 10 per cycle (Group A only)"), CURRENT), _current_legacy()
)
TYPES_OLDER = _types(_core(N_("1 CPE per hour (Group A only)"), SEED_002), _older_fixed())

# -------------------------------------------------------------------------------------- quotas

CONCENTRATIONS = ("ISSAP", "ISSEP", "ISSMP")


def _associate(amount: float, citation: str) -> Quota:
    return Quota(total=amount, citation=citation, group_a_min=amount, group_b_max=0, carryover_cap=0,
                 cycle_months=12, note=N_("Associate of ISC2: a yearly cycle, Group A only, no carryover"))


_OLDER = ("CISSP", "SSCP", "JGISP", "ASSOCIATE")  # what isc2-2012 and isc2-2015 name
_CURRENT = ("CISSP", "CCSP", "CSSLP", "SSCP", "CGRC", "HCISPP", "CC", "ISSAP", "ISSEP", "ISSMP", "ASSOCIATE")


def _unknown(credential: str, version: str, known: str) -> QuotaError:
    cred = credential.upper()
    # Point at a version that does know the credential (JGISP only in the older ones), if any.
    other = ("isc2-2024" if cred in _CURRENT and version != "isc2-2024"
             else "isc2-2015" if cred in _OLDER and version == "isc2-2024" else None)
    return QuotaError(
        _("{credential} has no requirements in {version} (it names {known})").format(
            credential=credential, version=version, known=known),
        _('check the credential, or pin the version that has it: rules = "{version}"').format(version=other)
        if other else _("check the credential: {version} names {known}").format(version=version, known=known),
    )


def quota_2012(cycle: Cycle) -> Quota:
    cite = N_("cycles started on or before 2014-12-01 (seed 002)")
    cred = cycle.credential.upper()
    if cred == "CISSP":
        return Quota(120, cite, group_a_min=80, group_b_max=40, annual=20, annual_b_max=0, carryover_cap=None)
    if cred in ("SSCP", "JGISP"):
        return Quota(60, cite, group_a_min=40, group_b_max=20, annual=10, annual_b_max=0, carryover_cap=None)
    if cred == "ASSOCIATE":
        track = str(cycle.option("track", "cissp")).lower()
        return _associate(10 if track == "sscp" else 20, cite)
    raise _unknown(cycle.credential, "isc2-2012", "CISSP, SSCP, JGISP, Associate")


def quota_2015(cycle: Cycle) -> Quota:
    cite = N_("cycles started on or after 2015-01-01 under the 2015 rules (seed 002)")
    cred = cycle.credential.upper()
    if cred == "CISSP":
        return Quota(120, cite, group_a_min=90, group_b_max=30, annual=40, annual_b_max=10,
                     carry_in_counts_annual=True, carryover_cap=40)
    if cred in ("SSCP", "JGISP"):
        return Quota(60, cite, group_a_min=45, group_b_max=15, annual=20, annual_b_max=5,
                     carry_in_counts_annual=True, carryover_cap=20)
    if cred == "ASSOCIATE":
        return _associate(15, cite)
    raise _unknown(cycle.credential, "isc2-2015", "CISSP, SSCP, JGISP, Associate")


# credential → (total, Group A minimum, Group B maximum, recommended a year, of which B at most)
CURRENT_TABLE: dict[str, tuple[float, float, float, float, float]] = {
    "CISSP": (120, 90, 30, 40, 10),
    "CCSP": (90, 60, 30, 30, 10),
    "CSSLP": (90, 60, 30, 30, 10),
    "SSCP": (60, 45, 15, 20, 5),
    "CGRC": (60, 45, 15, 20, 5),
    "HCISPP": (60, 45, 15, 20, 5),
    "CC": (45, 45, 0, 15, 0),
}


def quota_2024(cycle: Cycle) -> Quota:
    cite = N_("ISC2 member policies, suggested annual amounts; ISC2 Japan CPE page; FAQ (carryover caps)")
    cred = cycle.credential.upper()
    if cred in CURRENT_TABLE:
        total, a_min, b_max, annual, annual_b = CURRENT_TABLE[cred]
        return Quota(total, cite, group_a_min=a_min, group_b_max=b_max, annual=annual,
                     annual_kind="recommended", annual_b_max=annual_b, carry_in_counts_annual=True,
                     carryover_cap=annual)
    if cred in CONCENTRATIONS:
        held_with = str(cycle.option("held_with", "CISSP")).strip().upper()
        if held_with == "CISSP":
            return Quota(20, N_("ISC2 member policies: 20 Group A in the concentration's domains, counted "
                                "inside the CISSP's 120 (DECISION: 20; the 2023 Insights article's 60 "
                                "conflicts)"), group_a_min=20, group_b_max=0, carryover_cap=0,
                         note=N_("held with CISSP (set held_with = \"none\" if held alone)"))
        return Quota(140, N_("ISC2 Insights 2023: 140 per 3-year term for a concentration held without "
                             "CISSP"), carryover_cap=0, note=N_("held without CISSP"))
    if cred == "ASSOCIATE":
        return _associate(15, N_("ISC2 Japan CPE page: Associate 15 a year, Group A only"))
    raise _unknown(cycle.credential, "isc2-2024",
                   "CISSP, CCSP, CSSLP, SSCP, CGRC, HCISPP, CC, ISSAP, ISSEP, ISSMP, Associate")


# ------------------------------------------------------------------------------- versions

KEY_DATES = (
    DateRule("grace-end", N_("Grace period ends (submit CPE, pay the AMF)"), days=90,
             citation=N_("90-day grace period (seed 000)")),
    DateRule("suspension", N_("Suspended from"), days=1, after="grace-end",
             citation=N_("suspended for 2 years after the grace period (seed 000)")),
    DateRule("lapse", N_("Credential lapses"), months=24, after="suspension",
             citation=N_("after 2 years of suspension the credential lapses (seed 000)")),
    DateRule("evidence-retention", N_("Keep evidence until"), months=12,
             citation=N_("keep evidence 12 months after the cycle ends (seed 002)")),
)

COMMON = dict(
    program="isc2", cycle_months=36, cycle_anchor="start", default_type="education",
    grace="grace-end", key_dates=KEY_DATES, grace_activities_warned=True, evidence="audit",
    evidence_citation=N_("ISC2 audits: keep evidence; auto-submitted activities are exempt (seed 000, 002)"),
    groups=True, carryover_pool="group-a-last-6-months",
    yearly_deadline=N_("Annual CPE year ends (and the AMF is due)"),
    yearly_citation=N_("AMF US$135 a year, one fee for all ISC2 credentials [official]"),
    pace_advice=N_("ISC2 advises about 3 CPE a month and not submitting at the last minute (seed 000)"),
)

OLDER_CAPS = (
    Cap("board-service", 40, "year", N_("Board service (at most 40 a year)"), SEED_002, False),
    Cap("reading-book", 5, "year", N_("Reading books (one book, 5 CPE, a year)"), SEED_002, False),
    Cap("reading-magazine", 5, "year", N_("Magazine subscriptions (one, 5 CPE, a year)"), SEED_002, False),
)

V2012 = Version(
    id="isc2-2012", label=N_("ISC2 rules for cycles started on or before 2014-12-01"),
    citation=SEED_002, applies_from=None, applies_to=date(2014, 12, 1), default=True,
    types=TYPES_OLDER, quota=quota_2012, caps=OLDER_CAPS,
    carryover_citation=N_("excess Group A of the last 6 months; counts toward the next cycle's 3-year "
                          "total only (seed 002)"),
    **COMMON,  # type: ignore[arg-type]
)
V2015 = Version(
    id="isc2-2015", label=N_("ISC2 2015 rules: annual minimums required"),
    citation=N_("ISC2 rules from 2015-01-01 (seed 002); pin rules = \"isc2-2015\" to use them"),
    applies_from=date(2015, 1, 1), applies_to=None, default=False,
    types=TYPES_OLDER, quota=quota_2015, caps=OLDER_CAPS,
    carryover_citation=N_("excess Group A of the last 6 months, at most the annual amount; counts toward "
                          "year 1 of the next cycle (seed 002)"),
    **COMMON,  # type: ignore[arg-type]
)
V2024 = Version(
    id="isc2-2024", label=N_("ISC2 current rules (annual amounts recommended)"),
    citation=N_("ISC2 CPE quick guide (seed 000); member policies [official]; DECISION: default for "
                "cycles from 2015-01-01"),
    applies_from=date(2015, 1, 1), applies_to=None, default=True,
    types=TYPES_2024, quota=quota_2024, quarter_steps=True, per_activity_max=40,
    caps=(Cap("unique-work-experience", 10, "cycle", N_("Unique work experience (at most 10)"),
              N_("seed 000; DECISION: 10 per cycle")),),
    carryover_citation=N_("Group A above the total earned in the last 6 months, at most the recommended "
                          "annual amount (seed 000; FAQ)"),
    **COMMON,  # type: ignore[arg-type]
)

PROGRAM = Program(
    id="isc2", label="ISC2",
    credentials=("CISSP", "SSCP", "CCSP", "CSSLP", "CGRC", "HCISPP", "CC", "ISSAP", "ISSEP", "ISSMP",
                 "Associate", "JGISP"),
    versions=(V2012, V2015, V2024),
    citation=N_("ISC2 CPE quick guide (seed 000); CPE guidelines (seed 002); official member policies"),
    aliases=MappingProxyType({"CAP": "CGRC", "ASSOCIATE OF ISC2": "Associate"}),
)
