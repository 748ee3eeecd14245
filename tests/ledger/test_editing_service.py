"""One editing service (cpetui.ledger.session) under the app's form, `cpetui add` and `cpetui new`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cpetui.cli import main
from cpetui.ledger.session import Edit, Session
from cpetui.ledger.store import SaveConflict
from cpetui.ui.screens.form import ActivityForm
from tests.ui.conftest import SIZE, make_app, settle

CISSP = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

# kept as written
[[activity]]
id = "first"
date = 2024-08-01
title = "First course"
type = "education"
group = "A"
hours = 2
"""


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[Edit]:
    """Every edit the editing service performs, whoever asked for it."""
    edits: list[Edit] = []
    perform = Session.perform

    def spy(self: Session, edit: Edit):  # type: ignore[no-untyped-def]
        edits.append(edit)
        return perform(self, edit)

    monkeypatch.setattr(Session, "perform", spy)
    return edits


def test_cpetui_add_saves_through_the_editing_service(tmp_path: Path, seen: list[Edit],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(CISSP, encoding="utf-8")
    code = main(["add", str(path), "--date", "2024-09-01", "--title", "Cloud webinar",
                 "--type", "education", "--group", "A", "--hours", "1.5"])
    assert code == 0, capsys.readouterr().err
    assert [(e.kind, e.path, e.values["title"]) for e in seen] == [("add", str(path), "Cloud webinar")]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(CISSP)  # the user's bytes untouched, the new block appended
    assert 'title = "Cloud webinar"' in text
    assert "1.5 earned" in capsys.readouterr().out  # ISC2: 1 CPE per hour


def test_cpetui_new_creates_through_the_editing_service(tmp_path: Path, seen: list[Edit],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ledgers").mkdir()
    code = main(["new", "--program", "isc2", "--credential", "CISSP", "--start", "2024-07-01",
                 "--dir", str(tmp_path / "ledgers")])
    assert code == 0
    assert [e.kind for e in seen] == ["create"]
    assert Path(seen[0].path).is_file()


async def test_the_apps_form_saves_through_the_same_service(tmp_path: Path, seen: list[Edit]) -> None:
    folder = tmp_path
    (folder / "cissp.toml").write_text(CISSP, encoding="utf-8")
    app = make_app(folder / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        await pilot.press(*"Cloud webinar")
        form.query_one("#in-type").value = "education"
        form.query_one("#in-group").value = "A"
        form.query_one("#in-hours").value = "1.5"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
    assert [(e.kind, e.values["title"]) for e in seen] == [("add", "Cloud webinar")]
    assert 'title = "Cloud webinar"' in (folder / "cissp.toml").read_text(encoding="utf-8")


def test_an_add_is_applied_again_over_another_writers_save(tmp_path: Path) -> None:
    """Another writer saved between our read and our save: the add goes over their version (nothing of
    theirs or ours is lost), as two `cpetui add` run at once need."""
    path = tmp_path / "cissp.toml"
    path.write_text(CISSP, encoding="utf-8")
    session = Session([str(path)], as_of=date(2025, 1, 1))
    session.refresh(str(path))
    theirs = CISSP + ('\n[[activity]]\nid = "theirs"\ndate = 2024-09-02\ntitle = "Theirs"\n'
                      'type = "education"\ngroup = "A"\nhours = 1\n')
    path.write_text(theirs, encoding="utf-8")  # after our read: the first save is refused
    ours = {"date": date(2024, 9, 3), "title": "Ours", "type": "education", "group": "A", "hours": 1}
    with pytest.raises(SaveConflict):
        session.apply_add(Edit("add", str(path), values=ours), attempts=1)
    new_id = session.apply_add(Edit("add", str(path), values=ours))
    text = path.read_text(encoding="utf-8")
    assert new_id and text.startswith(theirs) and 'title = "Ours"' in text
    assert session.entries[str(path)].ledger.activity(new_id) is not None


def test_an_import_is_one_save_and_one_undo(tmp_path: Path) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(CISSP, encoding="utf-8")
    session = Session([str(path)], as_of=date(2025, 1, 1))
    session.refresh(str(path))
    rows = [{"date": date(2024, 9, n), "title": f"Course {n}", "type": "education", "group": "A", "hours": 1}
            for n in (3, 4, 5)]
    session.apply(Edit("import", str(path), values={"activities": rows}, label="import"))
    imported = path.read_text(encoding="utf-8")
    assert imported.startswith(CISSP) and imported.count("[[activity]]") == 4
    assert len(session.history) == 1  # one step, whatever the number of rows
    assert session.undo(str(path)) is not None
    assert path.read_text(encoding="utf-8") == CISSP
    assert session.redo(str(path)) is not None
    assert path.read_text(encoding="utf-8") == imported
