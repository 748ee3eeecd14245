"""Writers at once never lose an activity: every `cpetui add` that says "added" is in the file.

Before the folder lock, two `cpetui add` started together both passed the "file unchanged" check and
the later rename dropped the earlier activity, while both printed "added …" and exited 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tomllib
from datetime import date
from pathlib import Path

import pytest

from cpetui.ledger import store
from cpetui.ledger.load import read_ledger
from cpetui.ledger.lock import ledger_lock

LEDGER = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'


def _add(path: Path, title: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cpetui", "add", str(path), "--title", title, "--date", "2025-03-01",
         "--type", "education", "--group", "A", "--hours", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    )


def _titles(path: Path) -> set[str]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return {a["title"] for a in doc.get("activity", [])}


@pytest.mark.parametrize(("writers", "rounds"), [(2, 20), (4, 3), (8, 2)])
def test_every_add_that_exited_0_is_in_the_file(tmp_path: Path, writers: int, rounds: int, cases) -> None:
    cases("two writers", writers * rounds)
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    promised: set[str] = set()
    for r in range(rounds):
        procs = {f"Round {r} writer {w}": _add(path, f"Round {r} writer {w}") for w in range(writers)}
        for title, proc in procs.items():
            out, err = proc.communicate(timeout=60)
            assert "Traceback" not in err, err
            if proc.returncode == 0:
                assert "added" in out
                promised.add(title)
            else:  # a refusal is allowed, and must say why; silence is not
                assert err.strip(), f"{title} failed without a word"
        assert promised <= _titles(path), f"round {r}: lost {promised - _titles(path)}"
    assert read_ledger(str(path)).ok
    assert len(promised) == writers * rounds  # with re-reading, nobody even has to refuse


def test_the_check_for_outside_changes_happens_inside_the_lock(tmp_path: Path) -> None:
    """A save waits for the lock before it compares the file with what it read: another writer's save
    that lands while it waits is seen (SaveConflict), not overwritten."""
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    ledger = read_ledger(str(path))
    outcome: list[BaseException | str] = []

    def save() -> None:
        try:
            store.add_activity(ledger, {"date": date(2025, 3, 1), "title": "Mine", "type": "education",
                                        "group": "A", "hours": 1})
            outcome.append("saved")
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            outcome.append(exc)

    with ledger_lock(str(path)):  # another writer is in the middle of its save
        writer = threading.Thread(target=save)
        writer.start()
        writer.join(0.3)
        assert writer.is_alive(), "the save did not wait for the lock"
        other = LEDGER + '\n[[activity]]\nid = "theirs"\ndate = 2025-02-01\ntitle = "Theirs"\n' \
            'type = "education"\ngroup = "A"\nhours = 2\n'
        path.write_text(other, encoding="utf-8")  # …and renames its new text into place
    writer.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], store.SaveConflict)
    assert path.read_text(encoding="utf-8") == other


def test_a_writer_in_another_process_holds_off_our_save(tmp_path: Path, monkeypatch) -> None:
    """A save that cannot get the lock in time writes nothing and says another program is saving."""
    monkeypatch.setattr("cpetui.ledger.lock.WAIT_SECONDS", 0.2)
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    ledger = read_ledger(str(path))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX);"
         " print('locked', flush=True); sys.stdin.read()", str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(store.SaveError, match="another program is saving"):
            store.add_activity(ledger, {"date": date(2025, 3, 1), "title": "Mine", "type": "education",
                                        "group": "A", "hours": 1})
        assert path.read_text(encoding="utf-8") == LEDGER
    finally:
        holder.communicate("", timeout=10)
    with ledger_lock(str(path), wait=0.2):  # released with the process: nothing stale is left
        pass
    assert sorted(os.listdir(tmp_path)) == ["cissp.toml"]
