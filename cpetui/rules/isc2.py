"""ISC2 as data: the 2012, 2015 and current (2024) CPE rules, per credential."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from cpetui.i18n import _
from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.sources import Citation, Passage, cite
from cpetui.rules.spec import (
    N_,
    ActivityType,
    Cap,
    DateRule,
    Need,
    Program,
    Quota,
    QuotaError,
    Selector,
    Undecided,
    Version,
)

AB = ("A", "B")

# ------------------------------------------------------------------------------ activity types


def _core(uwe_cap_note: str, cites: tuple[Citation, ...]) -> tuple[ActivityType, ...]:
    education, contribution, uwe, development = cites
    return (
        ActivityType("education", N_("Education"), "education", ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour (Group A if in the credential's domains, else B)"), education, AB),
        ActivityType("contribution", N_("Contributions to the profession"), "contribution",
                     ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour of writing, research, webcast preparation, exam development, "
                        "volunteering"), contribution, AB),
        ActivityType("unique-work-experience", N_("Unique work experience"), "unique-work-experience",
                     ("hours", "credits"), c.hourly, uwe_cap_note, uwe, ("A",)),
        ActivityType("professional-development", N_("Professional development"), "professional-development",
                     ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour of leadership, communication or project-management training "
                        "(Group B only)"), development, ("B",)),
    )


# ---------------------------------------------------------------------------------- citations
# The current rules: the quick guide (an infographic, Japanese edition).
QG = "isc2-quick-guide"
# The rules of 2012 and 2015: ISC2 Japan's CPE credits page.
JP = "isc2-japan-cpe"
GUIDELINE = N_("Guideline on credits per activity")

HOURLY_NOW = cite(QG, N_("How CPE credits are calculated"), "1 時間 あたり1 CPE")
CURRENT_TYPES = (
    cite(QG, N_("CPE categories: Education"), "教育 グループAまたは グループB"),
    cite(QG, N_("CPE categories: Contributions to the profession"), "専門職への貢献 グループAまたは グループ"
                                                                    "B"),
    cite(QG, N_("CPE categories: Unique work experience"), "独自性の高い業務経験 最大10クレジット グループA",
         Passage("isc2-handbook-2020", N_("Unique work experience")),
         reading=N_("at most 10 per cycle; the quick guide gives no unit (the 2020 handbook said per "
                    "experience)")),
    cite(QG, N_("CPE categories: Professional development"), "専門能力開発 グループBのみ"),
)
HOURLY_OLDER = cite(JP, GUIDELINE, "通常、教育的な活動に参加した時間1時間あたり、CPEクレジット1ポイントが付"
                                   "与されます。")
OLDER_TYPES = (HOURLY_OLDER, HOURLY_OLDER,
               cite(JP, GUIDELINE, "通常、教育的な活動に参加した時間1時間あたり、CPEクレジット1ポイントが付"
                                   "与されます。",
                    reading=N_("the page does not list unique work experience; it counts by the hour, as "
                               "Group A, as in the current rules")),
               cite(JP, N_("Group A and Group B"), "グループBは、資格のドメインとは関連していないものの、"
                    "プロフェッショナル・スキルに関連する活動に 対して付与されます。"))
BOOKS = cite(JP, N_("Guideline: reading a security book, subscribing to a security magazine"),
             "情報セキュリティ関連書籍の読了と情報セキュリティ関連雑誌の定期購読で、それぞれ5ポイント付与されます。"
             "ただし、1年に書籍1冊・雑誌1冊に限定され、年間で合計10ポイントが最大となります。")
BOARD = cite(JP, N_("Guideline: board service for a security organisation"),
             "セキュリティ団体の役員活動を1年間行うことで、最大40ポイント付与されます。")


def _older_fixed() -> tuple[ActivityType, ...]:
    return (
        ActivityType("preparing-training", N_("Preparing training material"), "contribution",
                     ("hours", "repeat"), c.per_hour_prepared(4),
                     N_("4 CPE per hour of training prepared, first time only; delivering it earns nothing"),
                     cite(JP, N_("Guideline: providing security training"),
                          "1時間のトレーニングに必要な資料を作成す"
                          "ることに対して、4ポイントが付与されます。"), AB),
        ActivityType("publishing-article", N_("Publishing a security article"), "contribution",
                     ("repeat", "credits"), c.fixed(10, first_time_only=True),
                     N_("10 CPE for the first publication"),
                     cite(JP, N_("Guideline: publishing a security article or book"),
                          "セキュリティ関連記事執筆については、1回目について、10ポイント付与されます。"), AB),
        ActivityType("publishing-book", N_("Publishing a security book"), "contribution",
                     ("credits",), c.fixed(40), N_("40 CPE per book"),
                     cite(JP, N_("Guideline: publishing a security article or book"),
                          "セキュリティ関連書籍執筆については、40ポイント付与されます。"), AB),
        ActivityType("board-service", N_("Board service for a security organisation"), "board-service",
                     ("credits",), c.capped_stated(40),
                     N_("as the board decides, up to 40 CPE a year"), BOARD, AB),
        ActivityType("reading-book", N_("Reading a security book"), "reading-book", ("credits",),
                     c.fixed(5), N_("5 CPE, at most one book a year"), BOOKS, AB),
        ActivityType("reading-magazine", N_("Subscribing to a security magazine"), "reading-magazine",
                     ("credits",), c.fixed(5), N_("5 CPE, at most one subscription a year"), BOOKS, AB),
        ActivityType("volunteering", N_("Volunteering (government, public sector, charities)"),
                     "contribution", ("hours", "minutes", "credits"), c.hourly, N_("1 CPE per hour"),
                     cite(JP, N_("Guideline: volunteering for government, public sector and charities"),
                          "参加1時間に対して、1ポイント付与されます。"), AB),
        ActivityType("vendor-presentation", N_("Vendor presentation (educational only)"), "education",
                     ("hours", "minutes", "credits"), c.hourly,
                     N_("1 CPE per hour if educational; pure sales presentations earn nothing"),
                     cite(JP, N_("Guideline: vendor presentations"),
                          "「純粋な営業的プレゼン」は、CPEクレジット付与対象の活動とはみなされません。"), AB,
                     condition=N_("counts only if educational: a pure sales presentation earns nothing")),
    )


def _current_legacy() -> tuple[ActivityType, ...]:
    # The older fixed values no longer apply; these types stay accepted so that older ledgers'
    # activities keep counting, by the hour like their current category.
    legacy_note = N_("1 CPE per hour under the current rules (the older fixed value no longer applies)")
    legacy = cite(QG, N_("How CPE credits are calculated"), "1 時間 あたり1 CPE",
                  reading=N_("the older fixed values no longer apply: such activities count by the hour, "
                             "like their current category"))
    return tuple(
        ActivityType(t.id, t.label, "education" if t.category in ("education", "reading-book",
                                                                    "reading-magazine") else "contribution",
                     ("hours", "minutes", "credits"), c.hourly, legacy_note, legacy, AB, offered=False)
        for t in _older_fixed()
    )


def _types(*groups: tuple[ActivityType, ...]) -> MappingProxyType[str, ActivityType]:
    return MappingProxyType({t.id: t for g in groups for t in g})


TYPES_2024 = _types(
    _core(N_("1 CPE per hour, at most 10 per cycle (Group A only)"), CURRENT_TYPES), _current_legacy()
)
TYPES_OLDER = _types(_core(N_("1 CPE per hour (Group A only)"), OLDER_TYPES), _older_fixed())

# -------------------------------------------------------------------------------------- quotas

CONCENTRATIONS = ("ISSAP", "ISSEP", "ISSMP")


GROUP_A = Selector((("group", ("A",)),))
GROUP_B = Selector((("group", ("B",)),))


def groups(a_min: float, b_max: float) -> tuple[Need, ...]:
    """Group A at least `a_min` (credits carried in count toward it), Group B at most `b_max`."""
    return (
        Need("group-a", N_("Group A minimum"), "required", a_min, GROUP_A, short=N_("Group A"),
             carryover_counts=True,
             words=N_("Group A {counted}{carry}; at least {min} required")),
        Need("group-b", N_("Group B maximum"), "maximum", b_max, GROUP_B, short=N_("Group B"),
             words=N_("Group B {earned} earned, at most {max} count"),
             lost_words=N_("{lost} CPE{later} do not count: at most {max} Group B credits count in a cycle"),
             lost_code="group-b-max", remark=N_("{lost} above the Group B maximum")),
    )


def _associate(amount: float, citation: Citation) -> Quota:
    return Quota(total=amount, citation=citation, needs=groups(amount, 0), carryover_cap=0,
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


REQ_2012 = N_("CPE requirements: cycles started on or before 2014-12-01")
REQ_2015 = N_("CPE requirements: cycles started on or after 2015-01-01")


def quota_2012(cycle: Cycle) -> Quota:
    cred = cycle.credential.upper()
    if cred == "CISSP":
        return Quota(120, cite(JP, REQ_2012, "CISSP 1年あたりのCPE:20ポイント(グループAのみ) "
                                             "認定期間3年間の合計CPE:120ポイント(このうち40ポイント分はグループBでも可)"),
                     needs=groups(80, 40), annual=20, annual_b_max=0, carryover_cap=None)
    if cred in ("SSCP", "JGISP"):
        return Quota(60, cite(JP, REQ_2012, f"{cred} 1年あたりのCPE:10ポイント(グループAのみ) "
                                            "認定期間3年間の合計CPE:60ポイント(このうち20ポイント分はグループBでも可)"),
                     needs=groups(40, 20), annual=10, annual_b_max=0, carryover_cap=None)
    if cred == "ASSOCIATE":
        track = str(cycle.option("track", "cissp")).lower()
        if track == "sscp":
            return _associate(10, cite(JP, REQ_2012, "(ISC)2準会員-SSCP 1年あたりのCPE:10ポイント(グループA"
                                                     "のみ)",
                                       option='track = "sscp"'))
        return _associate(20, cite(JP, REQ_2012, "(ISC)2準会員-CISSP 1年あたりのCPE:20ポイント(グループAのみ"
                                                 ")",
                                   option='track = "sscp"'))
    raise _unknown(cycle.credential, "isc2-2012", "CISSP, SSCP, JGISP, Associate")


def quota_2015(cycle: Cycle) -> Quota:
    cred = cycle.credential.upper()
    if cred == "CISSP":
        return Quota(120, cite(JP, REQ_2015, "CISSP 1年あたりのCPE:40ポイント(このうち10ポイント分はグループ"
                                             "Bでも可) "
                                             "認定期間3年間の合計CPE:120ポイント(このうち30ポイント分はグループBでも可)"),
                     needs=groups(90, 30), annual=40, annual_b_max=10,
                     carry_in_counts_annual=True, carryover_cap=40)
    if cred in ("SSCP", "JGISP"):
        return Quota(60, cite(JP, REQ_2015, f"{cred} 1年あたりのCPE:20ポイント(このうち5ポイント分はグループ"
                                             "Bでも可) "
                                            "認定期間3年間の合計CPE:60ポイント(このうち15ポイント分はグループBでも可)"),
                     needs=groups(45, 15), annual=20, annual_b_max=5,
                     carry_in_counts_annual=True, carryover_cap=20)
    if cred == "ASSOCIATE":
        return _associate(15, ASSOCIATE_15)
    raise _unknown(cycle.credential, "isc2-2015", "CISSP, SSCP, JGISP, Associate")


ASSOCIATE_15 = cite(JP, REQ_2015, "(ISC)2準会員 1年あたりのCPE:15ポイント(グループAのみ)")

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
POLICIES = Passage("isc2-policies", N_("Member policies: suggested annual amounts; CPE FAQ: carryover caps"))
# The 3-year totals ISC2 Japan's page states, with the Group B share (unchanged since 2015).
TOTALS_JP = {
    "CISSP": "認定期間3年間の合計CPE:120ポイント(このうち30ポイント分はグループBでも可)",
    "SSCP": "認定期間3年間の合計CPE:60ポイント(このうち15ポイント分はグループBでも可)",
}
CC_GROUP_A = cite(QG, N_("Group A and B CPE credits"), "CC保有者：グループAのみ")


def quota_2024(cycle: Cycle) -> Quota:
    cred = cycle.credential.upper()
    if cred in CURRENT_TABLE:
        total, a_min, b_max, annual, annual_b = CURRENT_TABLE[cred]
        stated = TOTALS_JP.get(cred)
        citation = Citation((POLICIES, Passage(JP, REQ_2015, stated)) if stated else (POLICIES,))
        return Quota(total, citation, needs=groups(a_min, b_max), annual=annual,
                     annual_kind="recommended", annual_b_max=annual_b, carry_in_counts_annual=True,
                     carryover_cap=annual, group_citation=CC_GROUP_A if cred == "CC" else None)
    if cred in CONCENTRATIONS:
        held_with = str(cycle.option("held_with", "CISSP")).strip().upper()
        if held_with == "CISSP":
            return Quota(20, cite("isc2-policies", N_("Member policies: concentrations"), None,
                                  Passage("isc2-policies", N_("Insights article of 2023")),
                                  reading=N_("20 Group A in the concentration's domains, counted inside the "
                                             "CISSP's 120 (the member policies); the 2023 Insights article's "
                                             "60 conflicts"), option='held_with = "none"'),
                         needs=groups(20, 0), carryover_cap=0,
                         note=N_("held with CISSP (set held_with = \"none\" if held alone)"))
        return Quota(140, cite("isc2-policies", N_("Insights article of 2023: 140 per 3-year term for a "
                                                   "concentration held without CISSP")),
                     carryover_cap=0, note=N_("held without CISSP"))
    if cred == "ASSOCIATE":
        return _associate(15, ASSOCIATE_15)
    raise _unknown(cycle.credential, "isc2-2024",
                   "CISSP, CCSP, CSSLP, SSCP, CGRC, HCISPP, CC, ISSAP, ISSEP, ISSMP, Associate")


# ------------------------------------------------------------------------------- versions

KEY_DATES = (
    DateRule("grace-end", N_("Grace period ends (submit CPE, pay the AMF)"), days=90,
             citation=cite(QG, N_("Grace period"), "更に90日間、全ての未申請クレジットを提出するための猶予期"
                                                   "間があります。")),
    DateRule("suspension", N_("Suspended from"), days=1, after="grace-end",
             citation=cite(QG, N_("Grace period"), "最終締め切り日に間に合わなかった場合、認定とメンバーシッ"
                                                   "プは停止されます。")),
    DateRule("lapse", N_("Credential lapses"), months=24, after="suspension",
             citation=cite(QG, N_("Grace period"), "ステータスが失効するまで、2年間停止 された状態になります"
                                                   "。")),
    DateRule("evidence-retention", N_("Keep evidence until"), months=12,
             citation=cite(JP, N_("Audits and keeping evidence"),
                           "3年毎に到来する資格更新日を過ぎてから最低12ヶ月は、申請したCPEクレジットの証拠資料を保持する必要があります。")),
)

COMMON = dict(
    program="isc2", cycle_months=36, cycle_anchor="start", default_type="education",
    grace="grace-end", key_dates=KEY_DATES, grace_activities_warned=True, evidence="audit",
    evidence_citation=cite(QG, N_("CPE audits"),
                           "ISC2より提供されたCPE自動付与対象のアクティビティ参加によって取得したCPEクレジットは、監査から免除されます。",
                           Passage(JP, N_("Audits and keeping evidence"),
                                   "CPEクレジット申請内容は、米国(ISC)2本部により監査を受ける場合があります。")),
    groups=True, carryover_select=GROUP_A, carryover_window_months=6,
    carryover_words=N_("Group A earned from {since}: {pool}"),
    yearly_deadline=N_("Annual CPE year ends (and the AMF is due)"),
    yearly_citation=cite("isc2-japan-fees", N_("AMF US$135 a year, one fee for all ISC2 credentials")),
    pace_advice=N_("ISC2 advises aiming for 3 hours a month and not submitting at the last minute"),
    pace_citation=cite(QG, N_("Key points"), "認定資格の更新を容易にするため、毎月 3 時間を目標にしてくださ"
                                             "い。"),
)

OLDER_CAPS = (
    Cap("board-service", 40, "year", N_("Board service (at most 40 a year)"), BOARD, False),
    Cap("reading-book", 5, "year", N_("Reading books (one book, 5 CPE, a year)"), BOOKS, False),
    Cap("reading-magazine", 5, "year", N_("Magazine subscriptions (one, 5 CPE, a year)"), BOOKS, False),
)
ROLLOVER = N_("Rollover CPE credits")

PER_ACTIVITY = cite(QG, N_("How CPE credits are calculated"),
                    "1 時間 あたり1 CPE、1 アクティビティにつき最大 40 CPE。0.25、0.50、および0.75単位で申請"
                    "が可能。")
END_DATE_DECIDES = cite(QG, N_("How CPE credits are calculated"),
                        "アクティビティの終了日によって、CPEが適用される 周期 が決まります。",
                        reading=N_("an activity dated in the grace period counts for the next cycle, not the "
                                   "one that ended"))
V2012 = Version(
    id="isc2-2012", label=N_("ISC2 rules for cycles started on or before 2014-12-01"),
    citation=cite(JP, REQ_2012, "認定期間が2014年12月1日以前に始まる場合"),
    applies_from=None, applies_to=date(2014, 12, 1), default=True,
    types=TYPES_OLDER, quota=quota_2012, caps=OLDER_CAPS,
    carryover_citation=cite(JP, ROLLOVER, "持越し分のCPEクレジットは、3年間の認定期間内に取得が必要なCPEクレ"
                                          "ジットの"
                                          "ポイント数として換算されるのみで 年次(1年毎)の認定継続要件のCPEク"
                                          "レジットとしては"
                                          "カウントされません。"),
    **COMMON,  # type: ignore[arg-type]
)
V2015 = Version(
    id="isc2-2015", label=N_("ISC2 2015 rules: annual minimums required"),
    citation=cite(JP, REQ_2015, "2015年1月1日より、認定継続要件が変更されました。",
                  reading=N_("a cycle from 2015-01-01 on follows the current rules unless the ledger pins "
                             "these"), option='rules = "isc2-2015"'),
    applies_from=date(2015, 1, 1), applies_to=None, default=False,
    types=TYPES_OLDER, quota=quota_2015, caps=OLDER_CAPS,
    carryover_citation=cite(JP, ROLLOVER, "持越し分のCPEクレジットは、年次要件のCPEクレジット数に限定されま"
                                          "す。"),
    **COMMON,  # type: ignore[arg-type]
)
V2024 = Version(
    id="isc2-2024", label=N_("ISC2 current rules (annual amounts recommended)"),
    citation=cite(QG, N_("CPE requirements by credential"), "推奨される 年間 取得CPE数", POLICIES,
                  reading=N_("the current rules apply to cycles from 2015-01-01 on; pin the 2015 rules if "
                             "you were told their annual minimums apply to you"),
                  option='rules = "isc2-2015"'),
    applies_from=date(2015, 1, 1), applies_to=None, default=True,
    types=TYPES_2024, quota=quota_2024, quarter_steps=True, per_activity_max=40, limits_citation=PER_ACTIVITY,
    grace_activities_citation=END_DATE_DECIDES,
    caps=(Cap("unique-work-experience", 10, "cycle", N_("Unique work experience (at most 10)"),
              CURRENT_TYPES[2]),),
    carryover_citation=cite(QG, N_("Carrying CPE credits over"),
                            "繰り越すことができるクレジットの最大"
                            "数は、推奨される年間取得数と同じです。", POLICIES),
    **COMMON,  # type: ignore[arg-type]
)
UNDECIDED = cite(JP, REQ_2012, "認定期間が2014年12月1日以前に始まる場合", Passage(JP, REQ_2015,
                 "認定期間が2015年1月1日以降に始まる場合"),
                 reading=N_("the page does not say which rules apply to a cycle starting between 2014-12-02 "
                            "and 2014-12-31: such a cycle must pin its rules"), option="rules")

PROGRAM = Program(
    id="isc2", label="ISC2",
    credentials=("CISSP", "SSCP", "CCSP", "CSSLP", "CGRC", "HCISPP", "CC", "ISSAP", "ISSEP", "ISSMP",
                 "Associate", "JGISP"),
    versions=(V2012, V2015, V2024),
    citation=Citation((Passage(QG), Passage(JP), Passage("isc2-policies"))),
    aliases=MappingProxyType({"CAP": "CGRC", "ASSOCIATE OF ISC2": "Associate"}),
    dimensions=MappingProxyType({"group": ("A", "B")}),
    undecided=(Undecided(date(2014, 12, 2), date(2014, 12, 31),
                         N_("ISC2's guidelines do not say which rules apply to a cycle starting {start} "
                            "(between 2014-12-01 and 2015-01-01)"), UNDECIDED),),
    example=(
        ("[[activity]]", ""), ('id = "2025-03-12-owasp-meetup"', ""),
        ("date = 2025-03-12", N_("the day it ended")),
        ('title = "OWASP Tokyo meetup: API security"', ""), ('provider = "OWASP Tokyo"', ""),
        ('type = "education"', "education, contribution, unique-work-experience, professional-development"),
        ('group = "A"', N_("A: the credential's domains; B: professional development")),
        ("hours = 2", N_("in quarter hours: 1.25, 1.5 …")),
        ('evidence = ["evidence/2025-03-12-owasp.pdf"]', ""),
    ),
)
