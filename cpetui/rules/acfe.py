"""ACFE as data: 20 CPE a compliance year, 10 fraud and 2 ethics, by credit type."""

from __future__ import annotations

from types import MappingProxyType

from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.sources import Citation, Passage, cite
from cpetui.rules.spec import N_, ActivityType, Cap, DateRule, Need, Program, Quota, Selector, Version

JP = "acfe-japan-cpe-types"
FAQ = Passage("acfe-faq")
FIFTY = ("実際の講義時間 50分ごとに CPE 1 単位を取得できます。休憩時間は講義時間から除いて算出してください。"
         "小数点以下の単位は切り捨てます。")
QUIZ = cite(JP, N_("7. Fraud Magazine CPE quiz credit"),
            "報告年度ごとの算入上限:10単位 (ACFE 本部のサービスと ACFE JAPAN のサービスを合計して10単位まで)")
MINUTES = ("minutes", "sessions", "hours", "credits")

TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("participant", N_("Participant (seminar, webinar, conference)"), "participant", MINUTES,
                 c.fifty_minutes, N_("class minutes excluding breaks ÷ 50, floored"),
                 cite(JP, N_("1. Participant credit"), FIFTY), fields=True),
    ActivityType("college", N_("College or university course"), "college",
                 ("semester_hours", "ceus", "periods", "period_minutes", "credits"), c.college,
                 N_("15 CPE per semester hour or CEU; 50–60-minute periods 1 each, other periods "
                    "total minutes ÷ 60, floored"), cite(JP, N_("2. College credit"), "“semester hour” ごと"
                        "に CPE 15 単位。"), fields=True),
    ActivityType("in-house", N_("In-house training"), "in-house", MINUTES, c.fifty_minutes,
                 N_("as participant: minutes ÷ 50, floored; formal training only"),
                 cite(JP, N_("3. In-house training credit"), "「教育・研修として正式な手続きを経ていない活動"
                                                             "」は、対象とはなりません。"), fields=True,
                 condition=N_("counts only as formal training: on-the-job training and meetings earn "
                              "nothing")),
    ActivityType("self-study", N_("Self-study"), "self-study", ("credits", "hours"), c.stated_or_hourly,
                 N_("the credits the course states, or 1 per hour of standard study time; needs a final "
                    "exam"), cite(JP, N_("4. Self-study credit"), "最終試験が設けられていて、合格しないと修"
                                                                  "了できない。"), fields=True,
                 condition=N_("counts only with a passed final exam: keep its certificate as evidence")),
    ActivityType("instructor", N_("Instructor"), "instructor",
                 ("minutes", "preparation_hours", "repeat"), c.acfe_instructor,
                 N_("minutes taught ÷ 50 floored, plus preparation 1 per hour (at most 2 h per CPE "
                    "taught, first delivery only), at most 10 a year"),
                 cite(JP, N_("5. Instructor credit"), "つまり、50分の講義のための資料作成に 2 時間掛かった場"
                                                      "合、合計で CPE 3単位を取得できます。"),
                 fields=True),
    ActivityType("author", N_("Author"), "author", ("hours", "credits"), c.hours_floored,
                 N_("1 per hour of writing, floored; at most 10 a year"), cite(JP, N_("6. Author credit"), ""
                                                                                                           "執"
                                                                                                           "筆"
                                                                                                           "に"
                                                                                                           "掛"
                                                                                                           "か"
                                                                                                           "っ"
                                                                                                           "た"
                                                                                                           "時"
                                                                                                           "間"
                                                                                                           " "
                                                                                                           "1"
                                                                                                           "時"
                                                                                                           "間"
                                                                                                           "ご"
                                                                                                           "と"
                                                                                                           "に"
                                                                                                           " "
                                                                                                           "C"
                                                                                                           "P"
                                                                                                           "E"
                                                                                                           " "
                                                                                                           "1"
                                                                                                           "単"
                                                                                                           "位"
                                                                                                           "を"
                                                                                                           "取"
                                                                                                           "得"
                                                                                                           "で"
                                                                                                           "き"
                                                                                                           "ま"
                                                                                                           "す"
                                                                                                           ""
                                                                                                           "。"),
                 fields=True),
    ActivityType("fraud-magazine-quiz", N_("Fraud Magazine quiz"), "fraud-magazine-quiz", ("credits",),
                 c.stated, N_("as the quiz certificate states; at most 10 a year (ACFE and ACFE Japan "
                              "together)"), QUIZ, fields=True),
    ActivityType("other", N_("Other (study groups, a first professional certification)"), "other",
                 ("credits",), c.stated, N_("the credits approved; a first listed certification 10, one "
                                            "a year; at most 10 a year"), cite(JP, N_("8. Other"), "CPE単位:"
                                                                                                   "報告年度"
                                                                                                   "内に1資"
                                                                                                   "格のみ 1"
                                                                                                   "0単位"),
                 fields=True),
)})



