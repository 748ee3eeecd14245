"""The form offers the types of the cycle's rules version; retired ones (kept so that older ledgers still
count) are not offered for a new activity, yet an activity that has one still edits with it."""

from __future__ import annotations

from datetime import date

from textual.widgets import Select

from cpetui.model import Cycle
from cpetui.ui.formspec import form_spec
from cpetui.ui.screens.form import ActivityForm
from tests.ui.conftest import CISSP, SIZE, make_app, settle

CYCLE_2024 = Cycle("isc2", "CISSP", date(2024, 7, 1))


def test_a_new_activity_in_an_isc2_2024_cycle_is_not_offered_reading_a_book() -> None:
    ids = [t.id for t in form_spec(CYCLE_2024).types]
    assert "education" in ids and "unique-work-experience" in ids
    assert "reading-book" not in ids and "reading-magazine" not in ids  # pre-2024 types


def test_the_older_rules_still_offer_them() -> None:
    ids = [t.id for t in form_spec(Cycle("isc2", "CISSP", date(2012, 7, 1))).types]
    assert "reading-book" in ids


def test_the_type_of_the_activity_being_edited_is_kept() -> None:
    ids = [t.id for t in form_spec(CYCLE_2024, keep="reading-book").types]
    assert "reading-book" in ids


async def test_editing_an_activity_with_a_retired_type_shows_it(ledgers) -> None:
    text = CISSP.replace('type = "education"\ngroup = "A"\nhours = 2',
                         'type = "reading-book"\ngroup = "A"\nhours = 2')
    app = make_app(ledgers(cissp=text) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ActivityForm)
        assert app.screen.query_one("#in-type", Select).value == "reading-book"
