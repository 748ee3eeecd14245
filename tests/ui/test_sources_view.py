"""The sources view (i): the selected figure's sources with passage, quote, address and checked date;
the address opened by the system's opener (an argv, never a shell) or copied."""

from __future__ import annotations

from textual.widgets import OptionList

from cpetui.rules.sources import Citation
from cpetui.ui.cited import selected_citations
from cpetui.ui.screens.sources import SourcesScreen, sources_text
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import CISSP, SIZE, make_app, settle


def shown(app) -> str:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(OptionList)
    return "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))


async def test_i_shows_the_selected_activitys_sources_and_opens_or_copies_the_address(
        ledgers, monkeypatch) -> None:
    calls: list[list[str]] = []

    class FakePopen:
        def __init__(self, argv, **kwargs) -> None:  # type: ignore[no-untyped-def]
            assert not kwargs.get("shell")
            calls.append(list(argv))

    monkeypatch.setattr("cpetui.ui.system.subprocess.Popen", FakePopen)
    monkeypatch.setenv("CPETUI_OPENER", "my-opener")
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one(ActivityTable).current_id == "2025-01-15-chapter"
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        text = shown(app)
        assert "Chapter meeting: zero trust" in text
        assert "ISC2 · CPE Credit Quick Guide" in text and "CPE categories: Education" in text
        assert "教育 グループAまたは グループB" in text  # the quote, in the source's words
        assert "https://www.isc2.org/" in text and "checked 2026-11-21" in text
        await pilot.press("o")
        await pilot.pause()
        assert calls == [["my-opener", "https://www.isc2.org/"]]
        await pilot.press("y")
        await pilot.pause()
        assert copied == ["https://www.isc2.org/"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SourcesScreen)


def test_with_no_activity_the_view_lists_the_cycles_requirements_and_dates() -> None:
    from datetime import date

    from cpetui.ledger.parse import parse_text
    from cpetui.status import evaluate

    ledger = parse_text(CISSP, "cissp.toml")
    status = evaluate(ledger, date(2026, 11, 22))
    cited = selected_citations(status, None)
    whats = [what for what, _c in cited]
    assert whats[0].startswith("Cycle total")
    assert any("Grace period ends" in w for w in whats)
    # The grace period's passage, quoted word for word, with cpetui's reading where there is one.
    texts = [str(t) for what, c in cited for t, _url in sources_text(what, c)]
    assert any("更に90日間" in t for t in texts)


def test_a_reading_is_said_once_after_the_passages_it_reads() -> None:
    from cpetui.rules.registry import PROGRAMS

    citation: Citation = PROGRAMS["isc2"].version("isc2-2024").caps[0].citation
    items = sources_text("Unique work experience (at most 10)", citation)
    assert len(items) == 2 and items[1][1] is None  # the third-party copy has no address
    assert "cpetui's reading" not in str(items[0][0]) and "cpetui's reading" in str(items[1][0])


async def test_from_the_findings_list_i_shows_the_highlighted_findings_sources(ledgers) -> None:
    # CC counts Group A only: the finding cites the ISC2 quick guide, where that rule is stated.
    cc = CISSP.replace('credential = "CISSP"', 'credential = "CC"')
    app = make_app(ledgers(cc=cc))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        findings = app.query_one("FindingsList")
        codes = [f.code for f in findings.findings]
        findings.highlighted = codes.index("group-b-not-allowed")
        await pilot.press("i")
        await pilot.pause()
        text = shown(app)
        assert "counts Group A only" in text
        assert "Group A and B CPE credits" in text and "CC保有者：グループAのみ" in text


async def test_from_the_status_panel_i_shows_the_cycles_requirements(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one("StatusPanel").focus()
        await pilot.press("i")
        await pilot.pause()
        assert shown(app).startswith("Cycle total")
