"""Saving ledgers: atomic, refused over outside edits, and never leaving a damaged or half-written file."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from cpetui.ledger import store
from cpetui.ledger.load import read_ledger
from cpetui.ledger.parse import fingerprint
from cpetui.ledger.store import SaveConflict, SaveError

LEDGER = """\
[cycle]
program = "acfe"
credential = "CFE"
start = 2024-01-01

# Fraud conference day 1 — badge photo in evidence/
[[activity]]
id = "conf-day1"
date = 2024-03-01
title = "ACFE Japan conference, day 1"
field = "fraud"
minutes = 300   # lunch excluded

[[activity]]
id = "ethics"
date = 2024-04-10
title = "Ethics for fraud examiners"
field = "ethics"
minutes = 100
"""

NEW = {"date": date(2024, 3, 20), "title": "Forensic accounting webinar", "field": "fraud", "minutes": 50}


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "cfe-2024.toml"
    path.write_bytes(LEDGER.encode())
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "cpetui-tmp" in p.name)


# ----------------------------------------------------------------------------- the edits


def test_add_saves_and_returns_the_fresh_ledger_and_the_new_id(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    new, aid = store.add_activity(ledger, NEW)
    assert aid == "2024-03-20-forensic-accounting-webinar"
    assert [a.id for a in new.activities] == ["conf-day1", aid, "ethics"]
    assert new.fingerprint == fingerprint(ledger_file.read_bytes()) != ledger.fingerprint
    assert new.activity(aid) is not None and new.activity(aid).measure.minutes == 50
    assert "# Fraud conference day 1" in ledger_file.read_text()
    assert leftovers(ledger_file.parent) == []


def test_saving_an_unchanged_ledger_writes_nothing(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    before = os.stat(ledger_file)
    same = store.update_activity(ledger, "ethics", {"minutes": 100, "field": "ethics"})
    after = os.stat(ledger_file)
    assert same is ledger
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_update_changes_one_line_on_disk(ledger_file: Path) -> None:
    new = store.update_activity(read_ledger(ledger_file), "conf-day1", {"minutes": 330})
    assert ledger_file.read_text() == LEDGER.replace("minutes = 300 ", "minutes = 330 ")
    assert new.activity("conf-day1").measure.minutes == 330


def test_undo_of_a_delete_puts_back_the_very_text_comment_included(ledger_file: Path) -> None:
    ledger, values = store.delete_activity(read_ledger(ledger_file), "conf-day1")
    assert "Fraud conference" not in ledger_file.read_text()
    assert values["minutes"] == 300 and values["id"] == "conf-day1"
    ledger, aid = store.add_activity(ledger, values)
    assert aid == "conf-day1"
    assert ledger_file.read_text() == LEDGER


def test_undo_of_a_delete_still_puts_back_its_text_after_a_copy_with_that_id_came_and_went(
    tmp_path: Path, ledger_file: Path
) -> None:
    # delete conf-day1 here; copy another ledger's conf-day1 in; undo the copy (a delete of the same
    # id); undo the first delete: the block that was deleted first comes back, comment included.
    other = tmp_path / "cfe-other.toml"
    other.write_text(LEDGER.replace("minutes = 300   # lunch excluded", "minutes = 240   # other"))
    ledger, values = store.delete_activity(read_ledger(ledger_file), "conf-day1")
    ledger = store.copy_activity(read_ledger(other), "conf-day1", ledger)
    ledger, _copy = store.delete_activity(ledger, "conf-day1")
    ledger, aid = store.add_activity(ledger, values)
    assert aid == "conf-day1"
    assert ledger_file.read_text() == LEDGER


def test_undo_of_an_update_writes_the_previous_values_back(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    previous = store.activity_values(ledger, "ethics")
    ledger = store.update_activity(ledger, "ethics", {"minutes": 150, "notes": "n"})
    undo = {k: previous.get(k) for k in ("minutes", "notes")}
    store.update_activity(ledger, "ethics", undo)
    assert ledger_file.read_text() == LEDGER


def test_an_edit_that_would_introduce_an_error_is_refused_and_nothing_is_written(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    with pytest.raises(SaveError, match="introduce an error") as info:
        store.add_activity(ledger, {"date": date(2024, 5, 1), "title": "no measure"})
    assert "states no measure" in str(info.value) and str(ledger_file) in str(info.value)
    assert ledger_file.read_text() == LEDGER


def test_an_activity_missing_from_the_file_is_a_clear_error(ledger_file: Path) -> None:
    with pytest.raises(SaveError, match="no activity 'gone'"):
        store.update_activity(read_ledger(ledger_file), "gone", {"minutes": 1})


def test_a_bom_survives_a_save(ledger_file: Path) -> None:
    ledger_file.write_bytes(b"\xef\xbb\xbf" + LEDGER.encode())
    store.update_activity(read_ledger(ledger_file), "ethics", {"minutes": 150})
    assert ledger_file.read_bytes() == b"\xef\xbb\xbf" + LEDGER.replace("= 100", "= 150").encode()


# --------------------------------------------------------------------- copy and move


def test_copy_keeps_the_id_and_leaves_the_source_untouched(tmp_path: Path, ledger_file: Path) -> None:
    other = tmp_path / "cissp.toml"
    other.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-01-01\n')
    dst = store.copy_activity(read_ledger(ledger_file), "ethics", read_ledger(other))
    assert [a.id for a in dst.activities] == ["ethics"]
    assert ledger_file.read_text() == LEDGER
    with pytest.raises(SaveError, match="already has an activity with id 'ethics'"):
        store.copy_activity(read_ledger(ledger_file), "ethics", dst)


def test_move_takes_the_comment_along_and_removes_the_activity_from_the_source(
    tmp_path: Path, ledger_file: Path
) -> None:
    other = tmp_path / "cfe-2025.toml"
    head = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-01-01\n'
    other.write_text(head)
    src, dst = store.move_activity(read_ledger(ledger_file), "conf-day1", read_ledger(other))
    assert [a.id for a in src.activities] == ["ethics"]
    assert [a.id for a in dst.activities] == ["conf-day1"]
    moved = LEDGER[LEDGER.index("# Fraud") : LEDGER.index("\n[[activity]]\nid = \"ethics\"")]
    assert other.read_text() == head + "\n" + moved


def test_a_move_whose_second_write_fails_leaves_the_activity_in_both_files(
    tmp_path: Path, ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "cfe-2025.toml"
    other.write_text('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-01-01\n')
    src, dst = read_ledger(ledger_file), read_ledger(other)
    real_replace = os.replace

    def replace_only_dst(a: str, b: str) -> None:
        if os.path.basename(b) == ledger_file.name:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace_only_dst)
    with pytest.raises(SaveError, match="now in both ledgers"):
        store.move_activity(src, "ethics", dst)
    assert "ethics" in other.read_text() and ledger_file.read_text() == LEDGER


# ------------------------------------------------------------ refusing over outside edits


def test_a_save_over_an_outside_edit_is_refused_and_the_other_edit_kept(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    outside = LEDGER + "\n# added in vim\n"
    ledger_file.write_text(outside)
    with pytest.raises(SaveConflict, match="changed on disk since cpetui read it") as info:
        store.update_activity(ledger, "ethics", {"minutes": 150})
    assert info.value.path == str(ledger_file) and "Reload" in str(info.value)
    assert ledger_file.read_text() == outside


def test_an_outside_edit_of_the_same_size_within_the_same_second_is_still_caught(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    st = os.stat(ledger_file)
    ledger_file.write_text(LEDGER.replace("minutes = 100", "minutes = 101"))
    os.utime(ledger_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(SaveConflict):
        store.delete_activity(ledger, "ethics")


def test_a_ledger_deleted_since_it_was_read_is_a_conflict(ledger_file: Path) -> None:
    ledger = read_ledger(ledger_file)
    ledger_file.unlink()
    with pytest.raises(SaveConflict, match="moved or deleted"):
        store.add_activity(ledger, NEW)
    assert not ledger_file.exists()


def test_write_text_atomic_checks_the_fingerprint_itself(ledger_file: Path) -> None:
    with pytest.raises(SaveConflict):
        store.write_text_atomic(str(ledger_file), LEDGER + "# x\n", fingerprint(b"something else"))
    store.write_text_atomic(str(ledger_file), LEDGER + "# x\n", fingerprint(LEDGER.encode()))
    assert ledger_file.read_text() == LEDGER + "# x\n"


def test_write_text_atomic_refuses_text_that_is_not_toml(ledger_file: Path) -> None:
    with pytest.raises(SaveError, match="not valid TOML"):
        store.write_text_atomic(str(ledger_file), "oops = \n", None)
    assert ledger_file.read_text() == LEDGER


# ------------------------------------------------------------- the file itself: mode, links


def test_the_file_mode_is_kept(ledger_file: Path) -> None:
    os.chmod(ledger_file, 0o640)
    store.add_activity(read_ledger(ledger_file), NEW)
    assert stat.S_IMODE(os.stat(ledger_file).st_mode) == 0o640


def test_a_symlinked_ledger_is_written_through_the_link(tmp_path: Path, ledger_file: Path) -> None:
    link = tmp_path / "current.toml"
    link.symlink_to(ledger_file.name)
    store.update_activity(read_ledger(link), "ethics", {"minutes": 150})
    assert link.is_symlink() and os.readlink(link) == ledger_file.name
    assert "minutes = 150" in ledger_file.read_text()


def test_create_ledger_writes_a_new_file_and_refuses_to_overwrite(tmp_path: Path, ledger_file: Path) -> None:
    created = store.create_ledger(str(tmp_path / "new" / "cfe-2025.toml"), LEDGER)
    assert [a.id for a in created.activities] == ["conf-day1", "ethics"]
    assert (tmp_path / "new" / "cfe-2025.toml").read_text() == LEDGER
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "cfe-2025.toml").st_mode) == 0o666 & ~mask
    ledger_file.write_text("# mine\n")
    with pytest.raises(SaveError, match="already exists"):
        store.create_ledger(str(ledger_file), LEDGER)
    assert ledger_file.read_text() == "# mine\n"
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "new") == []


# ---------------------------------------------------------- failures leave the file intact


@pytest.mark.parametrize(
    ("target", "exc", "words"),
    [
        ("write", OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        ("fsync", OSError(errno.EIO, "Input/output error"), "Input/output error"),
        ("replace", OSError(errno.EACCES, "Permission denied"), "permission denied"),
        ("open", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        ("replace", OSError(errno.EROFS, "Read-only file system"), "read-only"),
    ],
)
def test_a_failing_save_leaves_the_original_and_no_temporary_file(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch, target: str, exc: OSError, words: str
) -> None:
    ledger = read_ledger(ledger_file)

    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(os, target, fail)
    with pytest.raises(SaveError) as info:
        store.add_activity(ledger, NEW)
    monkeypatch.undo()
    message = str(info.value)
    assert words in message and "unchanged" in message and str(ledger_file) in message
    assert ledger_file.read_text() == LEDGER
    assert leftovers(ledger_file.parent) == []


def test_a_crash_between_writing_and_replacing_leaves_the_original(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = read_ledger(ledger_file)

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.update_activity(ledger, "ethics", {"minutes": 150})
    monkeypatch.undo()
    assert ledger_file.read_text() == LEDGER and leftovers(ledger_file.parent) == []


def test_a_read_only_ledger_is_not_replaced(ledger_file: Path) -> None:
    os.chmod(ledger_file, 0o444)
    with pytest.raises(SaveError, match="read-only.*unchanged"):
        store.update_activity(read_ledger(ledger_file), "ethics", {"minutes": 150})
    assert ledger_file.read_text() == LEDGER


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_reported(ledger_file: Path) -> None:
    folder = ledger_file.parent
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(SaveError, match="permission denied"):
            store.update_activity(read_ledger(ledger_file), "ethics", {"minutes": 150})
    finally:
        os.chmod(folder, 0o755)
    assert ledger_file.read_text() == LEDGER


def test_undo_of_deleting_a_hand_written_activity_without_id_puts_it_back_as_it_was(
    ledger_file: Path,
) -> None:
    text = LEDGER.replace('id = "ethics"\n', "")
    ledger_file.write_text(text)
    ledger = read_ledger(ledger_file)
    (hand_written,) = [a.id for a in ledger.activities if a.id.startswith("line-")]
    ledger, values = store.delete_activity(ledger, hand_written)
    assert "id" not in values
    ledger, aid = store.add_activity(ledger, values)
    assert ledger_file.read_text() == text
    assert aid == hand_written and ledger.activity(aid) is not None
