"""GIAC, PMI and EC-Council from their program files: each rule with its figure and source beside it."""

from __future__ import annotations

from datetime import date

import pytest

from cpetui.ledger.programs import use_programs
from tests.rules.helpers import activity, codes, requirement, status


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


GCIH = '[cycle]\nprogram = "giac"\ncredential = "GCIH"\nstart = 2025-07-20\n\n'
PMP = '[cycle]\nprogram = "pmi"\ncredential = "PMP"\nstart = 2024-09-15\ncertified = 2024-09-15\n\n'
CAPM = PMP.replace('"PMP"', '"CAPM"')
CEH = '[cycle]\nprogram = "eccouncil"\ncredential = "CEH"\nstart = 2025-02-01\n\n'


# ------------------------------------------------------------------------------------------ GIAC

def test_giac_needs_36_within_the_four_years_the_certification_is_valid() -> None:
    # giac.org, certification renewal: 36 CPE within the four-year period.
    s = status(GCIH + activity("c", "2026-03-16", type="sans-training", hours=35.75), date(2029, 7, 20))
    assert s.cycle_end == date(2029, 7, 19)
    assert (s.total.counted, s.total.required, s.total.met) == (35.75, 36, False)


def test_giac_graduate_courses_earn_12_each_and_at_most_3_count() -> None:
    # GIAC CPE chart: a graduate course 12, at most 3 courses.
    text = GCIH + "".join(activity(f"g{n}", f"2026-0{n}-01", type="graduate-course", credits=12)
                          for n in range(1, 5))
    s = status(text, date(2027, 1, 1))
    assert [s.credit_of(f"g{n}").counted for n in range(1, 5)] == [12, 12, 12, 0]


def test_giac_cyber_ranges_and_community_give_at_most_12_each() -> None:
    text = GCIH + activity("r1", "2025-11-08", type="cyber-range", credits=6) + activity(
        "r2", "2026-06-13", type="cyber-range", credits=10) + activity(
        "b", "2026-01-24", type="community", credits=14)
    s = status(text, date(2027, 1, 1))
    assert [s.credit_of(i).counted for i in ("r1", "r2", "b")] == [6, 6, 12]


def test_giac_published_work_is_at_most_36() -> None:
    s = status(GCIH + activity("p", "2026-01-24", type="published-work", credits=40), date(2027, 1, 1))
    assert s.credit_of("p").earned == 36


# ------------------------------------------------------------------------------------------- PMI

def test_pmp_needs_60_with_35_education_and_8_in_each_skill_area() -> None:
    # PMI CCR Handbook (secondary quotations): PMP 60 PDUs; Education ≥ 35, ≥ 8 in each skill area.
    text = PMP + activity("w", "2025-01-10", type="course", area="ways-of-working", hours=8) + activity(
        "p", "2025-02-10", type="course", area="power-skills", hours=7.75) + activity(
        "b", "2025-03-10", type="course", area="business-acumen", hours=20)
    s = status(text, date(2027, 9, 15))
    assert requirement(s, "total").required == 60
    assert (requirement(s, "education").counted, requirement(s, "education").met) == (35.75, True)
    assert requirement(s, "ways-of-working").met and not requirement(s, "power-skills").met
    assert "unconfirmed" in requirement(s, "education").explanation.citation


def test_capm_needs_15_with_2_in_each_skill_area() -> None:
    s = status(CAPM + activity("w", "2025-01-10", type="course", area="ways-of-working", hours=2),
               date(2025, 2, 1))
    assert requirement(s, "total").required == 15
    assert requirement(s, "business-acumen").required == 2


def test_pmi_giving_back_at_most_25_of_which_practitioner_8() -> None:
    # Giving Back ≤ 25, of which Working as a Practitioner ≤ 8: the caps nest.
    text = PMP + activity("job", "2025-01-10", type="practitioner", hours=10) + activity(
        "talks", "2025-02-10", type="presentation", hours=20)
    s = status(text, date(2026, 1, 1))
    assert [s.credit_of(i).counted for i in ("job", "talks")] == [8, 17]


