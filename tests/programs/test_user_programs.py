"""A user's own programs, end to end: found in programs/ beside the ledgers, used by check, status, the
form's arithmetic and the app exactly as a shipped program; mistakes located; nothing in them ever run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PROGRAM = ROOT / "ledgers" / "programs" / "company-training.toml"
SAMPLE_LEDGER = ROOT / "ledgers" / "company-training-2026.toml"

HOSTILE = '''id = "hostile"
label = "Hostile"
credentials = ["X"]
source = "isaca-cpe"
checks = ["os.system", "subprocess.run", "/tmp/evil.py", "pkg:func"]

[[version]]
id = "hostile-1"

[[version.type]]
id = "course"
label = "Course"
kind = "per-hour"

[[version.requirement]]
kind = "required"
amount = 10
'''
LEDGER = '[cycle]\nprogram = "{program}"\ncredential = "{credential}"\nstart = 2026-01-01\n\n' \
         '[[activity]]\nid = "a"\ndate = 2026-02-01\ntitle = "A course"\ntype = "course"\nhours = 3\n'


def cpetui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "CPETUI_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "cpetui", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=60)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "programs").mkdir()
    shutil.copy(SAMPLE_PROGRAM, tmp_path / "programs")
    shutil.copy(SAMPLE_LEDGER, tmp_path)
    (tmp_path / "cfe.toml").write_text(LEDGER.format(program="acfe", credential="CFE").replace(
        'type = "course"', 'type = "participant"\nfield = "fraud"'), encoding="utf-8")
    return tmp_path


def test_a_ledger_of_the_users_program_checks_and_reports_like_a_shipped_one(folder: Path) -> None:
    r = cpetui("status", "--json", "--as-of", "2026-12-04", "company-training-2026.toml", cwd=folder)
    assert r.returncode == 0, r.stderr
    import json

    doc = json.loads(r.stdout)["ledgers"][0]
    assert doc["total"]["required"] == 24  # the scheme's 24 hours a year
    caps = [q for q in doc["requirements"] if q["id"] == "cap-e-learning-year-1"]
    assert caps and caps[0]["counted"] == 8  # at most 8 of e-learning count


def test_a_program_naming_code_is_refused_located_and_never_imported(folder: Path) -> None:
    (folder / "programs" / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    (folder / "hostile-2026.toml").write_text(LEDGER.format(program="hostile", credential="X"),
                                              encoding="utf-8")
    marker = folder / "PWNED"
    r = cpetui("check", "--as-of", "2026-12-04", ".", cwd=folder)
    assert r.returncode == 1
    assert "programs/hostile.toml:5:" in r.stdout and "'os.system' looks like code" in r.stdout
    # the ledger of that program points at the program file; the other ledgers still check
    assert "hostile-2026.toml:2:" in r.stdout and "cannot be used" in r.stdout
    assert not marker.exists()
    code = ("import sys, runpy; sys.argv = ['cpetui', 'check', '.', '--as-of', '2026-12-04'];\n"
            "from cpetui.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('IMPORTED' if 'subprocess' in sys.modules and 'pkg' in sys.modules else 'clean')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=folder,
                         env={**os.environ, "NO_COLOR": "1"}, timeout=60)
    assert out.stdout.strip().endswith("clean")


def test_a_broken_program_file_never_stops_other_ledgers(folder: Path) -> None:
    (folder / "programs" / "broken.toml").write_text('id = "broken"\nkind = per-hour\n', encoding="utf-8")
    r = cpetui("status", "--as-of", "2026-12-04", ".", cwd=folder)
    assert "company-training-2026.toml" in r.stdout and "cfe.toml" in r.stdout
    r = cpetui("check", "--as-of", "2026-12-04", ".", cwd=folder)
    assert "programs/broken.toml:2:" in r.stdout and r.returncode == 1
    r = cpetui("programs", "--ledgers", ".", cwd=folder)
    assert "programs/broken.toml:2:" in r.stderr and "company-training" in r.stdout


def test_a_program_defined_twice_or_with_a_shipped_id_is_reported(folder: Path) -> None:
    text = SAMPLE_PROGRAM.read_text(encoding="utf-8")
    (folder / "programs" / "copy.toml").write_text(text, encoding="utf-8")
    (folder / "programs" / "isc2.toml").write_text(text.replace('id = "company-training"', 'id = "isc2"'),
                                                   encoding="utf-8")
    r = cpetui("check", "--as-of", "2026-12-04", ".", cwd=folder)
    assert "already defined" in r.stdout and "copy.toml" in r.stdout and "isc2.toml" in r.stdout


def test_the_app_opens_every_ledger_and_the_form_reads_the_programs_dimension(folder: Path) -> None:
    import asyncio

    from tests.ui.conftest import make_app, settle

    (folder / "programs" / "broken.toml").write_text('id = "broken"\nkind = per-hour\n', encoding="utf-8")

    async def run() -> None:
        app = make_app(folder, as_of=date(2026, 12, 4))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await settle(pilot)
            names = {Path(p).name for p in app.session.entries}
            assert {"company-training-2026.toml", "cfe.toml"} <= names
            entry = app.session.entries[str(folder / "company-training-2026.toml")]
            assert entry.status is not None and entry.status.total.required == 24

    asyncio.run(run())


def test_the_form_offers_the_programs_own_dimension_and_saves_it(tmp_path: Path) -> None:
    # PMI's skill area is a dimension the program file declares; the form offers its values and the
    # saved activity carries it, read back by the ledger reader and counted in that area.
    import asyncio

    from cpetui.ledger.load import read_ledger
    from cpetui.ui.screens.form import ActivityForm
    from tests.ui.conftest import add_form, make_app, settle

    ledger = tmp_path / "pmp-2024-2027.toml"
    shutil.copy(ROOT / "ledgers" / "pmp-2024-2027.toml", ledger)

    async def run() -> None:
        app = make_app(tmp_path, as_of=date(2026, 11, 22))
        async with app.run_test(size=(120, 40)) as pilot:
            form = await add_form(pilot, type="course")
            assert isinstance(form, ActivityForm)
            area = form.query_one("#in-area")
            from textual.widgets import Select

            assert [v for _label, v in area._options if v is not Select.NULL] == [
                "ways-of-working", "power-skills", "business-acumen"]
            form.query_one("#in-date").value = "2026-11-20"
            form.query_one("#in-title").value = "Stakeholder communication"
            area.value = "power-skills"
            form.query_one("#in-hours").value = "3"
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await settle(pilot)

    asyncio.run(run())
    saved = read_ledger(ledger)
    assert not [p for p in saved.problems if p.severity == "error"]
    added = [a for a in saved.activities if a.title == "Stakeholder communication"]
    assert added and added[0].extra.get("area") == "power-skills"
    assert 'area = "power-skills"' in ledger.read_text(encoding="utf-8")
