"""IIA-Japan 2010–2011 guideline as data: CCSA, CFSA, CGAP in 2-year periods, six capped categories."""

from __future__ import annotations

from types import MappingProxyType

from cpetui.i18n import _
from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.spec import N_, ActivityType, Cap, DateRule, Program, Quota, Version

SEED = N_("IIA-Japan CPE guideline 2010–2011 (seed 004)")
TIME = ("minutes", "sessions", "hours", "credits")

TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("education", N_("Category I: education and training"), "I", TIME, c.fifty_minutes,
                 N_("1 CPE per full 50 minutes (100 min = 2, 50–99 min = 1); sessions under 50 minutes "
                    "of one course summed first"),
                 N_("IIA-Japan category I; seed 004; DECISION: its '600 minutes = 2 CPE' example "
                    "contradicts the rule, so the rule applies (600 min = 12)")),
    ActivityType("e-learning", N_("Category I: e-learning"), "I", ("minutes", "sessions"),
                 c.lecture_minutes, N_("lecture minutes ÷ 50, floored, never the enrolment length"),
                 N_("IIA-Japan category I, e-learning; seed 004")),
    ActivityType("correspondence", N_("Category I: correspondence course"), "I", ("months", "credits"),
                 c.correspondence, N_("by standard length: 1–3 months 10, up to 6 months 15, 7 months or "
                                      "more 20"),
                 N_("IIA-Japan category I, correspondence; seed 004; DECISION: under 1 month needs "
                    "explicit credits")),
    ActivityType("study-group", N_("Category I: CIA Forum study group"), "I",
                 ("role", "minutes", "credits"), c.study_group,
                 N_("output 20 (chair) / 10 (member); attendance 2 (chair) / 1 (member) per 50 minutes"),
                 N_("IIA-Japan category I, CIA Forum; seed 004"),
                 condition=N_("only CIA Forum study groups count: other bodies' study group output earns "
                              "nothing")),
    ActivityType("jicpa", N_("Category I: JICPA CPE"), "I", ("credits",), c.stated,
                 N_("JICPA CPE counts one for one"), N_("IIA-Japan category I; seed 004")),
    ActivityType("writing-book", N_("Category II: published book"), "II", ("authors",), c.co_authored(20),
                 N_("20 CPE per book, split among co-authors"), N_("IIA-Japan category II; seed 004")),
    ActivityType("writing-article", N_("Category II: article or research paper"), "II", ("authors",),
                 c.co_authored(13), N_("13 CPE per article, split among co-authors"),
                 N_("IIA-Japan category II; seed 004")),
    ActivityType("event", N_("Category III: events"), "III", ("hours", "minutes", "credits"),
                 c.stated_or_hourly, N_("1 CPE per hour"), N_("IIA-Japan category III; seed 004")),
    ActivityType("speaking", N_("Category IV: speaking"), "IV", ("hours", "repeat", "venue"), c.talk,
                 N_("a new talk: hours × 4 (talk + 3 × preparation); a repeat: hours × 1; doubled at "
                    "IIA-Japan training or conventions"), N_("IIA-Japan category IV; seed 004")),
    ActivityType("exam", N_("Category V: other exams"), "V", ("exam_parts",), c.exam,
                 N_("all parts of an accounting or audit qualification 40, a two-part one (CISA) 20, one "
                    "part 10"), N_("IIA-Japan category V; seed 004"),
                 condition=N_("cannot be combined with credits for this exam's preparation courses")),
    ActivityType("membership", N_("Category VI: IIA-Japan individual membership"), "VI", ("credits",),
                 c.fixed(10), N_("10 on joining and 10 per yearly renewal"),
                 N_("IIA-Japan category VI; seed 004")),
)})

CAP_CITE = N_("category caps per 2-year period; credits above a cap do not count (seed 004)")
CAPS = tuple(
    Cap(bucket, amount, "cycle", label, CAP_CITE)
    for bucket, amount, label in (
        ("I", 40, N_("Category I education and training (at most 40)")),
        ("II", 20, N_("Category II writing (at most 20)")),
        ("III", 20, N_("Category III events (at most 20)")),
        ("IV", 20, N_("Category IV speaking (at most 20)")),
        ("V", 40, N_("Category V other exams (at most 40)")),
        ("VI", 20, N_("Category VI IIA-Japan membership (at most 20)")),
    )
)


def quota(cycle: Cycle) -> Quota:
    cite = N_("practicing 40, non-practicing 20, retired none, per 2-year period (seed 004)")
    if cycle.option("retired", False):
        return Quota(0, cite, note=N_("retired (declared): no CPE required"))
    if cycle.certified is not None and cycle.start.year <= cycle.certified.year + 1:
        return Quota(0, N_("the certification year and the next are exempt (seed 004)"),
                     note=_("exempt: certified in {year}").format(year=cycle.certified.year))
    if cycle.option("practicing", True) is False:
        return Quota(20, cite, note=N_("non-practicing during the period (practicing = false)"))
    return Quota(40, cite)


V2010 = Version(
    id="iia-japan-2010", program="iia-japan", label=N_("IIA-Japan CPE guideline 2010–2011"),
    citation=SEED, applies_from=None, applies_to=None, default=True, cycle_months=24,
    cycle_anchor="calendar-year", types=TYPES, default_type="education", quota=quota, caps=CAPS,
    key_dates=(
        DateRule("evidence-retention", N_("Keep certificates and the report until"), months=36,
                 citation=N_("keep proof for at least 3 years (seed 004)")),
    ),
    evidence="keep",
    evidence_citation=N_("certificates of attendance kept 3 years; none needed for IIA-Japan's own "
                         "training (seed 004)"),
    carryover_citation=N_("the guideline has no carryover (seed 004)"),
)

PROGRAM = Program(id="iia-japan", label="IIA-Japan", credentials=("CCSA", "CFSA", "CGAP"),
                  versions=(V2010,), citation=SEED)
