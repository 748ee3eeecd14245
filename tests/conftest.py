"""Shared test fixtures: where the repository, the sample ledgers and the shared TOML suite are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEDGERS = ROOT / "ledgers"
TOML_TEST = ROOT.parent / "shared" / "toml-test" / "tests"


@pytest.fixture
def repo_root() -> Path:
    return ROOT
