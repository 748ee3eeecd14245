"""README's test command is exactly what .ci/run runs, and everything it needs is in the test extra."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    return next(b for b in blocks if "pytest" in b)


def _ci_command() -> str:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if "pytest" in line)


def test_readme_and_ci_run_the_same_tests_the_same_way() -> None:
    assert _readme_test_command() == _ci_command()


def test_the_test_command_needs_nothing_outside_the_test_extra() -> None:
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"]["test"]
    names = {re.match(r"[A-Za-z0-9_.-]+", spec).group().lower() for spec in extra}  # type: ignore[union-attr]
    command = _ci_command()
    assert "'.[test]'" in command
    if re.search(r"\s-n\s", command):  # test processes in parallel
        assert "pytest-xdist" in names
