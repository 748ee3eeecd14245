"""The new-ledger dialog: program, credential and first day → the cycle and the file it will write."""

from __future__ import annotations

import os
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from cpetui.i18n import _, format_date
from cpetui.ledger.datewords import date_words
from cpetui.ledger.template import NewLedger, NewLedgerProblem, ledger_file_name, ledger_text, resolve_cycle


def _date(raw: str) -> tuple[date | None, str]:
    """The date written (None when nothing is), or why it is not one."""
    if not raw:
        return None, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        words = date_words(raw)
        if words is not None:
            return None, f"{words[0]} — {words[1]}"
        return None, _("'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-11-20").format(value=raw)


def _first_start(program: str, credential: str, certified: date) -> tuple[date | None, str]:
    """The first cycle's start after certifying on `certified`, or why it cannot be derived."""
    from cpetui.model import Cycle
    from cpetui.rules import RulesError
    from cpetui.rules.resolve import first_cycle_start

    try:
        return first_cycle_start(Cycle(program, credential, certified), certified), ""
    except RulesError as exc:
        return None, exc.finding.message


class NewLedgerScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (path, text) of the ledger to create in `folder` — what `cpetui new` writes for
    the same answers — or None when cancelled. Nothing is written here: the app saves it (undoable)."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s", "create", _("Create"), priority=True),
        Binding("escape", "cancel", _("Cancel"), priority=True),
    ]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder
        self.planned: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        from cpetui.rules import PROGRAMS

        with Vertical(classes="dialog new-ledger"):
            yield Static(Text(_("Start a ledger in {folder}").format(folder=self.folder), style="bold"),
                         classes="question")
            yield Select([(f"{p.label} ({key})", key) for key, p in PROGRAMS.items()], prompt=_("Program"),
                         id="new-program", allow_blank=True)
            yield Select([], prompt=_("Credential"), id="new-credential", allow_blank=True)
            yield Input(placeholder=_("first day of the cycle, e.g. 2026-11-20"), id="new-start")
            # The first cycle follows from it (IIA-Japan's exempt years, ISACA's 1 January).
            yield Input(placeholder=_("or the date certified, e.g. 2025-07-15"), id="new-certified")
            yield Static("", id="new-plan")
            with Horizontal(classes="buttons"):
                yield Button(_("Create") + " (ctrl+s)", variant="primary", id="create")
                yield Button(_("Cancel") + " (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-program", Select).focus()
        self._show()

    @on(Select.Changed, "#new-program")
    def _program_chosen(self, event: Select.Changed) -> None:
        from cpetui.rules import PROGRAMS

        credentials = self.query_one("#new-credential", Select)
        program = PROGRAMS.get(str(event.value)) if event.value is not Select.NULL else None
        credentials.set_options([(c, c) for c in program.credentials] if program else [])
        if program is not None and len(program.credentials) == 1:
            credentials.value = program.credentials[0]
        self._show()

    @on(Select.Changed, "#new-credential")
    @on(Input.Changed, "#new-start")
    @on(Input.Changed, "#new-certified")
    def _answer_changed(self) -> None:
        self._show()

    def _plan(self) -> tuple[tuple[str, str] | None, str]:
        """(path, text) to write, or None and what is still missing or wrong."""
        program = self.query_one("#new-program", Select).value
        credential = self.query_one("#new-credential", Select).value
        raw = self.query_one("#new-start", Input).value.strip()
        raw_certified = self.query_one("#new-certified", Input).value.strip()
        if program is Select.NULL:
            return None, _("Choose the program.")
        if credential is Select.NULL:
            return None, _("Choose the credential.")
        if not raw and not raw_certified:
            return None, _("Write the cycle's first day, e.g. 2026-11-20, or the date certified.")
        start, why = _date(raw)
        certified, why_certified = _date(raw_certified)
        if why or why_certified:
            return None, why or why_certified
        if start is None and certified is not None:
            # The first cycle as the program's rules derive it (IIA-Japan: 1 January after two exempt
            # years; ISACA: 1 January after certification; the others: that day).
            start, why = _first_start(str(program), str(credential), certified)
            if start is None:
                return None, why
        assert start is not None
        try:
            program_id, canonical, end = resolve_cycle(str(program), str(credential), start)
        except NewLedgerProblem as exc:
            return None, f"{exc.message} — {exc.hint}" if exc.hint else exc.message
        path = os.path.join(self.folder, ledger_file_name(canonical, start, end))
        if os.path.lexists(path):
            return None, _("{file} already exists: open it from the list, or choose another first "
                           "day.").format(file=os.path.basename(path))
        text = ledger_text(NewLedger(program_id, canonical, start, certified=certified), self.folder)
        return (path, text), _("{credential} cycle {start} → {end}, written to {file}").format(
            credential=canonical, start=format_date(start),
            end=format_date(end) if end else _("(end from the rules)"), file=os.path.basename(path))

    def _show(self) -> None:
        self.planned, words = self._plan()
        self.query_one("#new-plan", Static).update(
            Text(words, style="" if self.planned is not None else "dim"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def action_create(self) -> None:
        self._show()
        if self.planned is None:
            self.notify(str(self.query_one("#new-plan", Static).render()), severity="warning")
            return
        self.dismiss(self.planned)

    def action_cancel(self) -> None:
        self.dismiss(None)
