"""The app's "Import activities…": a file previewed against the ledger in view, then one save and one undo."""

from __future__ import annotations

from cpetui.ui.screens.importing import ImportScreen
from tests.ui.conftest import CISSP, make_app, settle


async def test_the_preview_shows_what_would_happen_and_import_saves_it_as_one_step(ledgers, tmp_path) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    sheet = tmp_path / "old.csv"
    sheet.write_text("Date,Title,Type,Group,Hours\n"
                     "2025-04-01,Cloud webinar,education,A,1.5\n"
                     "2025-02-30,Board meeting,education,B,2\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-file").value = str(sheet)
        await pilot.press("enter")
        await settle(pilot)
        shown = str(dialog.query_one("#import-table").render())
        assert "row 3: Date: 2025-02-30 is not a date: February 2025 has 28 days" in shown
        assert "would add 1, skip 0, leave out 1 (nothing was written)" in shown
        assert path.read_text(encoding="utf-8") == CISSP  # a preview writes nothing
        assert str(dialog.query_one("#import").label).startswith("Import 1 activity")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert 'title = "Cloud webinar"' in text and "Board meeting" not in text
        await pilot.press("u")  # one undo takes the whole import back
        await settle(pilot)
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP


async def test_a_file_that_cannot_be_read_is_said_and_nothing_can_be_imported(ledgers, tmp_path) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import()
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#import-file").value = str(tmp_path / "missing.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert "cannot be read" in str(dialog.query_one("#import-table").render())
        assert dialog.query_one("#import").disabled
