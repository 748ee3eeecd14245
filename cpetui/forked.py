"""One job run in a forked second process, its result pickled back through a pipe (POSIX, two cores)."""

from __future__ import annotations

import copyreg
import io
import os
import sys
from collections.abc import Callable, Iterable
from operator import attrgetter
from types import MappingProxyType
from typing import Any, BinaryIO, Generic, TypeVar

from cpetui.frozen import fields, is_frozen

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


def _by_fields(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """How a record of the model travels: its class and its fields' values, made again by its own
    `__init__` in one call rather than by `__setstate__` field by field (a check's problems and their
    places come back by the thousand, while the first process waits for them)."""
    names = fields(cls)
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),)) if names \
        else (lambda obj: ())

    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, values(obj)

    return reduce


def _is_frozen_record(cls: object) -> bool:
    """Made by `cpetui.frozen.frozen` with the methods it writes: state kept as the fields' values, and
    an `__init__` taking every field in order (not one the class wrote itself)."""
    return (isinstance(cls, type) and is_frozen(cls)
            and getattr(cls.__dict__.get("__getstate__"), "__module__", None) == "cpetui.frozen"
            and getattr(cls.__dict__.get("__setstate__"), "__module__", None) == "cpetui.frozen"
            and "__init__" in cls.__dict__
            and getattr(cls.__dict__["__init__"], "__module__", None) != cls.__module__)


_with_model = False  # the model's records are in _DISPATCH


def _dispatch() -> dict[Any, Any]:
    """The reducers: read-only mappings', and the model's records' once the model is loaded."""
    global _with_model
    if not _with_model:
        model = sys.modules.get("cpetui.model")
        if model is not None:
            for cls in vars(model).values():
                if _is_frozen_record(cls):
                    _DISPATCH.setdefault(cls, _by_fields(cls))
            _with_model = True
    return _DISPATCH


def dumps(value: object) -> bytes:
    """`pickle.dumps`, read-only mappings included."""
    out = io.BytesIO()
    pickler = Pickler(out, protocol=-1)  # -1: the highest protocol
    pickler.dispatch_table = _dispatch()
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


# Each item a stream sends is its pickle's length in this many bytes, then the pickle; a length of 0
# says every item was sent.
_FRAME = 4


class Stream(Generic[R]):
    """A second process sending items one at a time as it makes them: `ready()` takes those already
    sent without waiting, `rest()` waits for the others."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid = pid
        self.read_end = read_end
        self.ended_well = False  # the process said it sent everything, and ended with status 0
        self._all_sent = False
        self._closed = False
        self._buffer = bytearray()
        os.set_blocking(read_end, False)

    def ready(self) -> list[R]:
        """The items sent since last asked, without waiting (none when none has come yet)."""
        if self._closed:
            return []
        while True:
            try:
                chunk = os.read(self.read_end, 1 << 16)
            except BlockingIOError:  # nothing more for now
                break
            if not chunk:  # the process closed its end: `rest()` tells how it ended
                break
            self._buffer += chunk
        return self._items()

    def rest(self) -> list[R]:
        """Every item not taken yet, once the process has ended. A process that failed gives the items
        it sent whole, no more (`ended_well` says whether it sent them all)."""
        if self._closed:
            return []
        self._closed = True
        os.set_blocking(self.read_end, True)
        with os.fdopen(self.read_end, "rb") as src:
            self._buffer += src.read()
        _pid, status = os.waitpid(self.pid, 0)
        items = self._items()
        self.ended_well = status == 0 and self._all_sent
        return items

    def abandon(self) -> None:
        """Stop listening and reap the process (nothing more is wanted from it)."""
        if not self._closed:
            self._closed = True
            os.close(self.read_end)
            os.waitpid(self.pid, 0)

    def _items(self) -> list[R]:
        """The whole items in the buffer, unpickled; a torn or unreadable one ends the stream."""
        items: list[R] = []
        buffer, at = self._buffer, 0
        while len(buffer) - at >= _FRAME and not self._all_sent:
            size = int.from_bytes(buffer[at : at + _FRAME], "little")
            if size == 0:
                self._all_sent = True
                at += _FRAME
                break
            if len(buffer) - at - _FRAME < size:
                break  # the rest of this item is still on its way
            try:
                items.append(loads(buffer[at + _FRAME : at + _FRAME + size]))
            except Exception:  # noqa: BLE001 - an item that does not unpickle: the caller redoes it
                self.abandon()  # and whatever else the process had to send
                at = len(buffer)
                break
            at += _FRAME + size
        del buffer[:at]
        return items


def _fork(write: Callable[[BinaryIO], None]) -> tuple[int, int] | None:
    """Fork a process that runs `write(pipe)` and ends with `os._exit` (status 1 on any failure, after
    what it wrote); the parent gets (pid, read end), or None when no process could be started.

    The child never returns into the caller's code: it runs no clean-up and flushes none of the
    parent's buffers (those are flushed before the fork, so nothing is written twice).
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
            with os.fdopen(write_end, "wb") as out:
                write(out)
        except BaseException:  # noqa: BLE001 - any failure: the parent does the rest itself
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def start_stream(job: Callable[[], Iterable[R]]) -> Stream[R] | None:
    """Run `job()` in a forked process, each item it yields sent back as soon as it is made; None when
    no process could be started (do the job here instead). A failure in it ends it with status 1 after
    the items already sent; `Stream.rest` then says it did not end well."""

    def write(out: BinaryIO) -> None:
        for item in job():
            payload = dumps(item)
            out.write(len(payload).to_bytes(_FRAME, "little"))
            out.write(payload)
            out.flush()
        out.write(bytes(_FRAME))

    started = _fork(write)
    return Stream(*started) if started is not None else None


def start(job: Callable[[], R]) -> Forked[R] | None:
    """Run `job()` in a forked process; None when no process could be started (do it here instead).
    Any failure in it (an exception, a result that does not pickle) ends it with status 1, for
    `result()` to report."""

    def write(out: BinaryIO) -> None:
        payload = dumps(job())  # pickled whole before a byte is sent: a failure sends nothing
        out.write(payload)

    started = _fork(write)
    return Forked(*started) if started is not None else None
