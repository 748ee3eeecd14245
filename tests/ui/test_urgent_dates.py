"""A key date close at hand survives a small terminal: it is the status panel's second line (issue 19)."""

from __future__ import annotations

from cpetui.ledger.session import Session
from cpetui.ui.widgets.status_panel import status_text
from tests.ui.conftest import AS_OF, CISSP, make_app, settle

# A cycle that ended 2026-08-31: ISC2's 90-day grace period ends 2026-11-29, 7 days after AS_OF.
IN_GRACE = CISSP.replace("start = 2024-07-01\nend = 2027-06-30", "start = 2023-09-01")


def test_a_date_within_90_days_comes_right_under_the_heading(ledgers) -> None:
    folder = ledgers(cissp=IN_GRACE)
    session = Session([str(folder)], AS_OF)
    session.load()
    lines = status_text(session.entries[str(folder / "cissp.toml")], AS_OF, 80).plain.split("\n")
    assert lines[1].startswith("2026-11-29 (in 7 days)  Grace period ends")


def test_no_date_close_at_hand_adds_nothing(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    session = Session([str(folder)], AS_OF)
    session.load()
    lines = status_text(session.entries[str(folder / "cissp.toml")], AS_OF, 80).plain.split("\n")
    assert lines[1].startswith("Cycle total")


async def test_at_80x24_the_grace_period_is_on_screen(ledgers) -> None:
    app = make_app(ledgers(cissp=IN_GRACE) / "cissp.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        svg = app.export_screenshot()  # what the terminal shows (SVG text, spaces as &#160;)
        assert "Grace&#160;period&#160;ends" in svg and "in&#160;7&#160;days" in svg
