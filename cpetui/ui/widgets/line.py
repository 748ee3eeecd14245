"""One line of rich text drawn from a strip made once per width (no Rich layout on every frame)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


def text_strip(text: Text, width: int, console: Console) -> Strip:
    """`text` (one line) as a strip of at most `width` cells, cut with … when longer."""
    if text.cell_len > width:
        text = text.copy()
        text.truncate(width, overflow="ellipsis")
    strip = Strip(list(text.render(console)), text.cell_len)
    # Text.render leaves the text's own style out when it has no spans: it goes under them.
    return strip.apply_style(console.get_style(text.style)) if text.style else strip


class Line(Widget):
    """A one-line widget: `show` it a text, or override `line` to lay it out for the width it gets."""

    DEFAULT_CSS = """
    Line {
        height: 1;
    }
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self._text = Text()
        self._drawn: tuple[int, Strip] | None = None

    def show_text(self, text: Text) -> None:
        self._text = text
        self.redraw()

    def redraw(self) -> None:
        """Lay the line out again (what it shows changed) and draw it."""
        self._drawn = None
        self.refresh()

    def line(self, width: int) -> Text:
        """What to show in `width` cells."""
        return self._text

    def render(self) -> Text:
        return self.line(self.content_size.width or self.app.size.width)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        style = self.rich_style
        if y != 0:
            return Strip.blank(width, style)
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, text_strip(self.line(width), width, self.app.console))
        return self._drawn[1].apply_style(style).crop_extend(0, width, style)
