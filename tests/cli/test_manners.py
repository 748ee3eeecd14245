"""Command-line manners: --version, colour only on a terminal and never with NO_COLOR, completion."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.cli import main
from cpetui.cli.paint import wanted

ROOT = Path(__file__).resolve().parents[2]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cpetui ")


@pytest.mark.parametrize(("env", "mode", "tty", "expected"), [
    ({}, "auto", True, True),
    ({}, "auto", False, False),  # piped: plain text
    ({"NO_COLOR": "1"}, "auto", True, False),  # no-color.org: present and not empty
    ({"NO_COLOR": ""}, "auto", True, True),
    ({"TERM": "dumb"}, "auto", True, False),
    ({"NO_COLOR": "1"}, "always", False, True),  # the command's own option wins
    ({}, "never", True, False),
])
def test_colour_is_chosen_as_users_expect(env: dict[str, str], mode: str, tty: bool, expected: bool) -> None:
    stream = Terminal() if tty else io.StringIO()
    assert wanted(stream, mode, env) is expected


def test_status_colours_on_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    main(["status", "ledgers", "--as-of", "2026-12-01"])
    assert "\x1b[33mbehind" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(["status", "ledgers", "--as-of", "2026-12-01"])
    assert "\x1b[" not in capsys.readouterr().out
    main(["check", "ledgers", "--color", "always"])
    assert "\x1b[33mwarning\x1b[0m" in capsys.readouterr().out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "cpetui" in script and "_ARGCOMPLETE" in script


def test_the_shell_is_answered_from_the_commands_own_parser(tmp_path: Path) -> None:
    def complete(line: str) -> list[str]:
        answer = tmp_path / "answer"
        env = {**os.environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n", "COMP_LINE": line,
               "COMP_POINT": str(len(line)), "_ARGCOMPLETE_STDOUT_FILENAME": str(answer)}
        proc = subprocess.run([sys.executable, "-m", "cpetui"], env=env, cwd=tmp_path, capture_output=True,
                              timeout=60)
        assert proc.returncode == 0, proc.stderr
        return [w.strip() for w in answer.read_text().split("\n") if w.strip()]

    assert "due" in complete("cpetui du")
    assert "--within" in complete("cpetui due --wi")


@pytest.mark.parametrize("argv", [
    ["check", "--as-of", "bad", "x"], ["check", "--zzz", "x"], ["check", "-h"], ["-h", "check"],
    ["--help", "check"], ["--he", "check"], ["--lang", "ja", "check", "-h"], ["--lang", "xx", "check"],
    ["--", "check"], ["--lang", "ja", "--", "check"], ["--lang", "check"], ["--la", "ja", "check"],
    ["status", "--bogus"], ["due", "-h"], ["where", "--as-of", "x"], ["check", "--format", "xml"],
])
def test_the_parser_of_the_named_command_alone_says_what_the_whole_one_says(
        argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import cpetui.cli as cli

    monkeypatch.setenv("COLUMNS", "100")

    def said(*, narrowed: bool) -> tuple[object, str, str]:
        if not narrowed:
            monkeypatch.setattr(cli, "_parsed_commands", lambda commands, _first, _args: commands)
        try:
            code: object = main(argv)
        except SystemExit as ended:
            code = ended.code
        out = capsys.readouterr()
        return code, out.out, out.err

    assert said(narrowed=True) == said(narrowed=False)


@pytest.mark.parametrize("columns", [None, "60", "132", "0", "-5", "abc", ""])
def test_the_help_is_as_wide_as_shutil_says_the_terminal_is(columns: str | None,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import cpetui.cli as cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._columns() == shutil.get_terminal_size().columns
