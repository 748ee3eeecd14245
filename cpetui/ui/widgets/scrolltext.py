"""Rich text in a box that scrolls by keys (↑ ↓ PgUp PgDn Home End) once it is taller than the box.

A Static never scrolls: its content is cut at its height. This widget renders its text into lines at
the width it has, and draws the ones in view; it takes the focus, so what does not fit is reachable.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class ScrollText(ScrollView, can_focus=True):
    """Subclasses say what to show at a width (`content`); `rerender` after their data changed."""

    DEFAULT_CSS = """
    ScrollText {
        height: auto;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self._lines: list[Strip] = []
        self._width = 0

    def content(self, width: int) -> RenderableType:
        """What to show when `width` cells are free for it."""
        return Text()

    def _free_width(self) -> int:
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: the screen's width is a fair guess, the resize fixes it
            width = max(1, self.app.size.width - self.styles.gutter.width - 1)
        return width

    def _build(self, width: int) -> None:
        console = self.app.console
        lines = console.render_lines(self.content(width), console.options.update_width(width), pad=False)
        self._width = width
        self._lines = [Strip(line) for line in lines]

    def rerender(self) -> None:
        """Lay the content out again (its data changed); before the first layout, the layout does it."""
        if self.scrollable_content_region.width <= 0:
            self._width = 0
        else:
            self._build(self._free_width())
            self.virtual_size = Size(self._width, len(self._lines))
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        """Every line it holds, in view or scrolled out of it, as plain text."""
        if not self._width:
            self._build(self._free_width())
        return "\n".join(strip.text for strip in self._lines)

    def on_resize(self) -> None:
        if self.is_mounted and self._free_width() != self._width:
            self.rerender()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # An auto height is measured at the width the layout gives: laid out here, once, so the first
        # frame is drawn at its final size (no resize, no second layout).
        styles = self.styles
        if styles.scrollbar_gutter == "stable" and styles.overflow_y != "hidden":
            width -= styles.scrollbar_size_vertical  # `width` is the box inside the padding
        if width > 0 and width != self._width:
            self._build(width)
            self.set_reactive(ScrollText.virtual_size, Size(width, len(self._lines)))
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self._width
        index = y + self.scroll_offset.y
        style = self.rich_style
        if 0 <= index < len(self._lines):
            return self._lines[index].apply_style(style).crop_extend(0, width, style)
        return Strip.blank(width, style)
