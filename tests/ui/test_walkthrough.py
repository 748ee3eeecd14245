"""Fixes from walking through the app as a new user, each pinned by the keys that showed it."""

from __future__ import annotations

from cpetui.ui.screens.form import ActivityForm
from tests.ui.conftest import CISSP, SIZE, make_app, settle


async def test_a_missing_measure_is_told_at_the_measure_field_not_the_title(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        await pilot.press(*"Webinar")
        await pilot.pause()
        # While typing the title, nothing is scolded: the hours are simply not there yet.
        assert not form.query_one("#err-title").display
        assert not form.query_one("#err-hours").display
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)  # not saved
        assert not form.query_one("#err-title").display
        hours = form.query_one("#err-hours")
        assert hours.display and "measure" in str(hours.render())
        assert form.query_one("#in-hours").has_focus  # the cursor goes where the fix is typed


async def test_a_ledger_without_findings_says_so_when_the_tab_is_first_opened(ledgers) -> None:
    clean = CISSP
    for hours in ("hours = 2\n", "hours = 12\n", "hours = 6\n"):  # evidence for each: nothing to flag
        clean = clean.replace(hours, hours + 'evidence = ["https://example.org/certificate"]\n')
    folder = ledgers(cissp=clean)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.entry.status.findings == ()
        await pilot.press("2")  # the findings page is made now, on first use
        await settle(pilot)
        listing = app.query_one("#tab-findings")
        assert listing.option_count == 1
        assert "No findings" in str(listing.get_option_at_index(0).prompt)


async def test_the_copy_dialog_starts_on_the_first_ledger(ledgers) -> None:
    folder = ledgers(cissp=CISSP, ccsp=CISSP.replace('"CISSP"', '"CCSP"').split("# A chapter")[0])
    app = make_app(folder / "cissp.toml", folder / "ccsp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.selected = str(folder / "cissp.toml")
        app.render_all()
        app.query_one("#activities").focus()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#targets").highlighted == 0  # space has something to pick


async def test_the_forms_grace_warning_is_shown_whole_at_80x24(ledgers) -> None:
    # ISC2: an activity dated in the grace period counts for the next cycle (ISC2 · CPE Credit Quick
    # Guide); the form says so, and the sentence must not stop at the preview's edge.
    in_grace = ('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2023-09-01\n\n'  # ended 2026-08-31
                '[[activity]]\nid = "one"\ndate = 2024-08-01\ntitle = "One"\ntype = "education"\n'
                'group = "A"\nhours = 2\n')
    app = make_app(ledgers(cissp=in_grace) / "cissp.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        for key, value in (("title", "Webinar"), ("type", "education"), ("group", "A"), ("hours", "2")):
            form.query_one(f"#in-{key}").value = value
            await pilot.pause()
        await pilot.pause(0.5)
        preview = form.query_one("#preview")
        assert "it counts for the next cycle, not this one" in str(preview.render())
        width = preview.content_region.width
        needed = preview.get_content_height(preview.size, preview.size, width)
        assert preview.content_region.height >= needed >= 5
