"""`cpetui check`: compiler-style problems, a summary line, and exit codes fit for a git hook."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01
"""


def check(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cpetui", "check", *args],
        capture_output=True, text=True, cwd=cwd, timeout=60,
    )


def test_a_clean_folder_exits_0_with_a_summary(tmp_path: Path) -> None:
    (tmp_path / "cissp.toml").write_text(GOOD)
    proc = check(str(tmp_path))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1] == "1 ledger, 0 errors, 0 warnings"


def test_an_error_exits_1_and_is_printed_with_excerpt_and_hint(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD + "[[activity]]\nid = \"a\"\ndate = 2024-08-01\ntitle = \"t\"\nhours = 1,5\n")
    proc = check(str(bad))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{bad}:9:10: error: TOML syntax")
    assert lines[1] == "    9 | hours = 1,5"
    assert lines[3] == "      hint: use a dot for decimals: 1.5, not 1,5"
    assert lines[-1] == "1 ledger, 1 error, 0 warnings"


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    (tmp_path / "w.toml").write_text(GOOD + "colour = \"blue\"\n")
    assert check(str(tmp_path)).returncode == 0
    strict = check("--strict", str(tmp_path))
    assert strict.returncode == 1
    assert "error: unknown key 'colour'" in strict.stdout


def test_a_missing_path_is_an_error_and_a_bad_flag_is_a_usage_error(tmp_path: Path) -> None:
    assert check(str(tmp_path / "nope.toml")).returncode == 1
    assert check("--no-such-flag").returncode == 2


def test_json_output_is_structured(tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text("[cycle\n")
    proc = check("--format", "json", str(tmp_path))
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 1 and data["errors"] == 1
    (problem,) = data["ledgers"][0]["problems"]
    assert (problem["line"], problem["code"]) == (1, "toml-syntax")


def test_options_before_the_command_do_not_hide_it(tmp_path: Path) -> None:
    (tmp_path / "cissp.toml").write_text(GOOD)
    proc = subprocess.run(
        [sys.executable, "-m", "cpetui", "--lang", "en", "check", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout.endswith("0 warnings\n")


def test_an_error_in_one_activity_does_not_hide_the_findings_of_the_others(tmp_path) -> None:
    import subprocess
    import sys

    path = tmp_path / "c.toml"
    path.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'
                    '[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "t"\ntype = "education"\n'
                    'group = "A"\nhours = 1\n\n'
                    '[[activity]]\nid = "a"\ndate = 2024-08-02\ntitle = "t2"\ntype = "education"\n'
                    'group = "A"\nhours = 1\n\n'
                    '[[activity]]\nid = "b"\ndate = 2024-08-03\ntitle = "t3"\ntype = "bowling"\n'
                    'group = "A"\nhours = 1\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cpetui", "check", "--as-of", "2026-11-22", str(path)],
                         capture_output=True, text=True, check=False).stdout
    assert ":15:" in out and "already used at line 7" in out  # the duplicate id
    assert ":26:" in out and "bowling" in out  # and, further down, the unknown type
    assert out.rstrip().endswith("1 ledger, 2 errors, 0 warnings"), out



def test_the_commit_hook_passes_over_other_tools_toml_but_not_a_ledger_gone_wrong(tmp_path) -> None:
    import re
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    hooks = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = shlex.split(re.search(r"^  entry: (.+)$", hooks, re.M).group(1))
    assert entry[:2] == ["cpetui", "check"]
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "taplo.toml").write_text('[formatting]\nalign_entries = true\n', encoding="utf-8")
    good = tmp_path / "cissp.toml"
    good.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n', encoding="utf-8")

    def hook(*names: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cpetui", *entry[1:], "--as-of", "2026-11-22",
                               *(str(tmp_path / n) for n in names)], capture_output=True, text=True,
                              check=False)

    r = hook("pyproject.toml", "taplo.toml", "cissp.toml")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "skipped (not ledgers)" in r.stderr and "pyproject.toml" in r.stderr
    assert r.stdout.rstrip().endswith("1 ledger, 0 errors, 0 warnings")
    assert hook("pyproject.toml").returncode == 0
    (tmp_path / "emptied.toml").write_text("", encoding="utf-8")  # a ledger emptied by mistake
    r = hook("pyproject.toml", "emptied.toml")
    assert r.returncode == 1 and "emptied.toml:1:1: error: the ledger is empty" in r.stdout


@pytest.mark.parametrize("data", [
    GOOD.encode(), b"\xef\xbb\xbf" + GOOD.encode(), GOOD.replace("\n", "\r\n").encode(),
    b"\xef\xbb\xbf\xef\xbb\xbftitle = 1\n", b"a = \"\xff\xfe\"\nb = 2\r\n", "名前 = 1\n\u2028x\n".encode(),
], ids=["plain", "bom", "crlf", "two boms", "not utf-8", "line separator"])
def test_the_excerpts_lines_are_the_file_read_as_text(tmp_path: Path, data: bytes) -> None:
    from cpetui.cli.check import _lines
    from cpetui.ledger.locate import toml_lines
    from cpetui.ledger.parse import parse_bytes

    path = tmp_path / "cissp.toml"
    path.write_bytes(data)
    parse_bytes(data, str(path))  # as check does just before: the bytes' text is at hand
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        assert _lines(str(path)) == toml_lines(fh.read())


def test_the_text_report_collects_no_infos_and_loses_nothing_it_shows() -> None:
    from datetime import date

    from cpetui.cli.check import collect
    from cpetui.ledger.load import discover, read_ledger

    ledgers = Path(__file__).resolve().parents[1] / "ledgers"
    every = [collect(read_ledger(path), date(2026, 11, 22)) for path in discover([str(ledgers)])[0]]
    assert any(p.severity == "info" for problems in every for p in problems)  # the samples have some
    shown = [collect(read_ledger(path), date(2026, 11, 22), infos=False)
             for path in discover([str(ledgers)])[0]]
    assert shown == [[p for p in problems if p.severity != "info"] for problems in every]


def test_one_check_lists_a_folder_once_for_the_leftovers_of_all_its_ledgers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    from datetime import date

    from cpetui.cli.check import Known, check_files

    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(GOOD)
    (tmp_path / ".b.toml.0123abcd.cpetui-tmp").write_text(GOOD)
    listed: list[str] = []
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda folder: listed.append(str(folder)) or listdir(folder))
    results = check_files([str(tmp_path / "a.toml"), str(tmp_path / "b.toml")], date(2026, 11, 22), Known())
    codes = {os.path.basename(path): [p.code for p in problems] for path, problems in results}
    assert "leftover-save" not in codes["a.toml"] and "leftover-save" in codes["b.toml"]
    assert listed.count(os.path.realpath(tmp_path)) == 1
