"""Start-up: the selected ledger is read first and drawn; the others follow from their headers."""

from __future__ import annotations

from cpetui.ledger.session import Edit, ReadOnly
from cpetui.ui.widgets.activities import ActivityTable, fitted
from tests.ui.conftest import CFE, CISSP, SIZE, make_app, settle


def test_the_first_ledger_is_read_whole_and_the_others_by_their_header(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    app = make_app(folder)
    entries, missing, rest = app._first  # read before the app runs
    cfe, cissp = str(folder / "cfe.toml"), str(folder / "cissp.toml")
    assert missing == []
    # CFE sorts first in the sidebar: it is read whole; CISSP is known by its [cycle] only.
    assert not entries[cfe].pending and entries[cfe].status is not None
    assert entries[cissp].pending and entries[cissp].credential == "CISSP"
    assert entries[cissp].ledger.activities == () and rest == [cissp]
    # A ledger still being read takes no edits (its activities are not known yet).
    app.session.entries = dict(entries)
    try:
        app.session.perform(Edit("delete", cissp, "2025-01-15-chapter"))
    except ReadOnly as exc:
        assert "still being read" in str(exc)
    else:
        raise AssertionError("a pending ledger took an edit")


async def test_the_others_are_read_whole_right_after_the_first_paint(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.loading
        cissp = app.session.entries[str(folder / "cissp.toml")]
        assert not cissp.pending and cissp.status.total.counted == 20  # 2 + 12 + 6 hours


async def test_a_late_background_read_never_replaces_a_saved_ledger(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = str(folder / "cissp.toml")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stale = app.session.entries[path]
        await pilot.press("s")
        await settle(pilot)
        saved = app.session.entries[path]
        assert saved is not stale
        app.post_message(app.Changed((stale,), (), only_pending=True))  # a start-up read arriving late
        await pilot.pause()
        assert app.session.entries[path] is saved


def test_columns_fit_the_width_and_the_credits_always_stay() -> None:
    for width in (50, 66, 86, 120):
        cols = fitted(width)
        keys = [k for k, _h, _w in cols]
        assert "credits" in keys and "date" in keys and "title" in keys
        assert sum(w + 2 for _k, _h, w in cols) <= width
    assert "submitted" not in [k for k, _h, _w in fitted(66)]  # the first to make room
    assert [k for k, _h, _w in fitted(120)] == ["date", "title", "provider", "type", "group", "credits",
                                                "submitted", "evidence"]


async def test_at_80_columns_the_credits_column_is_on_screen(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(ActivityTable).table
        header = table.render_line(0).text
        assert "CPE" in header
        assert table.virtual_size.width <= table.size.width  # nothing hidden to the right


async def test_the_collector_is_back_to_normal_once_every_ledger_is_read(ledgers) -> None:
    import gc

    from cpetui.collector import RARELY, collect_as_usual, collect_rarely

    folder = ledgers(cissp=CISSP, cfe=CFE)
    usual = gc.get_threshold()
    collect_rarely()  # as the command line does before it starts the app
    try:
        assert gc.get_threshold() == RARELY
        app = make_app(folder)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await settle(pilot)
            assert not app.loading
            assert gc.get_threshold() == usual
    finally:
        collect_as_usual()


def test_a_ledger_still_being_read_says_so(ledgers) -> None:
    from cpetui.ui.widgets.status_panel import status_text
    from tests.ui.conftest import AS_OF

    folder = ledgers(cissp=CISSP, cfe=CFE)
    entries, _missing, rest = make_app(folder)._first
    shown = status_text(entries[rest[0]], AS_OF).plain
    assert "CISSP" in shown and "Reading its activities" in shown


async def test_actions_on_a_ledger_still_being_read_wait_for_it(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    app = make_app(folder)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        cissp = str(folder / "cissp.toml")
        entries, _missing, _rest = app._first
        app.session.install(entries[cissp])  # as it is before the background read lands
        app.selected = cissp
        app.render_all()
        notify = app.notify

        def spy(message, **kw):  # type: ignore[no-untyped-def]
            notes.append(str(message))
            notify(message, **kw)

        app.notify = spy  # type: ignore[method-assign]
        await pilot.press("n")
        await pilot.pause()
        assert any("still being read" in n for n in notes), notes
        assert len(app.screen_stack) == 1  # no dialog was opened
