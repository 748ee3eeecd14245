"""The app on a program counting courses completed (IPA's registered specialists, rules-facts 5.6): its
figures read as courses, never as CPE, in the status panel, the table, the explanation and the chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cpetui.ledger.load import read_ledger
from cpetui.ledger.session import Entry
from cpetui.status import evaluate
from cpetui.ui.widgets.status_panel import status_text
from tests.ui.conftest import make_app, settle

SAMPLE = Path(__file__).resolve().parents[2] / "ledgers" / "riss-2024-2027.toml"
AS_OF = date(2026, 12, 5)


def test_the_status_panel_counts_courses_and_shows_the_course_due() -> None:
    ledger = read_ledger(str(SAMPLE))
    text = status_text(Entry(ledger.path, ledger, evaluate(ledger, AS_OF)), AS_OF, 120).plain
    assert "1 of 1 completed" in text and "0 of 1 completed" in text and "3 of 4 completed" in text
    assert "IPA online course, year 3: to complete" in text
    assert "CPE" not in text and "carryover" not in text and "pace" not in text


async def test_the_app_heads_the_figures_done_and_explains_a_course_as_completed() -> None:
    app = make_app(SAMPLE, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.entry is not None and app.entry.status is not None
        table = app.query_one("#tab-activities")
        assert table.unit == "completions"
        headings = {c.key: c.heading.plain for c in table.table.columns}
        assert headings["credits"].startswith("Done")
        await pilot.press("down")  # the second activity: the specific course, 12 hours
        await settle(pilot)
        explain = app.query_one("#explain").render().plain
        assert "counts as 1 completed: one course completed, whatever its length" in explain, explain
        await pilot.press("3")
        await settle(pilot)
        legend = str(app.query_one("#tab-chart").query_one("#legend").render())
        assert "completed so far" in legend and "4 to complete in the cycle" in legend
        chart = app.query_one("#tab-chart").drawn
        # The due line climbs in steps at the years' ends: 1 by September 2025, 2 by September 2026.
        steps = dict(zip(chart.labels, chart.pace, strict=True))
        assert (steps["2025-08"], steps["2025-09"], steps["2026-09"], steps["2027-09"]) == (0, 1, 2, 4)


def test_the_status_panel_in_japanese_counts_courses() -> None:
    import gettext

    from cpetui.i18n import install
    from cpetui.locale import setup

    setup("ja")
    try:
        ledger = read_ledger(str(SAMPLE))
        text = status_text(Entry(ledger.path, ledger, evaluate(ledger, AS_OF)), AS_OF, 120).plain
        assert "1 回中 1 回修了" in text and "IPAオンライン講習（3年目）：修了期限" in text
    finally:
        install(gettext.NullTranslations(), "en")
