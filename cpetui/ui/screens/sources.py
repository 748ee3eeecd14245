"""The sources view on `i`: each source the selected figure cites, with passage, quote, address, date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cpetui.i18n import _, format_date
from cpetui.rules.sources import Citation, Entry, entries
from cpetui.ui.format import safe


def entry_text(e: Entry) -> Text:
    """One passage: publisher · title, the section, the quote, the address and when it was checked."""
    out = Text()
    out.append(f"{safe(e.publisher, 80)} · {safe(e.title, 160)}", "bold")
    if e.section:
        out.append("\n  " + safe(e.section, 200))
    if e.quote:
        out.append("\n  " + _("“{quote}”").format(quote=safe(" ".join(e.quote.split()), 600)), "italic")
    out.append("\n  " + (e.url or _("no address known")), "underline" if e.url else "dim")
    out.append("\n  " + _("checked {date}").format(date=format_date(e.checked)), "dim")
    return out


def sources_text(what: str, citation: Citation) -> list[tuple[Text, str | None]]:
    """The options for one cited figure: its heading, then each passage with its address (or None)."""
    heading = Text(safe(what, 300), "bold cyan")
    items: list[tuple[Text, str | None]] = []
    shown = entries(citation)
    for n, e in enumerate(shown):
        text = entry_text(e)
        if n == 0:
            text = Text("\n").join([heading, text])
        if n == len(shown) - 1 and e.reading:
            text.append("\n  " + safe(e.reading, 400), "yellow")
        items.append((text, e.url))
    return items


class SourcesScreen(ModalScreen[None]):
    """Lists the sources of the selected figure; o or Enter opens the highlighted address, y copies it."""

    CSS_PATH = ["dialogs.tcss", "sources.tcss"]  # beside this file; read when the view first opens
    BINDINGS = [
        Binding("escape,q,i", "close", _("Close")),
        Binding("o", "open", _("Open the address")),
        Binding("y", "copy", _("Copy the address")),
    ]
    AUTO_FOCUS = "#passages"

    def __init__(self, cited: list[tuple[str, Citation]]) -> None:
        super().__init__()
        self.cited = cited
        self.addresses: list[str | None] = []

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for what, citation in self.cited:
            for text, url in sources_text(what, citation):
                options.append(Option(text, id=str(len(self.addresses))))
                self.addresses.append(url)
        with Vertical(classes="dialog sources"):
            yield Static(Text(_("Sources of the selected figure"), "bold"), classes="question")
            if options:
                yield OptionList(*options, id="passages")
            else:
                yield Static(Text(_("Nothing selected cites a source."), "dim"), id="passages")
            yield Static(Text(_("o / Enter opens the address · y copies it · Esc closes"), "dim"),
                         classes="keys")

    @property
    def address(self) -> str | None:
        """The address of the highlighted passage, if it has one."""
        listing = self.query(OptionList)
        if not listing or listing.first().highlighted is None:
            return None
        return self.addresses[listing.first().highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from cpetui.ui.system import open_detached, opener_argv

        url = self.address
        if url is None:
            self.notify(_("This source has no address."), severity="warning")
            return
        failure = open_detached(opener_argv(url))  # an argv list: never a shell
        if failure:
            self.notify(failure, severity="error", markup=False)
        else:
            self.notify(_("Opening {target}").format(target=safe(url, 80)), timeout=3, markup=False)

    def action_copy(self) -> None:
        url = self.address
        if url is None:
            self.notify(_("This source has no address."), severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(_("Copied {target}").format(target=safe(url, 80)), timeout=3, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
