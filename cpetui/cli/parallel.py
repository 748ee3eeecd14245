"""Runs a per-file job over many ledger files on both cores (fork) when the set is large enough."""

from __future__ import annotations

import multiprocessing
import os
import sys
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


def map_files(job: Callable[[str], R], files: Sequence[str]) -> list[R]:
    """`job(f)` for each file, in order; a large set is split over two processes where fork exists.

    `job` must be a module-level function (or a functools.partial of one) whose result pickles.
    """
    sizes = {f: _size(f) for f in files}
    if (
        (os.cpu_count() or 1) < 2
        or len(files) < 2
        or sum(sizes.values()) < PARALLEL_BYTES
        or sys.platform == "darwin"  # fork after imports is unsafe there
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [job(f) for f in files]
    import concurrent.futures

    # Balance by size: the largest files first, each to the lighter half.
    halves: list[list[str]] = [[], []]
    weight = [0, 0]
    for f in sorted(files, key=lambda f: -sizes[f]):
        i = 0 if weight[0] <= weight[1] else 1
        halves[i].append(f)
        weight[i] += sizes[f]
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        other = pool.submit(_chunk, job, halves[1])
        done = dict(_chunk(job, halves[0]))
        done.update(other.result())
    return [done[f] for f in files]
