"""The activities table: filter with `/`, sort by any column, one page of rows at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from cpetui.i18n import _
from cpetui.ui.format import color, num, plain
from cpetui.ui.rows import PAGE_SIZE, SORT_KEYS, Filter, Row, page_count, page_of, parse_filter, select


def columns() -> list[tuple[str, str, int]]:
    """(key, heading, width) of each column."""
    return [
        ("date", _("Date"), 10),
        ("title", _("Title"), 30),
        ("provider", _("Provider"), 14),
        ("type", _("Type"), 14),
        ("group", _("Grp"), 7),
        ("credits", _("CPE"), 6),
        ("submitted", _("Submitted"), 10),
        ("evidence", _("Ev."), 3),
    ]


def cells(row: Row) -> tuple[Text, ...]:
    credits = Text(num(row.credits), justify="right")
    if row.credits is not None and row.earned is not None and row.credits < row.earned:
        credits.stylize(color("warn"))
    marks = {True: Text("✓", color("good")), False: Text("✗", color("bold bad")), None: Text("–", "dim")}
    evidence = marks[row.evidence]
    return (
        Text(row.date.isoformat()),
        plain(row.title, limit=200),
        plain(row.provider, limit=60),
        plain(row.type, limit=40),
        plain(row.group, limit=20),
        credits,
        Text(row.submitted.isoformat() if row.submitted else "–", "" if row.submitted else "dim"),
        evidence,
    )


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

    @dataclass
    class Highlighted(Message):
        activity_id: str | None

    @dataclass
    class Chosen(Message):
        activity_id: str

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.all_rows: list[Row] = []
        self.matching: list[Row] = []
        self.row_filter = Filter()
        self.sort_key = "date"
        self.descending = False
        self.page_index = 0
        self.shown_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=_("filter: words, type:…, group:…, unsubmitted, missing, noevidence — Esc clears"),
            id="filter",
        )
        table: DataTable[Text] = DataTable(id="activities", cursor_type="row", zebra_stripes=True)
        for key, heading, width in columns():
            table.add_column(Text(heading), key=key, width=width)
        yield table
        yield Static(id="table-info")

    @property
    def table(self) -> DataTable:
        return self.query_one("#activities", DataTable)

    @property
    def current_id(self) -> str | None:
        table = self.table
        if not self.shown_ids or table.cursor_row is None:
            return None
        if 0 <= table.cursor_row < len(self.shown_ids):
            return self.shown_ids[table.cursor_row]
        return None

    # ---------------------------------------------------------------------- attributes down

    def show(self, rows: Sequence[Row], keep: str | None = None) -> None:
        """Replace the rows; keep the cursor on `keep` (or the current activity) when it is still there."""
        keep = keep or self.current_id
        self.all_rows = list(rows)
        self._refresh_view(keep)

    def goto(self, activity_id: str) -> bool:
        """Move the cursor to `activity_id`, clearing the filter when it hides it."""
        if page_of(self.matching, activity_id) is None and self.row_filter.active:
            self.query_one("#filter", Input).value = ""
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
        table.clear()
        self.shown_ids = [r.id for r in chunk]
        for r in chunk:
            table.add_row(*cells(r), key=r.id)
        if chunk:
            target = self.shown_ids.index(keep) if keep in self.shown_ids else min(old_row, len(chunk) - 1)
            table.move_cursor(row=max(0, target), animate=False)
        self._update_info(pages)
        self.post_message(self.Highlighted(self.current_id))

    def _update_info(self, pages: int) -> None:
        heading = dict((k, h) for k, h, _w in columns())[self.sort_key]
        parts = [
            _("{shown} of {total} activities").format(shown=len(self.matching), total=len(self.all_rows)),
            _("sorted by {column}{arrow}").format(column=heading, arrow=" ↓" if self.descending else " ↑"),
        ]
        if pages > 1:
            parts.append(_("page {page}/{pages} ([ ])").format(page=self.page_index + 1, pages=pages))
        if self.row_filter.active:
            parts.append(_("filtered"))
        self.query_one("#table-info", Static).update(Text("  ·  ".join(parts), style="dim"))

    # ---------------------------------------------------------------------- user actions

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
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
        box = self.query_one("#filter", Input)
        if box.has_focus or box.value:
            box.value = ""
            box.remove_class("open")
            self.row_filter = Filter()
            self._refresh_view(self.current_id)
            self.table.focus()

    def action_sort(self, step: int) -> None:
        i = SORT_KEYS.index(self.sort_key)
        self.sort_key = SORT_KEYS[(i + step) % len(SORT_KEYS)]
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

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = str(event.column_key.value)
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, False
        self._refresh_view(self.current_id)

    @on(DataTable.RowHighlighted)
    def _row(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current_id))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current_id is not None:
            self.post_message(self.Chosen(self.current_id))
