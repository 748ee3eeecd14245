"""Hand-editing mistakes give a located error in `check`, `status` and the app, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.ledger.load import read_ledger
from tests.robustness.apphelp import assert_app_locates, write_good
from tests.robustness.corpus import MISTAKES


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_the_mistake_is_located(name: str, tmp_path: Path, cases) -> None:
    cases("hand-editing mistakes", 1)
    data, line = MISTAKES[name]
    path = tmp_path / "cissp.toml"
    path.write_bytes(data)
    errors = [p for p in read_ledger(path).problems if p.severity == "error"]
    assert errors, f"{name}: accepted"
    assert errors[0].source.line == line, f"{name}: {errors[0]}"
    assert errors[0].hint


@pytest.mark.parametrize("command", [["check"], ["status"]])
def test_every_mistake_gives_located_errors_in_the_commands(
    command: list[str], tmp_path: Path, cases
) -> None:
    cases("hand-editing mistakes", len(MISTAKES))
    for i, name in enumerate(sorted(MISTAKES)):
        (tmp_path / f"{i:02d}.toml").write_bytes(MISTAKES[name][0])
    proc = subprocess.run(
        [sys.executable, "-m", "cpetui", *command, "--as-of", "2026-11-22", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    assert proc.returncode == 1
    for i, name in enumerate(sorted(MISTAKES)):
        expected = f"{tmp_path / f'{i:02d}.toml'}:{MISTAKES[name][1]}:"
        assert expected in out, f"{name}: no located error {expected} in {command}"


async def test_every_mistake_is_shown_located_in_the_app_beside_a_good_ledger(tmp_path: Path, cases) -> None:
    cases("hand-editing mistakes", len(MISTAKES))
    expected = {}
    for i, name in enumerate(sorted(MISTAKES)):
        data, line = MISTAKES[name]
        path = tmp_path / f"{i:02d}.toml"
        path.write_bytes(data)
        expected[str(path)] = f"{path}:{line}:"
    write_good(tmp_path)
    await assert_app_locates(tmp_path, expected)


def test_tabs_where_toml_allows_them_read_cleanly(tmp_path: Path, cases) -> None:
    from tests.robustness.corpus import TABS_ALLOWED

    cases("hand-editing mistakes", 1)
    path = tmp_path / "tabs.toml"
    path.write_bytes(TABS_ALLOWED)
    ledger = read_ledger(path)
    assert [p.message for p in ledger.problems] == []
    (activity,) = ledger.activities
    assert activity.title == "OWASP\tTokyo" and activity.measure.hours == 2
    assert activity.line_of("hours") == 11
