"""The "mark submitted…" dialog: on which day; the selected activity or every unsubmitted one shown."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from cpetui.i18n import _
from cpetui.ledger.datewords import date_words


class SubmitScreen(ModalScreen[tuple[date, bool] | None]):
    """Dismisses with (day, every shown) — `every shown`: all unsubmitted activities the filter shows,
    not only the selected one — or None when cancelled."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s", "mark", _("Mark"), priority=True),
        Binding("escape", "cancel", _("Cancel"), priority=True),
    ]

    def __init__(self, today: date, title: str, shown_unsubmitted: int) -> None:
        super().__init__()
        self.today = today
        self.title = title
        self.shown_unsubmitted = shown_unsubmitted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("Mark as submitted to the body's portal"), style="bold"), classes="question")
            yield Input(self.today.isoformat(), placeholder=_("the day you submitted, e.g. 2026-11-20"),
                        id="submit-day")
            yield Checkbox(_("all {n} unsubmitted activities shown, not only “{title}”").format(
                n=self.shown_unsubmitted, title=self.title), id="submit-all",
                disabled=self.shown_unsubmitted < 2)
            yield Static("", id="submit-problem")
            with Horizontal(classes="buttons"):
                yield Button(_("Mark") + " (ctrl+s)", variant="primary", id="mark")
                yield Button(_("Cancel") + " (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#submit-day", Input).focus()

    def _day(self) -> tuple[date | None, str]:
        raw = self.query_one("#submit-day", Input).value.strip()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            words = date_words(raw)
            return None, (f"{words[0]} — {words[1]}" if words else
                          _("'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-11-20").format(value=raw))
        if day > self.today:
            return None, _("{day} is after today: a submission cannot be dated in the future").format(
                day=day.isoformat())
        return day, ""

    def on_input_submitted(self) -> None:
        self.action_mark()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "mark":
            self.action_mark()
        else:
            self.action_cancel()

    def action_mark(self) -> None:
        day, problem = self._day()
        if day is None:
            self.query_one("#submit-problem", Static).update(Text(problem, style="bold"))
            return
        self.dismiss((day, self.query_one("#submit-all", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
