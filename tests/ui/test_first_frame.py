"""The first frame is laid out once: every panel is fitted to the width the layout gives it, so no
panel lays itself out again when it hears its first size (a second layout is a second full paint)."""

from __future__ import annotations

import pytest

from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.explain import ExplainPanel
from cpetui.ui.widgets.scrolltext import ScrollText
from cpetui.ui.widgets.status_panel import StatusPanel
from tests.ui.conftest import CISSP, make_app, settle


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (200, 50)])
async def test_the_table_is_given_the_width_the_app_expects(ledgers, size) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.query_one(ActivityTable)
        assert app.expected_table_width() == table.size.width
        assert table.layout_width == table.columns_width(table.size.width)


async def test_no_panel_lays_its_content_out_again_once_the_screen_is_up(ledgers, monkeypatch) -> None:
    built: list[str] = []
    refitted: list[int] = []
    build, fit = ScrollText._build, ActivityTable._set_columns

    def counting_build(self: ScrollText, width: int) -> None:
        built.append(type(self).__name__)
        build(self, width)

    def counting_fit(self: ActivityTable, table, width: int) -> None:  # type: ignore[no-untyped-def]
        refitted.append(width)
        fit(self, table, width)

    monkeypatch.setattr(ScrollText, "_build", counting_build)
    monkeypatch.setattr(ActivityTable, "_set_columns", counting_fit)
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = app.query_one(StatusPanel)
        assert built == ["StatusPanel"]  # laid out once, while the screen was laid out
        assert status.plain and status._width == status.scrollable_content_region.width
        # composed at a default width, then fitted once to the expected one: never again
        assert refitted == [100, app.query_one(ActivityTable).columns_width(app.expected_table_width())]
        explain = app.query_one(ExplainPanel)
        assert explain.size.height == str(explain.render()).count("\n") + 1 > 1
