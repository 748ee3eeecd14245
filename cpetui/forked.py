"""One job run in a forked second process, its result pickled back through a pipe (POSIX, two cores)."""

from __future__ import annotations

import copyreg
import io
import os
import sys
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, Generic, TypeVar

try:  # the compiled pickler itself: pickle.py only wraps it, and its import is paid before every fork
    from _pickle import Pickler, loads
except ImportError:  # pragma: no cover - an interpreter without the compiled module
    from pickle import Pickler, loads

R = TypeVar("R")


class ChildFailed(Exception):
    """The second process could not give its result: the caller does the job itself."""


def can_fork() -> bool:
    """A fork is possible and worth it: POSIX, a second core, and no other thread to copy mid-lock."""
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and sys.platform != "darwin"  # fork after imports is unsafe there
        and _one_thread()
    )


def _one_thread() -> bool:
    """No other thread runs: a fork copies one thread, and others' locks could be held."""
    threading = sys.modules.get("threading")
    # Threads are started through threading: a process that never imported it has only this one.
    return threading is None or threading.active_count() == 1


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of `mapping` (how an unpickled read-only mapping is made again)."""
    return MappingProxyType(mapping)


def _mapping_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return read_only, (dict(proxy),)


# Read-only mappings (an activity's extra keys, a ledger's evidence map) travel as the dict they wrap.
_DISPATCH = {**copyreg.dispatch_table, MappingProxyType: _mapping_proxy}


def dumps(value: object) -> bytes:
    """`pickle.dumps`, read-only mappings included."""
    out = io.BytesIO()
    pickler = Pickler(out, protocol=-1)  # -1: the highest protocol
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return out.getvalue()


class Forked(Generic[R]):
    """A second process at work; `result()` waits for what it returns."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid = pid
        self.read_end = read_end
        self._done = False

    def result(self) -> R:
        """The job's return value; ChildFailed when the process failed in any way."""
        if self._done:
            raise ChildFailed("result already taken")
        self._done = True
        with os.fdopen(self.read_end, "rb") as src:
            payload = src.read()
        _pid, status = os.waitpid(self.pid, 0)
        if status != 0 or not payload:
            raise ChildFailed(f"second process ended with status {status}")
        try:
            return loads(payload)  # type: ignore[no-any-return]
        except Exception as error:  # noqa: BLE001 - a torn payload is a failed child, nothing more
            raise ChildFailed(str(error)) from error

    def abandon(self) -> None:
        """Stop listening and reap the process (its result is not wanted)."""
        if not self._done:
            self._done = True
            os.close(self.read_end)
            os.waitpid(self.pid, 0)


def start(job: Callable[[], R]) -> Forked[R] | None:
    """Run `job()` in a forked process; None when no process could be started (do it here instead).

    The child never returns into the caller's code: it writes its pickled result and ends with
    `os._exit`, running no clean-up and flushing none of the parent's buffers. Any failure in it
    (an exception, a result that does not pickle) ends it with status 1, for `result()` to report.
    """
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
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        status = 0
        try:
            os.close(read_end)
            payload = dumps(job())
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - any failure: the parent does the job itself
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return Forked(pid, read_end)
