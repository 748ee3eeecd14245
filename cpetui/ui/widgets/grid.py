"""A table of fixed-width columns under a heading line, with a row cursor: drawn from cached lines.

What the activities table needs of Textual's DataTable, at a fraction of its cost: a row is laid out
once into one line of segments and each frame only styles it (zebra, cursor, focus), where DataTable
renders every cell through Rich on every first draw — the largest part of the app's first paint.
Keys: ↑ ↓ PgUp PgDn, Home/End (and Ctrl+Home/End) to the first and last row, Enter chooses. A click
moves the cursor; a click on the row under the cursor chooses it; a click on a heading posts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cpetui.i18n import _

PADDING = 1  # cells of space on each side of a column


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key, its heading and its width in cells (padding not counted)."""

    key: str
    heading: Text
    width: int


def _cell(text: Text, width: int) -> Text:
    """`text` in exactly `width` cells: cut with … when longer, padded as it is justified."""
    out = text.copy()
    out.no_wrap = True
    if out.cell_len > width:
        # Cut a cell short of the width, then "…": a wide character that would be split goes whole.
        out.truncate(width - 1, overflow="crop")
        out.rstrip()
        out.append("…")
    spare = width - out.cell_len
    if spare > 0:
        if text.justify == "right":
            out = Text(" " * spare) + out
        elif text.justify == "center":
            out = Text(" " * (spare // 2)) + out + Text(" " * (spare - spare // 2))
        else:
            out.append(" " * spare)
    return out


def line_of(cells: Iterable[Text], columns: Sequence[Column], console: Console) -> Strip:
    """One row's cells side by side in their columns, as one unstyled line."""
    line = Text(no_wrap=True, end="")
    pad = " " * PADDING
    for cell, column in zip(cells, columns, strict=False):
        line.append(pad)
        line.append_text(_cell(cell, column.width))
        line.append(pad)
    segments = [s for s in line.render(console) if s.text != "\n"]
    return Strip(segments, line.cell_len)


class Grid(ScrollView, can_focus=True):
    """Rows of cells keyed by id, under a heading line that stays in place as the rows scroll."""

    BINDINGS = [
        Binding("enter", "select_cursor", _("Select"), show=False),
        Binding("up", "cursor_up", _("Cursor up"), show=False),
        Binding("down", "cursor_down", _("Cursor down"), show=False),
        Binding("pageup", "page_up", _("Page up"), show=False),
        Binding("pagedown", "page_down", _("Page down"), show=False),
        Binding("home,ctrl+home", "first", _("First row"), show=False),
        Binding("end,ctrl+end", "last", _("Last row"), show=False),
    ]

    COMPONENT_CLASSES = {"grid--header", "grid--cursor", "grid--even-row"}

    # DataTable's look, so the table reads the same in every theme.
    DEFAULT_CSS = """
    Grid {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;  /* the column the activities table keeps free for it */
        &:focus {
            background-tint: $foreground 5%;
            & > .grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .grid--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .grid--even-row {
            background: $surface-darken-1 40%;
        }
        & > .grid--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .grid--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .grid--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class HeaderSelected(Message):
        """The heading of column `key` was clicked."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class RowHighlighted(Message):
        """The cursor moved to row `row` (an index)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class RowSelected(Message):
        """Row `row` was chosen (Enter, or a click on the row under the cursor)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.columns: list[Column] = []
        self.keys: list[str] = []  # row keys, in order
        self.cells: list[Sequence[Text]] = []  # as given: a row's may be made on first use
        self._index: dict[str, int] = {}
        self._lines: dict[int, Strip] = {}  # laid-out rows, unstyled, by index
        self._header: Strip | None = None
        self._cursor = 0

    # ------------------------------------------------------------------------------ contents

    @property
    def row_count(self) -> int:
        return len(self.keys)

    @property
    def line_width(self) -> int:
        """The cells the columns take, padding included."""
        return sum(c.width + 2 * PADDING for c in self.columns)

    def add_column(self, heading: Text | str, *, key: str, width: int) -> None:
        heading = heading if isinstance(heading, Text) else Text(heading)
        self.columns.append(Column(key, heading, width))
        self._changed(lines=True)

    def set_heading(self, key: str, heading: Text | str) -> None:
        """Change one column's heading (a sort mark, say); the rows stay laid out as they are."""
        heading = heading if isinstance(heading, Text) else Text(heading)
        self.columns = [Column(c.key, heading, c.width) if c.key == key else c for c in self.columns]
        self._header = None
        self.refresh()

    def clear(self, columns: bool = False) -> None:
        """Remove every row (and, with `columns`, every column); the cursor goes back to the top."""
        self.keys, self.cells, self._index = [], [], {}
        if columns:
            self.columns = []
        self._cursor = 0
        self._changed(lines=True)

    def set_rows(self, rows: Iterable[tuple[str, Sequence[Text]]]) -> None:
        """Replace the rows with `(key, cells)` pairs, in order."""
        self.keys, self.cells = [], []
        for key, cells in rows:
            self.keys.append(key)
            self.cells.append(cells)
        self._index = {key: i for i, key in enumerate(self.keys)}
        self._cursor = min(self._cursor, max(0, len(self.keys) - 1))
        self._changed(lines=True)

    def get_cell(self, row_key: str, column_key: str) -> Text:
        """The cell of row `row_key` in column `column_key`; KeyError when either is not there."""
        column = next((i for i, c in enumerate(self.columns) if c.key == column_key), None)
        if column is None:
            raise KeyError(column_key)
        return self.cells[self._index[row_key]][column]

    def update_cell(self, row_key: str, column_key: str, value: Text) -> None:
        row = self._index[row_key]
        column = next(i for i, c in enumerate(self.columns) if c.key == column_key)
        changed = list(self.cells[row])
        changed[column] = value
        self.cells[row] = changed
        self._lines.pop(row, None)
        self.refresh()

    def _changed(self, lines: bool = False) -> None:
        if lines:
            self._lines.clear()
            self._header = None
        self.virtual_size = Size(self.line_width, len(self.keys) + 1)  # the heading, then the rows
        self.refresh()

    # ------------------------------------------------------------------------------ cursor

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        """Put the cursor on row `row` (kept within the rows) and bring it into view."""
        row = max(0, min(row, len(self.keys) - 1))
        moved = row != self._cursor
        self._cursor = row
        self._scroll_to_cursor(animate)
        self.refresh()
        if moved:
            self.post_message(self.RowHighlighted(row))

    def _rows_in_view(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        top = int(self.scroll_y)
        shown = self._rows_in_view()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=animate, immediate=not animate)
        elif self._cursor >= top + shown:
            self.scroll_to(y=self._cursor - shown + 1, animate=animate, immediate=not animate)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - self._rows_in_view())

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + self._rows_in_view())

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.keys) - 1)

    def action_select_cursor(self) -> None:
        if self.keys:
            self.post_message(self.RowSelected(self._cursor))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            x = offset.x + int(self.scroll_x)
            for column in self.columns:
                x -= column.width + 2 * PADDING
                if x < 0:
                    self.post_message(self.HeaderSelected(column.key))
                    return
            return
        row = offset.y - 1 + int(self.scroll_y)
        if 0 <= row < len(self.keys):
            if row == self._cursor:
                self.post_message(self.RowSelected(row))
            else:
                self.move_cursor(row=row)

    # ------------------------------------------------------------------------------ drawing

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.keys) + 1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            if self._header is None:
                headings = [c.heading for c in self.columns]
                self._header = line_of(headings, self.columns, self.app.console)
            style = base + self.get_component_rich_style("grid--header")
            return self._header.crop(int(self.scroll_x)).apply_style(style).crop_extend(0, width, style)
        row = y - 1 + int(self.scroll_y)
        if not 0 <= row < len(self.keys):
            return Strip.blank(width, base)
        line = self._lines.get(row)
        if line is None:
            line = self._lines[row] = line_of(self.cells[row], self.columns, self.app.console)
        style = base
        if row % 2 == 0:  # zebra stripes as DataTable draws them: rows 0, 2, 4 …
            style = style + self.get_component_rich_style("grid--even-row")
        if row == self._cursor:
            style = style + self.get_component_rich_style("grid--cursor")
        return line.crop(int(self.scroll_x)).apply_style(style).crop_extend(0, width, style)
