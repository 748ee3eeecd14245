"""What a save keeps besides the text (issue 21, items 14–16): hard links, extended attributes, no
leftovers of interrupted saves, and words that lead to the fix when the system refuses a write."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.ledger import sidecar, store
from cpetui.ledger.load import read_ledger

LEDGER = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "talk"
date = 2025-01-15
title = "Chapter meeting"
type = "education"
group = "A"
hours = 2
"""


def test_a_hard_linked_ledger_is_written_in_place_so_every_name_sees_the_save(tmp_path: Path) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    other = tmp_path / "backup-name.toml"
    os.link(path, other)
    inode = path.stat().st_ino
    store.update_activity(read_ledger(str(path)), "talk", {"hours": 3})
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == LEDGER.replace("hours = 2", "hours = 3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup-name.toml", "cissp.toml"]


def test_a_failed_in_place_write_puts_the_old_text_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    os.link(path, tmp_path / "other.toml")
    ledger = read_ledger(str(path))
    real_fsync = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the backup copy is synced, then the new text fails to reach the disk
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(store.SaveError, match="disk is full"):
        store.update_activity(ledger, "talk", {"hours": 3})
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_text(encoding="utf-8") == LEDGER
    assert sidecar.leftovers(str(path)) == []


def test_extended_attributes_survive_a_save(tmp_path: Path) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    try:
        os.setxattr(path, "user.cpetui.test", b"kept")
    except OSError as exc:
        pytest.skip(f"this file system keeps no user extended attributes ({exc.strerror})")
    store.update_activity(read_ledger(str(path)), "talk", {"hours": 3})
    assert os.getxattr(path, "user.cpetui.test") == b"kept"


def test_leftovers_of_an_interrupted_save_are_named_by_check_and_removed_by_the_next_save(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    leftover = tmp_path / ".cissp.toml.0badf00d.cpetui-tmp"
    leftover.write_text(LEDGER, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "cpetui", "check", str(path)], capture_output=True, text=True,
                       timeout=60)
    assert ".cissp.toml.0badf00d.cpetui-tmp was left by an interrupted save" in r.stdout + r.stderr
    store.update_activity(read_ledger(str(path)), "talk", {"hours": 3})
    assert not leftover.exists()


def test_a_read_only_file_system_is_called_that(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")

    class ReadOnlyMount:
        f_flag = os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda _p: ReadOnlyMount())
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(store.SaveError) as caught:
        store.update_activity(read_ledger(str(path)), "talk", {"hours": 3})
    assert "mounted read-only" in caught.value.message and "chmod" not in caught.value.message


def test_a_writable_mode_the_system_refuses_points_at_the_immutable_attribute(tmp_path: Path,
                                                                               monkeypatch) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)  # what chattr +i looks like to access()
    with pytest.raises(store.SaveError) as caught:
        store.update_activity(read_ledger(str(path)), "talk", {"hours": 3})
    assert "chattr -i" in caught.value.message and "chmod" not in caught.value.message


def test_a_ledger_replaced_by_a_folder_is_reported_as_moved(tmp_path: Path) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    ledger = read_ledger(str(path))
    path.unlink()
    path.mkdir()
    with pytest.raises(store.SaveConflict, match="moved or deleted"):
        store.update_activity(ledger, "talk", {"hours": 3})


def test_add_to_a_folder_named_like_a_ledger_says_it_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "x.toml").mkdir()
    r = subprocess.run([sys.executable, "-m", "cpetui", "add", str(tmp_path / "x.toml"), "--title", "T",
                        "--date", "2025-01-01", "--hours", "1"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "is a folder, not a ledger file" in r.stderr
