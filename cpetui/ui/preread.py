"""Start-up's first read (the selected ledger whole, the others' headers) done while Textual loads.

Called by the command line before Textual is imported: where a fork is possible the reading runs in a
second process on the second core, so the app's first frame does not wait for it; elsewhere, or should
that process fail, the app reads in its own process, with the same result. Imports no Textual.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cpetui import forked

if TYPE_CHECKING:
    from cpetui.model import Problem
    from cpetui.ui.session import Entry, Session

FirstRead = tuple[dict[str, "Entry"], list["Problem"], list[str]]


def default_paths(paths: Sequence[str]) -> list[str]:
    """Command-line paths, else the configured ledger folder (via `cpetui.ledger.where`)."""
    if paths:
        return list(paths)
    try:
        from cpetui.ledger.where import locate

        return list(locate(()).paths)
    except Exception:  # a broken config file must not stop the app from opening ./ledgers
        env = os.environ.get("CPETUI_LEDGERS")
        return env.split(os.pathsep) if env else ["ledgers"]


def _read(paths: list[str], as_of: date) -> FirstRead:
    from cpetui.ui.session import Session

    return Session(paths, as_of).read_first(None)


@dataclass
class Preread:
    """The paths and day the app opens on, its watcher, and the first read under way (or not)."""

    paths: list[str]
    as_of: date
    watcher: Any = None  # cpetui.ledger.watch.Watcher, made before reading: an edit meanwhile is seen
    reading: forked.Forked[FirstRead] | None = None

    def result(self, session: Session) -> FirstRead:
        """The first read: from the second process, else read now through `session`."""
        if self.reading is not None:
            reading, self.reading = self.reading, None
            try:
                return reading.result()
            except forked.ChildFailed:
                pass
        return session.read_first(None)


def start(paths: Sequence[str] = (), as_of: date | None = None, *, watch: bool = True) -> Preread:
    """Begin the first read of `paths` (empty: the configured folder) as of `as_of` (today)."""
    chosen = default_paths(paths)
    day = as_of or date.today()
    watcher = None
    if watch:
        from cpetui.ledger.watch import Watcher

        watcher = Watcher(chosen)
    reading = forked.start(lambda: _read(chosen, day)) if forked.can_fork() else None
    return Preread(chosen, day, watcher, reading)
