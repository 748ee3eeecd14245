"""The tabs under the status panel: a one-line bar and pages built the first time they are opened."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from cpetui.ui.widgets.line import Line


class TabBar(Line):
    """`1 Activities  2 Findings (3)  3 Chart`, the open one highlighted; a click opens a tab."""

    def __init__(self, tabs: Sequence[tuple[str, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.tabs = list(tabs)  # (page id, label)
        self.active = tabs[0][0]
        self.counts: dict[str, int] = {}

    def show(self, active: str | None = None, counts: dict[str, int] | None = None) -> None:
        if active is not None:
            self.active = active
        if counts is not None:
            self.counts = counts
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, (page, label) in enumerate(self.tabs, 1):
            text = f" {n} {label}"
            if self.counts.get(page):
                text += f" ({self.counts[page]})"
            click = Style(meta={"@click": f"app.tab('{page}')"})
            look = Style(bold=True, reverse=True) if page == self.active else Style(dim=True)
            out.append(text + " ", look + click)
            out.append(" ")
        self.show_text(out)


class Pages(Widget):
    """One page shown at a time; pages other than the first are made on first use (start-up is lighter).

    What the app needs of ContentSwitcher, without its import and reactive machinery at start-up.
    """

    DEFAULT_CSS = """
    Pages {
        height: auto;
    }
    """

    def __init__(self, makers: dict[str, Callable[[], Widget]], *, initial: str,
                 **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.makers = makers
        self.current = initial

    @property
    def active(self) -> str | None:
        return self.current

    @active.setter
    def active(self, page: str) -> None:
        self.open(page)

    def open(self, page: str) -> Widget | None:
        """Show `page`, making it first when needed; returns the new widget, or None if it existed."""
        made = None
        if not self.query_children(f"#{page}"):
            made = self.makers[page]()
            made.id = page
            self.mount(made)
        self.current = page
        for child in self.children:
            child.display = child.id == page
        return made
