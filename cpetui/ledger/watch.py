"""Notices ledger files changed, added or removed outside cpetui, by cheap polling of their stat."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cpetui.ledger.load import discover


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What `stat` says about a file, enough to tell that it changed without reading it.

    `inode` changes when an editor saves by writing a new file and renaming it over the old one;
    `ctime_ns` changes on every write even when the mtime is put back or falls in the same tick.
    Equal stamps with different content are still possible in theory: the caller's fingerprint
    (sha256 of the bytes) decides when it re-reads.
    """

    mtime_ns: int
    size: int
    inode: int
    ctime_ns: int = 0
    device: int = 0
    missing: bool = False


MISSING = FileStamp(0, -1, 0, missing=True)


def stamp(path: str | os.PathLike[str]) -> FileStamp:
    """The file's stamp (through a symlink to its target), or MISSING when it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return MISSING
    return FileStamp(st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns, st.st_dev)


@dataclass(frozen=True, slots=True)
class Changes:
    """Ledger files that changed, appeared or disappeared since the previous poll."""

    changed: frozenset[str] = frozenset()
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()

    @property
    def paths(self) -> frozenset[str]:
        return self.changed | self.added | self.removed

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.paths))

    def __contains__(self, path: object) -> bool:
        return path in self.paths

    def __len__(self) -> int:
        return len(self.paths)


class Watcher:
    """Watches ledger files and folders (every *.toml below, as `discover` finds them).

    Call `poll()` every half second or so: it stats each file (cheap) and lists the
    folders, and returns what changed since the last call. Paths are spelled as `discover` spells
    them, so they match `Ledger.path` of ledgers read from the same paths.
    """

    def __init__(self, paths: Sequence[str | os.PathLike[str]]) -> None:
        self.paths = tuple(str(p) for p in paths)
        self._stamps = self._scan()

    @property
    def files(self) -> list[str]:
        """The ledger files currently watched, sorted."""
        return sorted(self._stamps)

    def _scan(self) -> dict[str, FileStamp]:
        files, _missing = discover(self.paths)
        stamps = {f: stamp(f) for f in files}
        return {f: s for f, s in stamps.items() if not s.missing}

    def poll(self) -> Changes:
        """What changed since the last poll (or since the watcher was made)."""
        current = self._scan()
        before = self._stamps
        self._stamps = current
        return Changes(
            changed=frozenset(f for f in current.keys() & before.keys() if current[f] != before[f]),
            added=frozenset(current.keys() - before.keys()),
            removed=frozenset(before.keys() - current.keys()),
        )

    def acknowledge(self, path: str) -> None:
        """Take the file as it is now as seen (after cpetui's own save, so it is not reported)."""
        s = stamp(path)
        if s.missing:
            self._stamps.pop(path, None)
        elif path in self._stamps or path in discover(self.paths)[0]:
            self._stamps[path] = s
