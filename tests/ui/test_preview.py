"""The form's live preview tells the credits the save will count, not just the arithmetic."""

from __future__ import annotations

from tests.ui.conftest import SIZE, make_app, settle

CC_LEDGER = """\
[cycle]
program = "isc2"
credential = "CC"
start = 2025-05-20
"""


async def test_the_preview_says_when_the_save_would_not_count_the_credits(ledgers) -> None:
    # CC counts Group A only (ISC2 member policies); a date after the cycle counts for the next one
    folder = ledgers(cc=CC_LEDGER)
    app = make_app(folder / "cc.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#in-title").value = "Webinar"
        form.query_one("#in-date").value = "2025-09-01"
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        form.query_one("#in-hours").value = "2"
        await pilot.pause()
        assert str(form.query_one("#preview").render()).startswith("2 CPE")
        form.query_one("#in-group").value = "B"
        await pilot.pause()
        shown = str(form.query_one("#preview").render())
        assert shown.startswith("0 CPE counted of 2") and "CC counts Group A only" in shown, shown
        form.query_one("#in-group").value = "A"
        form.query_one("#in-date").value = "2030-01-01"
        await pilot.pause()
        shown = str(form.query_one("#preview").render())
        assert shown.startswith("0 CPE counted of 2") and "after the cycle ends" in shown, shown


async def test_the_preview_shows_the_per_activity_limit(ledgers) -> None:
    # ISC2 CPE quick guide: at most 40 CPE for one activity
    folder = ledgers(cc=CC_LEDGER)
    app = make_app(folder / "cc.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#in-title").value = "Bootcamp"
        form.query_one("#in-date").value = "2025-09-01"
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        form.query_one("#in-hours").value = "45"
        await pilot.pause()
        shown = str(form.query_one("#preview").render())
        assert shown.startswith("40 CPE") and "at most 40 count" in shown, shown
