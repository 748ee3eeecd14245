"""The overview: every credential's current cycle on one screen, most urgent first; Enter opens one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cpetui.i18n import _, cell_width, format_date, ngettext, pad
from cpetui.ledger.session import Entry
from cpetui.model import Ledger, Status
from cpetui.overview import Due, body_name, due, figure_words, overview, yearly
from cpetui.ui.format import safe, state_label, state_style

SPARK = "▁▂▃▄▅▆▇█"


def spark(ledger: Ledger, status: Status, width: int = 12) -> str:
    """Credits counted so far, cumulative by month from the cycle start to `as_of` (the last `width`
    months), as a line of block characters scaled to the cycle's requirement; nothing after today."""
    months: list[tuple[int, int]] = []
    y, m = status.cycle_start.year, status.cycle_start.month
    end = min(status.as_of, status.cycle_end)
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if not months:
        return ""
    counted = {c.activity_id: c.counted for c in status.activities}
    per_month = dict.fromkeys(months, 0.0)
    for a in ledger.activities:
        key = (a.date.year, a.date.month)
        if key in per_month and a.date <= status.as_of:
            per_month[key] += counted.get(a.id, 0.0)
    total, line = status.carryover_in, []
    top = max(status.total.required, 1e-9)
    for key in months:
        total += per_month[key]
        line.append(SPARK[min(len(SPARK) - 1, int(total / top * (len(SPARK) - 1) + 1e-9))])
    return "".join(line[-width:])


def rows(entries: Iterable[Entry], as_of: date) -> tuple[list[Due], list[Entry]]:
    """The overview lines of the entries that have a status, and the entries still being read or not
    readable (listed after them)."""
    evaluated, others = [], []
    for e in entries:
        if e.status is not None and not e.pending:
            evaluated.append(due(e.ledger, e.status))
        else:
            others.append(e)
    return overview(evaluated, as_of), others


INDENT = 10  # under the credential's name: where continued lines start


def due_text(d: Due, ledger: Ledger | None, within: int, width: int = 200, name_width: int = 8) -> Text:
    """One credential: mark, name, state, date and days left, figures (continued under the name when the
    line is full, never mid-figure); then the trend and what the date is. The names take `name_width`
    cells and a space, so a long one ("Security+") never runs into its state."""
    s = d.status
    risky = d.at_risk(within)
    text = Text()
    text.append("! " if risky else "  ", state_style("error") if risky else "")
    text.append(pad(safe(s.credential, 16), name_width) + " ", "bold")
    text.append(pad(state_label(s.state), 9), state_style(s.state))
    if d.deadline is not None and d.days_left is not None:
        text.append("  " + format_date(d.deadline.date) + "  ")
        text.append(ngettext("{n} day", "{n} days", d.days_left).format(n=d.days_left),
                    "bold" if risky else "")
    used = cell_width(text.plain)
    for n, figure in enumerate(figure_words(d)):
        piece = ("  " if n == 0 else " · ") + figure
        if n and used + cell_width(piece) > width:
            text.append("\n" + " " * INDENT)
            piece, used = figure, INDENT
        text.append(piece)
        used += cell_width(piece)
    what = safe(d.deadline.label, 120) if d.deadline else _("no deadline ahead in this cycle")
    text.append("\n" + " " * INDENT)
    if ledger is not None:
        text.append(spark(ledger, s) + "  ", "cyan")
    text.append(what, "dim")
    return text


class OverviewScreen(Screen[str | None]):
    """Every credential's current cycle, most urgent first. Enter opens the ledger (dismissed with its
    path); Esc goes to the ledger in view; `0` in the app comes back here."""

    CSS_PATH = "overview.tcss"
    BINDINGS = [
        Binding("escape", "close", _("Ledger in view")),
        Binding("0", "close", _("Ledger in view"), show=False),
    ]
    AUTO_FOCUS = "#credentials"
    WITHIN = 30  # days: a deadline this close is marked, as `cpetui due` marks it

    def __init__(self, entries: Iterable[Entry], as_of: date) -> None:
        super().__init__()
        self.entries = list(entries)
        self.as_of = as_of
        self.paths: list[str] = []
        self.reading = True  # some ledgers known by their header only when last shown

    def compose(self) -> ComposeResult:
        with Vertical(id="overview"):
            yield Static(id="overview-title")
            yield OptionList(id="credentials")
            yield Static(Text(_("Enter opens the ledger · Esc the ledger in view · 0 comes back here · "
                                "q quits"), "dim"), id="overview-keys")

    def on_mount(self) -> None:
        self.show(self.entries, self.as_of)

    def on_resize(self) -> None:
        self.show(self.entries, self.as_of)  # the lines break where the new width needs

    def show(self, entries: Iterable[Entry], as_of: date) -> None:
        """Show these entries (the app calls this as ledgers are read or change)."""
        self.entries, self.as_of = list(entries), as_of
        lines, others = rows(self.entries, as_of)
        by_path = {e.path: e for e in self.entries}
        title = Text(_("Across every credential, as of {day}").format(day=format_date(as_of)), "bold")
        at_risk = sum(1 for d in lines if d.at_risk(self.WITHIN))
        if at_risk:
            title.append("  " + ngettext("{n} needs attention", "{n} need attention", at_risk).format(
                n=at_risk), state_style("behind"))
        self.query_one("#overview-title", Static).update(title)
        options: list[Option] = []
        paths: list[str] = []
        # The list's width less its padding and scrollbar (the screen's, before the first layout).
        room = (self.size.width or self.app.size.width) - 6
        names = max((cell_width(safe(d.credential, 16)) for d in lines), default=8)
        for d in lines:
            entry = by_path.get(d.path)
            options.append(Option(due_text(d, entry.ledger if entry else None, self.WITHIN, room,
                                           max(7, names))))
            paths.append(d.path)
        for e in others:
            text = Text("  ")
            text.append(f"{safe(e.credential, 16):<8}", "bold")
            if e.pending:
                text.append(_("reading…"), "dim")
            else:
                text.append(state_label("error"), state_style("error"))
                why = e.problems[0].message if e.problems else e.rules_error
                text.append("  " + safe(why, 120))
            options.append(Option(text))
            paths.append(e.path)
        for y in yearly(lines):
            text = Text("  ")
            text.append(_("{program}: {what} on {day} ({days}; from {credentials})").format(
                program=body_name(y.program), what=safe(y.what.label, 120), day=format_date(y.date),
                days=ngettext("{n} day", "{n} days", y.days_left).format(n=y.days_left),
                credentials=", ".join(safe(c, 16) for c in y.credentials)), "dim")
            options.append(Option(text, disabled=True))
            paths.append("")
        listing = self.query_one("#credentials", OptionList)
        highlighted = listing.highlighted
        keep = self.paths[highlighted] if highlighted is not None and highlighted < len(self.paths) else None
        if self.reading:  # while ledgers are still being read, the most urgent stays on top
            keep = None
        listing.set_options(options)
        self.paths = paths
        self.reading = any(e.pending for e in others)
        if paths:
            listing.highlighted = paths.index(keep) if keep in paths else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.paths) and self.paths[event.option_index]:
            self.dismiss(self.paths[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
