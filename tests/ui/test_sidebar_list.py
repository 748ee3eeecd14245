"""The sidebar (Textual's OptionList): headings are passed over, the highlight wraps round and shows the
ledger, a click chooses, and a ledger read after start-up grows in place."""

from __future__ import annotations

from tests.ui.conftest import CFE, CISSP, make_app, settle

CISSP_OLD = CISSP.replace("start = 2024-07-01", "start = 2021-07-01")


async def test_the_highlight_passes_over_headings_wraps_round_and_shows_the_ledger(ledgers) -> None:
    folder = ledgers(cfe=CFE, cissp=CISSP, cissp_old=CISSP_OLD)
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one("#ledgers")
        sidebar.focus()
        # CFE heading, CFE, (a separator line), CISSP heading, CISSP 2024, CISSP 2021
        assert [o.disabled for o in sidebar.options] == [True, False, True, False, False]
        assert sidebar.highlighted == 1 and app.selected == str(folder / "cfe.toml")
        await pilot.press("down")  # over the separator and the CISSP heading
        await settle(pilot)
        assert sidebar.highlighted == 3 and app.selected == str(folder / "cissp.toml")
        assert app.entry.credential == "CISSP"
        await pilot.press("down", "down")  # past the last: round to the first
        await settle(pilot)
        assert sidebar.highlighted == 1 and app.selected == str(folder / "cfe.toml")
        await pilot.press("up")
        await settle(pilot)
        assert app.selected == str(folder / "cissp_old.toml")


async def test_a_click_on_a_ledger_shows_it(ledgers) -> None:
    folder = ledgers(cfe=CFE, cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one("#ledgers")
        assert sidebar.highlighted == 1
        # Lines: CFE heading, CFE (two lines), separator, CISSP heading, then the CISSP ledger.
        await pilot.click("#ledgers", offset=(3, 5))
        await settle(pilot)
        assert app.selected == str(folder / "cissp.toml")


async def test_a_ledger_read_after_start_up_shows_its_state_and_bar(ledgers) -> None:
    folder = ledgers(cfe=CFE, cissp=CISSP)
    app = make_app(folder)
    entries, _missing, rest = app._first
    assert rest == [str(folder / "cissp.toml")]  # known by its header when the first frame is drawn
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        prompt = str(app.query_one("#ledgers").get_option(str(folder / "cissp.toml")).prompt)
        assert "behind" in prompt and "20/120" in prompt  # read whole: state and bar
        assert app.query_one("#ledgers").highlighted == 1  # the highlight stayed on the first
