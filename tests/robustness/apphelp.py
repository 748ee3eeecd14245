"""Opens the app on a folder of broken files beside a good one and checks each error is shown, located."""

from __future__ import annotations

from pathlib import Path

from cpetui.ledger.load import read_ledger
from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.problems import ProblemsBanner
from tests.ui.conftest import CISSP, SIZE, make_app, settle

GOOD = "good.toml"


def write_good(folder: Path) -> Path:
    path = folder / GOOD
    path.write_text(CISSP, encoding="utf-8")
    return path


def first_error_at(path: Path) -> str:
    """`path:line:col` of the first error `cpetui check` reports for the file."""
    errors = [p for p in read_ledger(path).problems if p.severity == "error"]
    assert errors, f"{path} was accepted"
    return str(errors[0].source)


async def assert_app_locates(folder: Path, expected: dict[str, str]) -> None:
    """Open the app on `folder`; each broken file's banner shows `expected[path]`; the good one works.

    `expected` maps each broken file's path to the `path:line:` (or `path:line:col`) its banner shows.
    """
    good = str(folder / GOOD)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = app.session.entries
        assert set(entries) == {*expected, good}
        banner = app.query_one(ProblemsBanner)
        for path, where in expected.items():
            app.selected = path
            app.render_selected()
            assert entries[path].broken, f"{path}: the app took it for a good ledger"
            assert banner.display
            assert where in str(banner.render()), f"{path}: the banner does not show {where}"
        app.selected = good
        app.render_selected()
        await pilot.pause()
        assert not banner.display
        assert app.entry.status is not None and app.entry.status.total.counted == 20  # 2 + 12 + 6 h
        assert len(app.query_one(ActivityTable).shown_ids) == 3
        await pilot.press("s")  # the good ledger still takes edits
        await settle(pilot)
        assert "submitted = 2026-11-22" in (folder / GOOD).read_text(encoding="utf-8")
