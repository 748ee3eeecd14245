"""Sorting the activities: only by columns on screen, with the sorted column marked in its heading."""

from __future__ import annotations

from tests.ui.conftest import CISSP, make_app, settle


def headings(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.key: c.heading.plain for c in app.query_one("#activities").columns}


async def test_the_sorted_column_is_marked_and_the_mark_follows_the_sort(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert headings(app)["date"] == "Date ↑" and headings(app)["title"] == "Title"
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert headings(app)["title"] == "Title ↑" and headings(app)["date"] == "Date"
        await pilot.press("r")
        await pilot.pause()
        assert headings(app)["title"] == "Title ↓"


async def test_at_80_columns_sorting_skips_the_columns_that_gave_way(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#tab-activities")
        shown = list(table.keys)
        assert "submitted" not in shown and "provider" not in shown  # a narrow terminal drops them
        seen = []
        for _ in range(len(shown)):
            await pilot.press("greater_than_sign")
            await pilot.pause()
            seen.append(table.sort_key)
        assert set(seen) == set(shown) and table.sort_key == "date"  # round the visible ones only
        assert all(k in shown for k in seen)
        assert "↑" in headings(app)[table.sort_key]
