"""A first ledger from inside the app: on an empty folder `n` (or the palette) asks program, credential
and first day, shows the cycle and file, and writes what `cpetui new` writes for the same answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input, Select

from cpetui.ui.screens.new_ledger import NewLedgerScreen
from tests.ui.conftest import CISSP, SIZE, make_app, settle


async def _fill(pilot, program: str, credential: str, start: str) -> NewLedgerScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, NewLedgerScreen)
    screen.query_one("#new-program", Select).value = program
    await pilot.pause()
    screen.query_one("#new-credential", Select).value = credential
    await pilot.pause()
    screen.query_one("#new-start", Input).value = start
    await pilot.pause()
    return screen


def by_cli(tmp_path: Path, name: str, *flags: str) -> str:
    """The ledger `cpetui new FLAGS` writes, as a user would run it."""
    other = tmp_path / "other"
    other.mkdir()
    r = subprocess.run([sys.executable, "-m", "cpetui", "new", *flags, "--dir", str(other)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return (other / name).read_text(encoding="utf-8")


async def _start_a_ledger(pilot) -> None:  # type: ignore[no-untyped-def]
    """The app settled, then `n`: the dialog that starts a ledger, settled."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)


async def test_n_on_an_empty_folder_starts_a_first_ledger(tmp_path: Path) -> None:
    folder = tmp_path / "cpe"
    folder.mkdir()
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await _start_a_ledger(pilot)
        assert "Choose the program." in str(app.screen.query_one("#new-plan").render())
        screen = await _fill(pilot, "isc2", "CISSP", "2024-07-01")
        plan = str(screen.query_one("#new-plan").render())
        assert "2024-07-01" in plan and "2027-06-30" in plan and "cissp-2024-2027.toml" in plan
        await pilot.press("ctrl+s")
        await settle(pilot)
        written = folder / "cissp-2024-2027.toml"
        assert written.exists()
        assert app.selected == str(written) and app.entry is not None and app.entry.credential == "CISSP"
    assert written.read_text(encoding="utf-8") == by_cli(tmp_path, "cissp-2024-2027.toml", "--program",
                                                         "isc2", "--credential", "CISSP", "--start",
                                                         "2024-07-01")


async def test_the_palette_starts_a_ledger_beside_others_and_undo_removes_it(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "New ledger…"]
        command.callback()
        await settle(pilot)
        await _fill(pilot, "acfe", "CFE", "2026-01-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        new = folder / "cfe-2026.toml"
        assert new.exists() and app.selected == str(new)
        await pilot.press("u")
        await settle(pilot)
        assert not new.exists()


async def test_a_date_that_is_no_date_says_how_to_write_one(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _start_a_ledger(pilot)
        screen = await _fill(pilot, "isc2", "CISSP", "2024/07/01")
        assert "write 2024-07-01" in str(screen.query_one("#new-plan").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewLedgerScreen)  # nothing written, the dialog stays
        assert list(tmp_path.glob("*.toml")) == []


async def test_n_when_the_next_cycle_exists_offers_to_open_it(ledgers) -> None:
    nxt = CISSP.replace("start = 2024-07-01\nend = 2027-06-30", "start = 2027-07-01")
    folder = ledgers(cissp=CISSP, next=nxt)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.selected = str(folder / "cissp.toml")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "already has its ledger: next.toml" in str(app.screen.query_one(".question").render())
        await pilot.press("y")
        await settle(pilot)
        assert app.selected == str(folder / "next.toml")
        assert sorted(p.name for p in folder.glob("*.toml")) == ["cissp.toml", "next.toml"]


async def test_the_date_certified_derives_the_first_cycle_as_cpetui_new_does(tmp_path: Path) -> None:
    # IIA-Japan 2010 guideline: the certification year and the next are exempt, then 2-year periods from
    # 1 January: certified 2009-06-01 → the first period 2011-01-01 … 2012-12-31 (rules-facts 4.1).
    folder = tmp_path / "cpe"
    folder.mkdir()
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await _start_a_ledger(pilot)
        screen = await _fill(pilot, "iia-japan", "CCSA", "")
        screen.query_one("#new-certified", Input).value = "2009-06-01"
        await pilot.pause()
        plan = str(screen.query_one("#new-plan").render())
        assert "2011-01-01" in plan and "2012-12-31" in plan and "ccsa-2011-2012.toml" in plan
        await pilot.press("ctrl+s")
        await settle(pilot)
        written = folder / "ccsa-2011-2012.toml"
        assert "certified = 2009-06-01" in written.read_text(encoding="utf-8")
    assert written.read_text(encoding="utf-8") == by_cli(tmp_path, "ccsa-2011-2012.toml", "--program",
                                                         "iia-japan", "--credential", "CCSA", "--certified",
                                                         "2009-06-01")
