"""The form's live preview tells the credits the save will count, not just the arithmetic."""

from __future__ import annotations

from tests.ui.conftest import SIZE, add_form, make_app

CC_LEDGER = """\
[cycle]
program = "isc2"
credential = "CC"
start = 2025-05-20
"""


def preview(form) -> str:  # type: ignore[no-untyped-def]
    return str(form.query_one("#preview").render())


async def test_the_preview_says_when_the_save_would_not_count_the_credits(ledgers) -> None:
    # CC counts Group A only (ISC2 member policies); a date after the cycle counts for the next one
    app = make_app(ledgers(cc=CC_LEDGER) / "cc.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await add_form(pilot, title="Webinar", date="2025-09-01", type="education", group="A",
                              hours="2")
        assert preview(form).startswith("2 CPE")
        form.query_one("#in-group").value = "B"
        await pilot.pause()
        assert preview(form).startswith("0 CPE counted of 2") and "CC counts Group A only" in preview(form)
        form.query_one("#in-group").value = "A"
        form.query_one("#in-date").value = "2030-01-01"
        await pilot.pause()
        assert preview(form).startswith("0 CPE counted of 2") and "after the cycle ends" in preview(form)


async def test_the_preview_shows_the_per_activity_limit(ledgers) -> None:
    # ISC2 CPE quick guide: at most 40 CPE for one activity
    app = make_app(ledgers(cc=CC_LEDGER) / "cc.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await add_form(pilot, title="Bootcamp", date="2025-09-01", type="education", group="A",
                              hours="45")
        assert preview(form).startswith("40 CPE") and "at most 40 count" in preview(form)
