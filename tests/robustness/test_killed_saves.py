"""A save killed at any moment (SIGKILL: no clean-up runs) never corrupts a ledger or loses an activity
saved before it, and the next save removes whatever temporary file it left (issue 21)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from cpetui.ledger import store
from cpetui.ledger.load import read_ledger
from cpetui.ledger.sidecar import leftovers

LEDGER = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'
# Saves one activity after another and says which, as soon as each is on disk.
WRITER = """
import sys
from datetime import date
from cpetui.ledger import store
from cpetui.ledger.load import read_ledger
path, first = sys.argv[1], int(sys.argv[2])
for i in range(first, first + 10_000):
    store.add_activity(read_ledger(path), {"date": date(2025, 3, 1), "title": f"Saved {i}",
                                           "type": "education", "group": "A", "hours": 1})
    print(i, flush=True)
"""
ROUNDS = 12


def _titles(path: Path) -> set[str]:
    return {a["title"] for a in tomllib.loads(path.read_text(encoding="utf-8")).get("activity", [])}


def test_a_save_killed_at_random_moments_loses_nothing_already_saved(tmp_path: Path, cases) -> None:
    cases("interrupted saves", ROUNDS)
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    rng = random.Random(20261204)
    confirmed: set[str] = set()
    first = 0
    for _round in range(ROUNDS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(first)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        warm = proc.stdout.readline()  # the first save is done: the next ones run back to back
        time.sleep(rng.random() * 0.1)  # somewhere inside one of them
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
        said = [int(line) for line in (warm + out).split()]
        confirmed |= {f"Saved {i}" for i in said}
        first = (said[-1] + 1 if said else first) + 100  # a fresh range: titles never repeat
        assert confirmed <= _titles(path)  # parses, and everything said saved is there
        assert read_ledger(str(path)).ok
    assert confirmed, "no save finished before a kill: the rounds were too short to test anything"
    store.update_activity(read_ledger(str(path)), read_ledger(str(path)).activities[0].id, {"hours": 2})
    assert leftovers(str(path)) == []
