"""`cpetui calendar`: every key date of every ledger as an all-day iCalendar event, read back here."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from cpetui.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "ledgers"


def events(path: Path) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_every_ledger_has_its_key_dates_as_all_day_events_with_reminders(tmp_path: Path) -> None:
    out = tmp_path / "cpe.ics"
    assert main(["calendar", str(SAMPLES), "-o", str(out), "--as-of", "2026-12-01"]) == 0
    found = events(out)
    ledgers = {p.name for p in SAMPLES.glob("*.toml")}
    described = {name for name in ledgers for e in found if f"({name})" in str(e["description"])}
    assert described == ledgers  # at least one event per ledger
    # ISC2 CISSP 2024-2027: the cycle ends 2027-06-30, grace ends 90 days later
    # (ISC2 · CPE Credit Quick Guide; ISC2 · Member policies).
    cissp = {str(e["summary"]): e for e in found if "(cissp-2024-2027.toml)" in str(e["description"])}
    grace = cissp["CISSP: Grace period ends (submit CPE, pay the AMF)"]
    assert grace["dtstart"].dt == date(2027, 9, 28) and grace["dtend"].dt == date(2027, 9, 29)
    assert "Source: ISC2" in str(grace["description"])
    alarms = [a["trigger"].dt for a in grace.walk("VALARM")]
    assert alarms == [timedelta(days=-90), timedelta(days=-30), timedelta(days=-7)]


def test_uids_stay_the_same_on_a_second_run_and_after_an_edit(tmp_path: Path) -> None:
    folder = tmp_path / "ledgers"
    shutil.copytree(SAMPLES, folder)
    first, second, third = (tmp_path / n for n in ("1.ics", "2.ics", "3.ics"))
    main(["calendar", str(folder), "-o", str(first), "--as-of", "2026-12-01"])
    main(["calendar", str(folder), "-o", str(second), "--as-of", "2026-12-01"])
    assert first.read_bytes() == second.read_bytes()
    ledger = folder / "cc-2025-2028.toml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n# a note added by hand\n", encoding="utf-8")
    main(["calendar", str(folder), "-o", str(third), "--as-of", "2027-01-15"])
    uids = [[str(e["uid"]) for e in events(p)] for p in (first, third)]
    assert uids[0] == uids[1] and len(set(uids[0])) == len(uids[0])  # stable and unique


def test_reminders_as_asked_and_none(tmp_path: Path) -> None:
    out = tmp_path / "x.ics"
    main(["calendar", str(SAMPLES / "cfe-2026-2027.toml"), "-o", str(out), "--remind", "60,14"])
    assert {tuple(a["trigger"].dt.days for a in e.walk("VALARM")) for e in events(out)} == {(-60, -14)}
    main(["calendar", str(SAMPLES / "cfe-2026-2027.toml"), "-o", str(out), "--remind", "none"])
    assert all(not e.walk("VALARM") for e in events(out))


def test_japanese_text_in_japanese(tmp_path: Path) -> None:
    out = tmp_path / "ja.ics"
    main(["--lang", "ja", "calendar", str(SAMPLES / "cissp-2024-2027.toml"), "-o", str(out),
          "--as-of", "2026-12-01"])
    summaries = {str(e["summary"]) for e in events(out)}
    assert "CISSP: サイクル終了" in summaries or any("サイクル" in s for s in summaries)
    assert all("出典" in str(e["description"]) for e in events(out))


def test_never_written_over_a_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cissp.toml"
    shutil.copy(SAMPLES / "cissp-2024-2027.toml", target)
    before = target.read_bytes()
    assert main(["calendar", str(SAMPLES / "cfe-2026-2027.toml"), "-o", str(target)]) == 1
    assert target.read_bytes() == before
    assert "ledger" in capsys.readouterr().err
