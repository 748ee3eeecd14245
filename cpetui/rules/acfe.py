"""ACFE as data: 20 CPE a compliance year, 10 fraud and 2 ethics, by credit type (facts sheet §3)."""

from __future__ import annotations

from types import MappingProxyType

from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.spec import N_, ActivityType, Cap, DateRule, Program, Quota, Version

SEED = N_("ACFE CPE credit types (seed 003)")
MINUTES = ("minutes", "sessions", "hours", "credits")

TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("participant", N_("Participant (seminar, webinar, conference)"), "participant", MINUTES,
                 c.fifty_minutes, N_("class minutes excluding breaks ÷ 50, floored"),
                 N_("ACFE participant credit; seed 003"), fields=True),
    ActivityType("college", N_("College or university course"), "college",
                 ("semester_hours", "ceus", "periods", "period_minutes", "credits"), c.college,
                 N_("15 CPE per semester hour or CEU; 50–60-minute periods 1 each, other periods "
                    "total minutes ÷ 60, floored"), N_("ACFE college credit; seed 003"), fields=True),
    ActivityType("in-house", N_("In-house training"), "in-house", MINUTES, c.fifty_minutes,
                 N_("as participant: minutes ÷ 50, floored; formal training only"),
                 N_("ACFE in-house training; seed 003"), fields=True,
                 condition=N_("counts only as formal training: on-the-job training and meetings earn "
                              "nothing")),
    ActivityType("self-study", N_("Self-study"), "self-study", ("credits", "hours"), c.stated_or_hourly,
                 N_("the credits the course states, or 1 per hour of standard study time; needs a final "
                    "exam"), N_("ACFE self-study; seed 003"), fields=True,
                 condition=N_("counts only with a passed final exam: keep its certificate as evidence")),
    ActivityType("instructor", N_("Instructor"), "instructor",
                 ("minutes", "preparation_hours", "repeat"), c.acfe_instructor,
                 N_("minutes taught ÷ 50 floored, plus preparation 1 per hour (at most 2 h per CPE "
                    "taught, first delivery only), at most 10 a year"),
                 N_("ACFE instructor credit; seed 003"),
                 fields=True),
    ActivityType("author", N_("Author"), "author", ("hours", "credits"), c.hours_floored,
                 N_("1 per hour of writing, floored; at most 10 a year"), N_("ACFE author credit; seed 003"),
                 fields=True),
    ActivityType("fraud-magazine-quiz", N_("Fraud Magazine quiz"), "fraud-magazine-quiz", ("credits",),
                 c.stated, N_("as the quiz certificate states; at most 10 a year (ACFE and ACFE Japan "
                              "together)"), N_("ACFE Fraud Magazine quiz; seed 003"), fields=True),
    ActivityType("other", N_("Other (study groups, a first professional certification)"), "other",
                 ("credits",), c.stated, N_("the credits approved; a first listed certification 10, one "
                                            "a year; at most 10 a year"), N_("ACFE other credit; seed 003"),
                 fields=True),
)})

CAP_CITE = N_("ACFE annual caps by credit type (seed 003)")


def quota(cycle: Cycle) -> Quota:
    carry = cycle.option("carryover", True)
    return Quota(
        20, N_("ACFE FAQ: 20 CPE a year, at least 10 fraud-related and 2 ethics"), fraud_min=10,
        ethics_min=2, carryover_cap=10 if carry else 0,
        note="" if carry else N_("carryover turned off in this ledger (carryover = false)"),
    )


V2024 = Version(
    id="acfe-2024", program="acfe", label=N_("ACFE CFE compliance year"),
    citation=N_("ACFE CPE FAQ [official]; credit types (seed 003)"), applies_from=None, applies_to=None,
    default=True, cycle_months=12, cycle_anchor="month-end", types=TYPES, default_type="participant",
    quota=quota,
    caps=(
        Cap("instructor", 10, "cycle", N_("Instructor (at most 10 a year, preparation included)"), CAP_CITE),
        Cap("author", 10, "cycle", N_("Author (at most 10 a year)"), CAP_CITE),
        Cap("fraud-magazine-quiz", 10, "cycle", N_("Fraud Magazine quiz (at most 10 a year)"), CAP_CITE),
        Cap("other", 10, "cycle", N_("Other (at most 10 a year)"), CAP_CITE),
    ),
    grace="extension-end",
    key_dates=(
        DateRule("extension-end", N_("End of a 30-day extension (if asked for)"), days=30,
                 citation=N_("a 30-day extension can be asked for (ACFE FAQ)")),
        DateRule("suspension", N_("Suspended from (no extension)"), days=1,
                 citation=N_("otherwise suspended; 20 CPE (10 fraud, 2 ethics) per suspended year to "
                             "clear (ACFE FAQ)")),
        DateRule("evidence-retention", N_("Keep records until"), months=36,
                 citation=N_("keep records 3 years (ACFE [official])")),
    ),
    before_certification_ineligible=True, evidence="audit",
    evidence_citation=N_("keep evidence for audits; it must show name, course, sponsor, CPE and date "
                         "(ACFE [official])"),
    fields=("fraud", "ethics"),
    carryover_citation=N_("up to 10 hours above 20 into the next year (older official page); DECISION: on "
                          "by default, carryover = false turns it off"),
)

PROGRAM = Program(id="acfe", label="ACFE", credentials=("CFE",), versions=(V2024,),
                  citation=N_("ACFE CPE FAQ [official]; seed 003"))
