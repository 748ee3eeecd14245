"""Two writers on one ledger — the app and an editor — in either order: nothing is silently overwritten.

App first, editor later: the app notices the editor's save, shows it and writes nothing over it; a form
the user is filling in stays open and is saved on top of the editor's text. Editor first, app later (or
the editor saving in the middle of the app's save): the app refuses, says so, and lets the user choose.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from cpetui.ledger import store
from cpetui.ui.screens.choose import Choose
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import CISSP, SIZE, make_app, settle

EDITOR_BLOCK = (
    '\n# typed in the editor\n[[activity]]\nid = "2025-02-01-editor"\ndate = 2025-02-01\n'
    'title = "Added in an editor"\ntype = "education"\ngroup = "A"\nhours = 4\n'
)


async def wait_until(pilot, condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"the app did not catch up within {timeout:.0f} s"
        await asyncio.sleep(0.05)
        await pilot.pause()


def ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.query_one(ActivityTable).shown_ids)


async def test_editor_saves_after_the_app_the_app_shows_it_and_writes_nothing_over_it(
    ledgers, cases
) -> None:
    cases("two writers", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")  # the app saves first
        await settle(pilot)
        assert "submitted = 2026-11-22" in path.read_text(encoding="utf-8")
        # The editor still holds the file as it was before and saves its buffer over the app's save.
        editor_text = CISSP + EDITOR_BLOCK
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: "2025-02-01-editor" in ids(app))
        assert app.entry.ledger.activity("2025-01-15-chapter").submitted is None  # as the editor left it
        await asyncio.sleep(0.4)  # several polls: the app must not write anything back
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == editor_text


async def test_editor_saves_while_a_form_is_open_the_form_survives_and_both_edits_are_kept(
    ledgers, cases
) -> None:
    cases("two writers", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # edit the first activity
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        form.query_one("#in-title").value = "Chapter meeting: zero trust, with notes"
        path.write_text(CISSP + EDITOR_BLOCK, encoding="utf-8")
        await wait_until(pilot, lambda: "2025-02-01-editor" in ids(app))
        assert app.screen is form
        assert form.query_one("#in-title").value == "Chapter meeting: zero trust, with notes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert "# typed in the editor" in text and "Added in an editor" in text
        assert 'title = "Chapter meeting: zero trust, with notes"' in text


async def test_editor_saved_before_the_app_the_app_is_refused_and_asks(ledgers, cases) -> None:
    cases("two writers", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)  # no watcher: the app learns of the editor only when it saves
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#in-hours").value = "3"
        await pilot.pause()
        editor_text = CISSP + EDITOR_BLOCK
        path.write_text(editor_text, encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text  # warned, nothing written
        await pilot.press("enter")  # read the file again and apply my change to it
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert "# typed in the editor" in text
        assert text.split("[[activity]]")[1].count("hours = 3") == 1


async def test_editor_saves_in_the_middle_of_the_app_s_save_and_wins(ledgers, monkeypatch, cases) -> None:
    cases("two writers", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    editor_text = CISSP + EDITOR_BLOCK
    real_fsync = os.fsync

    def fsync_then_the_editor_saves(fd: int) -> None:
        real_fsync(fd)
        if Path(path).read_text(encoding="utf-8") != editor_text:
            path.write_text(editor_text, encoding="utf-8")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(store.os, "fsync", fsync_then_the_editor_saves)
        await pilot.press("s")  # written to a temporary file; the editor saves before the rename
        await settle(pilot)
        monkeypatch.undo()
        assert isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text
        assert [p.name for p in folder.iterdir()] == ["cissp.toml"]  # no temporary file left
        await pilot.press("down", "enter")  # drop my change
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == editor_text
        assert "2025-02-01-editor" in ids(app)
