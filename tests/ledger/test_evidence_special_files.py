"""Evidence that is a FIFO, device or socket: not a regular file, looked at only with stat (issue 21, item 8).

Opening a FIFO to see whether it is there blocks until someone writes to it; a device may never end.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.ledger.evidence import classify, evidence_present
from cpetui.ledger.load import discover
from cpetui.ledger.parse import parse_text

HEAD = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'


def _ledger_text(evidence: list[str]) -> str:
    items = ", ".join(f'"{e}"' for e in evidence)
    return HEAD + f'[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "t"\nhours = 1\nevidence = [{items}]\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "cert.pdf")
    (tmp_path / "real.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "proof").mkdir()
    os.symlink("cert.pdf", tmp_path / "link-to-fifo.pdf")
    os.symlink("/dev/null", tmp_path / "device.pdf")
    return tmp_path


@pytest.mark.parametrize("name", ["cert.pdf", "link-to-fifo.pdf"])
def test_a_fifo_is_not_a_regular_file(folder: Path, name: str) -> None:
    ref = classify(str(folder / "cissp.toml"), name)
    assert (ref.kind, ref.exists) == ("missing", False)
    assert "not a regular file" in ref.reason


def test_a_device_outside_the_folder_is_outside_and_not_there(folder: Path) -> None:
    ref = classify(str(folder / "cissp.toml"), "device.pdf")  # a link to /dev/null
    assert (ref.kind, ref.exists) == ("outside", False)


def test_a_socket_is_not_a_regular_file(tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)  # a socket's path must be short; a relative one is
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.bind("sock")
            ref = classify(str(tmp_path / "cissp.toml"), "sock")
    finally:
        os.chdir(here)
    assert (ref.kind, ref.exists) == ("missing", False)
    assert "not a regular file" in ref.reason


def test_files_and_folders_still_count(folder: Path) -> None:
    assert classify(str(folder / "cissp.toml"), "real.pdf").kind == "file"
    assert classify(str(folder / "cissp.toml"), "proof").kind == "file"


@pytest.mark.parametrize("walked", [False, True], ids=["looked up", "with the walk's listing"])
def test_presence_counts_only_regular_files_and_folders(folder: Path, walked: bool) -> None:
    entries = ["cert.pdf", "link-to-fifo.pdf", "device.pdf", "real.pdf", "proof", "gone.pdf"]
    ledger = parse_text(_ledger_text(entries), str(folder / "cissp.toml"))
    seen: set[str] = set()
    if walked:
        discover([str(folder)], seen)
        assert seen == {str(folder / "real.pdf"), str(folder / "proof")}  # no FIFO, no link
    assert evidence_present(ledger, seen) == {"cert.pdf": False, "link-to-fifo.pdf": False,
                                              "device.pdf": False, "real.pdf": True, "proof": True,
                                              "gone.pdf": False}


def test_check_and_status_on_a_ledger_citing_a_fifo_end_and_say_it_is_not_found(folder: Path) -> None:
    (folder / "cissp.toml").write_text(_ledger_text(["cert.pdf"]), encoding="utf-8")
    for command in (["check", "cissp.toml"], ["status", "--json", "cissp.toml"]):
        # bounded: a FIFO opened for reading would block here until the timeout
        r = subprocess.run([sys.executable, "-m", "cpetui", *command], cwd=folder, capture_output=True,
                           text=True, timeout=30)
        assert "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "cpetui", "check", "cissp.toml"], cwd=folder,
                       capture_output=True, text=True, timeout=30)
    assert "cert.pdf" in r.stdout + r.stderr


@pytest.mark.parametrize("command", [["export", "x.toml", "--format", "csv"],
                                     ["audit-pack", "x.toml", "--output", "pack.zip"]])
def test_a_ledger_that_is_a_fifo_is_named_as_such_without_blocking(tmp_path: Path,
                                                                    command: list[str]) -> None:
    os.mkfifo(tmp_path / "x.toml")
    r = subprocess.run([sys.executable, "-m", "cpetui", *command], cwd=tmp_path, capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1 and "x.toml is not a ledger file" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.toml"]
