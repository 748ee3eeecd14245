"""IIA-Japan 2010–2011 guideline as data: CCSA, CFSA, CGAP in 2-year periods, six capped categories."""

from __future__ import annotations

from types import MappingProxyType

from cpetui.i18n import _
from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.sources import Citation, Passage, cite
from cpetui.rules.spec import N_, ActivityType, Cap, DateRule, Program, Quota, Version

G = "iia-japan-guideline"
CAT_I = N_("II.3 Category I: education and training")
CAT_II = N_("II.3 Category II: writing")
NOTES_I = N_("II.3 Category I, notes")
TIME = ("minutes", "sessions", "hours", "credits")

# The guideline's own example contradicts its rule of 50 minutes = 1 CPE: the rule applies.
EXAMPLE_600 = Passage(G, N_("II.3 Category I, note 2: its examples"), "講義時間600分・受講期間3ヶ月のeラーニ"
                                                                      "ング講座 = 2CPE単位")
CONFLICT_600 = N_("the guideline's example '600 minutes = 2 CPE' contradicts its own rule; the rule applies "
                  "(600 minutes = 12)")
SHARED = Passage(G, CAT_II, "※自らが執筆担当された部分のみが対象となるため、共著の場合、CPE単位は分与されま"
                            "す。")
TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("education", N_("Category I: education and training"), "I", TIME, c.fifty_minutes,
                 N_("1 CPE per full 50 minutes (100 min = 2, 50–99 min = 1); sessions under 50 minutes "
                    "of one course summed first"),
                 cite(G, CAT_I, "50分未満で区切られた講座・会議な"
                                "どは全体を1つとみなして計算します。", EXAMPLE_600,
                      reading=CONFLICT_600)),
    ActivityType("e-learning", N_("Category I: e-learning"), "I", ("minutes", "sessions"),
                 c.lecture_minutes, N_("lecture minutes ÷ 50, floored, never the enrolment length"),
                 cite(G, NOTES_I, "eラーニング、DVD等による研修を受講した場合も、受講時間50分 = 1CPE単位とし"
                                  "ます。",
                      EXAMPLE_600, reading=CONFLICT_600)),
    ActivityType("correspondence", N_("Category I: correspondence course"), "I", ("months", "credits"),
                 c.correspondence, N_("by standard length: 1–3 months 10, up to 6 months 15, 7 months or "
                                      "more 20"),
                 cite(G, NOTES_I, "受講期間: 1ヶ月以上3ヶ月以下 = 10CPE単位 6ヶ月以下 = 15CPE単位 7ヶ月以上 "
                                  "= 20CPE単位",
                      reading=N_("the guideline gives no figure under 1 month: such a course needs its "
                                 "credits stated"))),
    ActivityType("study-group", N_("Category I: CIA Forum study group"), "I",
                 ("role", "minutes", "credits"), c.study_group,
                 N_("output 20 (chair) / 10 (member); attendance 2 (chair) / 1 (member) per 50 minutes"),
                 cite(G, NOTES_I, "①成果物⇒座長は20CPE単位、メンバーは10CPE単位を付与する。"
                      "②出席時間⇒50分につき座長は2CPE単位、メンバーは1CPE単位が付与される。"),
                 condition=N_("only CIA Forum study groups count: other bodies' study group output earns "
                              "nothing")),
    ActivityType("jicpa", N_("Category I: JICPA CPE"), "I", ("credits",), c.stated,
                 N_("JICPA CPE counts one for one"),
                 cite(G, NOTES_I, "により取得した単位はそのままCCSA、CFSA、CGAPのCPE単位としてカウントするこ"
                                  "とが出来ます。")),
    ActivityType("writing-book", N_("Category II: published book"), "II", ("authors",), c.co_authored(20),
                 N_("20 CPE per book, split among co-authors"), cite(G, CAT_II, "公刊書籍 20CPE", SHARED)),
    ActivityType("writing-article", N_("Category II: article or research paper"), "II", ("authors",),
                 c.co_authored(13), N_("13 CPE per article, split among co-authors"),
                 cite(G, CAT_II, "記事、研究論文 13CPE", SHARED)),
    ActivityType("event", N_("Category III: events"), "III", ("hours", "minutes", "credits"),
                 c.stated_or_hourly, N_("1 CPE per hour"),
                 cite(G, N_("II.3 Category III: events"), "参加時間1時間ごとに1CPE単位を基準としますが")),
    ActivityType("speaking", N_("Category IV: speaking"), "IV", ("hours", "repeat", "venue"), c.talk,
                 N_("a new talk: hours × 4 (talk + 3 × preparation); a repeat: hours × 1; doubled at "
                    "IIA-Japan training or conventions"),
                 cite(G, N_("II.3 Category IV: speaking"), "新規の講演 講演時間 + (講演時間 × 3 = 準備時間) "
                                                           "同内容の講演 講演時間のみ",
                      Passage(G, N_("II.3 Category IV: speaking"),
                              "(社)日本内部監査協会の研修会・大会での講演には、1時間ごとに2CPE単位(上記の計算方法によるCPE単位の2倍)が適用されます。"))),
    ActivityType("exam", N_("Category V: other exams"), "V", ("exam_parts",), c.exam,
                 N_("all parts of an accounting or audit qualification 40, a two-part one (CISA) 20, one "
                    "part 10"),
                 cite(G, N_("II.3 Category V: other exams"), "全科目合格[公認会計士・CPAなど] 40CPE 合格(全2"
                                                             "科目)[CISAなど] 20CPE 1科目合格[CCSA・CFSA・CG"
                                                             "APなど] 10CPE"),
                 condition=N_("cannot be combined with credits for this exam's preparation courses")),
    ActivityType("membership", N_("Category VI: IIA-Japan individual membership"), "VI", ("credits",),
                 c.fixed(10), N_("10 on joining and 10 per yearly renewal"),
                 cite(G, N_("II.3 Category VI: individual membership"),
                      "ご入会時に10CPE単位が付与され、1年ごとに更新された際は、更新時に10CPE単位が付与されます。")),
)})

