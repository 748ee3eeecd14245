"""The overview: every credential's current cycle first, most urgent on top; Enter opens the ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpetui.ui.screens.overview import OverviewScreen, spark
from tests.ui.conftest import AS_OF, CFE, CISSP, settle  # noqa: F401

SAMPLES = Path(__file__).resolve().parents[2] / "ledgers"

# CISSP cycle 2024-07-01 – 2027-06-30 with two hours only: behind (ISC2 · CPE Credit Quick Guide: 120
# in the cycle, 40 a year recommended).
CISSP_BEHIND = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "one"
date = 2024-08-01
title = "One webinar"
type = "education"
group = "A"
hours = 2
"""

# CCSP, the same cycle, 3 × 40 hours: complete (90 in the cycle; at most 40 for one activity).
CCSP_DONE = CISSP_BEHIND.replace('"CISSP"', '"CCSP"').replace("hours = 2", "hours = 40") + "".join(
    f'\n[[activity]]\nid = "{n}"\ndate = 2025-0{n}-01\ntitle = "Course {n}"\ntype = "education"\n'
    f'group = "A"\nhours = 40\n' for n in (2, 3))


def app_on(*paths: Path, size: tuple[int, int] = (120, 40)):  # type: ignore[no-untyped-def]
    from cpetui.ui.app import CpetuiApp

    return CpetuiApp([str(p) for p in paths], as_of=AS_OF, watch=False, overview=True)


async def test_it_opens_first_with_the_most_urgent_on_top_and_enter_opens_the_ledger(ledgers) -> None:
    folder = ledgers(ccsp=CCSP_DONE, cissp=CISSP_BEHIND)
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        # CISSP is behind: first, though CCSP comes first in the sidebar.
        assert [Path(p).name for p in screen.paths if p] == ["cissp.toml", "ccsp.toml"]
        first = str(screen.query_one("#credentials").get_option_at_index(0).prompt)
        assert first.startswith("! CISSP") and "behind" in first and "118 to go" in first
        assert screen.query_one("#credentials").highlighted == 0
        await pilot.press("down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, OverviewScreen)
        assert app.selected == str(folder / "ccsp.toml") and app.entry.credential == "CCSP"
        await pilot.press("0")  # back to the overview
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")  # the ledger in view stays
        await settle(pilot)
        assert app.selected == str(folder / "ccsp.toml")


async def test_one_ledger_opens_on_the_ledger(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, OverviewScreen)


async def test_an_edit_shows_in_the_overview(ledgers) -> None:
    folder = ledgers(ccsp=CCSP_DONE, cissp=CISSP_BEHIND)
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        path = folder / "cissp.toml"
        path.write_text(CISSP_BEHIND.replace("hours = 2", "hours = 40"), encoding="utf-8")
        app.read_again([str(path)])
        await settle(pilot)
        await settle(pilot)
        text = str(app.screen.query_one("#credentials").get_option_at_index(0).prompt)
        assert "80 to go" in text  # 40 of 120


def test_the_sparkline_climbs_by_month_to_today_and_stops() -> None:
    from datetime import date

    from cpetui.ledger.load import read_ledger
    from cpetui.status import evaluate

    ledger = read_ledger(str(SAMPLES / "cia-2026.toml"))
    status = evaluate(ledger, date(2026, 6, 15))
    line = spark(ledger, status)
    assert len(line) == 6  # January to June 2026: nothing drawn after today
    assert list(line) == sorted(line)  # cumulative: never falls


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_overview_snapshot(snap_compare, tmp_path, monkeypatch, size) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "")
    folder = tmp_path / "ledgers"
    folder.mkdir()
    (folder / "cissp.toml").write_text(CISSP_BEHIND, encoding="utf-8")
    (folder / "cfe.toml").write_text(CFE, encoding="utf-8")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverviewScreen)

    from cpetui.ui.app import CpetuiApp

    app = CpetuiApp(["ledgers"], as_of=AS_OF, watch=False, overview=True)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_figures_continue_under_the_name_when_the_line_is_full() -> None:
    from cpetui.ledger.parse import parse_text
    from cpetui.overview import due
    from cpetui.status import evaluate
    from cpetui.ui.screens.overview import INDENT, due_text

    ledger = parse_text(CISSP_BEHIND, "cissp.toml")
    row = due(ledger, evaluate(ledger, AS_OF))
    wide = due_text(row, ledger, 30, 200).plain.splitlines()
    narrow = due_text(row, ledger, 30, 60).plain.splitlines()
    assert len(wide) == 2 and len(narrow) == 4
    assert all(len(line) <= 60 for line in narrow[:3])
    assert narrow[1].startswith(" " * INDENT) and not narrow[1][INDENT].isspace()
    assert narrow[1:3] == ["          16.32 a month · 2 not marked submitted", "          1 without evidence"]


async def test_keys_that_change_a_ledger_do_nothing_over_the_overview(ledgers) -> None:
    folder = ledgers(ccsp=CCSP_DONE, cissp=CISSP_BEHIND)
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.toml")}
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("s", "d", "c", "e", "a", "S", "n", "u")  # on the main screen each acts
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)  # no dialog opened behind or over it
        assert {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.toml")} == before
