"""The commands that work on a set of ledgers (check, status, where) find them one way and fail one way."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import cpetui.cli.check
import cpetui.cli.status
import cpetui.cli.where
from cpetui.cli import ledgers

COMMANDS = {"check": cpetui.cli.check, "status": cpetui.cli.status, "where": cpetui.cli.where}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_bad_config_file_stops_each_command_with_exit_2_and_the_same_line(
    command: str, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("ledgers = 3\n", encoding="utf-8")
    monkeypatch.setenv("CPETUI_CONFIG", str(config))
    result = cli(command)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"error: {config}: ")
    assert result.err == cli("where").err  # word for word what `cpetui where` says


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_finds_its_ledgers_through_the_one_helper(command: str) -> None:
    source = inspect.getsource(COMMANDS[command])
    assert "find_ledgers(" in source
    assert "locate(" not in source and "ConfigError" not in source and "discover(" not in source


def test_the_helper_names_the_missing_paths_and_finds_the_files(tmp_path: Path) -> None:
    (tmp_path / "cissp.toml").write_text("[cycle]\n", encoding="utf-8")
    found = ledgers.find_ledgers([str(tmp_path), str(tmp_path / "gone.toml")])
    assert found is not None
    assert found.files == [str(tmp_path / "cissp.toml")]
    assert [p.source.path for p in found.missing] == [str(tmp_path / "gone.toml")]
    assert found.location.paths == (str(tmp_path), str(tmp_path / "gone.toml"))

