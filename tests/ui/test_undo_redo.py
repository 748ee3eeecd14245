"""Undo and redo act on the ledger in view and say which file and activity they change.

Before: viewing CISSP, delete a row, press u twice — the second undo removed an activity added earlier
to another ledger, saying only "Undone: add.".
"""

from __future__ import annotations

from datetime import date

from cpetui.ledger.session import Edit, Session
from tests.ui.conftest import AS_OF, CISSP, SIZE, make_app, settle

CCSP = CISSP.replace('credential = "CISSP"', 'credential = "CCSP"').replace("# CISSP, third cycle", "# CCSP")
CONGRESS = {"date": date(2026, 10, 1), "title": "Cloud Security Congress", "type": "education", "group": "A",
            "hours": 6}


def _two(ledgers):  # type: ignore[no-untyped-def]
    folder = ledgers(cissp=CISSP, ccsp=CCSP)
    return folder, str(folder / "cissp.toml"), str(folder / "ccsp.toml")


def test_undo_in_one_ledger_leaves_the_others_alone(ledgers) -> None:
    folder, cissp, ccsp = _two(ledgers)
    session = Session([str(folder)], AS_OF)
    session.load()
    session.apply(Edit("add", ccsp, values=CONGRESS, label="add"))
    session.apply(Edit("delete", cissp, "2025-06-01-leadership", label="delete"))
    undone = session.undo(cissp)
    assert undone is not None and undone.path == cissp and undone.title == "Leadership workshop"
    assert open(cissp, encoding="utf-8").read() == CISSP
    assert session.undo(cissp) is None  # nothing more in CISSP …
    assert "Cloud Security Congress" in open(ccsp, encoding="utf-8").read()  # … and CCSP untouched
    anywhere = session.undo(None)  # the global history reaches it when asked
    assert anywhere is not None and anywhere.path == ccsp and anywhere.title == "Cloud Security Congress"
    assert open(ccsp, encoding="utf-8").read() == CCSP


def test_redo_makes_the_change_again_and_a_new_change_clears_only_its_own_ledgers_redo(ledgers) -> None:
    folder, cissp, ccsp = _two(ledgers)
    session = Session([str(folder)], AS_OF)
    session.load()
    session.apply(Edit("delete", cissp, "2025-06-01-leadership", label="delete"))
    session.apply(Edit("add", ccsp, values=CONGRESS, label="add"))
    after_delete = open(cissp, encoding="utf-8").read()
    session.undo(cissp)
    session.undo(ccsp)
    redone = session.redo(cissp)
    assert redone is not None and redone.title == "Leadership workshop"
    assert open(cissp, encoding="utf-8").read() == after_delete
    assert session.redo(cissp) is None
    session.undo(cissp)  # undo the redo: the deleted text comes back again, comments and all
    assert open(cissp, encoding="utf-8").read() == CISSP
    session.apply(Edit("update", cissp, "2025-01-15-chapter", {"hours": 3}, label="edit"))
    assert session.redo(cissp) is None  # a new change in CISSP clears CISSP's redo …
    assert session.history.last_redo(ccsp) is not None  # … not CCSP's
    assert session.redo(ccsp) is not None
    assert "Cloud Security Congress" in open(ccsp, encoding="utf-8").read()


def test_a_copy_belongs_to_the_history_of_the_ledger_it_went_into(ledgers) -> None:
    folder, cissp, ccsp = _two(ledgers)
    session = Session([str(folder)], AS_OF)
    session.load()
    session.apply(Edit("delete", ccsp, "2025-03-10-book", label="delete"))
    session.apply(Edit("copy", cissp, "2025-03-10-book", target=ccsp, label="copy"))
    assert session.history.last_undo(cissp) is None
    step = session.history.last_undo(ccsp)
    assert step is not None and step.kind == "delete" and step.title == "Book: Threat Modeling"


def _messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_the_issue_scenario_in_the_app(ledgers) -> None:
    folder, cissp, ccsp = _two(ledgers)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.session.apply(Edit("add", ccsp, values=CONGRESS, label="add"))  # earlier, in CCSP
        app.selected = cissp
        await settle(pilot)
        await pilot.press("end")  # the leadership workshop, last by date
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Leadership workshop" not in open(cissp, encoding="utf-8").read()
        await pilot.press("u")
        await settle(pilot)
        assert open(cissp, encoding="utf-8").read() == CISSP
        assert "Undone in cissp.toml: delete “Leadership workshop”." in _messages(app)
        await pilot.press("u")
        await settle(pilot)
        assert "Cloud Security Congress" in open(ccsp, encoding="utf-8").read()  # not undone silently
        assert any("Nothing to undo in this ledger; the last change was to ccsp.toml" in m
                   for m in _messages(app))
        await pilot.press("U")
        await settle(pilot)
        assert "Leadership workshop" not in open(cissp, encoding="utf-8").read()
        assert "Redone in cissp.toml: delete “Leadership workshop”." in _messages(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert "Leadership workshop" not in open(cissp, encoding="utf-8").read()
        app.action_undo(anywhere=True)  # the palette's "Undo the last change in any ledger"
        await settle(pilot)
        assert open(cissp, encoding="utf-8").read() == CISSP  # the newest change anywhere was CISSP's
        app.action_undo(anywhere=True)
        await settle(pilot)
        assert open(ccsp, encoding="utf-8").read() == CCSP
        assert "Undone in ccsp.toml: add “Cloud Security Congress”." in _messages(app)


async def test_undo_and_redo_are_in_the_palette(ledgers) -> None:
    folder, _cissp, _ccsp = _two(ledgers)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Redo" in titles
        assert "Undo the last change in any ledger" in titles
        assert "Redo the last undone change in any ledger" in titles


async def test_the_delete_question_shows_the_activity_id(ledgers) -> None:
    folder, cissp, _ccsp = _two(ledgers)
    app = make_app(cissp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "id: 2025-01-15-chapter" in str(app.screen.query_one(".question").render())
