"""The activities grid: a heading that stays, rows under a cursor moved by keys and clicks, cells cut
to their column with … and laid out by cell width (Japanese counts two)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from cpetui.ui.widgets.grid import Grid
from tests.ui.conftest import CISSP, make_app, settle


class Host(App[None]):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.heard: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield Grid(id="grid")

    def on_mount(self) -> None:
        grid = self.query_one(Grid)
        grid.add_column("Date", key="date", width=10)
        grid.add_column(Text("Title"), key="title", width=8)
        grid.add_column("CPE", key="credits", width=4)
        grid.set_rows((f"a{i}", (Text(f"2026-01-{i + 1:02d}"), Text(f"title {i}"),
                                  Text(str(i), justify="right"))) for i in range(self.rows))
        grid.focus()

    def on_grid_row_highlighted(self, message: Grid.RowHighlighted) -> None:
        self.heard.append(("highlighted", message.row))

    def on_grid_row_selected(self, message: Grid.RowSelected) -> None:
        self.heard.append(("selected", message.row))

    def on_grid_header_selected(self, message: Grid.HeaderSelected) -> None:
        self.heard.append(("heading", message.key))


def lines(grid: Grid) -> list[str]:
    return [grid.render_line(y).text for y in range(grid.size.height)]


async def test_the_heading_stays_while_the_cursor_walks_the_rows_by_key() -> None:
    app = Host(30)
    async with app.run_test(size=(40, 10)) as pilot:
        grid = app.query_one(Grid)
        shown = lines(grid)
        assert shown[0].startswith(" Date        Title     CPE")
        assert shown[1].rstrip() == " 2026-01-01  title 0      0"  # padded, credits to the right
        await pilot.press("down", "down")
        assert grid.cursor_row == 2 and app.heard == [("highlighted", 1), ("highlighted", 2)]
        await pilot.press("end")
        await pilot.pause()
        assert grid.cursor_row == 29
        shown = lines(grid)
        assert shown[0].startswith(" Date") and "title 29" in shown[-1]  # scrolled, heading in place
        await pilot.press("pageup")
        assert grid.cursor_row == 29 - (grid.size.height - 1)
        await pilot.press("home")
        await pilot.pause()
        assert grid.cursor_row == 0 and "title 0" in lines(grid)[1]
        await pilot.press("up")  # already at the top: stays, nothing heard
        assert grid.cursor_row == 0 and app.heard[-1] == ("highlighted", 0)
        await pilot.press("enter")
        assert app.heard[-1] == ("selected", 0)


async def test_a_click_moves_the_cursor_a_second_click_chooses_a_heading_click_is_heard() -> None:
    app = Host(5)
    async with app.run_test(size=(40, 10)) as pilot:
        grid = app.query_one(Grid)
        await pilot.click(Grid, offset=(3, 3))  # the third row
        assert grid.cursor_row == 2 and app.heard[-1] == ("highlighted", 2)
        await pilot.click(Grid, offset=(3, 3))
        assert app.heard[-1] == ("selected", 2)
        await pilot.click(Grid, offset=(15, 0))  # "Title"
        assert app.heard[-1] == ("heading", "title")


def test_cells_are_cut_with_an_ellipsis_and_padded_by_cell_width() -> None:
    from rich.console import Console

    from cpetui.ui.widgets.grid import Column, line_of

    columns = [Column("title", Text("Title"), 8), Column("credits", Text("CPE"), 4)]
    line = line_of([Text("勉強会のまとめ"), Text("1.5", justify="right")], columns, Console())
    assert line.text == " 勉強会…  " + "  1.5 "  # 3 wide characters = 6 cells, then …, then a pad
    assert line.cell_length == 8 + 4 + 4


async def test_update_cell_redraws_only_that_cell(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        grid = app.query_one(Grid)
        grid.update_cell("2025-03-10-book", "credits", Text("99", justify="right"))
        await pilot.pause()
        assert grid.get_cell("2025-03-10-book", "credits").plain == "99"
        row = grid.keys.index("2025-03-10-book")
        assert " 99 " in grid.render_line(row + 1).text


async def test_clicking_a_heading_sorts_the_activities_by_it(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.query_one("#tab-activities")
        grid = app.query_one(Grid)
        x = sum(c.width + 2 for c in grid.columns[:5]) + 1  # inside the sixth heading: CPE
        assert grid.columns[5].key == "credits"
        await pilot.click(Grid, offset=(x, 0))
        await pilot.pause()
        assert table.sort_key == "credits" and not table.descending
        await pilot.click(Grid, offset=(x, 0))
        await pilot.pause()
        assert table.descending


async def test_a_page_of_activities_makes_the_cells_of_the_rows_drawn_only(ledgers, monkeypatch) -> None:
    # 120 activities at 80×24: a dozen rows on screen; the others' cells are made when first drawn.
    from cpetui.ui.widgets import activities

    made: list[str] = []
    real = activities.cells

    def counted(row, keys=None):  # type: ignore[no-untyped-def]
        made.append(row.id)
        return real(row, keys)

    monkeypatch.setattr(activities, "cells", counted)
    many = CISSP + "".join(
        f'\n[[activity]]\nid = "w{i:03d}"\ndate = 2025-02-{1 + i % 28:02d}\ntitle = "Webinar {i}"\n'
        f'type = "education"\ngroup = "A"\nhours = 1\n' for i in range(120))
    app = make_app(ledgers(cissp=many))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        grid = app.query_one(Grid)
        assert grid.row_count > 120 and 0 < len(set(made)) < 40
        last = grid.keys[-1]
        assert last not in made
        assert grid.get_cell(last, "date").plain.startswith("20")  # made when asked for
        assert last in made
        await pilot.press("end")
        await pilot.pause()
        assert grid.cursor_row == grid.row_count - 1 and "2025" in grid.render_line(grid.size.height - 1).text
