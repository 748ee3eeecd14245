"""IIA (global) as data: CIA, CRMA and specialty credentials, calendar-year reporting ."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.sources import Citation, Passage, cite
from cpetui.rules.spec import N_, ActivityType, DateRule, Need, Program, Quota, Selector, Version

POLICY = Passage("iia-cpe")
FIFTY = cite("iia-older", N_("1 CPE = 50 minutes, whole hours"))
OFFICIAL = FIFTY
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


ETHICS = (Need("ethics", N_("Ethics"), "required", 2, Selector((("field", ("ethics",)),)),
               short=N_("ethics")),)


def quota(cycle: Cycle) -> Quota:
    cia = cycle.credential.upper() == "CIA"
    carry = 20 if cia else 10
    if cycle.option("practicing", True) is False:
        return Quota(20 if cia else 10,
                     cite("iia-third-party", N_("Non-practicing: CIA 20, others 10"),
                          reading=N_("unconfirmed: only older third-party pages give these figures"),
                          option="practicing = false"),
                     needs=ETHICS, carryover_cap=carry, note=N_("non-practicing (practicing = false)"))
    return Quota(40 if cia else 20, cite("iia-cpe", N_("Practicing: CIA 40, CRMA and specialty 20, 2 ethics "
                                                       "a year")), needs=ETHICS, carryover_cap=carry)


RECORDS = cite("iia-cpe", N_("Records: keep 3 years; nothing is uploaded"))

V2023 = Version(
    id="iia-2023", program="iia", label=N_("IIA CPE policy (carryover since 2023-09-01)"),
    citation=Citation((POLICY,)), applies_from=date(2023, 1, 1), applies_to=None, default=True,
    cycle_months=12,
    cycle_anchor="calendar-year", types=TYPES, default_type="education", quota=quota,
    grace="grace-end",
    key_dates=(
        # The report is made from 1 October: a date to put in the calendar, and `due`'s next one
        # until then.
        DateRule("report-window", N_("Reporting opens (report by 31 December)"), months=-3, days=1,
                 citation=cite("iia-cpe", N_("Reporting: 1 October to 31 December"))),
        DateRule("grace-end", N_("Grace ends (designation not to be used meanwhile)"), months=24,
                 citation=cite("iia-cpe", N_("Not renewed by 31 December: grace for 2 years"))),
        DateRule("revocation", N_("Revoked from"), days=1, after="grace-end",
                 citation=cite("iia-cpe", N_("Revoked after 24 months in grace"))),
        DateRule("evidence-retention", N_("Keep records until"), months=36,
                 citation=RECORDS),
    ),
    evidence="keep", evidence_citation=RECORDS,
    fields=("ethics",),
    carryover_citation=cite("iia-affiliates",
                            N_("Carryover since 2023-09-01: at most 20 (CIA) / 10 (others)")),
    pace_advice=N_("report between 1 October and 31 December"),
    pace_citation=cite("iia-cpe", N_("Reporting: 1 October to 31 December")),
)

EXAMPLE = (
    ("[[activity]]", ""), ('id = "2025-03-12-ethics"', ""),
    ("date = 2025-03-12", N_("the day it ended")),
    ('title = "Ethics for internal auditors"', ""), ('provider = "IIA"', ""),
    ('type = "education"', "education, self-study, instructor, writing, other"),
    ('field = "ethics"', N_("marks ethics hours (2 a year required)")),
    ("minutes = 100", N_("50 minutes = 1 CPE")),
    ('evidence = ["evidence/2025-03-12-ethics.pdf"]', ""),
)

PROGRAM = Program(id="iia", label="IIA", credentials=CREDENTIALS, versions=(V2023,),
                  citation=Citation((POLICY, Passage("iia-older"))),
                  aliases=MappingProxyType({}), example=EXAMPLE,
                  dimensions=MappingProxyType({"field": ("ethics", "general")}))
