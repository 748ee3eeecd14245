"""OffSec as data: 120 CPE per 3-year cycle for the + certifications."""

from __future__ import annotations

from types import MappingProxyType

from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.sources import Citation, Passage, cite
from cpetui.rules.spec import N_, ActivityType, Program, Quota, Version

# The handbook, as the Zenn article summarises it with OffSec support's dated answers.
HANDBOOK = Passage("offsec-handbook")
ARTICLE = "offsec-zenn"
KINDS = N_("Kinds that can be submitted")
QA_2025_09 = N_("Q&A of 2025-09")
PER_HOUR = cite(ARTICLE, KINDS, "コースとセミナー (Courses and Seminars)", HANDBOOK,
                reading=N_("the sources publish no values for this category: 1 CPE per hour unless the "
                           "credits are given"))
TIMED = ("hours", "minutes", "credits")


def _per_hour(kind: str) -> Citation:
    return cite(ARTICLE, KINDS, kind, HANDBOOK, reading=PER_HOUR.reading)


TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("courses-seminars", N_("Courses and seminars"), "courses-seminars", TIMED,
                 c.stated_or_hourly, N_("the credits given, else 1 CPE per hour; conferences in Japan "
                                        "count here"),
                 cite(ARTICLE, QA_2025_09, "These fall under the Courses and Seminars category, which is "
                      "eligible for CPE credit.", HANDBOOK, reading=PER_HOUR.reading)),
    ActivityType("public-speaking", N_("Public speaking"), "public-speaking", TIMED, c.stated_or_hourly,
                 N_("the credits given, else 1 CPE per hour"), _per_hour("公開講演 (Public Speaking)")),
    ActivityType("white-paper", N_("Published white paper"), "white-paper", TIMED, c.stated_or_hourly,
                 N_("the credits given, else 1 CPE per hour"),
                 _per_hour("公開されたホワイトペーパー(Published White Papers)")),
    ActivityType("lab-submission", N_("OffSec lab submission"), "lab-submission", TIMED, c.stated_or_hourly,
                 N_("the credits given, else 1 CPE per hour"),
                 _per_hour("OffSec ラボ提出物(OffSec Lab Submissions)")),
    ActivityType("webinar", N_("Cybersecurity webinar"), "webinar", TIMED, c.stated_or_hourly,
                 N_("1 CPE per hour with proof of attendance (ISC2 webinars too)"),
                 cite(ARTICLE, QA_2025_09, "You will receive 1 CPE per hour of attendance, provided you "
                      "include proof of participation when submitting.")),
    ActivityType("ctf", N_("CTF event (not eligible)"), "ctf", TIMED, c.never,
                 N_("CTF events never earn CPE"),
                 cite(ARTICLE, QA_2025_09, "Q: CTFイベントは、CPE対象ですか？ 2025/09 - No", HANDBOOK),
                 eligible=False,
                 ineligible_reason=N_("CTF events are not eligible for OffSec CPE")),
)})

CREDENTIALS = ("OSCP+", "OSAI+", "OSCC-SEC", "OSCC-SJD", "OSTH", "OSIR")
ABOUT = N_("About the OffSec CPE program")
QUOTA = cite(ARTICLE, ABOUT, "3年サイクルで 120 CPEクレジット を取得すること", HANDBOOK)


def quota(cycle: Cycle) -> Quota:
    return Quota(120, QUOTA, carryover_cap=0)


V2024 = Version(
    id="offsec-2024", program="offsec", label=N_("OffSec CPE program for + certifications"),
    citation=Citation((HANDBOOK, Passage(ARTICLE, ABOUT))), applies_from=None, applies_to=None,
    default=True, cycle_months=36, cycle_anchor="start", types=TYPES, default_type="courses-seminars",
    quota=quota,
    yearly_deadline=N_("AMF (US$145) or an active subscription due"),
    yearly_citation=cite(ARTICLE, ABOUT, "Annual Maintenance Fee (AMF) は、 1 年あたり US$145 - "
                         "複数の対象資格を保有している場合も、1つのAMFでよい", HANDBOOK),
    before_certification_ineligible=True, evidence="required",
    before_certification_citation=cite(ARTICLE, N_("Q&A of 2025-08"),
                                       "資格取得年の、資格取得日以前のセキュリティ活動をCPE提出できますか？ "
                                       "2025/08 - No",
                                       HANDBOOK),
    evidence_citation=cite(ARTICLE, QA_2025_09, "Yes, all external CPE submissions must be accompanied by "
                           "supporting documentation.", HANDBOOK),
    carryover_citation=cite("offsec-handbook", reading=N_("no carryover: the handbook and OffSec support's "
                                                          "answers state none")),
)

EXAMPLE = (
    ("[[activity]]", ""), ('id = "2025-03-12-webinar"', ""),
    ("date = 2025-03-12", N_("the day it ended")),
    ('title = "Attack surface management webinar"', ""), ('provider = "OffSec"', ""),
    ('type = "webinar"', "courses-seminars, public-speaking, white-paper, lab-submission, webinar"),
    ("hours = 1", N_("1 CPE per hour")),
    ('evidence = ["evidence/2025-03-12-webinar.pdf"]', N_("proof of attendance is required")),
)

PROGRAM = Program(id="offsec", label="OffSec", credentials=CREDENTIALS, versions=(V2024,),
                  citation=Citation((HANDBOOK, Passage(ARTICLE))),
                  credential_hint=N_("(OSEP, OSWE, OSED and the other OffSec certifications do not expire)"),
                  example=EXAMPLE)
