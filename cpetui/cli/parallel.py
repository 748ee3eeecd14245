"""Runs a per-file job over many ledger files on both cores (fork) when the set is large enough."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

R = TypeVar("R")

# Below this much ledger text a second process costs more than it saves.
PARALLEL_BYTES = 512 * 1024


def _chunk(job: Callable[[str], R], files: Sequence[str]) -> list[tuple[str, R]]:
    return [(f, job(f)) for f in files]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _can_fork() -> bool:
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and sys.platform != "darwin"  # fork after imports is unsafe there
        and threading.active_count() == 1  # a fork copies one thread; others' locks could be held
    )


def map_files(job: Callable[[str], R], files: Sequence[str]) -> list[R]:
    """`job(f)` for each file, in order; a large set is split over two processes where fork exists.

    `job` must return something that pickles. A plain fork and a pipe, not multiprocessing: its
    import and pool start-up cost ~30 ms, a tenth of checking 10,000 activities. Should the second
    process fail in any way, this one does its half too, so the answer is always the one-core answer.
    """
    sizes = {f: _size(f) for f in files}
    if len(files) < 2 or sum(sizes.values()) < PARALLEL_BYTES or not _can_fork():
        return [job(f) for f in files]
    # Balance by size: the largest files first, each to the lighter half.
    halves: list[list[str]] = [[], []]
    weight = [0, 0]
    for f in sorted(files, key=lambda f: -sizes[f]):
        i = 0 if weight[0] <= weight[1] else 1
        halves[i].append(f)
        weight[i] += sizes[f]
    other = _fork(job, halves[1])
    try:
        done = dict(_chunk(job, halves[0]))
    except BaseException:
        if other:  # the job failed here as it would on one core: close the pipe, reap the child, raise
            os.close(other[1])
            os.waitpid(other[0], 0)
        raise
    done.update(_collect(other, job, halves[1]) if other else _chunk(job, halves[1]))
    return [done[f] for f in files]


def _fork(job: Callable[[str], R], files: list[str]) -> tuple[int, int] | None:
    """Starts the second process on `files`; (pid, read end of its pipe), or None if it cannot start."""
    import pickle

    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the second process: its half, pickled down the pipe, then gone without clean-up
        status = 0
        try:
            os.close(read_end)
            payload = pickle.dumps(_chunk(job, files), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - any failure: the first process redoes this half
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(other: tuple[int, int], job: Callable[[str], R], files: list[str]) -> list[tuple[str, R]]:
    import pickle

    pid, read_end = other
    with os.fdopen(read_end, "rb") as src:
        payload = src.read()
    _pid, status = os.waitpid(pid, 0)
    if status == 0 and payload:
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a torn payload: redo the half here
            pass
    return _chunk(job, files)
