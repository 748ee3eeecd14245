"""Finds ledger files under the paths a user names and reads each into a Ledger, never raising."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from cpetui.i18n import _
from cpetui.ledger.parse import parse_bytes
from cpetui.model import Ledger, Problem, SourceRef

# A CPE ledger of a whole career is well under 1 MB (forty years of fifty activities: ~0.5 MB).
# 4 MiB still holds some 15,000 realistic activities, which read and save without a long wait; a file
# far larger is a mistake (a log, an export, a paste) and is refused at once, unread.
MAX_LEDGER_BYTES = 4 * 1024 * 1024
PROGRAMS_FOLDER = "programs"  # a user's own program files, beside the ledgers (cpetui.ledger.programs)


def read_at_most(fh: BinaryIO, limit: int, size: int | None = None) -> bytes:
    """`fh.read(limit)` without setting `limit` bytes of memory aside first (as `read(limit)` does, a
    cost paid for every ledger a command reads): the file's size, as `size` or fstat gives it, and
    one byte more to notice that it grew since; the rest, up to `limit`, only if it did."""
    if size is None:
        try:
            size = os.fstat(fh.fileno()).st_size
        except (OSError, ValueError):
            size = limit
    want = min(size + 1, limit)
    data = fh.read(want)
    if len(data) == want < limit:  # grown since, or a size the file system does not know
        data += fh.read(limit - want)
    return data


# On a case-blind file system (Windows) `*.toml` matches `.TOML` too, as `Path.rglob` does there.
_CASE_BLIND = os.path.normcase("A") != "A"


def _is_toml(name: str) -> bool:
    return (name.lower() if _CASE_BLIND else name).endswith(".toml")


def _ledgers_below(folder: str, seen: set[str] | None = None) -> list[tuple[str, ...]]:
    """The relative parts of every *.toml file below `folder`, hidden files and folders left out.

    What `Path.rglob("*.toml")` finds (links to files followed, links to folders not), by
    `os.scandir`: a folder of evidence with thousands of files costs half what rglob spends on it,
    and the app's watcher lists the folders twice a second. With `seen`, the absolute path of every
    regular file and folder passed on the way (links not followed) is added to it: see `discover`.
    """
    found: list[tuple[str, ...]] = []
    start = _absolute(folder) if seen is not None else None
    if start is None:
        seen = None
    stack: list[tuple[str, tuple[str, ...]]] = [(start or folder, ())]
    while stack:
        where, parts = stack.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if seen is not None:
                        seen.add(entry.path)
                    if name[0] != "." and name != PROGRAMS_FOLDER:  # program files, not ledgers
                        stack.append((entry.path, (*parts, name)))
                    continue
                if seen is not None and entry.is_file(follow_symlinks=False):
                    seen.add(entry.path)
                if name[0] != "." and _is_toml(name) and entry.is_file():
                    found.append((*parts, name))
            except OSError:
                continue
    return found


def _absolute(folder: str) -> str | None:
    """`folder` as an absolute path naming the same folder on disk, to walk it by; None when abspath
    could name another (a `..`, resolved on disk after any link but dropped by abspath before) or
    none (the working folder is gone)."""
    if ".." in Path(folder).parts:
        return None
    try:
        return os.path.abspath(folder)
    except OSError:
        return None


def discover(paths: Sequence[str | os.PathLike[str]],
             seen: set[str] | None = None) -> tuple[list[str], list[Problem]]:
    """Ledger files named by `paths` (files as given; folders: every *.toml below, sorted).

    Returns the files and a problem for each path that does not exist. With `seen`, the walk of the
    folders also adds to it the absolute path of each regular file and folder it passed (links not
    followed): what `evidence_present` may take as there without a look-up of its own.
    """
    files: list[str] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            # In Path order: part by part, case-blind where the file system is (Windows).
            below = sorted(_ledgers_below(str(p), seen),
                           key=lambda parts: [os.path.normcase(x) for x in parts])
            files.extend(str(p.joinpath(*parts)) for parts in below)
        elif p.is_file():
            files.append(str(p))
        else:
            problems.append(
                Problem(
                    "error",
                    "not-found",
                    _("no such ledger file or folder"),
                    SourceRef(str(raw), 1, 1),
                    hint=_("check the path, or run 'cpetui where' to see where ledgers are looked for"),
                )
            )
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def read_ledger(path: str | os.PathLike[str], *, fingerprinted: bool = True) -> Ledger:
    """Read and parse one ledger file; unreadable or oversized files give a Ledger with a problem."""
    path = str(path)
    try:
        st = os.stat(path)
        if st.st_size > MAX_LEDGER_BYTES:
            return _unreadable(
                path,
                "too-large",
                _("the file is {size:.1f} MB; cpetui reads ledgers up to {limit} MB").format(
                    size=st.st_size / 1e6, limit=MAX_LEDGER_BYTES // (1024 * 1024)
                ),
                _("split it into one ledger per certification cycle"),
            )
        with open(path, "rb") as fh:
            data = read_at_most(fh, MAX_LEDGER_BYTES + 1, st.st_size)
    except IsADirectoryError:
        return _unreadable(path, "unreadable", _("this is a folder, not a ledger file"), "")
    except OSError as exc:
        return _unreadable(
            path,
            "unreadable",
            _("cannot read the file: {reason}").format(reason=exc.strerror or exc),
            _("check that the file exists and that you may read it"),
        )
    return parse_bytes(data, path, st.st_mtime_ns, fingerprinted=fingerprinted)


def read_all(paths: Iterable[str]) -> list[Ledger]:
    return [read_ledger(p) for p in paths]


def _unreadable(path: str, code: str, message: str, hint: str) -> Ledger:
    return Ledger(path, None, (), (Problem("error", code, message, SourceRef(path, 1, 1), hint=hint),))
