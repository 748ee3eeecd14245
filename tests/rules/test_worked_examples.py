"""Every worked example of the facts sheet's section 6, computed from ledger text like a user writes it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.rules.helpers import codes, credit, requirement, status

ACFE = """
[cycle]
program = "acfe"
credential = "CFE"
start = 2024-05-01

[[activity]]
id = "a"
date = 2024-06-01
title = "Course"
field = "fraud"
"""


def acfe(measure: str, type_: str = "college") -> tuple[float, float, str]:
    return credit(ACFE + f'type = "{type_}"\n' + measure, "a", date(2024, 12, 1))


@pytest.mark.parametrize(
    ("periods", "minutes", "expected"),
    [(15, 45, 11), (8, 90, 12), (15, 90, 22), (14, 100, 23)],
)
def test_acfe_college_non_us_periods(periods: int, minutes: int, expected: int) -> None:
    # seed 003: other periods → total minutes ÷ 60, floored:
    # 15 × 45 = 11; 8 × 90 = 12; 15 × 90 = 22; 14 × 100 = 23
    earned, counted, text = acfe(f"periods = {periods}\nperiod_minutes = {minutes}\n")
    assert earned == counted == expected
    assert text == f"{periods} × {minutes} min, 60-minute periods floored = {expected} CPE"


@pytest.mark.parametrize(("semester_hours", "expected"), [(1, 15), (2, 30)])
def test_acfe_college_us_semester_hours(semester_hours: int, expected: int) -> None:
    # seed 003: 1 semester hour = 15; 2 semester hours = 30
    assert acfe(f"semester_hours = {semester_hours}\n")[0] == expected


def test_acfe_college_one_ceu_is_15() -> None:
    assert acfe("ceus = 1\n")[0] == 15  # seed 003: 1 CEU = 15 CPE


def test_acfe_college_us_periods_count_one_each() -> None:
    assert acfe("periods = 15\nperiod_minutes = 50\n")[0] == 15  # seed 003: 50–60-minute periods


def test_acfe_instructor_50_minute_lecture_with_2_hours_preparation() -> None:
    # seed 003: a 50-minute lecture with 2 hours of preparation = 3 CPE (1 + 2)
    earned, _c, text = acfe("minutes = 50\npreparation_hours = 2\n", "instructor")
    assert earned == 3
    assert "= 3 CPE" in text


def test_acfe_instructor_preparation_at_most_2_hours_per_cpe_and_first_delivery_only() -> None:
    assert acfe("minutes = 50\npreparation_hours = 5\n", "instructor")[0] == 3  # 1 + min(5, 2)
    assert acfe("minutes = 50\npreparation_hours = 2\nrepeat = true\n", "instructor")[0] == 1


IIA_JAPAN = """
[cycle]
program = "iia-japan"
credential = "CCSA"
start = 2025-01-01

[[activity]]
id = "a"
date = 2025-03-01
title = "Course"
"""


def iia_japan(body: str) -> float:
    return credit(IIA_JAPAN + body, "a", date(2025, 12, 1))[0]


def test_iia_japan_100_minutes_is_2() -> None:
    assert iia_japan('type = "education"\nminutes = 100\n') == 2  # seed 004 例1


@pytest.mark.parametrize("minutes", [50, 75, 99])
def test_iia_japan_50_to_99_minutes_is_1(minutes: int) -> None:
    assert iia_japan(f'type = "education"\nminutes = {minutes}\n') == 1  # seed 004


def test_iia_japan_600_minutes_follow_the_rule_not_the_conflicting_example() -> None:
    # DECISION (facts sheet §4.1): seed 004's "600 minutes = 2 CPE" contradicts its own rule → 12
    earned, _c, _t = credit(IIA_JAPAN + 'type = "education"\nminutes = 600\n', "a", date(2025, 12, 1))
    assert earned == 12
    s = status(IIA_JAPAN + 'type = "education"\nminutes = 600\n', date(2025, 12, 1))
    cited = s.credit_of("a").explanation.citation
    assert "cpetui's reading" in cited and "600 minutes = 12" in cited


def test_iia_japan_5_sessions_of_30_minutes_is_3() -> None:
    # seed 004 例2: 30 min × 5 = 150 min ÷ 50 = 3
    assert iia_japan('type = "education"\nsessions = [30, 30, 30, 30, 30]\n') == 3


def test_iia_japan_e_learning_200_minutes_over_2_months_is_4() -> None:
    # seed 004: lecture minutes count, never the enrolment length
    assert iia_japan('type = "e-learning"\nminutes = 200\nmonths = 2\n') == 4


def test_iia_japan_new_3_hour_talk_is_12() -> None:
    # seed 004: talk (3 h) + preparation (3 h × 3) = 12
    assert iia_japan('type = "speaking"\nhours = 3\n') == 12
    assert iia_japan('type = "speaking"\nhours = 3\nrepeat = true\n') == 3
    assert iia_japan('type = "speaking"\nhours = 3\nvenue = "iia-japan"\n') == 24  # doubled


@pytest.mark.parametrize(("months", "expected"), [(1, 10), (3, 10), (4, 15), (6, 15), (7, 20), (12, 20)])
def test_iia_japan_correspondence_by_length(months: int, expected: int) -> None:
    # seed 004: 1–3 months = 10, ≤ 6 months = 15, ≥ 7 months = 20
    assert iia_japan(f'type = "correspondence"\nmonths = {months}\n') == expected


ISC2_2015 = """
[cycle]
program = "isc2"
credential = "CISSP"
start = 2015-07-01
rules = "isc2-2015"

