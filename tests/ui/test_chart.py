"""The chart's series: counted credits by month up to today, the straight pace line, the requirement."""

from __future__ import annotations

from datetime import date

from cpetui.ledger.parse import parse_text
from cpetui.status import evaluate
from cpetui.ui.chart import series
from tests.ui.conftest import AS_OF, CFE, CISSP, SIZE, make_app, settle


def test_counted_by_month_up_to_today_and_the_pace_to_the_requirement() -> None:
    ledger = parse_text(CISSP, "cissp.toml")
    s = series(ledger, evaluate(ledger, AS_OF))  # 2026-11-22
    assert len(s.labels) == 36 and s.labels[0] == "2024-07" and s.labels[-1] == "2027-06"
    # Nothing is drawn after today: the counted line ends with November 2026, the 29th month.
    assert len(s.counted) == 29 and s.labels[len(s.counted) - 1] == "2026-11"
    by_month = dict(zip(s.labels, s.counted, strict=False))
    assert by_month["2024-12"] == 0 and by_month["2025-01"] == 2  # chapter meeting, 2 hours
    assert by_month["2025-03"] == 14 and by_month["2025-06"] == 20  # the book (12), then 6 more
    assert list(s.counted) == sorted(s.counted)  # cumulative: it never falls
    # ISC2 CISSP: 120 in the cycle (ISC2 · CPE Credit Quick Guide); the pace reaches it at the end.
    assert s.required == 120 and s.pace[-1] == 120 and s.pace[0] == round(120 * 31 / 1095, 2)
    assert s.today == round(28 + 22 / 30, 3)  # 22 November: most of the 29th month
    assert s.shares == (("A", 14.0), ("B", 6.0))


def test_before_the_cycle_nothing_is_counted_and_after_it_today_is_the_end() -> None:
    ledger = parse_text(CISSP, "cissp.toml")
    before = series(ledger, evaluate(ledger, date(2024, 6, 1)))
    assert before.counted == () and before.today == 0
    after = series(ledger, evaluate(ledger, date(2028, 1, 1)))
    assert len(after.counted) == 36 and after.today == 36


def test_fields_are_the_shares_where_the_program_has_fields() -> None:
    ledger = parse_text(CFE, "cfe.toml")
    s = series(ledger, evaluate(ledger, AS_OF))
    assert dict(s.shares).keys() <= {"fraud", "ethics", "general"} and s.shares


async def test_the_chart_tab_plots_the_series_and_fits_80x24(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        chart = app.query_one("#tab-chart")
        assert chart.drawn == series(app.entry.ledger, app.entry.status)
        plot = chart.query_one("#plot")
        assert plot.region.height >= 5 and plot.region.right <= 80  # a plot, not a line of text
        assert "Group A 14 · Group B 6" in str(chart.query_one("#shares").render())
    async with make_app(ledgers(cissp=CISSP)).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert pilot.app.focused is pilot.app.query_one("#tab-chart")
