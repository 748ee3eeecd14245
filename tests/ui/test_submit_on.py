"""Mark submitted on a chosen day (S), for the selected activity or every unsubmitted one the filter shows."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from cpetui.ui.screens.submit import SubmitScreen
from tests.ui.conftest import CISSP, SIZE, make_app, settle


async def test_S_marks_the_selected_activity_on_the_day_given(ledgers) -> None:
    path = ledgers(cissp=CISSP) / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SubmitScreen)
        app.screen.query_one("#submit-day", Input).value = "2026-10-31"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.entry.ledger.activity("2025-01-15-chapter").submitted.isoformat() == "2026-10-31"
        assert app.entry.ledger.activity("2025-06-01-leadership").submitted is None
        assert path.read_text(encoding="utf-8").count("submitted = 2026-10-31") == 1


async def test_S_marks_every_unsubmitted_activity_the_filter_shows(ledgers) -> None:
    path = ledgers(cissp=CISSP) / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"year:2025", "enter")
        await pilot.press("S")
        await settle(pilot)
        app.screen.query_one("#submit-day", Input).value = "2026-11-01"
        app.screen.query_one("#submit-all", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert text.count("submitted = 2026-11-01") == 2  # chapter and leadership; the book was already
        assert "submitted = 2025-03-20" in text
        await pilot.press("u")
        await settle(pilot)
        assert path.read_text(encoding="utf-8").count("submitted = 2026-11-01") == 1  # one at a time


async def test_a_day_in_the_future_or_not_a_date_is_refused_in_the_dialog(ledgers) -> None:
    path = ledgers(cissp=CISSP) / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        for day, words in (("2026-12-25", "after today"), ("2026/11/01", "write 2026-11-01")):
            app.screen.query_one("#submit-day", Input).value = day
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, SubmitScreen)
            assert words in str(app.screen.query_one("#submit-problem").render())
        assert path.read_text(encoding="utf-8") == CISSP
