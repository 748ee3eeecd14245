"""The sidebar: one entry per ledger, grouped by credential, newest cycle first, with state and progress."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cpetui.i18n import _
from cpetui.ledger.order import ordered
from cpetui.ledger.session import Entry
from cpetui.ui.format import color, num, progress, safe, state_label, state_style

BAR_WIDTH = 12


def _prompt(entry: Entry) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    cycle, status = entry.ledger.cycle, entry.status
    if cycle is None:
        text.append(safe(entry.path.rsplit("/", 1)[-1], 22), "bold")
    else:
        end = status.cycle_end if status else cycle.end
        span = f"{cycle.start:%Y-%m}–{end:%Y-%m}" if end else f"{cycle.start:%Y-%m}–"
        text.append(span)
    text.append(" ")
    if entry.pending:
        text.append("…", "dim")
    elif entry.broken:
        text.append(_("file error"), "bold reverse " + color("bad"))
    elif status is not None:
        text.append(state_label(status.state), "reverse " + state_style(status.state))
        errors = sum(1 for f in status.findings if f.severity == "error")
        if errors:  # an activity the rules reject: the ledger needs fixing, whatever its state
            text.append(" " + _("✗{n} errors").format(n=errors) if errors > 1 else " " + _("✗ error"),
                        "bold " + color("bad"))
    elif entry.rules_error:
        text.append(_("rules?"), "reverse " + color("warn"))
    if status is not None:
        total = status.total
        text.append("\n")
        text.append(progress(total.counted, total.required, BAR_WIDTH), state_style(status.state))
        text.append(f" {num(total.counted)}/{num(total.required)}")
    return text


class LedgerList(OptionList):
    """Ledgers to choose from, under a heading per credential (Textual's OptionList: the headings are
    disabled options the highlight passes over); the app sets them with `show` and hears `Chosen`."""

    class Chosen(Message):
        """The ledger at `path` was highlighted: show it."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.shown_ids: list[str] = []
        self.shown: dict[str, Entry] = {}

    def show(self, entries: Iterable[Entry], selected: str | None) -> None:
        listed = ordered(entries)
        ids = [e.path for e in listed]
        if ids == self.shown_ids:
            # The same ledgers in the same order: redraw only the ones that changed (after a save).
            for entry in listed:
                if self.shown.get(entry.path) is not entry:
                    self.replace_option_prompt(entry.path, _prompt(entry))
            self.shown = {e.path: e for e in listed}
            self._select(selected)
            return
        options: list[Option | None] = []
        group = None
        for entry in listed:
            if entry.credential != group:
                group = entry.credential
                if options:
                    options.append(None)  # a separator between credentials
                options.append(Option(Text(safe(group, 24), style="bold"), disabled=True))
            options.append(Option(_prompt(entry), id=entry.path))
        self.set_options(options)
        self.shown_ids, self.shown = ids, {e.path: e for e in listed}
        self._select(selected)

    def restyle(self) -> None:
        """The next `show` makes every prompt again (after a theme change: new colours)."""
        self.shown = {}

    def _select(self, selected: str | None) -> None:
        if selected is not None:
            try:
                index = self.get_option_index(selected)
            except Exception:  # the ledger vanished; keep no highlight
                return
            if self.highlighted != index:
                self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # The first ledger sits under the list's first heading: show the heading with it (the
        # highlight also wraps there from the last ledger).
        if event.option_index == 1:
            self.call_after_refresh(self.scroll_home, animate=False)
        if event.option_id is not None:
            self.post_message(self.Chosen(event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
