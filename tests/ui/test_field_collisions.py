"""The app and an editor changing the same activity, with the real file watcher on.

The watcher reads the editor's save while a form (or a question) is open; the app must then not write
the user's value over the editor's for the same field: it says so and the user chooses. Changes to
other fields or activities still merge without a word.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from cpetui.ledger.session import activity_values
from cpetui.ui.screens.choose import Choose
from cpetui.ui.screens.confirm import Confirm
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import CISSP, SIZE, make_app, settle

CHAPTER = "2025-01-15-chapter"
CHAPTER_BLOCK = CISSP[CISSP.index("# A chapter meeting"):CISSP.index('[[activity]]\nid = "2025-03-10-book"')]


async def wait_until(pilot, condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"the app did not catch up within {timeout:.0f} s"
        await asyncio.sleep(0.05)
        await pilot.pause()


def on_screen(app, key: str):  # type: ignore[no-untyped-def]
    """The chapter meeting's value for `key` as the app holds it (None: the activity is not there)."""
    activity = app.session.entries[app.selected].ledger.activity(CHAPTER)
    return None if activity is None else activity_values(activity).get(key, "<unset>")


def chapter_hours(text: str) -> str:
    block = text.split("[[activity]]")[1]
    return next(line for line in block.splitlines() if line.startswith("hours"))


async def choose(pilot, option: str) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, Choose)
    keys = [key for key, _label in screen.choices]
    await pilot.press(*["down"] * keys.index(option), "enter")
    await settle(pilot)


async def open_form_with_hours(pilot, hours: str) -> ActivityForm:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert pilot.app.query_one(ActivityTable).current_id == CHAPTER
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ActivityForm)
    form.query_one("#in-hours").value = hours
    await pilot.pause()
    return form


async def editor_sets_hours_while_form_is_open(pilot, path) -> str:  # type: ignore[no-untyped-def]
    """The editor saves hours = 14 for the same activity; the watcher reads it while the form is open."""
    form = await open_form_with_hours(pilot, "13")
    editor_text = CISSP.replace("hours = 2\n", "hours = 14\n")
    path.write_text(editor_text, encoding="utf-8")
    await wait_until(pilot, lambda: on_screen(pilot.app, "hours") == 14)
    assert pilot.app.screen is form and form.query_one("#in-hours").value == "13"
    await pilot.press("ctrl+s")
    await settle(pilot)
    return editor_text


