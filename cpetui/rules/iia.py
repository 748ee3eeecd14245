"""IIA (global) as data: CIA, CRMA and specialty credentials, calendar-year reporting (facts §4.2)."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.spec import N_, ActivityType, DateRule, Program, Quota, Version

OFFICIAL = N_("IIA CPE policy [official]; 1 CPE = 50 minutes [older official]")
TIME = ("minutes", "sessions", "hours", "credits")
HOW = N_("the credits given, else 1 CPE per full 50 minutes (100 min = 2, 50–99 min = 1)")

TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("education", N_("Education"), "education", TIME, c.fifty_minutes, HOW, OFFICIAL,
                 fields=True),
    ActivityType("self-study", N_("Self-study"), "self-study", TIME, c.fifty_minutes, HOW, OFFICIAL,
                 fields=True),
    ActivityType("instructor", N_("Instructor"), "instructor", TIME, c.fifty_minutes, HOW, OFFICIAL,
                 fields=True),
    ActivityType("writing", N_("Writing"), "writing", ("credits", "hours"), c.fifty_minutes, HOW, OFFICIAL,
                 fields=True),
    ActivityType("other", N_("Other"), "other", TIME, c.fifty_minutes, HOW, OFFICIAL, fields=True),
)})

CREDENTIALS = ("CIA", "CRMA", "CCSA", "CFSA", "CGAP", "QIAL")


def quota(cycle: Cycle) -> Quota:
    cia = cycle.credential.upper() == "CIA"
    carry = 20 if cia else 10
    if cycle.option("practicing", True) is False:
        return Quota(20 if cia else 10,
                     N_("non-practicing: CIA 20, others 10 (older third-party pages; unconfirmed)"),
                     ethics_min=2, carryover_cap=carry, note=N_("non-practicing (practicing = false)"))
    return Quota(40 if cia else 20, N_("practicing: CIA 40, CRMA and specialty 20, 2 ethics a year "
                                       "[official]"), ethics_min=2, carryover_cap=carry)


V2023 = Version(
    id="iia-2023", program="iia", label=N_("IIA CPE policy (carryover since 2023-09-01)"),
    citation=OFFICIAL, applies_from=date(2023, 1, 1), applies_to=None, default=True, cycle_months=12,
    cycle_anchor="calendar-year", types=TYPES, default_type="education", quota=quota,
    grace="grace-end",
    key_dates=(
        DateRule("grace-end", N_("Grace ends (designation not to be used meanwhile)"), months=24,
                 citation=N_("not renewed by 31 December → grace for 2 years [official]")),
        DateRule("revocation", N_("Revoked from"), days=1, after="grace-end",
                 citation=N_("revoked after 24 months in grace [official]")),
        DateRule("evidence-retention", N_("Keep records until"), months=36,
                 citation=N_("keep records 3 years; nothing is uploaded [official]")),
    ),
    evidence="keep", evidence_citation=N_("keep records 3 years; nothing is uploaded [official]"),
    fields=("ethics",),
    carryover_citation=N_("since 2023-09-01 at most 20 (CIA) / 10 (others) carry over (affiliate pages "
                          "quoting the policy)"),
    pace_advice=N_("report between 1 October and 31 December [official]"),
)

PROGRAM = Program(id="iia", label="IIA", credentials=CREDENTIALS, versions=(V2023,), citation=OFFICIAL,
                  aliases=MappingProxyType({}))
