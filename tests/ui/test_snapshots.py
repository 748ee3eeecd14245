"""Snapshots of the main screen, the add form and the error state, on a fixed day at 100×32.

A picture must not depend on how long the test took: Input's cursor blinks on a half-second timer, so
on a loaded machine the focused field was drawn with its cursor off now and then. Every run_before ends
with `_steady`: cursors stop blinking (and stay shown), then workers and the screen settle.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.ui.conftest import CFE, CISSP, SIZE, make_app


async def _settled(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _steady(pilot) -> None:  # type: ignore[no-untyped-def]
    """No timer left that changes the picture: every input's cursor shown, not blinking."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await _settled(pilot)
    await pilot.wait_for_scheduled_animations()


@pytest.fixture
def folder(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    # Relative paths keep the temporary folder's name out of the picture.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "")
    (tmp_path / "ledgers").mkdir()
    return tmp_path / "ledgers"


def test_main_screen(snap_compare, folder) -> None:
    (folder / "cissp.toml").write_text(CISSP.replace("Chapter meeting", "勉強会 Chapter meeting"))
    (folder / "cfe.toml").write_text(CFE)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settled(pilot)
        pilot.app.query_one("#ledgers").focus()
        await pilot.press("down")
        await _settled(pilot)
        pilot.app.query_one("#activities").focus()
        await _steady(pilot)

    assert snap_compare(make_app("ledgers"), terminal_size=SIZE, run_before=run_before)


def test_add_form(snap_compare, folder) -> None:
    (folder / "cissp.toml").write_text(CISSP)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settled(pilot)
        await pilot.press("a")
        await _settled(pilot)
        form = pilot.app.screen
        form.query_one("#in-title").value = "OWASP meetup"
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        form.query_one("#in-hours").value = "1,5"
        await _steady(pilot)

    assert snap_compare(make_app("ledgers"), terminal_size=SIZE, run_before=run_before)


def test_error_state(snap_compare, folder) -> None:
    (folder / "cissp.toml").write_text(CISSP)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settled(pilot)
        (folder / "cissp.toml").write_text(CISSP.replace("hours = 12", "hours = 1,5"))
        pilot.app.reread(["ledgers/cissp.toml"])
        await _steady(pilot)

    assert snap_compare(make_app("ledgers"), terminal_size=SIZE, run_before=run_before)
