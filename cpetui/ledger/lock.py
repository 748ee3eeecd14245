"""An advisory lock on a ledger's folder, held by every writer across check-and-replace.

Two writers (two `cpetui add`, the app and `cpetui add`) must never both pass the "unchanged since I
read it" check and then both rename over the file: the later rename would drop the earlier edit while
both reported success. Each save therefore takes this lock before it reads the file to compare, and
keeps it until the new file is renamed into place.

POSIX: `flock` on the folder itself. No lock file is left in the user's folder (nothing to see in
`git status`), and the kernel drops the lock when a writer dies, so a killed save never blocks the next.
On a file system without locks (some network mounts say ENOLCK / EOPNOTSUPP) the save goes ahead
unlocked, as before: the fingerprint check still refuses most races there.
Windows (no fcntl): `msvcrt.locking` on a sidecar `.cpetui-lock` file in the folder, which stays there
(a zero-byte file; add it to .gitignore). Within one process an RLock per folder orders the threads (the
app saves in a worker) and lets one writer lock the same folder twice (a move between two ledgers there).
"""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from cpetui.i18n import _

WAIT_SECONDS = 10.0  # how long a writer waits for another one's save before giving up
_POLL = 0.01

_guard = threading.Lock()
_local: dict[str, threading.RLock] = {}
_held: dict[str, tuple[int, int]] = {}  # folder → (fd, depth) while this process holds its lock


class LockTimeout(Exception):
    """Another program kept the ledger's folder locked for longer than a save takes."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path

    def __str__(self) -> str:
        return _("another program is saving {path} right now; nothing was saved. Try again.").format(
            path=self.path)


def _folder(path: str) -> str:
    return os.path.dirname(os.path.realpath(path)) or "."


@contextmanager
def ledger_lock(path: str, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of the folder that holds `path` (through symlinks) for the `with` block; wait at
    most `wait` seconds (WAIT_SECONDS) for another writer, then LockTimeout."""
    wait = WAIT_SECONDS if wait is None else wait
    folder = _folder(path)
    with _guard:
        rlock = _local.setdefault(folder, threading.RLock())
    if not rlock.acquire(timeout=wait):
        raise LockTimeout(path)
    try:
        fd, depth = _held.get(folder, (-1, 0))
        if depth == 0:
            fd = _acquire(folder, path, wait)
        _held[folder] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[folder]
            if depth == 1:
                del _held[folder]
                _release(fd)
            else:
                _held[folder] = (fd, depth - 1)
    finally:
        rlock.release()


def _acquire(folder: str, path: str, wait: float) -> int:
    """The process-wide lock of `folder`: an open fd holding it, or -1 where locks are not to be had."""
    try:
        import fcntl
    except ImportError:  # Windows: a byte lock on a sidecar file (see the module docstring)
        import msvcrt  # type: ignore[import-not-found,unused-ignore]

        lock_file = os.path.join(folder, ".cpetui-lock")
        return _poll(lock_file, os.O_RDWR | os.O_CREAT, path, wait, busy=OSError,
                     take=lambda fd: msvcrt.locking(fd, msvcrt.LK_NBLCK, 1))  # type: ignore[attr-defined,unused-ignore]
    return _poll(folder, os.O_RDONLY, path, wait, busy=BlockingIOError,
                 take=lambda fd: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB))


def _poll(target: str, flags: int, path: str, wait: float, *, busy: type[OSError],
          take: Callable[[int], object]) -> int:
    """Open `target` and try `take` on it until it holds or `wait` runs out (LockTimeout)."""
    try:
        fd = os.open(target, flags, 0o666)
    except OSError:
        return -1  # a folder we cannot open is one we cannot write to either: the save will say so
    deadline = time.monotonic() + wait
    while True:
        try:
            take(fd)
            return fd
        except busy as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                return fd  # no locks on this file system: go ahead unlocked (see the module docstring)
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeout(path) from None
            time.sleep(_POLL)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                return fd
            os.close(fd)
            raise


def _release(fd: int) -> None:
    if fd >= 0:
        os.close(fd)  # closing the last descriptor drops flock (and msvcrt's byte lock)
