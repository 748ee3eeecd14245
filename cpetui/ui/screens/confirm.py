"""A yes/no question in a modal; dismisses with True or False."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cpetui.i18n import _


class Confirm(ModalScreen[bool]):
    """Ask before something that cannot be taken back lightly (undo still can)."""

    CSS_PATH = "dialogs.tcss"  # beside this file; read the first time a dialog opens

    BINDINGS = [
        Binding("y", "answer(True)", _("Yes")),
        Binding("n,escape", "answer(False)", _("No")),
    ]

    def __init__(self, question: Text | str, yes: str | None = None) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        self.yes = yes or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes + " (y)", variant="error", id="yes")
                yield Button(_("No") + " (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
