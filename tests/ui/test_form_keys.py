"""Keys typed in the activity form go to the field that had the focus when they were typed, in order —
also when they come faster than the app reads them (a terminal hands over a burst at once)."""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.keys import _character_to_key

from cpetui.ui.screens.form import ActivityForm
from tests.ui.conftest import CISSP, SIZE, add_form, make_app, settle


def typed_at_once(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Hand the app every key before it reads the first, as a terminal does with fast typing."""
    for key in keys:
        character = key if len(key) == 1 else None
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


def field(form, key: str) -> str:  # type: ignore[no-untyped-def]
    return form.query_one(f"#in-{key}").value


async def until(pilot, condition, tries: int = 200) -> None:  # type: ignore[no-untyped-def]
    """Let the app read the keys handed to it: a form pushed by the first of them takes a few turns of
    the loop to mount before it takes the rest, more under load. Bounded; the assertions follow."""
    await settle(pilot)
    for _ in range(tries):
        try:
            if condition():
                return
        except NoMatches:  # the form is pushed but not built yet
            pass
        await pilot.pause(0.01)


async def open_add_form(pilot):  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ActivityForm) and pilot.app.focused.id == "in-title"
    return form


async def test_keys_typed_after_tab_go_to_the_next_field(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_add_form(pilot)
        typed_at_once(app, *"Cloud", "tab", *"ISC2", "tab")
        await settle(pilot)
        assert field(form, "title") == "Cloud"
        assert field(form, "provider") == "ISC2"
        assert app.focused.id == "in-type"


async def test_pilot_presses_without_pauses_fill_two_fields(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_add_form(pilot)
        await pilot.press("tab", *"ISC2", "tab", *"Education")
        assert field(form, "provider") == "ISC2"
        assert field(form, "type") == "education"  # typing on the type list picks the type so named


async def test_shift_tab_goes_back_and_the_keys_after_it_follow(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_add_form(pilot)
        # Back on the title its text is selected (as on any focus change): typing replaces it.
        typed_at_once(app, *"Cloud", "tab", *"ISC2", "shift+tab", *"Zero trust")
        await settle(pilot)
        assert field(form, "title") == "Zero trust"
        assert field(form, "provider") == "ISC2"
        assert app.focused.id == "in-title"


async def test_enter_in_a_field_moves_on_before_the_next_key(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_add_form(pilot)
        typed_at_once(app, *"Cloud", "enter", *"ISC2")
        await settle(pilot)
        assert (field(form, "title"), field(form, "provider")) == ("Cloud", "ISC2")


async def test_keys_typed_right_after_a_wait_for_the_form(ledgers) -> None:
    # Typed before the form is built: not lost, and not read by the table behind it ("r" reverses it).
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table_before = str(app.screen.query_one("#activities").render_lines)
        typed_at_once(app, "a", *"Cloud rr", "tab", *"ISC2")
        await until(pilot, lambda: isinstance(app.screen, ActivityForm) and field(app.screen, "provider"))
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert (field(form, "title"), field(form, "provider")) == ("Cloud rr", "ISC2")
        assert str(app.screen_stack[0].query_one("#activities").render_lines) == table_before


async def test_keys_typed_right_after_e_wait_for_the_edit_form(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        typed_at_once(app, "e", *" (online)")
        await until(pilot, lambda: isinstance(app.screen, ActivityForm)
                    and field(app.screen, "title").endswith(" (online)"))
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert field(form, "title").endswith(" (online)")


async def test_a_typed_in_the_filter_box_is_a_letter(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lea")
        await settle(pilot)
        assert not isinstance(app.screen, ActivityForm)
        assert app.screen.query_one("#filter").value == "lea"


async def test_the_preview_follows_what_was_typed_once_the_keys_are_read(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await add_form(pilot, title="Webinar", group="A")
        form.set_focus(form.query_one("#in-hours"))
        typed_at_once(app, *"12")
        await settle(pilot)
        preview = form.query_one("#preview")
        assert field(form, "hours") == "12"
        assert str(preview.render()).startswith("12 CPE") and not preview.has_class("-stale")


async def test_esc_read_before_the_form_is_built_closes_it_without_error(ledgers) -> None:
    # The race behind "NoMatches: '#in-type'": the form was dismissed before it mounted, and its
    # mount then looked for fields that were gone.
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_edit()
        app.screen.action_cancel()  # in the same turn: the form has not been built yet
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["MainScreen"]
    assert app._exception is None and app.return_code in (None, 0)


async def test_edit_escape_delete_escape_help_typed_at_once(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        typed_at_once(app, "down", "e", "escape", "d", "escape", "question_mark")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["MainScreen", "HelpScreen"]
    assert app._exception is None and app.return_code in (None, 0)


def test_an_unexpected_error_in_the_app_exits_non_zero(monkeypatch) -> None:
    import cpetui.ui.app as app_module

    class Crashed:
        return_code = 1  # what Textual sets when an exception ends the app; run() then returns None
        rescued: tuple[str, ...] = ()  # no form was open

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            pass

        def run(self) -> None:
            return None

    monkeypatch.setattr(app_module, "CpetuiApp", Crashed)
    assert app_module.run_app([]) == 1


async def test_esc_on_an_open_list_closes_the_list_not_the_form(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_add_form(pilot)
        await pilot.press("tab", "tab", "enter")  # title → provider → type, and open its list
        assert form.query_one("#in-type").expanded
        await pilot.press("escape")
        assert app.screen is form and not form.query_one("#in-type").expanded
        await pilot.press("enter", "down", "enter", "tab")  # Enter on the list chooses, as before
        assert form.query_one("#in-type").value != "education" and app.focused.id == "in-group"
