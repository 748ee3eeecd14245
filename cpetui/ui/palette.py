"""The command palette in the interface language: its prompt and its "no matches" translated."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from cpetui.i18n import _

# Textual writes "No matches found" inside a private method; it is replaced only while the names it
# uses are there (a Textual that renames them keeps its English words, and works).
_PRIVATES = ("_stop_no_matches_countdown", "_NO_MATCHES", "_NO_MATCHES_COUNTDOWN", "_no_matches_timer",
             "_list_visible")


class Palette(CommandPalette):
    """Textual's command palette, prompting and answering in the interface language."""

    def __init__(self) -> None:
        super().__init__(placeholder=_("Search for commands…"), id="--command-palette")

    if all(hasattr(CommandPalette, name) for name in _PRIVATES[:3]):

        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def show_no_matches() -> None:
                if search_value:
                    self.query_one(CommandList).add_option(Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True, id=self._NO_MATCHES))
                    self._list_visible = True
                else:  # discovery mode: nothing to say about an empty search
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
