"""CompTIA CE from its program file (the current activity chart): what each certification needs and
the most each kind of activity gives it, with the figure and its source beside each case."""

from __future__ import annotations

from datetime import date

import pytest

from cpetui.ledger.programs import use_programs
from cpetui.rules import RulesError
from tests.rules.helpers import activity, codes, requirement, status


def cycle(credential: str, start: str = "2025-04-10") -> str:
    return f'[cycle]\nprogram = "comptia"\ncredential = "{credential}"\nstart = {start}\n\n'


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


@pytest.mark.parametrize(("credential", "ceus"), [
    ("A+", 20), ("Network+", 30), ("Security+", 50), ("CySA+", 60), ("SecurityX", 75), ("CASP+", 75),
])
def test_each_certification_needs_its_own_ceus_in_three_years(credential: str, ceus: float) -> None:
    # CompTIA CE program: A+ 20, Network+ 30, Security+ 50, CySA+ 60, SecurityX (was CASP+) 75.
    s = status(cycle(credential) + activity("a", "2025-05-01", type="training-course", hours=1),
               date(2025, 6, 1))
    assert requirement(s, "total").required == ceus
    assert s.cycle_end == date(2028, 4, 9)  # three years from the day earned


def test_webinars_and_conferences_give_security_plus_at_most_10_and_a_plus_4() -> None:
    text = activity("w1", "2025-05-01", type="webinar-conference", hours=6) + activity(
        "w2", "2025-06-01", type="webinar-conference", hours=6)
    sec = status(cycle("Security+") + text, date(2025, 7, 1))
    assert [sec.credit_of(i).counted for i in ("w1", "w2")] == [6, 4]
    a_plus = status(cycle("A+") + text, date(2025, 7, 1))
    assert [a_plus.credit_of(i).counted for i in ("w1", "w2")] == [4, 0]
    assert "cap-reached" in codes(a_plus)


def test_teaching_gives_a_plus_at_most_10_and_securityx_40() -> None:
    text = activity("t", "2025-05-01", type="teach-mentor", hours=25)
    assert status(cycle("A+") + text, date(2025, 6, 1)).credit_of("t").counted == 10
    assert status(cycle("SecurityX") + text, date(2025, 6, 1)).credit_of("t").counted == 25


def test_work_experience_counts_at_most_3_a_ce_year_and_9_a_cycle() -> None:
    text = (activity("y1a", "2025-12-01", type="work-experience", credits=3)
            + activity("y1b", "2026-03-01", type="work-experience", credits=3)  # same CE year
            + activity("y2", "2026-12-01", type="work-experience", credits=3)
            + activity("y3", "2027-12-01", type="work-experience", credits=3))
    s = status(cycle("Security+") + text, date(2028, 4, 9))
    assert [s.credit_of(i).counted for i in ("y1a", "y1b", "y2", "y3")] == [3, 0, 3, 3]


def test_a_higher_certification_renews_the_lower_one_said_in_the_findings() -> None:
    s = status(cycle("Security+") + activity("a", "2025-05-01", type="training-course", hours=1),
               date(2025, 6, 1))
    notes = [f.message for f in s.findings if f.code == "program-note"]
    assert any("Security+ renews Network+ and A+" in n for n in notes)


def test_a_credential_compTIA_does_not_have_is_a_located_error() -> None:
    with pytest.raises(RulesError) as err:
        status(cycle("CISSP") + activity("a", "2025-05-01", hours=1), date(2025, 6, 1))
    assert err.value.finding.code == "unknown-credential" and "Security+" in err.value.finding.hint


def test_the_sample_security_plus_ledger_counts_10_of_its_webinars_and_conferences() -> None:
    from pathlib import Path

    from cpetui.ledger.load import read_ledger
    from cpetui.status import evaluate

    ledger = read_ledger(Path(__file__).resolve().parents[2] / "ledgers" / "security-plus-2025-2028.toml")
    s = evaluate(ledger, date(2026, 11, 22))
    assert (s.total.earned, s.total.counted, s.total.required) == (37, 35.5, 50)
    assert s.state == "on-track"
