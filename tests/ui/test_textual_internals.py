"""The Textual internals cpetui relies on still exist with the shape it uses.

Each test names the cpetui code that leans on a private part of Textual. pyproject.toml pins Textual to
the range these tests were run against; a Textual outside it is refused here before anything breaks
quietly (a private method renamed is no error: cpetui's override would simply stop being called).
"""

from __future__ import annotations

import inspect
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from cpetui.ui.app import MainScreen
from cpetui.ui.palette import _PRIVATES, Palette

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_installed_textual_is_in_the_range_pyproject_supports() -> None:
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    spec = next(d for d in deps if d.startswith("textual"))
    low, high = re.fullmatch(r"textual>=([\d.]+),<([\d.]+)", spec.replace(" ", "")).groups()  # type: ignore[union-attr]
    assert _release(low) <= _release(version("textual")) < _release(high)


def test_app_handle_exception_takes_the_error() -> None:
    """CpetuiApp._handle_exception keeps open forms' input, then lets Textual end the app."""
    params = list(inspect.signature(App._handle_exception).parameters)
    assert params == ["self", "error"]


def test_screen_and_widget_forward_event_take_the_event() -> None:
    """ActivityForm._forward_event holds keys typed before the form is ready, then hands each to the
    focused widget's _forward_event, as the App does."""
    assert list(inspect.signature(Screen._forward_event).parameters) == ["self", "event"]
    assert list(inspect.signature(Widget._forward_event).parameters) == ["self", "event"]


def test_screen_resume_carries_the_refresh_styles_flag_screen_reads() -> None:
    """MainScreen._on_screen_resume clears `refresh_styles` on the first showing."""
    assert events.ScreenResume().refresh_styles is True
    assert list(inspect.signature(Screen._on_screen_resume).parameters) == ["self", "event"]
    assert "event.refresh_styles" in inspect.getsource(Screen._on_screen_resume)


def _counting(base: type[Screen]) -> type[Screen]:
    class Counting(base):  # type: ignore[valid-type, misc]
        passes = 0

        def update_node_styles(self, animate: bool = True) -> None:
            type(self).passes += 1
            super().update_node_styles(animate)

    return Counting


class _App(App[None]):
    def __init__(self, screen: type[Screen]) -> None:
        super().__init__()
        self.default_screen_type = screen

    def get_default_screen(self) -> Screen:
        return self.default_screen_type()

    def compose(self) -> ComposeResult:
        yield Static("x")


async def test_main_screen_skips_the_second_style_pass_only_the_first_time_it_is_shown() -> None:
    """Textual calls MainScreen's own handler before Screen's (handlers run down the class tree), so
    the flag it clears is read: a plain screen's first showing makes the pass, MainScreen's does not;
    a later showing that asks for fresh styles gets them."""
    plain, main = _counting(Screen), _counting(MainScreen)
    async with _App(plain).run_test() as pilot:
        await pilot.pause()
        assert plain.passes == 1
    async with _App(main).run_test() as pilot:
        await pilot.pause()
        assert main.passes == 0
        pilot.app.screen.post_message(events.ScreenResume())
        await pilot.pause()
        assert main.passes == 1


def test_the_command_palette_still_has_the_private_names_palette_replaces() -> None:
    """Palette translates "No matches found", written inside CommandPalette's private countdown."""
    assert all(hasattr(CommandPalette, name) for name in _PRIVATES[:3])  # the others: set in it
    assert "_start_no_matches_countdown" in vars(Palette)  # the override is in force, not skipped
    assert list(inspect.signature(CommandPalette._start_no_matches_countdown).parameters) == [
        "self", "search_value"]
    source = inspect.getsource(CommandPalette._start_no_matches_countdown)
    assert all(name in source for name in ("_NO_MATCHES", "_list_visible", "_no_matches_timer"))


def test_system_commands_are_named_tuples() -> None:
    """CpetuiApp.get_system_commands translates Textual's own with SystemCommand._replace."""
    command = SystemCommand("Theme", "Change the theme", lambda: None)
    assert command._replace(title="テーマ").title == "テーマ"
