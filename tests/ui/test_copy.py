"""The copy dialog: several ledgers at once, each with its type question and the credits it counts there."""

from __future__ import annotations

from textual.widgets import Select, SelectionList, Static

from cpetui.cli.check import collect
from cpetui.ledger.load import read_ledger
from cpetui.ui.screens.copy import CopyScreen
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import AS_OF, CISSP, SIZE, make_app, settle

CCSP = CISSP.replace('"CISSP"', '"CCSP"').split("# A chapter")[0]
OSCP = """\
[cycle]
program = "offsec"
credential = "OSCP+"
start = 2025-01-01
certified = 2025-01-01
"""


def details(screen: CopyScreen) -> list[str]:
    return [str(s.render()) for s in screen.query(".details").results(Static)]


async def open_copy_of_the_book(pilot, folder):  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    app.selected = str(folder / "cissp.toml")
    app.render_all()
    table = app.query_one(ActivityTable)
    table.goto("2025-03-10-book")  # Group A, 12 hours, submitted to ISC2 for the CISSP
    table.table.focus()
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, CopyScreen)
    return app.screen


async def test_copy_into_two_ledgers_of_two_programs_at_once(ledgers) -> None:
    folder = ledgers(cissp=CISSP, ccsp=CCSP, oscp=OSCP)
    app = make_app(folder)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_copy_of_the_book(pilot, folder)
        targets = screen.query_one("#targets", SelectionList)
        assert [str(targets.get_option_at_index(i).prompt).split()[0] for i in range(2)] == ["CCSP", "OSCP+"]
        await pilot.press("space", "down", "space")
        await settle(pilot)
        assert targets.selected == [str(folder / "ccsp.toml"), str(folder / "oscp.toml")]

        ccsp, oscp = details(screen)
        assert "Counts 12 CPE there" in ccsp and "Not copied: submitted" in ccsp
        assert "answer the questions" in oscp  # OffSec has no type "education": the user chooses
        question = screen.query_one("#q-1-type", Select)
        assert [str(o[0]).split(" — ")[0] for o in question._options[1:3]] == [
            "Courses and seminars", "Cybersecurity webinar"]  # the likely ones first

        await pilot.press("ctrl+s")  # not yet: the question is open, nothing is written
        await settle(pilot)
        assert app.screen is screen
        assert "2025-03-10-book" not in (folder / "oscp.toml").read_text(encoding="utf-8")

        question.value = "courses-seminars"
        await settle(pilot)
        oscp = details(screen)[1]
        assert "Counts 12 CPE there" in oscp and "Not copied: group" in oscp

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CopyScreen)

    ccsp_text = (folder / "ccsp.toml").read_text(encoding="utf-8")
    oscp_text = (folder / "oscp.toml").read_text(encoding="utf-8")
    assert 'id = "2025-03-10-book"' in ccsp_text and 'group = "A"' in ccsp_text
    assert 'type = "courses-seminars"' in oscp_text and "group" not in oscp_text
    assert "submitted" not in ccsp_text and "submitted" not in oscp_text
    for name in ("ccsp.toml", "oscp.toml"):
        written = read_ledger(str(folder / name))
        assert [p.message for p in collect(written, AS_OF) if p.severity == "error"] == []
    assert (folder / "cissp.toml").read_text(encoding="utf-8") == CISSP  # the source is untouched


async def test_a_ledger_that_already_has_the_activity_cannot_be_picked(ledgers) -> None:
    folder = ledgers(cissp=CISSP, ccsp=CISSP.replace('"CISSP"', '"CCSP"'))
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_copy_of_the_book(pilot, folder)
        option = screen.query_one("#targets", SelectionList).get_option_at_index(0)
        assert option.disabled and "already has it" in str(option.prompt)


def test_a_copy_into_another_program_is_one_edit_whose_inverse_takes_it_out_again(ledgers) -> None:
    from cpetui.ledger.session import Edit, Session
    from cpetui.ledger.transfer import plan

    folder = ledgers(cissp=CISSP, oscp=OSCP)
    session = Session([str(folder)], AS_OF)
    session.load()
    src, dst = str(folder / "cissp.toml"), str(folder / "oscp.toml")
    source = session.entries[src].ledger
    p = plan(source.activity("2025-03-10-book"), source.cycle, session.entries[dst].ledger.cycle,
             {"type": "webinar"})
    session.apply(Edit("copy", src, "2025-03-10-book", dict(p.changes), target=dst, label="copy"))
    assert session.entries[dst].ledger.activity("2025-03-10-book").type == "webinar"
    inverse = session.history[-1]
    assert (inverse.kind, inverse.path, inverse.activity_id) == ("delete", dst, "2025-03-10-book")
    session.apply(inverse, record=False)
    assert (folder / "oscp.toml").read_text(encoding="utf-8") == OSCP
