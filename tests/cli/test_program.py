"""Run as a program, cpetui's read-only commands end as soon as their output is out, and a reader that
stops early (`| head`) gets no traceback."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from tests.conftest import LEDGERS


def test_a_read_only_command_prints_everything_before_it_ends() -> None:
    proc = subprocess.run([sys.executable, "-m", "cpetui", "check", "--as-of", "2026-11-22", str(LEDGERS)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("16 ledgers, 0 errors, 7 warnings")  # the last line, flushed


def test_a_reader_that_stops_early_gets_no_traceback(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cpetui.cli import run

    spare = open(tmp_path / "stdout", "w")  # noqa: SIM115 - stands in for the closed pipe's descriptor

    class Closed(io.StringIO):
        """A pipe whose reader has gone (`cpetui check | head -1`)."""

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return spare.fileno()

    monkeypatch.setattr(sys, "stdout", Closed())
    monkeypatch.setattr(sys, "argv", ["cpetui", "check", str(LEDGERS)])
    with pytest.raises(SystemExit) as ended:
        run()
    assert ended.value.code == 1  # said quietly: no traceback, the usual code for a cut-off pipe
    spare.close()