def test_pmi_an_area_is_a_declared_value_checked_by_the_ledger_reader() -> None:
    from cpetui.ledger.parse import parse_text

    ledger = parse_text(PMP + activity("x", "2025-01-10", type="course", area="leadership", hours=1),
                        "t.toml")
    (problem,) = [p for p in ledger.problems if p.severity == "error"]
    assert problem.code == "bad-value" and "power-skills" in problem.hint


def test_pmi_nothing_before_the_exam_counts_and_claims_are_in_quarter_hours() -> None:
    s = status(PMP + activity("early", "2024-09-01", type="course", area="power-skills", hours=3)
               + activity("q", "2025-01-01", type="course", area="power-skills", hours=1.1), date(2025, 6, 1))
    assert "before-certification" in codes(s, "early") or "outside-cycle" in codes(s, "early")
    assert s.credit_of("q").earned == 1


def test_pmi_pdus_above_the_total_earned_in_the_last_12_months_carry_over() -> None:
    # Secondary: PDUs above the total earned in the last 12 months of a cycle carry into the next.
    text = PMP + activity("old", "2025-01-10", type="course", area="power-skills", hours=55) + activity(
        "late", "2027-03-01", type="course", area="business-acumen", hours=15)
    s = status(text, date(2027, 9, 15))
    assert s.carryover_out == 10  # 70 earned, 10 above 60; 15 earned in the last 12 months


# ------------------------------------------------------------------------------------ EC-Council

def test_eccouncil_needs_120_in_the_three_year_window_and_no_yearly_minimum() -> None:
    s = status(CEH + activity("a", "2025-04-18", type="education", hours=16), date(2025, 6, 1))
    assert requirement(s, "total").required == 120 and s.cycle_end == date(2028, 1, 31)
    assert [r.id for r in s.requirements] == []


def test_eccouncil_an_ece_certification_passed_in_the_window_is_120() -> None:
    # EC-Council ECE policy: an ECE certification passed inside the window = 120 (rules-facts 5.5); it
    # renews the window's requirement, and the next window still starts when this one ends.
    s = status(CEH + activity("w", "2025-03-01", type="education", hours=4)
               + activity("c", "2026-05-01", type="ece-certification"), date(2026, 6, 1))
    assert s.total.met and s.state == "complete"
    assert "renewed by c on 2026-05-01: the CPE requirement is met" in s.total.explanation.text
    assert "EC-Council · Continuing Education (ECE) Policy" in s.total.explanation.citation
    (f,) = [f for f in s.findings if f.code == "renewed"]
    assert f.message.endswith("the next cycle starts when this one ends, on 2028-02-01")
    assert s.renewed_on is None  # the window's end stays: the next starts on 2028-02-01
    before = status(CEH + activity("c", "2026-05-01", type="ece-certification"), date(2026, 4, 30))
    assert not before.total.met  # not yet passed on that day


def test_eccouncil_new_after_an_ece_certification_starts_when_the_window_ends(tmp_path, capsys) -> None:
    from cpetui.cli import main

    ledger = tmp_path / "ceh.toml"
    ledger.write_text(CEH + activity("c", "2026-05-01", type="ece-certification"), encoding="utf-8")
    code = main(["new", "--from", str(ledger), "--dir", str(tmp_path / "next"), "--as-of", "2026-12-01"])
    assert code == 0, capsys.readouterr().err
    (made,) = (tmp_path / "next").glob("*.toml")
    assert "start = 2028-02-01" in made.read_text(encoding="utf-8")


def test_eccouncil_activities_of_ones_own_job_role_earn_nothing() -> None:
    s = status(CEH + activity("j", "2025-12-03", type="job-role", hours=12), date(2026, 1, 1))
    assert s.credit_of("j").counted == 0 and "not-eligible" in codes(s, "j")


def test_eccouncil_a_missed_window_suspends_then_revokes_after_12_months() -> None:
    text = CEH + activity("a", "2025-04-18", type="education", hours=16)
    assert status(text, date(2028, 3, 1)).state == "suspended"
    assert status(text, date(2029, 2, 2)).state == "lapsed"


