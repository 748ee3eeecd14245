"""Hostile values in a ledger give a located error in every command, in bounded memory and time.

Infinite and huge numbers, dates at the end of the calendar, a key dotted 20,000 deep, an activity citing
thousands of evidence files: each once ended a command with a traceback, or took gigabytes or minutes
(issue 21, items 4-7). Now each is `path:line:col: error: …` with the line and a hint, exit 1; the other
ledgers beside it still read. Every command runs in a subprocess limited to 1 GiB of memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.ledger.load import read_ledger
from cpetui.ledger.parse import parse_text
from cpetui.ui.formspec import check as check_form
from tests.robustness.apphelp import assert_app_locates, write_good
from tests.robustness.hostile import HOSTILE_VALUES, many_evidence_ledger
from tests.ui.conftest import CISSP

AS_OF = "2026-11-22"
GIB = 1024**3
SECONDS = 10  # each command, on a slow machine; a few tenths here
EXCERPT_MAX = 200  # characters of the line shown under a problem


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def cpetui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`cpetui ARGS` in a subprocess limited to 1 GiB; a hang fails the test after SECONDS."""
    return subprocess.run([sys.executable, "-m", "cpetui", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=SECONDS, preexec_fn=_limit_memory)


def assert_located(proc: subprocess.CompletedProcess[str], path: str, where: str) -> None:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "MemoryError" not in out, out[-3000:]
    assert proc.returncode == 1, out[-3000:]
    assert f"{path}:{where}" in out, out[-3000:]
    assert "      hint: " in out  # what to write instead


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.toml").write_text(CISSP, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", list(HOSTILE_VALUES))
def test_check_and_status_locate_the_value_and_read_the_other_ledger(folder: Path, name: str,
                                                                      cases) -> None:
    cases("hostile values", 2)
    text, where = HOSTILE_VALUES[name]
    (folder / "bad.toml").write_text(text, encoding="utf-8")
    proc = cpetui("check", "--as-of", AS_OF, ".", cwd=folder)
    assert_located(proc, "bad.toml", where)
    assert "2 ledgers, 1 error" in proc.stdout + proc.stderr
    proc = cpetui("status", "--json", "--as-of", AS_OF, ".", cwd=folder)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    ledgers = {led["path"]: led for led in json.loads(proc.stdout)["ledgers"]}
    line, col, message = where.split(":", 2)
    bad = [p for p in ledgers["bad.toml"]["problems"] if p["severity"] == "error"]
    assert [(p["line"], p["col"]) for p in bad] == [(int(line), int(col))]
    assert message.removeprefix(" error: ") in bad[0]["message"]
    assert ledgers["good.toml"]["ok"] is True


@pytest.mark.parametrize("name", list(HOSTILE_VALUES))
def test_export_and_audit_pack_refuse_with_the_located_error(folder: Path, name: str, cases) -> None:
    cases("hostile values", 4)
    text, where = HOSTILE_VALUES[name]
    (folder / "bad.toml").write_text(text, encoding="utf-8")
    for fmt in ("csv", "json", "markdown"):
        assert_located(cpetui("export", "--format", fmt, "--as-of", AS_OF, "bad.toml", cwd=folder),
                       "bad.toml", where)
    proc = cpetui("audit-pack", "--as-of", AS_OF, "--output", "pack.zip", "bad.toml", cwd=folder)
    assert_located(proc, "bad.toml", where)
    assert sorted(p.name for p in folder.iterdir()) == ["bad.toml", "good.toml"]  # nothing left behind


async def test_the_app_opens_the_good_ledger_beside_every_hostile_one(tmp_path: Path, cases) -> None:
    cases("hostile values", len(HOSTILE_VALUES))
    expected = {}
    for i, (text, where) in enumerate(HOSTILE_VALUES.values()):
        path = tmp_path / f"bad-{i:02d}.toml"
        path.write_text(text, encoding="utf-8")
        expected[str(path)] = f"{path}:{where.split(':')[0]}:"
    write_good(tmp_path)
    await assert_app_locates(tmp_path, expected)


