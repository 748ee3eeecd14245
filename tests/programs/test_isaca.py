"""ISACA (CISA, CISM, CRISC, CGEIT, CDPSE) from its program file: each rule as ISACA's CPE policy
states it, with the figure and its source beside it."""

from __future__ import annotations

from datetime import date

import pytest

from cpetui.ledger.programs import use_programs
from tests.rules.helpers import activity, codes, credit, requirement, status

CISA = '[cycle]\nprogram = "isaca"\ncredential = "CISA"\nstart = 2026-01-01\ncertified = 2025-07-15\n\n'


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


def test_a_three_year_period_of_calendar_years_needs_120_and_20_each_year() -> None:
    # ISACA CPE policy (secondary quotation): 20 CPE hours a year, 120 in the three-year period.
    s = status(CISA + activity("a", "2026-03-01", type="education", hours=20)
               + activity("b", "2027-03-01", type="education", hours=19.75), date(2029, 1, 1))
    assert (s.cycle_start, s.cycle_end) == (date(2026, 1, 1), date(2028, 12, 31))
    assert requirement(s, "total").required == 120
    year1, year2, year3 = (requirement(s, f"annual-year-{n}") for n in (1, 2, 3))
    assert (year1.counted, year1.met) == (20, True)
    assert (year2.counted, year2.met) == (19.75, False)  # missed by a quarter hour
    assert (year3.counted, year3.met) == (0, False)
    assert "unconfirmed" in year1.explanation.citation  # the figure rests on a secondary page


def test_hours_after_certification_and_before_the_first_period_count_in_its_first_year() -> None:
    # Secondary quotation of the policy: hours from the certification date to 31 December may be
    # reported as hours of the first period.
    s = status(CISA + activity("early", "2025-09-10", type="education", hours=6)
               + activity("before", "2025-07-01", type="education", hours=3), date(2026, 6, 1))
    assert requirement(s, "annual-year-1").counted == 6
    assert "outside-cycle" in codes(s, "before") and "outside-cycle" not in codes(s, "early")


def test_the_first_period_starts_on_1_january_after_certification(tmp_path, capsys) -> None:
    from cpetui.cli import main

    code = main(["new", "--program", "isaca", "--credential", "CISM", "--certified", "2025-07-15",
                 "--dir", str(tmp_path)])
    assert code == 0, capsys.readouterr().err
    (made,) = tmp_path.glob("*.toml")
    assert "start = 2026-01-01" in made.read_text(encoding="utf-8")


def test_claims_are_in_quarter_hours() -> None:
    # isaca.org, CPE quizzes: "CPE can be reported in quarter hour increments".
    earned, _counted, why = credit(CISA + activity("w", "2026-02-01", type="education", hours=1.3), "w")
    assert earned == 1.25 and "0.25" in why


def test_a_chapter_meeting_earns_at_least_one_hour() -> None:
    # Secondary: a chapter meeting earns at least 1 hour whatever its length.
    assert credit(CISA + activity("m", "2026-02-18", type="chapter-meeting", minutes=45), "m")[0] == 1
    assert credit(CISA + activity("m", "2026-02-18", type="chapter-meeting", minutes=150), "m")[0] == 2.5


def test_mentoring_counts_at_most_10_and_volunteering_20_a_year() -> None:
    # isaca.org, "CPE for Mentoring": at most 10 a year; volunteering at most 20 a year.
    s = status(CISA + activity("m1", "2026-03-01", type="mentoring", hours=8)
               + activity("m2", "2026-06-01", type="mentoring", hours=4)
               + activity("m3", "2027-02-01", type="mentoring", hours=6)
               + activity("v", "2026-04-01", type="volunteering", hours=25), date(2027, 12, 31))
    assert [s.credit_of(i).counted for i in ("m1", "m2", "m3", "v")] == [8, 2, 6, 20]
    assert "cap-reached" in codes(s)


def test_journal_quizzes_earn_one_each_at_most_six_a_year() -> None:
    text = CISA + "".join(activity(f"q{n}", f"2026-0{n}-01", type="journal-quiz", credits=1)
                          for n in range(1, 8))
    s = status(text, date(2026, 12, 31))
    assert sum(s.credit_of(f"q{n}").counted for n in range(1, 8)) == 6


def test_no_hours_carry_over() -> None:
    # ISACA: each year's 20 stands alone; nothing found on carrying hours into the next period.
    s = status(CISA + activity("a", "2026-01-10", type="education", hours=140), date(2029, 1, 1))
    assert s.carryover_out == 0


def test_an_activity_counts_for_each_isaca_certification_it_is_relevant_to() -> None:
    s = status(CISA + activity("a", "2026-01-10", type="education", hours=2), date(2026, 6, 1))
    assert "program-note" in codes(s)


def test_the_sample_cisa_ledger_is_on_track_with_mentoring_capped() -> None:
    from pathlib import Path

    from cpetui.ledger.load import read_ledger
    from cpetui.status import evaluate

    ledger = read_ledger(Path(__file__).resolve().parents[2] / "ledgers" / "cisa-2026-2028.toml")
    s = evaluate(ledger, date(2026, 11, 22))
    assert s.state == "on-track"
    assert requirement(s, "annual-year-1").counted == 42.75  # 44.75 earned, 2 mentoring hours over 10
    assert s.credit_of("2026-02-18-isaca-tokyo-chapter").earned == 1  # 45 minutes, at least 1
