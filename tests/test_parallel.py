"""Large ledger sets are checked on both cores with the same answer, in the same order, as on one."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from cpetui.cli import parallel
from cpetui.cli.check import check_files
from cpetui.forked import can_fork
from tests.robustness.corpus import MISTAKES

CAN_FORK = can_fork()


def _where(path: str) -> tuple[str, int]:
    return path, os.getpid()


def _corpus(folder: Path) -> list[str]:
    files = []
    for i, name in enumerate(sorted(MISTAKES)):
        path = folder / f"{i:02d}.toml"
        path.write_bytes(MISTAKES[name][0])
        files.append(str(path))
    return files


def test_two_processes_give_the_same_problems_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _corpus(tmp_path)
    one_core = check_files(files, date(2026, 11, 22))
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    assert check_files(files, date(2026, 11, 22)) == one_core


def _where_slowly(path: str) -> tuple[str, int]:
    time.sleep(0.02)  # long enough that the second process is up before the queue is empty
    return path, os.getpid()


@pytest.mark.skipif(not CAN_FORK, reason="one core or no fork here")
@pytest.mark.parametrize("shared_queue", [True, False], ids=["shared queue", "alternate halves"])
def test_a_large_set_really_uses_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_queue: bool
) -> None:
    files = _corpus(tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    if not shared_queue:
        monkeypatch.setattr(parallel, "_QUEUE_MAX", 1)  # as for a set too large for the queue
    results = parallel.map_files(_where_slowly, files)
    assert [path for path, _pid in results] == files
    assert len({pid for _path, pid in results}) == 2


def test_a_small_set_stays_in_this_process(tmp_path: Path) -> None:
    files = _corpus(tmp_path)
    assert {pid for _path, pid in parallel.map_files(_where, files)} == {os.getpid()}


PARENT = os.getpid()


def _fails_in_the_second_process(path: str) -> tuple[str, int]:
    if os.getpid() != PARENT:
        raise RuntimeError("the second process breaks")
    return path, os.getpid()


@pytest.mark.skipif(not CAN_FORK, reason="one core or no fork here")
def test_when_the_second_process_fails_this_one_does_its_half(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _corpus(tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    results = parallel.map_files(_fails_in_the_second_process, files)
    assert results == [(f, PARENT) for f in files]


def test_an_error_in_the_job_is_raised_as_on_one_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _corpus(tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)

    def broken(path: str) -> None:
        raise ValueError(path)

    with pytest.raises(ValueError):
        parallel.map_files(broken, files)