def test_thousands_of_missing_evidence_files_are_checked_in_linear_time_and_output(
    tmp_path: Path, cases
) -> None:
    """One warning per missing file, each excerpt cut short: 5,000 entries once wrote 371 MB of JSON,
    and 20,000 took `check` 15 s (each warning printed the whole 270 KB line)."""
    cases("hostile values", 2)
    (tmp_path / "many.toml").write_text(many_evidence_ledger(20_000), encoding="utf-8")
    proc = cpetui("check", "many.toml", cwd=tmp_path)  # in time: the subprocess times out after SECONDS
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "20000 warnings" in proc.stdout + proc.stderr
    assert len(proc.stdout) < 20_000 * 3 * EXCERPT_MAX
    (tmp_path / "many.toml").write_text(many_evidence_ledger(5_000), encoding="utf-8")
    proc = cpetui("check", "--format", "json", "many.toml", cwd=tmp_path)
    problems = json.loads(proc.stdout)["ledgers"][0]["problems"]
    assert len(problems) == 5_000
    assert all(len(p["excerpt"]) <= EXCERPT_MAX for p in problems)
    assert problems[0]["excerpt"].startswith('evidence = ["certificates/c00000.pdf", ')


def test_a_key_dotted_deep_is_refused_before_reading(tmp_path: Path, cases) -> None:
    """Refused by a look at the text: the reader never builds 100,000 nested tables."""
    cases("hostile values", 1)
    path = tmp_path / "dotted.toml"
    path.write_text(HOSTILE_VALUES["hours = 1e308"][0].replace("hours = 1e308", "hours = 1")
                    + "x" + ".a" * 100_000 + " = 1\n", encoding="utf-8")
    proc = cpetui("check", "dotted.toml", cwd=tmp_path)
    assert_located(proc, "dotted.toml", "13:1: error: the file nests too deeply to read")
    # Dots inside strings and a few dotted parts are ordinary: read as before.
    ok = CISSP + 'notes = "' + "a." * 300 + '"\n' + "site.name.of.a.place = 1\n"
    path.write_text(ok, encoding="utf-8")
    ledger = read_ledger(path)
    assert ledger.ok, [p.message for p in ledger.problems]


@pytest.mark.parametrize(("argv", "message"), [
    (["--hours", "1e308"], "argument --hours: '1e308' is too large; cpetui accepts at most 10,000"),
    (["--hours", "inf"], "argument --hours: 'inf' is too large; cpetui accepts at most 10,000"),
    (["--hours", "nan"], "argument --hours: 'nan' is not a number"),
    (["--credits", "10001"], "argument --credits: '10001' is too large"),
    (["--minutes", "9" * 5000], "argument --minutes: '" + "9" * 5000 + "' is too large"),
    (["--hours", "1", "--date", "9999-12-31"], "argument --date: '9999-12-31' is outside the dates"),
], ids=["hours 1e308", "hours inf", "hours nan", "credits 10001", "minutes of 5,000 digits", "date 9999"])
def test_add_refuses_numbers_and_dates_no_ledger_may_hold(folder: Path, argv: list[str], message: str,
                                                          cases) -> None:
    cases("hostile values", 1)
    before = (folder / "good.toml").read_bytes()
    date = [] if "--date" in argv else ["--date", "2025-01-01"]
    proc = cpetui("add", "good.toml", "--title", "X", "--type", "education", "--group", "A", *date, *argv,
                  cwd=folder)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert message in proc.stderr
    assert (folder / "good.toml").read_bytes() == before


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
def test_new_refuses_a_start_outside_the_calendar_it_reads(tmp_path: Path, start: str, cases) -> None:
    cases("hostile values", 1)
    proc = cpetui("new", "--program", "isc2", "--credential", "CISSP", "--start", start, "--dir", ".",
                  cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"argument --start: '{start}' is outside the dates cpetui reads (1900-01-01 … 2999-12-31)" \
        in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_form_refuses_what_the_ledger_refuses(cases) -> None:
    """The app's form reads its text through the ledger reader: the same limits, the same words."""
    cases("hostile values", 3)
    cycle = parse_text(CISSP, "cissp.toml").cycle
    assert cycle is not None
    base = {"title": "Webinar", "date": "2025-01-01", "type": "education", "group": "A"}
    for key, raw, words in (("hours", "10000.5", "hours must be a number from 0 to 10,000"),
                            ("credits", "100000", "credits must be a number from 0 to 10,000"),
                            ("date", "9999-12-31", "date must be a date from 1900-01-01 to 2999-12-31")):
        checked = check_form(cycle, {**base, "hours": "1", key: raw}, "a")
        assert checked.activity is None and words in checked.errors[key]


@pytest.mark.parametrize("command", [["check"], ["status"], ["export", "--format", "csv"]])
def test_every_command_refuses_an_as_of_date_outside_the_calendar_it_reads(folder: Path,
                                                                           command: list[str],
                                                                           cases) -> None:
    cases("hostile values", 1)
    proc = cpetui(*command, "--as-of", "9999-12-31", "good.toml", cwd=folder)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "argument --as-of: '9999-12-31' is outside the dates cpetui reads" in proc.stderr
