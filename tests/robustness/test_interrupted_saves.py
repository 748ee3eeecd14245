"""A save that fails at any point, in the app: the file is untouched, the user is told, the app stays sane.

The store's own guarantees (every failure point, a crash by KeyboardInterrupt, read-only file and folder)
are proven in tests/ledger/test_store.py; these drive the same failures through the app's keys.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from cpetui.ledger import store
from cpetui.ui.screens.form import ActivityForm
from tests.ui.conftest import CISSP, SIZE, make_app, settle

# (os function that fails, the error, words the notification must contain)
FAILURES = [
    ("write", OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
    ("fsync", OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ("replace", OSError(errno.EIO, "Input/output error"), "Input/output error"),  # crash before rename
    ("replace", OSError(errno.EROFS, "Read-only file system"), "read-only"),
    ("open", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),  # folder
]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".cpetui-tmp")]


def record_notes(app: Any) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    notify = app.notify

    def spy(message: str, *args: Any, **kwargs: Any) -> None:
        notes.append((str(message), kwargs.get("severity", "information")))
        notify(message, *args, **kwargs)

    app.notify = spy
    return notes


def failing(monkeypatch: pytest.MonkeyPatch, name: str, exc: OSError) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(store.os, name, fail)


@pytest.mark.parametrize(("target", "exc", "words"), FAILURES, ids=[f[0] + "-" + f[2] for f in FAILURES])
async def test_a_failed_save_in_the_app_keeps_the_file_and_says_so(
    ledgers, monkeypatch: pytest.MonkeyPatch, target: str, exc: OSError, words: str, cases
) -> None:
    cases("interrupted saves", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        before = app.entry
        failing(monkeypatch, target, exc)
        await pilot.press("s")  # mark the first activity submitted
        await settle(pilot)
        monkeypatch.undo()
        assert path.read_text(encoding="utf-8") == CISSP
        assert leftovers(folder) == []
        errors = [m for m, sev in notes if sev == "error"]
        assert errors and words in errors[-1] and "unchanged" in errors[-1], notes
        assert app.entry is before and not app.entry.broken  # the app still holds what is on disk
        assert app.session.history == []  # nothing to undo: nothing happened
        await pilot.press("s")  # the disk is back: the same key now saves
        await settle(pilot)
        assert "submitted = 2026-11-22" in path.read_text(encoding="utf-8")
        assert len(app.session.history) == 1


async def test_a_read_only_ledger_is_not_written_and_the_user_is_told(ledgers, cases) -> None:
    cases("interrupted saves", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    os.chmod(path, 0o444)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("d", "y")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP
        assert any("read-only" in m and sev == "error" for m, sev in notes), notes
        assert len(app.entry.ledger.activities) == 3


async def test_a_failed_undo_keeps_the_file_and_the_undo_step(ledgers, monkeypatch, cases) -> None:
    cases("interrupted saves", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("d", "y")
        await settle(pilot)
        deleted = path.read_text(encoding="utf-8")
        assert len(app.entry.ledger.activities) == 2
        failing(monkeypatch, "write", OSError(errno.ENOSPC, "No space left on device"))
        await pilot.press("u")
        await settle(pilot)
        monkeypatch.undo()
        assert path.read_text(encoding="utf-8") == deleted
        assert any("Cannot undo" in m and "the disk is full" in m for m, _sev in notes), notes
        assert len(app.session.history) == 1
        await pilot.press("u")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP  # the very text back, comment included


async def test_a_failed_add_gives_the_form_back_with_what_was_typed(ledgers, monkeypatch, cases) -> None:
    cases("interrupted saves", 1)
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#in-title").value = "Typed while the disk was full"
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        form.query_one("#in-hours").value = "3"
        await pilot.pause()
        failing(monkeypatch, "write", OSError(errno.ENOSPC, "No space left on device"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        monkeypatch.undo()
        assert path.read_text(encoding="utf-8") == CISSP
        assert any("the disk is full" in m for m, _sev in notes), notes
        assert isinstance(app.screen, ActivityForm), "what the user typed must not be thrown away"
        assert app.screen.query_one("#in-title").value == "Typed while the disk was full"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Typed while the disk was full" in path.read_text(encoding="utf-8")
