"""Renewal by other means (facts sheet §2 OffSec, §5.2 CompTIA): the exam passed again or a higher
certification earned inside the cycle meets its requirement, says so with its source, and starts the next
cycle that day; a certification the table does not list for the credential, or one earned after the cycle,
renews nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cpetui.ledger.programs import use_programs
from tests.rules.helpers import activity, codes, status

OSCP = '[cycle]\nprogram = "offsec"\ncredential = "OSCP+"\nstart = 2025-03-14\n\n'
SECURITY_PLUS = '[cycle]\nprogram = "comptia"\ncredential = "Security+"\nstart = 2025-04-10\n\n'


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


def test_an_oscp_plus_renewed_by_passing_the_exam_again_is_complete_from_that_day() -> None:
    # OffSec handbook: other ways to renew — pass the same exam again, or earn a higher certification.
    text = OSCP + activity("w", "2025-05-01", type="webinar", hours=2) + (
        '[[activity]]\nid = "exam"\ndate = 2026-10-02\ntitle = "OSCP+ exam passed again"\n'
        'type = "exam-renewal"\nevidence = "e.pdf"\n')
    before = status(text, date(2026, 10, 1))
    assert before.state != "complete" and before.renewed_on is None
    s = status(text, date(2026, 10, 3))
    assert s.state == "complete" and s.total.met and s.renewed_on == date(2026, 10, 2)
    assert "renewed by OSCP+ exam passed again on 2026-10-02" in s.total.explanation.text
    assert "OffSec" in s.total.explanation.citation
    assert "renewed" in codes(s, "exam")
    # Nothing is left to earn: no pace a month, and `due` says the requirement is met.
    assert s.pace is not None and s.pace.remaining == 0
    from cpetui.overview import due, figure_words
    from tests.rules.helpers import ledger

    assert figure_words(due(ledger(text), s))[0] == "requirement met"


def test_security_plus_is_renewed_by_cysa_earned_inside_its_cycle_not_by_network_plus() -> None:
    def earned(cert: str, when: str) -> str:
        return (f'[[activity]]\nid = "{cert}"\ndate = {when}\ntitle = "{cert} earned"\n'
                f'type = "higher-certification"\ncertification = "{cert}"\n\n')

    s = status(SECURITY_PLUS + earned("CySA+", "2026-09-01"), date(2026, 10, 1))
    assert s.state == "complete" and s.renewed_on == date(2026, 9, 1)
    lower = status(SECURITY_PLUS + earned("Network+", "2026-09-01"), date(2026, 10, 1))
    assert lower.state != "complete" and "renews-nothing" in codes(lower, "Network+")
    late = status(SECURITY_PLUS + earned("CySA+", "2028-06-01"), date(2028, 7, 1))
    assert late.renewed_on is None  # earned after the Security+ cycle ended: it renews nothing


def next_ledger(tmp_path: Path, capsys, text: str, as_of: str) -> Path:  # type: ignore[no-untyped-def]
    """The ledger `cpetui new --from` writes after the one holding `text`."""
    from cpetui.cli import main

    ledger = tmp_path / "previous.toml"
    ledger.write_text(text, encoding="utf-8")
    code = main(["new", "--from", str(ledger), "--dir", str(tmp_path / "next"), "--as-of", as_of])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    (made,) = (tmp_path / "next").glob("*.toml")
    return made


def test_the_next_cycle_starts_on_the_day_of_the_renewal(tmp_path: Path, capsys) -> None:
    from cpetui.cli import main

    exam = ('[[activity]]\nid = "exam"\ndate = 2026-10-02\ntitle = "OSCP+ exam again"\n'
            'type = "exam-renewal"\nevidence = "e.pdf"\n')
    made = next_ledger(tmp_path, capsys, OSCP + exam, "2026-12-01")
    text = made.read_text(encoding="utf-8")
    assert "start = 2026-10-02" in text
    # Certified anew that day: the next cycle is on its rhythm, and check says nothing of it.
    assert "certified = 2026-10-02" in text
    assert main(["check", str(made)]) == 0 and "0 errors, 0 warnings" in capsys.readouterr().out


def test_security_plus_renewed_by_cysa_starts_its_next_cycle_that_day(tmp_path: Path, capsys) -> None:
    # CompTIA CE program · Earn a higher-level CompTIA certification: the renewed certification's cycle is
    # aligned with the higher one's, which starts the day it is earned.
    made = next_ledger(tmp_path, capsys, SECURITY_PLUS + '[[activity]]\nid = "cysa"\ndate = 2026-09-01\n'
                       'title = "CySA+ earned"\ntype = "higher-certification"\ncertification = "CySA+"\n',
                       "2026-10-01")
    assert "start = 2026-09-01" in made.read_text(encoding="utf-8")
