"""A ledger's or evidence file's name never reaches an editor or opener as a command or an option.

vim runs an argument `+cmd` as an Ex command and most programs read `-x` as an option: a ledger called
`+!touch PWNED.toml` (from a pulled branch, a shared folder) must reach `$EDITOR` as an absolute path,
after `--` where the editor knows it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cpetui.ui.system import editor_argv, open_detached, opener_argv
from tests.ui.conftest import CISSP, SIZE, make_app, settle

HOSTILE = ["+!touch PWNED.toml", "-c.toml", "--help.toml", "+42.toml"]


def _from_name(argv: list[str], name: str) -> list[str]:
    """The arguments that carry (part of) the file name."""
    return [a for a in argv if name in a]


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("editor", ["vim", "nvim -p", "nano", "emacs -nw", "code -w", "/usr/bin/vi", "ed"])
def test_the_editor_gets_an_absolute_path_never_an_option(
    name: str, editor: str, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = editor_argv(name, 7, env={"EDITOR": editor})
    carried = _from_name(argv, name)
    assert len(carried) == 1
    assert carried[0].startswith(str(tmp_path)), argv
    assert not carried[0].startswith(("+", "-"))
    assert argv[: len(editor.split())] == editor.split()


@pytest.mark.parametrize("editor", ["vim", "nvim", "vi", "nano"])
def test_vi_and_nano_get_the_line_then_double_dash_then_the_path(editor: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    argv = editor_argv("+!touch PWNED.toml", 12, env={"EDITOR": editor})
    assert argv == [editor, "+12", "--", str(tmp_path / "+!touch PWNED.toml")]


def test_code_gets_goto_with_the_absolute_path(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    argv = editor_argv("-c.toml", 3, env={"VISUAL": "code"})
    assert argv == ["code", "--wait", "--goto", f"{tmp_path / '-c.toml'}:3"]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_opener_gets_an_absolute_path(name: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CPETUI_OPENER", raising=False)
    argv = opener_argv(name)
    assert argv[-1] == str(tmp_path / name)
    assert opener_argv("https://example.org/-x")[-1] == "https://example.org/-x"


@pytest.mark.parametrize("target", ["-x", "+x", "--help"])
def test_a_target_that_looks_like_an_option_is_refused(target: str, monkeypatch) -> None:
    monkeypatch.setattr("cpetui.ui.system.subprocess.Popen", lambda *a, **k: pytest.fail("started"))
    assert "refusing" in (open_detached(["xdg-open", target]) or "")


async def test_E_on_a_ledger_named_like_an_ex_command_runs_nothing(tmp_path, monkeypatch) -> None:
    """The attack itself: `cpetui .` in a folder holding `+!touch PWNED.toml`, EDITOR=vim-like, `E`."""
    folder = tmp_path / "team"
    folder.mkdir()
    ledger = folder / "+!touch PWNED.toml"
    ledger.write_text(CISSP, encoding="utf-8")
    log = tmp_path / "argv.txt"
    vim = tmp_path / "vim"  # named vim, so cpetui hands it `+LINE -- path` as it would the real one
    vim.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).write_text('\\n'.join(sys.argv[1:]))\n"
    )
    vim.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(vim))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.chdir(folder)
    app = make_app(".")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
    args = log.read_text().split("\n")
    assert args[-2:] == ["--", str(ledger)]
    assert all(not a.startswith("+!") for a in args)
    assert not (folder / "PWNED").exists() and not Path("PWNED").exists()
    assert os.path.isabs(args[-1])
