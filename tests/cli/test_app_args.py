"""`cpetui [PATH…] [--lang L]` opens the app: plain arguments go straight to the start-up (no parser
to load), anything else is parsed by argparse and a mistake is said in the user's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.cli import _app_paths

ROOT = Path(__file__).resolve().parents[2]


def test_plain_paths_and_a_language_need_no_parser() -> None:
    assert _app_paths([]) == []
    assert _app_paths(["ledgers", "old/cissp.toml"]) == ["ledgers", "old/cissp.toml"]
    assert _app_paths(["--lang", "ja", "ledgers"]) == ["ledgers"]
    assert _app_paths(["ledgers", "--lang=en"]) == ["ledgers"]


def test_anything_else_goes_to_the_parser() -> None:
    assert _app_paths(["--bogus"]) is None
    assert _app_paths(["--lang", "fr", "ledgers"]) is None  # argparse names the choices
    assert _app_paths(["--", "-odd-name.toml"]) is None
    assert _app_paths(["--lang"]) is None


def test_a_wrong_option_is_reported_in_the_chosen_language() -> None:
    run = [sys.executable, "-m", "cpetui", "--lang", "ja", "--bogus"]
    proc = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "認識できない引数: --bogus" in proc.stderr and "使い方: cpetui" in proc.stderr


# A first word that is neither a command nor a path used to be taken for a ledger: the app started,
# and without a terminal it never ended (issue 19).
CHECK_NO_TEXTUAL = (
    "import sys; from cpetui.cli import main; rc = main(sys.argv[1:]); "
    "assert 'textual' not in sys.modules, 'imported textual'; sys.exit(rc)"
)


def _cpetui(*args: str, cwd: Path, code: str | None = None) -> subprocess.CompletedProcess[str]:
    run = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "cpetui", *args]
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT),
           "CPETUI_CONFIG": str(cwd / "no-config.toml")}
    # a hang would be the bug itself; the timeout only keeps a failing run from blocking the suite
    return subprocess.run(run, capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=cwd,
                          env=env, timeout=60)


def test_a_mistyped_command_fails_at_once_with_the_closest_command(tmp_path: Path) -> None:
    proc = _cpetui("stauts", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "cpetui: unknown command 'stauts' — did you mean 'status'?\n"
    assert proc.stdout == ""


def test_a_mistyped_command_imports_no_textual(tmp_path: Path) -> None:
    proc = _cpetui("chekc", cwd=tmp_path, code=CHECK_NO_TEXTUAL)
    assert "imported textual" not in proc.stderr
    assert proc.returncode == 2
    assert "did you mean 'check'?" in proc.stderr


def test_a_word_like_no_command_lists_the_commands(tmp_path: Path) -> None:
    proc = _cpetui("calender", cwd=tmp_path, code=CHECK_NO_TEXTUAL)
    assert proc.returncode == 2
    assert proc.stderr.startswith("cpetui: unknown command 'calender' — did you mean 'calendar'?")
    proc = _cpetui("overview", cwd=tmp_path, code=CHECK_NO_TEXTUAL)
    assert proc.returncode == 2
    assert proc.stderr.startswith("cpetui: unknown command 'overview'; the commands are: check, status")
    assert "audit-pack" in proc.stderr


def test_the_message_follows_the_chosen_language(tmp_path: Path) -> None:
    proc = _cpetui("--lang", "ja", "stauts", cwd=tmp_path)
    assert proc.returncode == 2
    assert "'status'" in proc.stderr and "unknown command" not in proc.stderr


@pytest.mark.parametrize("word", ["old/cissp.toml", "cissp-2024-2027.toml", "./ledgerz"])
def test_a_missing_path_is_said_to_be_missing_not_an_unknown_command(tmp_path: Path, word: str) -> None:
    proc = _cpetui(word, cwd=tmp_path, code=CHECK_NO_TEXTUAL)
    assert proc.returncode == 2
    assert proc.stderr == f"cpetui: no such ledger file or folder: {word}\n"


def test_without_a_terminal_the_app_refuses_to_start_and_says_what_to_run(tmp_path: Path) -> None:
    (tmp_path / "ledgers").mkdir()  # an existing folder: the app would open it
    proc = _cpetui("ledgers", cwd=tmp_path, code=CHECK_NO_TEXTUAL)
    assert proc.returncode == 2
    assert "the app needs a terminal" in proc.stderr and "cpetui status" in proc.stderr
    assert "imported textual" not in proc.stderr


def test_with_a_terminal_the_app_starts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The terminal check must not stop a real session: with both ends a terminal, start-up begins.
    import cpetui.cli as cli
    from cpetui.ui import app

    class Started(Exception):
        pass

    def start(paths: object) -> None:
        raise Started(paths)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(app, "run_app", start)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ledgers").mkdir()
    with pytest.raises(Started) as started:
        cli.main(["ledgers"])
    assert started.value.args == (["ledgers"],)