def test_a_cap_on_counts_names_the_activities_that_counted() -> None:
    # GIAC: at most 3 graduate courses per renewal; the fourth earns nothing and says which counted.
    text = GCIH + "".join(activity(f"g{n}", f"2026-0{n}-01", type="graduate-course", credits=12)
                          for n in range(1, 5))
    s = status(text, date(2027, 1, 1))
    (f,) = [f for f in s.findings if f.code == "cap-reached"]
    assert f.activity_id == "g4" and "3 activities count, at lines" in f.message
    row = requirement(s, "cap-graduate-course")
    assert (row.earned, row.counted, row.required) == (4, 3, 3)  # activities, not credits


def test_pmi_working_as_a_practitioner_is_claimable_once_per_cycle() -> None:
    text = PMP + activity("job1", "2025-01-10", type="practitioner", hours=4) + activity(
        "job2", "2026-01-10", type="practitioner", hours=3)
    s = status(text, date(2026, 6, 1))
    assert [s.credit_of(i).counted for i in ("job1", "job2")] == [4, 0]


def test_giac_an_activity_claimed_for_more_certifications_than_allowed_is_named(tmp_path) -> None:
    # GIAC CPE chart: community participation counts for 1 certification, SANS training up to 3.
    from cpetui.cli import main

    blog = ('[[activity]]\nid = "blog"\ndate = 2026-01-24\ntitle = "Blog post"\ntype = "community"\n'
            'credits = 2\n')
    course = ('[[activity]]\nid = "sec504"\ndate = 2026-03-16\ntitle = "SANS SEC504"\n'
              'type = "sans-training"\nhours = 36\n')
    for name in ("gcih", "gcia", "gpen"):
        (tmp_path / f"{name}.toml").write_text(
            GCIH.replace('"GCIH"', f'"{name.upper()}"') + blog + "\n" + course, encoding="utf-8")
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        main(["check", str(tmp_path), "--as-of", "2026-12-01"])
    text = out.getvalue()
    assert text.count("claimed for 3 credentials") == 2  # the blog beyond its one certification
    assert "gcia.toml" in text and "SANS SEC504" not in text  # the course: 3 is allowed


def test_eccouncil_and_acfe_say_what_clears_a_suspension(capsys) -> None:
    # EC-Council help centre: suspended for at most 12 months, then revoked; ACFE FAQ: 20 CPE (10 fraud,
    # 2 ethics) for each suspended year.
    from cpetui.cli import main

    s = status(CEH + activity("a", "2025-04-18", type="education", hours=16), date(2028, 3, 1))
    (suspension,) = [k for k in s.key_dates if k.id == "suspension"]
    assert "three years less the time suspended" in suspension.clears
    main(["status", "ledgers/cfe-2026-2027.toml", "--as-of", "2026-12-01"])
    out = capsys.readouterr().out
    assert "to clear it: 20 CPE (10 fraud-related, 2 ethics) for each suspended year" in out


def test_acfe_one_listed_certification_a_year_and_isc2_one_book_a_year_are_counts() -> None:
    # ACFE JAPAN, 8. Other: 報告年度内に1資格のみ 10単位; ISC2 Japan: 1年に書籍1冊・雑誌1冊に限定.
    cfe = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2026-04-01\n\n'
    s = status(cfe + activity("c1", "2026-05-01", type="listed-certification", field="fraud", credits=10)
               + activity("c2", "2026-08-01", type="listed-certification", field="fraud", credits=10),
               date(2027, 4, 1))
    assert [s.credit_of(i).counted for i in ("c1", "c2")] == [10, 0]
    (f,) = [f for f in s.findings if f.code == "cap-reached" and f.activity_id == "c2"]
    assert "at line" in f.message
    cissp = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2015-07-01\nrules = "isc2-2015"\n\n'
    s = status(cissp + activity("b1", "2015-09-01", type="reading-book", group="B", credits=5)
               + activity("b2", "2016-02-01", type="reading-book", group="B", credits=5)
               + activity("b3", "2016-09-01", type="reading-book", group="B", credits=5), date(2018, 7, 1))
    assert [s.credit_of(i).counted for i in ("b1", "b2", "b3")] == [5, 0, 5]  # one a year