CAPS_SECTION = N_("II.1 Categories and their 2-year caps")
ABOVE_CAP = Passage(G, CAPS_SECTION, "カテゴリごとに単位の上限が設定されています。それ以上のCPE単位を報告さ"
                                     "れてもカウントされません。")
CAPS = tuple(
    Cap(bucket, amount, "cycle", label, cite(G, section, quote, ABOVE_CAP))
    for bucket, amount, label, section, quote in (
        ("I", 40, N_("Category I education and training (at most 40)"), CAT_I,
         "「教育・研修」カテゴリでは、2年間の合計で40CPE単位まで申請することができます。"),
        ("II", 20, N_("Category II writing (at most 20)"), CAT_II,
         "「執筆」カテゴリでは、2年間の合計で20CPE単位まで申請することが出来ます。"),
        ("III", 20, N_("Category III events (at most 20)"), N_("II.3 Category III: events"),
         "「行事参加」カテゴリでは、2年間の合計で20CPE単位まで申請することが出来ます。"),
        ("IV", 20, N_("Category IV speaking (at most 20)"), N_("II.3 Category IV: speaking"),
         "「講演」カテゴリでは、2年間の合計で、20CPE単位まで申請することが出来ます。"),
        ("V", 40, N_("Category V other exams (at most 40)"), N_("II.3 Category V: other exams"),
         "「他試験合格」カテゴリでは、2年間の合計で40CPE単位まで申請することができます。"),
        ("VI", 20, N_("Category VI IIA-Japan membership (at most 20)"),
         N_("II.3 Category VI: individual membership"),
         "「個人会員登録」カテゴリでは、2年間の合計で20CPE単位まで申請することができます。"),
    )
)
REQUIRED = N_("I. CPE needed to keep the certification")


def quota(cycle: Cycle) -> Quota:
    if cycle.option("retired", False):
        return Quota(0, cite(G, REQUIRED, "CPE単位の報告義務が免除されます。", option="retired = true"),
                     note=N_("retired (declared): no CPE required"))
    if cycle.certified is not None and cycle.start.year <= cycle.certified.year + 1:
        return Quota(0, cite(G, REQUIRED, "認定年とその翌年は報告が免除され"),
                     note=_("exempt: certified in {year}").format(year=cycle.certified.year))
    if cycle.option("practicing", True) is False:
        return Quota(20, cite(G, REQUIRED, "20CPE (社)日本内部監査協会へ「実務に非従事である申請」(*注1)を提"
                                           "出する必要があります。",
                              option="practicing = false"),
                     note=N_("non-practicing during the period (practicing = false)"))
    return Quota(40, cite(G, REQUIRED, "その後は認定年を基準に2年ごとに40"
                                       "CPE単位を取得しその報告が必要です。"))


KEEP = cite(G, N_("IV. Audits"), "CPE対象活動への参加・関与の証明書類は最低3年間、ご自身で保管してください。")
DUPLICATE = cite(G, NOTES_I, "同じ研修会を異なる方法(例:会場やeラーニング)で、受講した場合、CPE単位の報告対"
                             "象はいずれか1つとなります。")
REPORT_FORM = cite(G, N_("III.3 What the CPE report lists"),
                   "CPE報告書には、所定のフォーマットに各カテゴリ別に下記の必要記載事項を記入してください。")

V2010 = Version(
    id="iia-japan-2010", program="iia-japan", label=N_("IIA-Japan CPE guideline 2010–2011"),
    citation=Citation((Passage(G, REQUIRED),)), applies_from=None, applies_to=None, default=True,
    cycle_months=24,
    cycle_anchor="calendar-year", types=TYPES, default_type="education", quota=quota, caps=CAPS,
    first_start="january", exempt_years=2, checks=("duplicate-courses",),
    first_citation=Citation((Passage(G, REQUIRED),)),
    key_dates=(
        DateRule("evidence-retention", N_("Keep certificates and the report until"), months=36,
                 citation=KEEP),
    ),
    evidence="keep",
    evidence_citation=cite(G, N_("II.2 Conditions for recognition"),
                           "ただし、(社)日本内部監査協会の主催する研修会への参加については、証明書は不要です。",
                           KEEP.passages[0]),
    carryover_citation=cite(G, reading=N_("the guideline states no carryover: none is carried")),
)

EXAMPLE = (
    ("[[activity]]", ""), ('id = "2025-03-12-kenshu"', ""),
    ("date = 2025-03-12", N_("the day it ended")),
    ('title = "内部監査基礎研修"', ""), ('provider = "日本内部監査協会"', ""),
    ('type = "education"', N_("category I: education, e-learning, correspondence, study-group, jicpa; "
                              "II: writing-book, writing-article; III: event; IV: speaking; V: exam; "
                              "VI: membership")),
    ("minutes = 100", N_("50 minutes = 1 CPE (100 minutes = 2)")),
    ('evidence = ["evidence/2025-03-12-kenshu.pdf"]', ""),
)

PROGRAM = Program(id="iia-japan", label="IIA-Japan", credentials=("CCSA", "CFSA", "CGAP"),
                  versions=(V2010,), citation=Citation((Passage(G),)), example=EXAMPLE,
                  reports=("iia-japan",))
