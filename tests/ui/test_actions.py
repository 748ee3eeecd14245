"""Pilot tests of every action: each asserts what is on disk and on screen afterwards."""

from __future__ import annotations

import sys
from pathlib import Path

from cpetui.ui.screens.confirm import Confirm
from cpetui.ui.screens.copy import CopyScreen
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import CFE, CISSP, SIZE, add_form, make_app, settle


def ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.query_one(ActivityTable).shown_ids)


def total_counted(app) -> float:  # type: ignore[no-untyped-def]
    return app.entry.status.total.counted


async def test_opens_on_the_ledgers_with_rows_in_date_order(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # CFE sorts before CISSP in the sidebar, so it is selected first.
        assert app.entry.credential == "CFE"
        assert ids(app) == ["2026-03-05-fraud"]
        app.query_one("#ledgers").focus()
        await pilot.press("down")
        await settle(pilot)
        assert app.entry.credential == "CISSP"
        assert ids(app) == ["2025-01-15-chapter", "2025-03-10-book", "2025-06-01-leadership"]
        # 2 + 12 + 6 hours, 1 hour = 1 CPE (ISC2), nothing capped
        assert total_counted(app) == 20


async def test_add_saves_the_activity_and_recomputes(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = total_counted(app)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        form.query_one("#in-date").value = "2026-02-03"
        form.query_one("#in-title").value = "OWASP meetup: API security"
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        await pilot.pause()
        form.query_one("#in-hours").value = "1.5"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ActivityForm)
        text = path.read_text(encoding="utf-8")
        assert 'title = "OWASP meetup: API security"' in text
        assert "hours = 1.5" in text
        assert text.startswith(CISSP.split("[[activity]]")[0])  # the header and its comment untouched
        assert total_counted(app) == before + 1.5
        assert len(ids(app)) == 4
        # the cursor lands on the new activity
        assert app.current_activity.title == "OWASP meetup: API security"


async def test_invalid_input_is_explained_at_the_field_and_not_saved(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#in-title").value = "Webinar"
        form.query_one("#in-type").value = "education"
        await pilot.pause()
        form.query_one("#in-hours").value = "1,5"
        form.query_one("#in-date").value = "2026-13-01"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
        hours_error = str(form.query_one("#err-hours").render())
        assert "hours must be a number" in hours_error and "write 1.5" in hours_error
        assert "hours =" not in hours_error  # beside the field, the value to type, not a TOML line
        assert "date" in str(form.query_one("#err-date").render()).lower()
        await pilot.press("escape")
        await settle(pilot)
        if app.screen is not app.screen_stack[0]:  # asked whether to discard what was typed: yes
            await pilot.press("y")
            await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP


async def test_the_form_previews_the_credits_before_saving(ledgers) -> None:
    folder = ledgers(cfe=CFE)
    app = make_app(folder / "cfe.toml")
    async with app.run_test(size=SIZE) as pilot:
        form = await add_form(pilot, title="Fraud seminar", type="participant", field="fraud", minutes="100")
        # ACFE: 50 minutes = 1 CPE, floored → 100 minutes = 2 CPE
        assert str(form.query_one("#preview").render()).startswith("2 CPE")
        form.query_one("#in-minutes").value = "149"
        await pilot.pause()
        assert str(form.query_one("#preview").render()).startswith("2 CPE")


async def test_edit_changes_only_that_line(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")  # the book
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert form.query_one("#in-hours").value == "12"
        form.query_one("#in-hours").value = "10"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = path.read_text(encoding="utf-8")
        assert after == CISSP.replace("hours = 12\n", "hours = 10\n")
        assert app.entry.status.credit_of("2025-03-10-book").counted == 10


async def test_delete_asks_first_and_undo_restores_the_file(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == CISSP
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "2025-01-15-chapter" not in path.read_text(encoding="utf-8")
        assert ids(app) == ["2025-03-10-book", "2025-06-01-leadership"]
        await pilot.press("u")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP  # comment above the activity included
        assert ids(app)[0] == "2025-01-15-chapter"


async def test_undo_reverts_an_edit_with_ctrl_z(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "submitted = 2026-11-22" in path.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CISSP


async def test_mark_submitted_writes_today(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        block = path.read_text(encoding="utf-8").split("[[activity]]")[1]
        assert "submitted = 2026-11-22" in block  # as_of is "today"
        assert app.current_activity.submitted.isoformat() == "2026-11-22"


async def test_copy_into_another_ledger_keeps_the_id(ledgers) -> None:
    folder = ledgers(cissp=CISSP, ccsp=CISSP.replace('"CISSP"', '"CCSP"').split("# A chapter")[0])
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.entry.credential == "CCSP"
        app.query_one("#ledgers").focus()
        await pilot.press("down")
        await settle(pilot)
        assert app.entry.credential == "CISSP"
        app.query_one(ActivityTable).table.focus()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CopyScreen)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        copied = (folder / "ccsp.toml").read_text(encoding="utf-8")
        assert 'id = "2025-01-15-chapter"' in copied
        assert (folder / "cissp.toml").read_text(encoding="utf-8") == CISSP
        ccsp = next(e for e in app.session.entries.values() if e.credential == "CCSP")
        assert [a.id for a in ccsp.ledger.activities] == ["2025-01-15-chapter"]


async def test_editor_opens_at_the_activity_line_and_reloads(ledgers, tmp_path, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP)
    path = folder / "cissp.toml"
    log = tmp_path / "argv.txt"
    editor = tmp_path / "fake-editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).write_text(' '.join(sys.argv[1:]))\n"
        "p = pathlib.Path(sys.argv[-1])\n"
        "p.write_text(p.read_text().replace('hours = 2\\n', 'hours = 3\\n'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        line = CISSP.splitlines().index("[[activity]]") + 1
        assert log.read_text() == f"+{line} {path}"
        assert app.entry.ledger.activity("2025-01-15-chapter").measure.hours == 3
        assert app.current_activity.id == "2025-01-15-chapter"


async def test_evidence_opens_with_the_system_opener_without_a_shell(ledgers, tmp_path, monkeypatch) -> None:
    text = CISSP.replace('hours = 2\n', 'hours = 2\nevidence = ["certs/a; rm -rf ~.pdf"]\n')
    folder = ledgers(cissp=text)
    (folder / "certs").mkdir()
    (folder / "certs" / "a; rm -rf ~.pdf").write_text("certificate")
    calls: list[list[str]] = []

    class FakePopen:
        def __init__(self, argv, **kwargs) -> None:  # type: ignore[no-untyped-def]
            assert not kwargs.get("shell")
            calls.append(list(argv))

    monkeypatch.setattr("cpetui.ui.system.subprocess.Popen", FakePopen)
    monkeypatch.setenv("CPETUI_OPENER", "my-opener")
    app = make_app(folder / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert calls == [["my-opener", str(folder / "certs" / "a; rm -rf ~.pdf")]]


async def test_next_cycle_starts_with_the_carryover(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected_carry = app.entry.status.carryover_out
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        new = folder / "cissp-2027-2030.toml"
        text = new.read_text(encoding="utf-8")
        assert 'credential = "CISSP"' in text and "start = 2027-07-01" in text
        if expected_carry:
            assert f"carryover_in = {expected_carry:g}" in text
        assert app.entry.path == str(new)
        assert app.entry.ledger.cycle.carryover_in == expected_carry


async def test_findings_jump_to_their_activity(ledgers) -> None:
    # 2024-06-30 is the day before the cycle starts: the rules flag it as outside the cycle.
    text = CISSP + '\n[[activity]]\nid = "early"\ndate = 2024-06-30\ntitle = "Too early"\n' \
        'type = "education"\ngroup = "A"\nhours = 1\n'
    folder = ledgers(cissp=text)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        listing = app.query_one("#tab-findings")
        index = next(i for i, f in enumerate(listing.findings) if f.activity_id == "early")  # as shown
        listing.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#tabs").active == "tab-activities"
        assert app.current_activity.id == "early"


async def test_filter_by_text_type_group_and_unsubmitted(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"group:a unsubmitted")
        await pilot.pause()
        assert ids(app) == ["2025-01-15-chapter"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(ids(app)) == 3
        await pilot.press("slash", *"type:prof")
        await pilot.pause()
        assert ids(app) == ["2025-06-01-leadership"]
        await pilot.press("enter")  # back to the table; the filter stays
        await pilot.press("s")
        await settle(pilot)
        assert app.current_activity.submitted is not None


async def test_sort_by_column_and_reverse(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("greater_than_sign")  # title
        await pilot.pause()
        assert ids(app) == ["2025-03-10-book", "2025-01-15-chapter", "2025-06-01-leadership"]
        await pilot.press("r")
        await pilot.pause()
        assert ids(app) == ["2025-06-01-leadership", "2025-01-15-chapter", "2025-03-10-book"]


async def test_thousands_of_activities_are_paged(ledgers) -> None:
    blocks = [
        f'[[activity]]\nid = "a{i:04}"\ndate = 2025-{1 + i % 12:02}-{1 + i % 28:02}\n'
        f'title = "Webinar {i}"\ntype = "education"\ngroup = "A"\nhours = 0.25\n'
        for i in range(1200)
    ]
    folder = ledgers(cissp=CISSP.split("# A chapter")[0] + "\n".join(blocks))
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(ActivityTable)
        assert table.table.row_count == 200
        assert len(table.matching) == 1200
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert table.page_index == 1 and table.table.row_count == 200
        assert table.shown_ids[0] == table.matching[200].id


async def test_help_screen_lists_the_keys(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = str(app.screen.query_one("Static").render())
        assert "undo the last change" in shown and "unsubmitted" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_every_action_is_in_the_command_palette(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Add", "Edit", "Delete", "Undo", "Submitted", "Copy to…", "Evidence", "Editor",
                      "Next cycle", "Help", "Filter", "Sort ←", "Sort →", "Reverse order", "Previous page",
                      "Next page"):
            assert title in commands, title
        # Keys as people write them, not Textual's names.
        assert commands["Undo"].help == "key: u / Ctrl+Z"
        assert commands["Sort →"].help == "key: >" and commands["Next page"].help == "key: ]"
        assert commands["Reload"].help == "key: Ctrl+R"
        # A table command works from another tab: it opens the activities first.
        await pilot.press("3")
        await pilot.pause()
        await commands["Filter"].callback()
        await pilot.pause()
        assert app.focused is app.query_one("#filter")
        await pilot.press("escape")
        await commands["Reverse order"].callback()
        await pilot.pause()
        assert app.query_one(ActivityTable).descending


def test_paths_default_to_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CPETUI_LEDGERS", str(tmp_path))
    app = make_app()
    assert app.session.paths == [str(tmp_path)]


async def test_findings_show_errors_first_and_name_the_activity(ledgers) -> None:
    """'line 44: …' alone made the user look the line up: the title is beside it (issue 19)."""
    text = CISSP + '\n[[activity]]\nid = "early"\ndate = 2024-06-30\ntitle = "Too early"\n' \
        'type = "education"\ngroup = "A"\nhours = 1\n'
    app = make_app(ledgers(cissp=text))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        listing = app.query_one("#tab-findings")
        order = {"error": 0, "warning": 1, "info": 2}
        ranks = [order[f.severity] for f in listing.findings]
        assert ranks == sorted(ranks) and len(set(ranks)) > 1
        early = next(i for i, f in enumerate(listing.findings) if f.activity_id == "early")
        assert "“Too early”" in str(listing.get_option_at_index(early).prompt)
