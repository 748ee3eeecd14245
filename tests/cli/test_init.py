"""`cpetui init [DIR]`: a folder ready for git, a first ledger from flags or prompts, nothing overwritten."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cpetui.ledger.load import read_ledger


def test_flags_make_a_folder_with_gitattributes_readme_schema_and_a_checked_ledger(cli, tmp_path: Path):
    folder = tmp_path / "cpe"
    r = cli("init", str(folder), "--program", "isc2", "--credential", "cissp", "--start", "2024-07-01")
    assert r.code == 0, r.err
    # CISSP cycles are three years: 2024-07-01 … 2027-06-30 (rules-facts 1.6), hence the name
    ledger = folder / "cissp-2024-2027.toml"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".cpetui", ".gitattributes", "README.md", "cissp-2024-2027.toml", "evidence", "ledger.schema.json"]
    assert "*.toml text eol=lf" in (folder / ".gitattributes").read_text().splitlines()
    doc = tomllib.loads(ledger.read_text(encoding="utf-8"))
    assert doc["cycle"] == {"program": "isc2", "credential": "CISSP",
                            "start": __import__("datetime").date(2024, 7, 1)}
    assert ledger.read_text().startswith("#:schema ./ledger.schema.json\n")
    assert read_ledger(ledger).problems == ()
    assert cli("check", str(folder)).code == 0
    assert "git init" in r.out


def test_it_refuses_to_overwrite_and_writes_nothing(cli, tmp_path: Path):
    folder = tmp_path / "cpe"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n")
    r = cli("init", str(folder), "--no-ledger")
    assert r.code == 1
    assert "README.md" in r.err and "nothing was written" in r.err
    assert (folder / "README.md").read_text() == "mine\n"
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_without_flags_or_a_terminal_only_the_folder_is_made(cli, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    r = cli("init", str(tmp_path / "cpe"))
    assert r.code == 0, r.err
    assert not list((tmp_path / "cpe").glob("*.toml"))
    assert "cpetui new --dir" in r.out


def test_some_flags_but_not_all_is_a_usage_error_naming_the_missing_ones(cli, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    r = cli("init", str(tmp_path / "cpe"), "--program", "acfe")
    assert r.code == 2
    assert "--credential, --start needed" in r.err
    assert not (tmp_path / "cpe").exists()


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--program", "nosuch", "--program: 'nosuch' is not a program cpetui knows"),
    ("--credential", "CISA", "--credential: 'CISA' is not a credential of isc2"),
])
def test_unknown_program_or_credential_names_the_flag(cli, tmp_path: Path, flag, value, message):
    flags = {"--program": "isc2", "--credential": "CISSP", "--start": "2024-07-01", flag: value}
    r = cli("init", str(tmp_path / "cpe"), *[x for kv in flags.items() for x in kv])
    assert r.code == 2
    assert message in r.err
    assert not (tmp_path / "cpe").exists()


def test_a_bad_start_date_is_refused_by_the_parser(cli, tmp_path: Path):
    r = cli("init", str(tmp_path / "cpe"), "--program", "isc2", "--credential", "CISSP",
            "--start", "2024-13-01")
    assert r.code == 2
    assert "argument --start: 2024-13-01 is not a date: there is no month 13; write the month as 01" in r.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_asks_and_asks_again_after_a_wrong_answer(cli, tmp_path: Path, monkeypatch):
    answers = iter(["acfe", "CFX", "cfe", "2025-07-01"])
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    r = cli("init", str(tmp_path / "cpe"))
    assert r.code == 0, r.err
    assert "choose one of: CFE" in r.err  # the refused "CFX"
    # an ACFE compliance year ends with the anniversary month: 2025-07-01 … 2026-06-30
    (ledger,) = (tmp_path / "cpe").glob("*.toml")
    assert ledger.name == "cfe-2025-2026.toml"
    assert 'credential = "CFE"' in ledger.read_text()


def test_default_folder_is_the_located_ledger_folder(tmp_path: Path):
    env = {"PATH": "", "CPETUI_LEDGERS": str(tmp_path / "mine"), "CPETUI_CONFIG": str(tmp_path / "c.toml")}
    proc = subprocess.run([sys.executable, "-m", "cpetui", "init", "--no-ledger"], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "mine" / ".gitattributes").is_file()
