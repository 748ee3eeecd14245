"""Living with the files: outside edits, a broken then fixed file, a colliding save, hostile text."""

from __future__ import annotations

import asyncio
import time

from rich.cells import cell_len

from cpetui.text import printable
from cpetui.ui.screens.choose import Choose
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.problems import ProblemsBanner
from tests.ui.conftest import CISSP, SIZE, make_app, settle

NEW_BLOCK = (
    '\n[[activity]]\nid = "2025-02-01-outside"\ndate = 2025-02-01\ntitle = "Added in an editor"\n'
    'type = "education"\ngroup = "A"\nhours = 4\n'
)


async def wait_until(pilot, condition, timeout: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not catch up within {timeout:.0f} s")
        await asyncio.sleep(0.05)
        await pilot.pause()


def ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.query_one(ActivityTable).shown_ids)


async def test_outside_edit_appears_and_keeps_the_selected_row(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert app.current_activity.id == "2025-06-01-leadership"
        path.write_text(CISSP + NEW_BLOCK, encoding="utf-8")
        started = time.monotonic()
        await wait_until(pilot, lambda: "2025-02-01-outside" in ids(app))
        assert time.monotonic() - started < 1.0
        assert app.current_activity.id == "2025-06-01-leadership"
        assert app.entry.status.total.counted == 24  # 20 + 4 hours


async def test_outside_edit_does_not_disturb_an_open_form(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#in-title").value = "Typed before the outside edit"
        path.write_text(CISSP + NEW_BLOCK, encoding="utf-8")
        await wait_until(pilot, lambda: "2025-02-01-outside" in ids(app))
        assert app.screen is form
        assert form.query_one("#in-title").value == "Typed before the outside edit"
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        form.query_one("#in-hours").value = "1"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert "Added in an editor" in text and "Typed before the outside edit" in text


async def test_broken_file_shows_its_error_keeps_last_data_and_recovers(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path, watch=True, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        broken = CISSP.replace("hours = 12", "hours = 1,5")
        path.write_text(broken, encoding="utf-8")
        banner = app.query_one(ProblemsBanner)
        await wait_until(pilot, lambda: banner.display)
        shown = str(banner.render())
        line = broken.splitlines().index("hours = 1,5") + 1
        assert f"{path}:{line}:" in shown
        assert "hours = 1,5" in shown and "1.5" in shown  # the line and the hint
        assert len(ids(app)) == 3  # the last good data is still there
        assert app.entry.status.total.counted == 20
        await pilot.press("s")  # read-only: nothing written
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == broken
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, ActivityForm)
        path.write_text(CISSP.replace("hours = 12", "hours = 1.5"), encoding="utf-8")
        await wait_until(pilot, lambda: not banner.display)
        assert app.entry.status.total.counted == 9.5


async def test_a_file_broken_from_the_start_shows_where(ledgers) -> None:
    folder = ledgers(cissp='[cycle]\nprogram = "isc2\n')
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        banner = app.query_one(ProblemsBanner)
        assert banner.display
        assert f"{folder / 'cissp.toml'}:2:" in str(banner.render())


async def test_a_collision_is_never_overwritten_and_the_user_chooses(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)  # no watcher: the outside edit stays unseen until the save
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        outside = CISSP + NEW_BLOCK
        path.write_text(outside, encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert path.read_text(encoding="utf-8") == outside  # nothing written
        await pilot.press("enter")  # read again and re-apply
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert "Added in an editor" in text
        assert "submitted = 2026-11-22" in text.split("[[activity]]")[1]
        assert "2025-02-01-outside" in ids(app)


async def test_a_collision_can_drop_the_change(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        outside = CISSP + NEW_BLOCK
        path.write_text(outside, encoding="utf-8")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == outside
        assert "2025-02-01-outside" in ids(app)


HOSTILE = (
    '[bold]Loud[/] [link=https://evil.example]click[/link] '
    '\\u001b[31mred\\u001b]52;c;aGk=\\u0007 \\\\[x]'
)


async def test_markup_and_control_characters_display_literally(ledgers) -> None:
    text = CISSP.replace('title = "Chapter meeting: zero trust"', f'title = "{HOSTILE}"')
    text = text.replace('provider = "Wiley"', 'provider = "[/]\\u202eedoc"')
    folder = ledgers(cissp=text)
    app = make_app(folder)
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for the provider column
        await settle(pilot)
        title = app.entry.ledger.activity("2025-01-15-chapter").title
        table = app.query_one(ActivityTable).table
        cell = table.get_cell("2025-01-15-chapter", "title")
        assert cell.plain == printable(title)
        assert "[bold]Loud[/]" in cell.plain and "\\x1b[31m" in cell.plain
        assert "\x1b" not in cell.plain and "\x07" not in cell.plain
        provider = table.get_cell("2025-03-10-book", "provider")
        assert provider.plain == "[/]\\u202eedoc"
        explain = str(app.query_one("#explain").render())
        assert "[link=https://evil.example]" in explain
        await pilot.press("enter")  # the form shows it as text too
        await settle(pilot)
        assert app.screen.query_one("#in-title").value == title


async def test_wide_characters_and_long_titles_fit(ledgers) -> None:
    long_title = "内部監査基礎研修・" * 20
    text = CISSP.replace('title = "Chapter meeting: zero trust"', f'title = "{long_title}"')
    folder = ledgers(cissp=text)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(ActivityTable).table
        lines = [table.render_line(y).text for y in range(1, 4)]
        widths = {cell_len(line) for line in lines}
        assert len(widths) == 1  # every row the same width in cells: wide characters align
        assert "…" in lines[0]