FIELDS = (
    Need("fraud", N_("Fraud-related"), "required", 10, Selector((("field", ("fraud",)),)), short=N_("fraud")),
    Need("ethics", N_("Ethics"), "required", 2, Selector((("field", ("ethics",)),)), short=N_("ethics")),
)


def quota(cycle: Cycle) -> Quota:
    carry = cycle.option("carryover", True)
    return Quota(
        20, cite("acfe-faq", N_("CPE requirements: 20 a year, at least 10 fraud-related and 2 ethics")),
        needs=FIELDS, carryover_cap=10 if carry else 0,
        note="" if carry else N_("carryover turned off in this ledger (carryover = false)"),
    )


V2024 = Version(
    id="acfe-2024", program="acfe", label=N_("ACFE CFE compliance year"),
    citation=Citation((FAQ, Passage(JP))), applies_from=None, applies_to=None,
    default=True, cycle_months=12, cycle_anchor="month-end", types=TYPES, default_type="participant",
    quota=quota,
    caps=(
        Cap("instructor", 10, "cycle", N_("Instructor (at most 10 a year, preparation included)"),
            cite(JP, N_("5. Instructor credit"), "講師単位(年度上限10単位)")),
        Cap("author", 10, "cycle", N_("Author (at most 10 a year)"),
            cite(JP, N_("6. Author credit"), "執筆者単位(年度上限10単位)")),
        Cap("fraud-magazine-quiz", 10, "cycle", N_("Fraud Magazine quiz (at most 10 a year)"), QUIZ),
        Cap("other", 10, "cycle", N_("Other (at most 10 a year)"),
            cite(JP, N_("8. Other"), "その他(年度上限10単位)")),
    ),
    grace="extension-end",
    key_dates=(
        DateRule("extension-end", N_("End of a 30-day extension (if asked for)"), days=30,
                 citation=cite("acfe-faq", N_("Deadline missed: a 30-day extension can be asked for"))),
        DateRule("suspension", N_("Suspended from (no extension)"), days=1,
                 citation=cite("acfe-faq", N_("Deadline missed: otherwise suspended; 20 CPE (10 fraud, 2 "
                                              "ethics) per suspended year to clear"))),
        DateRule("evidence-retention", N_("Keep records until"), months=36,
                 citation=cite("acfe-faq", N_("Records: keep 3 years"))),
    ),
    before_certification_ineligible=True, evidence="audit",
    before_certification_citation=cite("acfe-older", N_("Not eligible: anything earned before certification, "
                                                        "including the exam preparation course")),
    evidence_citation=cite("acfe-faq", N_("Records: evidence must show name, course, sponsor, CPE and "
                                          "date"), None,
                           Passage(JP, N_("1. Participant credit"), "CPE 取得証明として、「CPE 単位取得証明"
                                                                    "書」、"
                                   "または、主催者が発行する、参加・受講を証する書類が必要です。")),
    fields=("fraud", "ethics"),
    carryover_citation=cite("acfe-older", N_("Carryover: up to 10 hours above 20 into the next year"),
                            reading=N_("carryover is on unless the ledger turns it off"),
                            option="carryover = false"),
)

EXAMPLE = (
    ("[[activity]]", ""), ('id = "2025-03-12-fraud-seminar"', ""),
    ("date = 2025-03-12", N_("the day it ended")),
    ('title = "Fraud risk assessment seminar"', ""), ('provider = "ACFE Japan"', ""),
    ('type = "participant"', "participant, college, in-house, self-study, instructor, author, "
                             "fraud-magazine-quiz, other"),
    ('field = "fraud"', N_("fraud, ethics or general")),
    ("minutes = 100", N_("class minutes without breaks: 50 minutes = 1 CPE")),
    ('evidence = ["evidence/2025-03-12-seminar.pdf"]', ""),
)

PROGRAM = Program(id="acfe", label="ACFE", credentials=("CFE",), versions=(V2024,),
                  citation=Citation((FAQ, Passage(JP))), example=EXAMPLE,
                  dimensions=MappingProxyType({"field": ("fraud", "ethics", "general")}))
