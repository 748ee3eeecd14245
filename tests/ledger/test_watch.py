"""Noticing outside edits: in-place writes, saves by rename, files appearing and disappearing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpetui.ledger.watch import MISSING, Changes, Watcher, stamp

TEXT = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "cissp.toml").write_text(TEXT)
    (tmp_path / "cfe.toml").write_text(TEXT.replace("isc2", "acfe"))
    return tmp_path


def test_nothing_changed_gives_empty_changes(folder: Path) -> None:
    w = Watcher([str(folder)])
    assert w.files == [str(folder / "cfe.toml"), str(folder / "cissp.toml")]
    assert not w.poll() and w.poll() == Changes()


def test_an_in_place_edit_is_changed(folder: Path) -> None:
    w = Watcher([str(folder)])
    (folder / "cissp.toml").write_text(TEXT + "# more\n")
    changes = w.poll()
    assert changes.changed == {str(folder / "cissp.toml")} and not changes.added and not changes.removed
    assert not w.poll()  # reported once


def test_a_save_by_rename_with_the_same_size_and_mtime_is_changed(folder: Path) -> None:
    path = folder / "cissp.toml"
    w = Watcher([str(folder)])
    before = os.stat(path)
    tmp = folder / ".cissp.toml.swp"
    tmp.write_text(TEXT.replace("2024-07-01", "2024-07-02"))
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(tmp, path)
    assert stamp(path).inode != before.st_ino
    assert w.poll().changed == {str(path)}


def test_a_same_size_edit_within_the_same_tick_is_changed(folder: Path) -> None:
    path = folder / "cissp.toml"
    w = Watcher([str(folder)])
    before = os.stat(path)
    with open(path, "r+") as fh:  # same inode, same size
        fh.write(TEXT.replace("2024-07-01", "2024-07-02"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (stamp(path).size, stamp(path).mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert w.poll().changed == {str(path)}  # the ctime moved


def test_files_appearing_and_disappearing_in_a_folder(folder: Path) -> None:
    w = Watcher([str(folder)])
    (folder / "sub").mkdir()
    (folder / "sub" / "cc.toml").write_text(TEXT)
    (folder / "cfe.toml").unlink()
    changes = w.poll()
    assert changes.added == {str(folder / "sub" / "cc.toml")}
    assert changes.removed == {str(folder / "cfe.toml")}
    assert str(folder / "cfe.toml") in changes and len(changes) == 2
    assert list(changes) == sorted(changes.paths)


def test_hidden_folders_temporary_and_other_files_are_ignored(folder: Path) -> None:
    w = Watcher([str(folder)])
    (folder / ".git").mkdir()
    (folder / ".git" / "x.toml").write_text(TEXT)
    (folder / ".cissp.toml.1a2b3c4d.cpetui-tmp").write_text(TEXT)
    (folder / "notes.md").write_text("x")
    assert not w.poll()


def test_a_named_file_that_is_missing_is_added_when_it_appears(tmp_path: Path) -> None:
    path = tmp_path / "later.toml"
    w = Watcher([str(path)])
    assert w.files == [] and stamp(path) == MISSING
    path.write_text(TEXT)
    assert w.poll().added == {str(path)}
    path.unlink()
    assert w.poll().removed == {str(path)}


def test_a_symlinked_ledger_is_watched_through_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(TEXT)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    w = Watcher([str(link)])
    real.write_text(TEXT + "# x\n")
    assert w.poll().changed == {str(link)}


def test_acknowledged_own_saves_are_not_reported(folder: Path) -> None:
    w = Watcher([str(folder)])
    path = str(folder / "cissp.toml")
    Path(path).write_text(TEXT + "# saved by cpetui\n")
    w.acknowledge(path)
    assert not w.poll()
    w.acknowledge(str(folder / "elsewhere.txt"))  # not a watched ledger: ignored
    assert str(folder / "elsewhere.txt") not in w.files
