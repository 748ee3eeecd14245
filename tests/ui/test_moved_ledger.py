"""A ledger moved away under an open form: the message says so, and the typing is kept."""

from __future__ import annotations

from cpetui.ui.screens.form import ActivityForm
from tests.ui.conftest import CISSP, SIZE, add_form, make_app, settle


async def test_saving_into_a_ledger_that_went_away_says_it_moved_and_keeps_the_form(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await add_form(pilot, type="education", group="A", title="Threat modelling talk", hours="2")
        path.unlink()
        app.session.forget(str(path))  # what the watcher does when the file goes
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("was moved or deleted since cpetui read it; what you typed is kept" in m for m in messages)
        assert isinstance(app.screen, ActivityForm)
        assert app.screen.query_one("#in-title").value == "Threat modelling talk"
