"""Fixtures for end-to-end tests of the headless commands: a copy of the sample ledgers, a CLI runner."""

from __future__ import annotations

import gettext
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cpetui.cli import main
from cpetui.i18n import install

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "ledgers"
GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """English messages and no user config, whatever the machine running the tests has; and English
    again afterwards, should the test have run a command with --lang ja in this process."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CPETUI_LEDGERS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CPETUI_CONFIG", str(tmp_path / "no-config.toml"))
    yield
    install(gettext.NullTranslations(), "en")


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A temporary copy of the sample ledger folder (evidence included)."""
    dest = tmp_path / "ledgers"
    shutil.copytree(SAMPLES, dest)
    return dest


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Runs `cpetui ARGS…` in-process; returns the exit code and what it printed."""

    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def golden():  # type: ignore[no-untyped-def]
    """Compares text with `tests/cli/golden/NAME`; `CPETUI_REGEN_GOLDEN=1` rewrites the file instead."""
    import os

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("CPETUI_REGEN_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.exists(), f"no golden file {path}; run with CPETUI_REGEN_GOLDEN=1 and review it"
        with open(path, encoding="utf-8", newline="") as fh:
            assert text == fh.read(), f"output differs from {path}"

    return compare