async def test_same_field_changed_in_the_editor_is_not_overwritten_the_user_is_told(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        editor_text = await editor_sets_hours_while_form_is_open(pilot, path)
        assert isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text  # nothing written
        asked = app.screen.question.plain
        assert str(path) in asked and "Chapter meeting: zero trust" in asked
        assert "Hours: on disk 14 · yours 13" in asked
        assert [key for key, _label in app.screen.choices] == ["form", "disk", "mine"]
        await asyncio.sleep(0.3)  # several polls while the question is open: still nothing written
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == editor_text
        assert not any("Activity saved." in str(n.message) for n in app._notifications)


async def test_keep_mine_writes_over_the_editor_s_value_with_consent(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        editor_text = await editor_sets_hours_while_form_is_open(pilot, path)
        await choose(pilot, "mine")
        text = path.read_text(encoding="utf-8")
        assert text == editor_text.replace("hours = 14\n", "hours = 13\n", 1)
        assert on_screen(app, "hours") == 13
        assert not isinstance(app.screen, (Choose, ActivityForm))


async def test_keep_the_file_s_version_drops_my_change(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        editor_text = await editor_sets_hours_while_form_is_open(pilot, path)
        await choose(pilot, "disk")
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == editor_text
        assert on_screen(app, "hours") == 14
        assert app.session.history == []  # nothing of ours to undo
        assert not isinstance(app.screen, (Choose, ActivityForm))


@pytest.mark.parametrize("how", ["choice", "escape"])
async def test_back_to_the_form_keeps_my_input_and_the_next_save_is_mine(ledgers, how) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        editor_text = await editor_sets_hours_while_form_is_open(pilot, path)
        if how == "choice":
            await choose(pilot, "form")
        else:
            await pilot.press("escape")
            await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert form.query_one("#in-hours").value == "13"  # what I typed, kept
        assert path.read_text(encoding="utf-8") == editor_text
        form.query_one("#in-hours").value = "27"  # 13 + 14: the user merged both by hand
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The user has seen the editor's 14: saving again is no collision.
        assert not isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text.replace("hours = 14\n", "hours = 27\n", 1)


async def test_the_editor_changing_another_field_merges_silently(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await open_form_with_hours(pilot, "13")
        editor_text = (CISSP.replace('provider = "ISC2 Japan Chapter"', 'provider = "ISC2 Tokyo"')
                       .replace("hours = 12\n", "hours = 11\n"))
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: on_screen(app, "provider") == "ISC2 Tokyo")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text.replace("hours = 2\n", "hours = 13\n", 1)
        assert on_screen(app, "hours") == 13 and on_screen(app, "provider") == "ISC2 Tokyo"


async def test_the_editor_making_the_same_change_is_no_collision(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await open_form_with_hours(pilot, "13")
        editor_text = CISSP.replace("hours = 2\n", "hours = 13\n")
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: on_screen(app, "hours") == 13)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text


async def test_editor_saves_the_same_field_before_the_watcher_sees_it(ledgers) -> None:
    """The other order: the app's save is refused (stale file), then re-applying finds the same field."""
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=30)  # the watcher is on but has not polled yet
    async with app.run_test(size=SIZE) as pilot:
        await open_form_with_hours(pilot, "13")
        editor_text = CISSP.replace("hours = 2\n", "hours = 14\n")
        path.write_text(editor_text, encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choose)
        assert "was changed on disk since cpetui read it" in app.screen.question.plain
        await choose(pilot, "reapply")  # read the file again and apply my change to it
        assert isinstance(app.screen, Choose)  # … which touches the field the editor changed
        assert "Hours: on disk 14 · yours 13" in app.screen.question.plain
        assert path.read_text(encoding="utf-8") == editor_text
        await choose(pilot, "mine")
        assert chapter_hours(path.read_text(encoding="utf-8")) == "hours = 13"


async def test_editor_saves_the_same_field_after_the_app_and_the_app_does_not_write_back(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await open_form_with_hours(pilot, "13")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert chapter_hours(path.read_text(encoding="utf-8")) == "hours = 13"
        editor_text = CISSP.replace("hours = 2\n", "hours = 14\n")  # the editor's stale buffer
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: on_screen(app, "hours") == 14)
        await asyncio.sleep(0.4)
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == editor_text


@pytest.mark.parametrize("option", ["add", "disk"])
async def test_the_activity_removed_on_disk_while_the_form_is_open(ledgers, option) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form_with_hours(pilot, "13")
        editor_text = CISSP.replace(CHAPTER_BLOCK, "")
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: on_screen(app, "hours") is None)
        assert app.screen is form
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choose)
        asked = app.screen.question.plain
        assert "was removed from the file" in asked and "Chapter meeting: zero trust" in asked
        assert path.read_text(encoding="utf-8") == editor_text
        await choose(pilot, option)
        text = path.read_text(encoding="utf-8")
        if option == "add":
            assert text.count(f'id = "{CHAPTER}"') == 1
            assert on_screen(app, "hours") == 13
            assert on_screen(app, "title") == "Chapter meeting: zero trust"
            assert on_screen(app, "provider") == "ISC2 Japan Chapter"
        else:
            assert text == editor_text
            assert on_screen(app, "hours") is None


@pytest.mark.parametrize("option", ["disk", "mine"])
async def test_delete_of_an_activity_changed_on_disk_while_asking_is_asked_again(ledgers, option) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        editor_text = CISSP.replace("hours = 2\n", "hours = 14\n")
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: on_screen(app, "hours") == 14)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, Choose)
        assert "Hours: on disk 14 · when you asked 2" in app.screen.question.plain
        assert path.read_text(encoding="utf-8") == editor_text
        await choose(pilot, option)
        text = path.read_text(encoding="utf-8")
        if option == "mine":
            assert CHAPTER not in text and on_screen(app, "hours") is None
        else:
            assert text == editor_text and on_screen(app, "hours") == 14


async def test_delete_of_an_activity_already_removed_on_disk_writes_nothing(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        editor_text = CISSP.replace(CHAPTER_BLOCK, "")
        path.write_text(editor_text, encoding="utf-8")
        await wait_until(pilot, lambda: on_screen(app, "hours") is None)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == editor_text
        assert any("already removed" in str(n.message) for n in app._notifications)


async def test_mark_submitted_over_a_date_the_editor_set_asks_first(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=30)  # the editor's save is not seen before `s`
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor_text = CISSP.replace("hours = 2\n", "hours = 2\nsubmitted = 2026-11-20\n")
        path.write_text(editor_text, encoding="utf-8")
        await pilot.press("s")
        await settle(pilot)
        await choose(pilot, "reapply")
        assert isinstance(app.screen, Choose)
        assert "Submitted: on disk 2026-11-20 · yours 2026-11-22" in app.screen.question.plain
        await choose(pilot, "disk")
        assert path.read_text(encoding="utf-8") == editor_text
        assert on_screen(app, "submitted").isoformat() == "2026-11-20"
