"""The chart's figures: credits per month, running total, and the straight pace line to the requirement."""

from __future__ import annotations

from datetime import date

from cpetui.ledger.parse import parse_text
from cpetui.status import evaluate
from cpetui.ui.chart import periods
from tests.ui.conftest import AS_OF, CISSP


def test_monthly_periods_sum_the_credits_and_pace_reaches_the_total_at_the_end() -> None:
    ledger = parse_text(CISSP, "cissp.toml")
    status = evaluate(ledger, AS_OF)
    months = periods(ledger, status)
    assert len(months) == 36  # 2024-07 … 2027-06
    assert months[0].label == "2024-07" and months[-1].label == "2027-06"
    by_label = {p.label: p for p in months}
    assert by_label["2025-01"].credits == 2  # chapter meeting, 2 hours
    assert by_label["2025-03"].credits == 12  # the book
    assert by_label["2025-06"].cumulative == 20  # 2 + 12 + 6
    assert months[-1].target == 120  # the pace line ends at the cycle total (isc2-2024, CISSP 120)
    assert [p.future for p in months].index(True) == months.index(by_label["2026-12"])
    assert by_label["2026-12"].start == date(2026, 12, 1)


async def test_the_chart_tab_shows_the_bars(ledgers) -> None:
    from tests.ui.conftest import SIZE, make_app, settle

    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        shown = app.query_one("#tab-chart").plain
        assert "2025-06" in shown and ("│" in shown or "┃" in shown)
