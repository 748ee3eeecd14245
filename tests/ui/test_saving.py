"""Saves run in a worker thread, in order; undo covers a created next-cycle ledger."""

from __future__ import annotations

import threading

from cpetui.ui.screens.confirm import Confirm
from tests.ui.conftest import CISSP, SIZE, make_app, settle


async def test_saves_are_written_off_the_ui_thread_and_in_order(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    threads: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        perform = app.session.perform

        def spy(edit):  # type: ignore[no-untyped-def]
            threads.append(threading.current_thread() is threading.main_thread())
            return perform(edit)

        app.session.perform = spy  # type: ignore[method-assign]
        # Keys pressed while saves may still be running: each one queues, none is lost.
        await pilot.press("s", "down", "s", "down", "s")
        await settle(pilot)
        await settle(pilot)
        assert threads == [False, False]  # the book (already submitted) needs no save
        text = path.read_text(encoding="utf-8")
        # The book was submitted already (2025-03-20): only the other two get today's date.
        assert text.count("submitted = 2026-11-22") == 2
        assert len(app.session.history) == 2
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP


async def test_undo_deletes_a_created_next_cycle_ledger_while_it_is_unchanged(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "u undoes it" in str(app.screen.query_one(".question").render())
        await pilot.press("y")
        await settle(pilot)
        new = folder / "cissp-2027-2030.toml"
        assert new.exists() and app.selected == str(new)
        await pilot.press("u")
        await settle(pilot)
        assert not new.exists()
        assert str(new) not in app.session.entries
        assert app.entry.path == str(folder / "cissp.toml")
        assert app.session.history == []


async def test_undo_keeps_a_created_ledger_the_user_edited_by_hand(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notify = app.notify

        def spy(message, **kw):  # type: ignore[no-untyped-def]
            notes.append(str(message))
            notify(message, **kw)

        app.notify = spy  # type: ignore[method-assign]
        await pilot.press("n", "y")
        await settle(pilot)
        new = folder / "cissp-2027-2030.toml"
        edited = new.read_text(encoding="utf-8") + "# my own note\n"
        new.write_text(edited, encoding="utf-8")
        await pilot.press("u")
        await settle(pilot)
        assert new.read_text(encoding="utf-8") == edited  # never deleted: the user wrote in it
        assert any("was changed after cpetui created it" in n for n in notes), notes
        assert app.session.history == []  # the refused step is dropped: earlier ones stay undoable


async def test_an_edit_redraws_only_the_cells_that_changed(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder / "cissp.toml")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        table = app.query_one("#activities")
        cleared: list[bool] = []
        clear = table.clear
        table.clear = lambda *a, **k: (cleared.append(True), clear(*a, **k))[1]  # type: ignore[method-assign]
        await pilot.press("s")
        await settle(pilot)
        # The page was not rebuilt (200 rows would be), yet the new date is on screen.
        assert cleared == []
        assert table.get_cell("2025-01-15-chapter", "submitted").plain == "2026-11-22"
        assert app.current_activity.id == "2025-01-15-chapter"


def test_undo_takes_an_activitys_values_from_the_model_exactly_as_the_file_holds_them() -> None:
    """An update's undo restores the old values; they come from the model (no second parse), so the
    model must give back every key as tomllib reads it from the file — for every sample activity."""
    from pathlib import Path

    from cpetui.ledger import edit
    from cpetui.ledger.load import read_ledger
    from cpetui.ledger.session import activity_values

    root = Path(__file__).resolve().parents[2] / "ledgers"
    checked = 0
    for path in sorted(root.glob("*.toml")):
        ledger = read_ledger(path)
        text = path.read_text(encoding="utf-8-sig")
        for activity in ledger.activities:
            assert activity_values(activity) == edit.values_of(text, activity.id), (path.name, activity.id)
            checked += 1
    assert checked > 50
