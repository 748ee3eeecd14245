"""The collector's pace changes only while the app or a command runs, never on import."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.cli import main
from cpetui.collector import RARELY, collect_as_usual, collect_rarely

ROOT = Path(__file__).resolve().parents[1]


def test_importing_the_app_leaves_the_collector_as_it_was() -> None:
    code = ("import gc; before = gc.get_threshold(); import cpetui.ui, cpetui.ui.app, cpetui.cli; "
            "print(before == gc.get_threshold())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True", out.stderr


def test_a_command_run_in_process_gives_the_collector_its_pace_back(tmp_path: Path, capsys) -> None:
    usual = gc.get_threshold()
    assert main(["where", str(tmp_path)]) == 0
    capsys.readouterr()
    assert gc.get_threshold() == usual


def test_rarely_then_as_usual_restores_the_pace_it_found_even_when_asked_twice() -> None:
    usual = gc.get_threshold()
    try:
        collect_rarely()
        collect_rarely()
        assert gc.get_threshold() == RARELY
    finally:
        collect_as_usual()
    assert gc.get_threshold() == usual
    collect_as_usual()  # once more: nothing to give back
    assert gc.get_threshold() == usual


def test_the_program_collects_rarely_from_its_start_and_gives_the_pace_back(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from cpetui import cli

    usual = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    # A command that ends before `main` sets a pace of its own (a typo, --version): the imports made
    # before it were made at the rare pace all the same, and the usual one is back after.
    monkeypatch.setattr(cli, "main", lambda exit_fast: during.append(gc.get_threshold()) or 2)
    with pytest.raises(SystemExit):
        cli.run()
    assert during == [RARELY]
    assert gc.get_threshold() == usual
