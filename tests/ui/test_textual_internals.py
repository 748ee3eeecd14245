"""The Textual internals cpetui relies on still exist with the shape it uses (pinned Textual range)."""

from __future__ import annotations

import inspect

from textual.app import App
from textual.screen import Screen


def test_app_handle_exception_takes_the_error() -> None:
    """CpetuiApp._handle_exception keeps open forms' input, then lets Textual end the app."""
    params = list(inspect.signature(App._handle_exception).parameters)
    assert params == ["self", "error"]


def test_screen_forward_event_exists() -> None:
    """ActivityForm._forward_event holds keys typed before the form is ready."""
    params = list(inspect.signature(Screen._forward_event).parameters)
    assert params == ["self", "event"]
