"""The filter reads dates and Japanese type names, says when a term is unknown, and sums the CPE shown."""

from __future__ import annotations

from datetime import date

from cpetui.ui.rows import parse_filter
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import CISSP, SIZE, make_app, settle


def _ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.query_one(ActivityTable).shown_ids)


def _info(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one("#table-info").render())


def test_dates_and_years_are_read() -> None:
    f = parse_filter("year:2025 cloud")
    assert (f.since, f.until, f.words) == (date(2025, 1, 1), date(2025, 12, 31), ("cloud",))
    f = parse_filter("from:2025-04-01 to:2025-06-30")
    assert (f.since, f.until) == (date(2025, 4, 1), date(2025, 6, 30))


def test_terms_it_cannot_read_are_unknown_not_words() -> None:
    assert parse_filter("grp:b date:2025 year:20x").unknown == ("grp:b", "date:2025", "year:20x")
    assert parse_filter("https://example.org").unknown == ()  # not a term: a word


async def test_the_table_filters_by_date_and_sums_the_cpe_shown(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"from:2025-03-01 to:2025-05-31")
        await pilot.pause()
        assert _ids(app) == ["2025-03-10-book"]
        assert "1 of 3 activities" in _info(app) and "12 CPE counted" in _info(app)
        await pilot.press("escape")
        await pilot.press("slash", *"year:2025 group:a")
        await pilot.pause()
        assert sorted(_ids(app)) == ["2025-01-15-chapter", "2025-03-10-book"]
        assert "14 CPE counted" in _info(app)


async def test_an_unknown_term_says_so_and_lists_the_known_ones(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"grp:b")
        await pilot.pause()
        assert _ids(app) == []
        assert "unknown filter term 'grp:b'" in _info(app) and "year:2025" in _info(app)


async def test_japanese_type_names_filter_in_japanese(ledgers) -> None:
    """`type:教育` finds the education activities when the app speaks Japanese (it shows 教育)."""
    import gettext

    from cpetui.i18n import install
    from cpetui.locale import setup

    setup("ja")
    try:
        app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"type:教育")
            await pilot.pause()
            assert sorted(_ids(app)) == ["2025-01-15-chapter", "2025-03-10-book"]
    finally:
        install(gettext.NullTranslations(), "en")
