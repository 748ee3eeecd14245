"""The activities table: filter with `/`, sort by any column, one page of rows at a time."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from cpetui.i18n import _, cell_width
from cpetui.ui.format import color, num, plain
from cpetui.ui.rows import (
    KNOWN_TERMS,
    PAGE_SIZE,
    SORT_KEYS,
    Filter,
    Row,
    page_count,
    page_of,
    parse_filter,
    select,
)
from cpetui.ui.widgets.grid import Grid
from cpetui.ui.widgets.line import Line

SORT_MARK = 2  # " ↑" after the sorted column's heading


def columns(unit: str = "cpe") -> list[tuple[str, str, int]]:
    """(key, heading, width) of each column, at a width where every one fits: never narrower than its
    heading with the sort mark (Japanese headings take two cells a character). A program counting
    completions heads the figures column "Done" (1 for a course completed)."""
    every = [
        ("date", _("Date"), 10),
        ("title", _("Title"), 30),
        ("provider", _("Provider"), 14),
        ("type", _("Type"), 14),
        ("group", _("Grp"), 7),
        ("credits", _("Done") if unit == "completions" else _("CPE"), 6),
        ("submitted", _("Submitted"), 10),
        ("evidence", _("Ev."), 3),
    ]
    return [(k, h, max(w, cell_width(h) + SORT_MARK)) for k, h, w in every]


_FLEX = {"title": (4, 12), "provider": (1, 6), "type": (1, 6)}  # share of the free width, minimum
_DROPPED_FIRST = ("submitted", "provider", "type")  # what a narrow terminal gives up, in order
_TITLE_COMFORT = 24  # a title narrower than this is worth more than the next column to drop
_PADDING = 2  # the grid's cell padding, one each side


def fitted(width: int, unit: str = "cpe") -> list[tuple[str, str, int]]:
    """The columns that fit in `width` cells: fixed ones as they are, the text ones sharing the rest.

    The date, title and credits never go: the credits are what the table is for. In narrower
    terminals the submitted date, then the provider, then the type make room, until the title is
    readable (the explanation panel under the table still shows them).
    """
    every = columns(unit)
    fixed = {k: w for k, _h, w in every if k not in _FLEX}
    keys = [k for k, _h, _w in every]
    sizes: dict[str, int] = {}
    for drop in (None, *_DROPPED_FIRST):
        if drop is not None:
            keys.remove(drop)
        flex = [k for k in keys if k in _FLEX]
        free = width - sum(fixed.get(k, 0) for k in keys) - _PADDING * len(keys)
        spare = max(0, free - sum(_FLEX[k][1] for k in flex))
        weights = sum(_FLEX[k][0] for k in flex)
        sizes = dict(fixed)
        for k in flex:
            sizes[k] = _FLEX[k][1] + spare * _FLEX[k][0] // weights
        sizes["title"] += max(0, free - sum(sizes[k] for k in flex))  # rounding leftovers
        if sizes["title"] >= _TITLE_COMFORT:
            break
    return [(k, h, sizes[k]) for k, h, _w in every if k in keys]


def cells(row: Row, keys: Sequence[str] | None = None) -> tuple[Text, ...]:
    credits = Text(num(row.credits), justify="right")
    if row.credits is not None and row.earned is not None and row.credits < row.earned:
        credits.stylize(color("warn"))
    marks = {True: Text("✓", color("good")), False: Text("✗", color("bold bad")), None: Text("–", "dim")}
    evidence = marks[row.evidence]
    every = {
        "date": Text(row.date.isoformat()),
        "title": plain(row.title, limit=200),
        "provider": plain(row.provider, limit=60),
        "type": plain(row.type_shown or row.type, limit=40),
        "group": plain(row.group_shown or row.group, limit=20),
        "credits": credits,
        "submitted": Text(row.submitted.isoformat(), "") if row.submitted else Text("–", "dim"),
        "evidence": evidence,
    }
    return tuple(every[k] for k in (keys or every))


class RowCells(Sequence[Text]):
    """One row's cells, made when the grid first draws or reads the row: a page holds up to
    PAGE_SIZE rows and a screen shows a few of them."""

    __slots__ = ("_keys", "_made", "_row")

    def __init__(self, row: Row, keys: Sequence[str]) -> None:
        self._row, self._keys = row, keys
        self._made: tuple[Text, ...] | None = None

    def _cells(self) -> tuple[Text, ...]:
        if self._made is None:
            self._made = cells(self._row, self._keys)
        return self._made

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self._cells()[index]

    def __len__(self) -> int:
        return len(self._cells())


class ActivityTable(Vertical):
    """All activities of one ledger; the app gives the rows, the table keeps filter, sort and page."""

    BINDINGS = [
        Binding("slash", "filter", _("Filter"), key_display="/"),
        Binding("greater_than_sign", "sort(1)", _("Sort →"), show=False),
        Binding("less_than_sign", "sort(-1)", _("Sort ←"), show=False),
        Binding("r", "reverse", _("Reverse order"), show=False),
        Binding("right_square_bracket", "page(1)", _("Next page"), show=False),
        Binding("left_square_bracket", "page(-1)", _("Previous page"), show=False),
    ]

    class Highlighted(Message):
        """The cursor is on `activity_id` now (None: no rows)."""

        def __init__(self, activity_id: str | None) -> None:
            super().__init__()
            self.activity_id = activity_id

    class Chosen(Message):
        """Enter (or a second click) on `activity_id`."""

        def __init__(self, activity_id: str) -> None:
            super().__init__()
            self.activity_id = activity_id

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.all_rows: list[Row] = []
        self.matching: list[Row] = []
        self.row_filter = Filter()
        self.sort_key = "date"
        self.descending = False
        self.page_index = 0
        self.shown_ids: list[str] = []
        self.layout_width = 0
        self.keys: list[str] = []
        self.shown_rows: list[Row] = []
        self.shown_keys: list[str] = []
        self.unit = "cpe"  # what the shown ledger's figures count: "cpe" or "completions"

    def compose(self) -> ComposeResult:
        # The filter box is made the first time `/` is pressed (most sessions never filter).
        table = Grid(id="activities")
        self._set_columns(table, 100)
        yield table
        yield Line(id="table-info")

    def _set_columns(self, table: Grid, width: int) -> None:
        self.layout_width = width
        self.keys = []
        for key, heading, size in fitted(width, self.unit):
            table.add_column(self._heading(key, heading), key=key, width=size)
            self.keys.append(key)
        if self.sort_key not in self.keys:  # the sorted column gave way to a narrow terminal
            self.sort_key, self.descending = "date", False

    def _heading(self, key: str, heading: str) -> Text:
        """The column's heading, with ↑ or ↓ after it when the rows are sorted by it."""
        if key != self.sort_key:
            return Text(heading)
        return Text.assemble(heading, (" ↓" if self.descending else " ↑", "bold"))

    def _mark_sorted(self) -> None:
        for key, heading, _w in columns(self.unit):
            if key in self.keys:
                self.table.set_heading(key, self._heading(key, heading))

    @staticmethod
    def columns_width(width: int) -> int:
        """The cells the columns share when the table is `width` wide."""
        return width - 1  # the vertical scrollbar

    def on_resize(self) -> None:
        # The columns follow the width: the credits column must never be pushed off screen.
        self.fit_columns(self.size.width)

    def fit_columns(self, width: int) -> None:
        """Columns for a table `width` cells wide (the rows are shown again if they change)."""
        width = self.columns_width(width)
        if width > 0 and width != self.layout_width:
            table = self.table
            table.clear(columns=True)
            self.shown_ids = []
            self._set_columns(table, width)
            self._refresh_view(self.current_id)

    @property
    def table(self) -> Grid:
        return self.query_one("#activities", Grid)

    @property
    def current_id(self) -> str | None:
        table = self.table
        if not self.shown_ids or table.cursor_row is None:
            return None
        if 0 <= table.cursor_row < len(self.shown_ids):
            return self.shown_ids[table.cursor_row]
        return None

    # ---------------------------------------------------------------------- attributes down

    def show(self, rows: Sequence[Row], keep: str | None = None, unit: str = "cpe") -> None:
        """Replace the rows; keep the cursor on `keep` (or the current activity) when it is still there.
        `unit`: what the ledger's figures count (the credits column's heading says it)."""
        keep = keep or self.current_id
        if unit != self.unit:
            self.unit = unit
            self._mark_sorted()
        self.all_rows = list(rows)
        self._refresh_view(keep)

    def goto(self, activity_id: str) -> bool:
        """Move the cursor to `activity_id`, clearing the filter when it hides it."""
        if page_of(self.matching, activity_id) is None and self.row_filter.active:
            box = self.filter_box
            if box is not None:
                box.value = ""
            self.row_filter = Filter()
            self._refresh_view(None)
        page = page_of(self.matching, activity_id)
        if page is None:
            return False
        self.page_index = page
        self._refresh_view(activity_id)
        self.table.focus()
        return True

    def _refresh_view(self, keep: str | None) -> None:
        self.matching = select(self.all_rows, self.row_filter, self.sort_key, self.descending)
        pages = page_count(len(self.matching))
        if keep is not None:
            found = page_of(self.matching, keep)
            if found is not None:
                self.page_index = found
        self.page_index = max(0, min(self.page_index, pages - 1))
        chunk = self.matching[self.page_index * PAGE_SIZE : (self.page_index + 1) * PAGE_SIZE]
        table = self.table
        old_row = table.cursor_row
        ids = [r.id for r in chunk]
        if ids == self.shown_ids and self.shown_keys == self.keys:
            # The same rows in the same order (an edit, a recompute): touch only the cells that changed.
            for old, new in zip(self.shown_rows, chunk, strict=True):
                if old != new:
                    for key, before, after in zip(self.keys, cells(old, self.keys), cells(new, self.keys),
                                                  strict=True):
                        if before != after:
                            table.update_cell(new.id, key, after)
        else:
            keys = tuple(self.keys)
            table.set_rows((r.id, RowCells(r, keys)) for r in chunk)
        self.shown_ids, self.shown_rows, self.shown_keys = ids, list(chunk), list(self.keys)
        if chunk:
            target = self.shown_ids.index(keep) if keep in self.shown_ids else min(old_row, len(chunk) - 1)
            table.move_cursor(row=max(0, target), animate=False)
        self._update_info(pages)
        self.post_message(self.Highlighted(self.current_id))

    def _update_info(self, pages: int) -> None:
        self._mark_sorted()
        heading = dict((k, h) for k, h, _w in columns(self.unit))[self.sort_key]
        if self.row_filter.unknown:
            # Say why nothing matches instead of an unexplained "0 of 4".
            self.query_one("#table-info", Line).show_text(Text(
                _("unknown filter term {terms} — known: {known}").format(
                    terms=", ".join(f"'{t}'" for t in self.row_filter.unknown), known=KNOWN_TERMS),
                style="bold"))
            return
        parts = [
            _("{shown} of {total} activities").format(shown=len(self.matching), total=len(self.all_rows)),
            _("sorted by {column}{arrow}").format(column=heading, arrow=" ↓" if self.descending else " ↑"),
        ]
        if self.row_filter.active:
            counted = sum(r.credits or 0 for r in self.matching)
            parts.insert(1, (_("{credits} completed") if self.unit == "completions" else
                             _("{credits} CPE counted")).format(credits=num(counted)))
        if pages > 1:
            parts.append(_("page {page}/{pages} ([ ])").format(page=self.page_index + 1, pages=pages))
        if self.row_filter.active:
            parts.append(_("filtered"))
        self.query_one("#table-info", Line).show_text(Text("  ·  ".join(parts), style="dim"))

    # ---------------------------------------------------------------------- user actions

    @property
    def filter_box(self) -> Input | None:
        """The filter box, once it was opened."""
        found = self.query_children("#filter")
        return found.first(Input) if found else None

    async def action_filter(self) -> None:
        box = self.filter_box
        if box is None:
            hint = _("filter: words, type:…, group:…, year:…, from:…, unsubmitted, missing, noevidence — "
                     "Esc clears")
            box = Input(placeholder=hint, id="filter")
            await self.mount(box, before=self.table)
        box.add_class("open")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.row_filter = parse_filter(event.value)
        self.page_index = 0
        self._refresh_view(self.current_id)

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            event.input.remove_class("open")
        self.table.focus()

    def key_escape(self) -> None:
        box = self.filter_box
        if box is not None and (box.has_focus or box.value):
            box.value = ""
            box.remove_class("open")
            self.row_filter = Filter()
            self._refresh_view(self.current_id)
            self.table.focus()

    def action_sort(self, step: int) -> None:
        """Sort by the next (previous) column on screen: never by one a narrow terminal hides."""
        shown = [k for k in SORT_KEYS if k in self.keys] or ["date"]
        i = shown.index(self.sort_key) if self.sort_key in shown else 0
        self.sort_key = shown[(i + step) % len(shown)]
        self._refresh_view(self.current_id)

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._refresh_view(self.current_id)

    def action_page(self, step: int) -> None:
        pages = page_count(len(self.matching))
        new = max(0, min(pages - 1, self.page_index + step))
        if new != self.page_index:
            self.page_index = new
            self._refresh_view(None)

    @on(Grid.HeaderSelected)
    def _header(self, event: Grid.HeaderSelected) -> None:
        event.stop()
        key = event.key
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, False
        self._refresh_view(self.current_id)

    @on(Grid.RowHighlighted)
    def _row(self, event: Grid.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current_id))

    @on(Grid.RowSelected)
    def _chosen(self, event: Grid.RowSelected) -> None:
        event.stop()
        if self.current_id is not None:
            self.post_message(self.Chosen(self.current_id))
