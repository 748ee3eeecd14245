"""Pick one of a few choices in a modal (a ledger to copy into, what to do after a collision)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cpetui.i18n import _


class Choose(ModalScreen[str | None]):
    """Dismisses with the id of the chosen option, or None on Escape."""

    CSS_PATH = "dialogs.tcss"  # beside this file; read the first time a dialog opens

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), show=False)]

    def __init__(self, question: Text | str, choices: Sequence[tuple[str, Text | str]]) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            yield Static(Text(_("↑↓ choose · Enter confirms · Esc cancels"), style="dim"), classes="hint")
            yield OptionList(
                *[Option(label if isinstance(label, Text) else Text(label), id=key)
                  for key, label in self.choices],
                id="choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if options.option_count:
            options.highlighted = 0  # Enter takes the first choice; ↑↓ show where the cursor is

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
