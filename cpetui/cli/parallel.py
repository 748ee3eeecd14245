"""Runs a per-file job over many ledger files on both cores (fork) when the set is large enough."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from cpetui import forked
from cpetui.forked import can_fork

R = TypeVar("R")

# Below this much ledger text a second process costs more than it saves.
PARALLEL_BYTES = 512 * 1024
# Each file's number goes through the work queue as this many bytes (pipe reads this small are atomic).
_RECORD = 4
# A pipe holds at least 4 KiB without a reader (POSIX: PIPE_BUF ≥ 512; Linux 64 KiB); the queue is
# written whole before the fork, so larger sets share out halves instead.
_QUEUE_MAX = 4096 // _RECORD


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def map_files(job: Callable[[str], R], files: Sequence[str]) -> list[R]:
    """`job(f)` for each file, in order; a large set is shared with a second process where fork exists.

    `job` must return something that pickles. A plain fork and two pipes, not multiprocessing (its
    import and pool start-up would eat much of what the second core saves). Both processes take
    the next file from one queue, largest first, so a core that is busy elsewhere simply does less.
    Should the second process fail in any way, this one does its files too: the answer is always the
    one-core answer.
    """
    sizes = [_size(f) for f in files]
    if len(files) < 2 or sum(sizes) < PARALLEL_BYTES or not can_fork():
        return [job(f) for f in files]
    order = sorted(range(len(files)), key=lambda i: -sizes[i])
    queue = _queue(order) if len(files) <= _QUEUE_MAX else None
    # Without a queue (a very large set), alternate files: halves of about the same size.
    mine: Iterable[int] = _take(queue) if queue is not None else order[0::2]
    theirs: Iterable[int] | None = None if queue is not None else order[1::2]
    other = _fork(job, files, queue, theirs)
    results: dict[int, R] = {}
    try:
        for i in mine:
            results[i] = job(files[i])
            if other is not None:
                # What the second process has sent so far is unpickled between this one's files,
                # not all at once at the end while nothing else is left to do.
                results.update(other.ready())
    except BaseException:
        if other is not None:  # the job failed here as it would on one core: close, reap, raise
            other.abandon()
        raise
    finally:
        if queue is not None:
            os.close(queue)
    if other is not None:
        results.update(other.rest())
    for i in order:  # no second process, or it failed: do what it did not send
        if i not in results:
            results[i] = job(files[i])
    return [results[i] for i in range(len(files))]


def _queue(order: list[int]) -> int | None:
    """A pipe holding the files' numbers in order, its write end closed; the read end, or None."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        os.write(write_end, b"".join(i.to_bytes(_RECORD, "little") for i in order))
    finally:
        os.close(write_end)
    return read_end


def _take(queue: int) -> Iterator[int]:
    """The next file numbers from the shared queue, one at a time, until it is empty."""
    while True:
        record = os.read(queue, _RECORD)
        if len(record) < _RECORD:
            return
        yield int.from_bytes(record, "little")


def _fork(job: Callable[[str], R], files: Sequence[str], queue: int | None,
          theirs: Iterable[int] | None) -> forked.Stream[tuple[int, R]] | None:
    """Starts the second process on the queue (or on `theirs`), each file's number and result sent
    back as soon as it is done; None if it cannot start."""

    def share() -> Iterator[tuple[int, R]]:
        taken = _take(queue) if queue is not None else theirs or []
        for i in taken:
            yield i, job(files[i])

    return forked.start_stream(share)
