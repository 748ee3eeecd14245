"""The help screen on `?`: every key, what it does, and how the filter reads."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cpetui.i18n import _


def help_text() -> Text:
    keys = [
        ("a", _("add an activity")),
        ("e, Enter", _("edit the selected activity")),
        ("d", _("delete the selected activity (asks first)")),
        ("u, Ctrl+Z", _("undo the last change to the ledger in view (it says which file and activity)")),
        ("U, Ctrl+Y", _("redo what undo took back in the ledger in view; the palette acts on any ledger")),
        ("s", _("mark as submitted today")),
        ("S", _("mark as submitted on a day you choose; also every unsubmitted activity the filter shows")),
        ("c", _("copy the activity into another ledger (same id)")),
        ("o", _("open the activity's evidence with the system's opener")),
        ("E", _("open the ledger in $EDITOR at the activity's line")),
        ("i", _("the sources of the selected figure: passage, quote, address (o opens it, y copies it)")),
        ("n", _("start the next cycle's ledger with its carryover; with no ledger, start one "
                "(the palette's \"New ledger…\" starts one for any credential)")),
        ("/", _("filter the activities; Esc clears")),
        ("< >, r", _("sort by the previous / next column; reverse")),
        ("[ ]", _("previous / next page of activities")),
        ("1 2 3", _("activities, findings, chart")),
        ("Tab", _("move between the ledgers, the status, the table and the lists")),
        ("↑ ↓ PgUp/Dn", _("scroll the status, the chart and this help")),
        ("Home End", _("first / last row of the table or the ledgers")),
        ("Ctrl+R", _("read every ledger from disk again")),
        ("Ctrl+P", _("command palette: every action by name, themes")),
        ("q", _("quit")),
    ]
    out = Text()
    out.append(_("cpetui — keys") + "\n\n", "bold")
    for key, what in keys:
        out.append(key.ljust(12), "bold cyan")
        out.append(what + "\n")
    out.append("\n" + _("Filter terms") + "\n", "bold")
    terms = [
        ("cloud audit", _("activities whose title, provider, type or id contain every word")),
        ("type:educ", _("type starts with … (its id, or its name as shown: type:教育)")),
        ("group:a", _("ISC2 group, or the ACFE / IIA field")),
        ("year:2025", _("dated in that year")),
        ("from:2025-04-01", _("dated on or after that day (to:… on or before)")),
        ("unsubmitted", _("not yet submitted to the body's portal")),
        ("missing", _("listed evidence that is not found (✗ in the Ev. column)")),
        ("noevidence", _("no evidence listed at all (– in the Ev. column)")),
    ]
    for term, what in terms:
        out.append(term.ljust(16), "bold cyan")
        out.append(what + "\n")
    out.append("\n" + _("Changes are saved to the ledger file at once. Files edited outside the app are "
                        "read again within a second."), "dim")
    return out


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"  # beside this file; read the first time a dialog opens
    BINDINGS = [Binding("escape,q,question_mark", "close", _("Close"))]
    # The scroll box has the focus, so ↑ ↓ PgUp PgDn Home End read what a short terminal cuts off.
    AUTO_FOCUS = ".help"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
