"""Shared test fixtures: where the repository, the sample ledgers and the shared TOML suite are."""

from __future__ import annotations

from pathlib import Path

import pytest

# The ledger layer makes the shipped program files known to the rules' registry (the rules do no I/O):
# imported here, so that a test iterating over every program, as at collection, sees them all.
import cpetui.ledger  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
LEDGERS = ROOT / "ledgers"
TOML_TEST = ROOT.parent / "shared" / "toml-test" / "tests"


@pytest.fixture
def repo_root() -> Path:
    return ROOT
