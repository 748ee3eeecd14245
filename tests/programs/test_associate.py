"""An Associate of ISC2 becoming a member (rules-facts 1.2: Associate 15 a year, yearly cycle, no
carryover, "also none when upgrading to full member"): `cpetui new` starts the member cycle on the day of
membership, ends the Associate's the day before (its [cycle] lines only), and carries nothing over."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cpetui.cli import main
from cpetui.ledger.programs import use_programs
from tests.rules.helpers import activity, codes, status

ASSOCIATE = ('[cycle]\nprogram = "isc2"\ncredential = "Associate"\ntrack = "cissp"\n'
             'start = 2025-03-01  # the Associate\'s year\nmember_id = "1234567"\n\n')
# 18 Group A hours: 3 above the Associate's 15 — none of them carries into the member cycle.
EARNED = activity("course", "2025-05-01", type="education", group="A", hours=18, evidence="c.pdf")


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


def test_new_ends_the_associate_cycle_the_day_before_the_member_cycle(tmp_path: Path, capsys) -> None:
    before = ASSOCIATE + EARNED
    path = tmp_path / "associate-2025-2026.toml"
    path.write_text(before, encoding="utf-8")
    code = main(["new", "--from", str(path), "--credential", "CISSP", "--start", "2025-10-15",
                 "--as-of", "2026-01-05"])
    out = capsys.readouterr().out
    assert code == 0
    assert "ended " in out and "on 2025-10-14: the CISSP cycle starts the next day" in out
    # Only the [cycle]'s new lines differ: every byte the user wrote is where it was.
    after = path.read_text(encoding="utf-8")
    assert after == before.replace('member_id = "1234567"\n',
                                   'member_id = "1234567"\nend = 2025-10-14\nbecame = "CISSP"\n')
    member = (tmp_path / "cissp-2025-2028.toml").read_text(encoding="utf-8")
    assert "start = 2025-10-15" in member and "carryover_in" not in member
    assert 'member_id = "1234567"' in member


def test_the_ended_associate_cycle_is_complete_and_nothing_carries_over() -> None:
    ended = ASSOCIATE.replace("track", 'end = 2025-10-14\nbecame = "CISSP"\ntrack') + activity(
        "w", "2025-05-01", type="education", group="A", hours=4, evidence="c.pdf")
    s = status(ended, date(2026, 1, 5))
    # 4 of the Associate's 15: its requirement ended with it, so no grace, suspension or lapse follows.
    assert s.state == "complete" and s.total.met and s.cycle_end == date(2025, 10, 14)
    assert "became CISSP on 2025-10-15: this cycle's requirement ends" in s.total.explanation.text
    assert "ISC2 · Member policies and CPE FAQ · Associate of ISC2: becoming a member" in (
        s.total.explanation.citation)
    assert [k.id for k in s.key_dates] == ["cycle-end", "evidence-retention"]
    assert s.carryover_out == 0 and "became" in codes(s)


def test_more_than_15_as_an_associate_still_carries_nothing() -> None:
    ended = ASSOCIATE.replace("track", 'end = 2025-10-14\nbecame = "CISSP"\ntrack') + EARNED
    s = status(ended, date(2026, 1, 5))
    assert s.total.counted == 18 and s.carryover_out == 0
    assert s.carryover_explanation.text.endswith("nothing carries over when Associate becomes CISSP")


def test_became_naming_a_credential_the_associate_does_not_become_is_a_warning() -> None:
    wrong = ASSOCIATE.replace("track", 'end = 2025-10-14\nbecame = "CC"\ntrack') + EARNED
    s = status(wrong, date(2026, 1, 5))
    (f,) = [f for f in s.findings if f.code == "became-not-allowed"]
    assert f.source is not None and f.source.line == 5  # the became line
    assert "CISSP, SSCP, CCSP" in f.hint and s.cycle_end == date(2025, 10, 14)


def test_a_cissp_does_not_become_anything_else() -> None:
    cissp = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\nbecame = "CCSP"\n\n'
    s = status(cissp, date(2025, 1, 1))
    (f,) = [f for f in s.findings if f.code == "became-not-allowed"]
    assert "remove became" in f.hint and not s.total.met


def test_a_new_credential_from_a_member_ledger_ends_nothing(tmp_path: Path, capsys) -> None:
    # A CISSP who earns a CCSP keeps the CISSP: only a credential the program says becomes another ends.
    cissp = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'
    path = tmp_path / "cissp.toml"
    path.write_text(cissp, encoding="utf-8")
    assert main(["new", "--from", str(path), "--credential", "CCSP", "--start", "2025-03-01",
                 "--dir", str(tmp_path / "next"), "--as-of", "2025-04-01"]) == 0
    assert path.read_text(encoding="utf-8") == cissp and "ended" not in capsys.readouterr().out


def test_ending_the_cycle_is_one_edit_of_the_editing_service_and_undo_restores_every_byte(
        tmp_path: Path) -> None:
    from cpetui.ledger.session import Edit, Session

    before = ASSOCIATE + EARNED
    path = tmp_path / "associate.toml"
    path.write_text(before, encoding="utf-8")
    session = Session([str(path)], date(2026, 1, 5))
    session.load()
    session.apply(Edit("cycle", str(path), values={"end": date(2025, 10, 14), "became": "CISSP"}))
    assert session.entries[str(path)].status.state == "complete"  # type: ignore[union-attr]
    session.undo(str(path))
    assert path.read_text(encoding="utf-8") == before