[[activity]]
id = "a"
date = 2015-09-01
title = "Preparing a course"
group = "A"
type = "preparing-training"
"""


@pytest.mark.parametrize(("hours", "expected"), [(1, 4), (2, 8)])
def test_isc2_older_training_material(hours: int, expected: int) -> None:
    # seed 002: 1 hour of training material = 4; 2 hours = 8
    assert credit(ISC2_2015 + f"hours = {hours}\n", "a")[0] == expected


def test_isc2_older_carryover_cap_cissp_at_most_40() -> None:
    # seed 002: Group A above the requirement earned in the last 6 months carries over, CISSP at most 40
    s = status(ISC2_2015.replace("2015-09-01", "2018-03-01") + "hours = 1\n\n" + """
[[activity]]
id = "big"
date = 2018-05-01
title = "Research"
type = "education"
group = "A"
credits = 200
""", date(2018, 7, 1))
    assert s.carryover_out == 40


ISC2 = """
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "a"
date = 2024-09-01
title = "Conference"
group = "A"
"""


def test_isc2_current_at_most_40_per_activity() -> None:
    # seed 000: at most 40 CPE per activity
    s = status(ISC2 + 'type = "education"\nhours = 45\n', date(2025, 1, 1))
    assert s.credit_of("a").earned == 40
    assert "over-activity-limit" in codes(s, "a")


def test_isc2_current_claims_in_quarter_steps() -> None:
    # seed 000: claims in 0.25, 0.50, 0.75
    assert credit(ISC2 + 'type = "education"\nhours = 1.75\n', "a")[0] == 1.75
    s = status(ISC2 + 'type = "education"\nhours = 1.3\n', date(2025, 1, 1))
    assert s.credit_of("a").earned == 1.25
    assert "quarter-step" in codes(s, "a")


def test_isc2_current_unique_work_experience_at_most_10() -> None:
    # seed 000: unique work experience at most 10 (DECISION: per cycle)
    s = status(ISC2 + 'type = "unique-work-experience"\nhours = 12\n', date(2025, 1, 1))
    c = s.credit_of("a")
    assert (c.earned, c.counted) == (12, 10)
    assert requirement(s, "cap-unique-work-experience").counted == 10


def test_offsec_1_hour_isc2_webinar_is_1() -> None:
    # seed 001, Q&A 2025-09: webinars (ISC2 ones too) 1 CPE per hour
    text = """
[cycle]
program = "offsec"
credential = "OSCP+"
start = 2025-03-14

[[activity]]
id = "a"
date = 2025-05-15
title = "ISC2 webinar"
type = "webinar"
hours = 1
evidence = ["webinar.pdf"]
"""
    assert credit(text, "a")[0] == 1


@pytest.mark.parametrize("measure", ["hours = 2\nrepeat = true\n", "repeat = true\n"])
def test_isc2_older_repeat_delivery_or_publication_earns_nothing_and_says_so(measure: str) -> None:
    # seed 002: preparing training material and publishing an article count the first time only
    text = ISC2_2015 + measure
    if "hours" not in measure:
        text = text.replace('type = "preparing-training"', 'type = "publishing-article"')
    s = status(text, date(2018, 1, 1))
    assert s.credit_of("a").earned == 0
    (note,) = [f for f in s.findings if f.code == "repeat-earns-nothing"]
    assert note.severity == "info" and note.activity_id == "a"
    assert "ISC2 Japan · CPE credits · Guideline" in note.citation
