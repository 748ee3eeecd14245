"""Ctrl-C in any command: one line, exit 130, no traceback, no temporary file left (issue 21, item 8).

Each command runs as a real `cpetui` process. So that SIGINT lands at a known moment, never by timing,
the process stops at one point of its work (the pack reading an evidence file, an export or add
about to put its new file in place, any command starting) and says so by creating a marker file;
the test waits for the marker, bounded, and then sends SIGINT.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HEAD = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2025-07-01\n\n'
LEDGER = HEAD + ('[[activity]]\nid = "seminar"\ndate = 2025-09-10\ntitle = "Fraud risk seminar"\n'
                 'type = "participant"\nfield = "fraud"\nminutes = 100\nevidence = ["cert.pdf"]\n')
MESSAGE = "cpetui: interrupted; nothing more was written\n"

# Stops `module:attribute` (a function) at its first call until SIGINT arrives, then runs `cpetui`.
HARNESS = """\
import importlib, sys, time
from pathlib import Path

target, marker, *argv = sys.argv[1:]
module_name, attribute = target.split(":")
module = importlib.import_module(module_name)
real = getattr(module, attribute)

def stopped(*args, **kwargs):
    Path(marker).touch()
    time.sleep(60)  # SIGINT raises KeyboardInterrupt here
    return real(*args, **kwargs)

setattr(module, attribute, stopped)
sys.argv = ["cpetui", *argv]
from cpetui.cli import run
run()
"""


def _interrupt(folder: Path, target: str, *argv: str) -> tuple[int, str]:
    """Run `cpetui ARGV` stopped at `target`, send SIGINT there; (exit status, stderr)."""
    harness = folder.parent / "harness.py"
    harness.write_text(HARNESS, encoding="utf-8")
    marker = folder.parent / "stopped"
    marker.unlink(missing_ok=True)
    # Ctrl-C as a terminal delivers it, whatever the runner's own SIGINT disposition: a shell starts
    # background jobs with SIGINT ignored, and Python then never turns it into KeyboardInterrupt.
    proc = subprocess.Popen([sys.executable, str(harness), target, str(marker), *argv], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"the command ended before the stop: {proc.communicate()}")
            assert time.monotonic() < deadline, "the command never reached its stop"
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ledgers"
    folder.mkdir()
    (folder / "cfe.toml").write_text(LEDGER, encoding="utf-8")
    (folder / "cert.pdf").write_bytes(b"%PDF-1.4 certificate")
    return folder


def test_ctrl_c_while_the_pack_reads_evidence_leaves_no_temporary_pack(folder: Path) -> None:
    code, err = _interrupt(folder, "cpetui.cli.audit_pack:_open_regular",
                           "audit-pack", "cfe.toml", "--output", "pack.zip")
    assert (code, err) == (130, MESSAGE)
    assert sorted(p.name for p in folder.iterdir()) == ["cert.pdf", "cfe.toml"]


def test_ctrl_c_before_an_export_is_put_in_place_leaves_no_temporary_file(folder: Path) -> None:
    code, err = _interrupt(folder, "os:replace",
                           "export", "cfe.toml", "--format", "csv", "--output", "out.csv")
    assert (code, err) == (130, MESSAGE)
    assert sorted(p.name for p in folder.iterdir()) == ["cert.pdf", "cfe.toml"]


def test_ctrl_c_in_the_middle_of_a_save_leaves_the_ledger_as_it_was(folder: Path) -> None:
    code, err = _interrupt(folder, "os:fsync", "add", "cfe.toml", "--title", "Ethics", "--date", "2025-10-01",
                           "--type", "participant", "--field", "ethics", "--minutes", "100")
    assert (code, err) == (130, MESSAGE)
    assert sorted(p.name for p in folder.iterdir()) == ["cert.pdf", "cfe.toml"]
    assert (folder / "cfe.toml").read_text(encoding="utf-8") == LEDGER


@pytest.mark.parametrize("argv", [["check", "cfe.toml"], ["status", "cfe.toml"], ["where"], ["programs"],
                                  ["export", "cfe.toml", "--format", "json"], ["new"], ["init"]])
def test_ctrl_c_ends_every_command_with_one_line_and_exit_130(folder: Path, argv: list[str]) -> None:
    # The one place that catches Ctrl-C is the program's own `run`: stopped as the command starts
    # (`new` and `init` as their options are set up, so that they need none and write nothing).
    stop = "add_arguments" if argv[0] in ("new", "init") else "run"
    code, err = _interrupt(folder, f"cpetui.cli.{argv[0]}:{stop}", *argv)
    assert (code, err) == (130, MESSAGE)
    assert sorted(p.name for p in folder.iterdir()) == ["cert.pdf", "cfe.toml"]
