"""The "Import…" dialog: a CSV or spreadsheet previewed against the ledger before anything is written."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from cpetui.i18n import _, ngettext
from cpetui.ledger.import_plan import Plan, plan, preview_lines
from cpetui.ledger.importing import ImportFailure, match_columns, read_table
from cpetui.ledger.session import Entry
from cpetui.ui.format import safe


def checked(path: str, entry: Entry, as_of: date) -> tuple[Plan | None, list[str]]:
    """The plan for importing `path` into the entry's ledger and what to tell about it (unknown
    columns, bad rows with their row numbers); (None, why) when the file cannot be used."""
    try:
        table = read_table(path)
        with open(entry.path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except ImportFailure as exc:
        return None, [str(exc)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [_("{path}: cannot be read ({reason})").format(path=entry.path, reason=exc)]
    columns = match_columns(table.headers, {})
    if "date" not in columns.keys.values() or "title" not in columns.keys.values():
        return None, [_("{file}: no date or title column among {headers}; name them (date, title, 日付, "
                        "タイトル …) or use cpetui import --map").format(
                            file=path, headers=", ".join(repr(h) for h in table.headers))]
    result = plan(entry.ledger, text, table, columns, as_of=as_of)
    notes = []
    if columns.unknown:
        notes.append(_("columns not imported: {columns}").format(
            columns=", ".join(repr(c) for c in columns.unknown)))
    for row in result.bad:
        for bad in row.bad:
            where = f"{bad.column}: " if bad.column else ""
            notes.append(_("row {n}: {what}").format(n=row.number, what=where + bad.message))
    return result, notes


class ImportScreen(ModalScreen[list[dict[str, Any]] | None]):
    """Asks for a file, previews what would be added, skipped and left out, and dismisses with the
    activities to add (None when cancelled). Nothing is written here: the app saves what it returns."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "import", _("Import"), priority=True),
        Binding("escape", "cancel", _("Cancel"), priority=True),
    ]

    def __init__(self, entry: Entry, as_of: date) -> None:
        super().__init__()
        self.entry = entry
        self.as_of = as_of
        self.result: Plan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import"):
            yield Static(Text(_("Import activities into {file}").format(
                file=safe(os.path.basename(self.entry.path), 60)), style="bold"), classes="question")
            yield Input(placeholder=_("a .csv, .tsv, .xlsx or .ods file; Enter previews it"),
                        id="import-file")
            with VerticalScroll(id="import-preview"):
                yield Static(Text(_("Nothing is written until you press Import."), "dim"), id="import-table")
            with Horizontal(classes="buttons"):
                yield Button(_("Import") + " (ctrl+s)", variant="primary", id="import", disabled=True)
                yield Button(_("Cancel") + " (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#import-file", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = os.path.expanduser(event.value.strip())
        if path:
            self.preview(path)

    @work(thread=True, exclusive=True, group="import-preview")
    def preview(self, path: str) -> None:
        """Read and check the file in a thread (a large sheet must not stall a key)."""
        result, notes = checked(path, self.entry, self.as_of)
        self.app.call_from_thread(self.show, result, notes)

    def show(self, result: Plan | None, notes: list[str]) -> None:
        self.result = result
        out = Text()
        for note in notes:
            out.append(safe(note, 300) + "\n", "bold")
        if result is not None:
            out.append("\n".join(safe(line, 300) for line in preview_lines(result)))
        self.query_one("#import-table", Static).update(out)
        button = self.query_one("#import", Button)
        added = len(result.added) if result is not None else 0
        button.disabled = added == 0
        button.label = ngettext("Import {n} activity", "Import {n} activities", added).format(n=added) + \
            " (ctrl+s)"

    def action_import(self) -> None:
        if self.result is not None and self.result.added:
            self.dismiss([dict(r.values) for r in self.result.added])

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import":
            self.action_import()
        else:
            self.action_cancel()
