"""Start-up's first steps (language, ledger folder, the first read) done while Textual loads.

The command line calls `start` before importing Textual: where a fork is possible, a second process
on the second core chooses the language (flag, config file, environment), finds the ledgers, takes the
watcher's first look at them and reads the selected one whole and the others' headers; the app's
process imports Textual meanwhile and `settle`s when it needs the answer. Elsewhere, or should that
process fail in any way, the same steps run in the app's process, with the same result. Imports no
Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from cpetui import forked

if TYPE_CHECKING:
    from cpetui.ledger.session import Entry
    from cpetui.model import Problem

FirstRead = tuple[dict[str, "Entry"], list["Problem"], list[str]]


def default_paths(paths: Sequence[str]) -> list[str]:
    """Command-line paths, else the ledger folder `cpetui where` names (`cpetui.ledger.where.locate`:
    the app and the headless commands choose alike)."""
    if paths:
        return list(paths)
    from cpetui.ledger.where import ConfigError, locate

    try:
        return list(locate(()).paths)
    except ConfigError:  # a broken config file must not stop the app from opening the ledgers
        return list(locate((), use_config=False).paths)


class Prepared:
    """What the app opens with: its language, paths, day, watcher (or None) and first read."""

    def __init__(self, lang: str, paths: list[str], as_of: date, watcher: Any, first: FirstRead) -> None:
        self.lang = lang
        self.paths = paths
        self.as_of = as_of
        self.watcher = watcher  # cpetui.ledger.watch.Watcher: it looked before the read
        self.first = first


def prepare(paths: Sequence[str], as_of: date, watch: bool, lang: str | None) -> Prepared:
    """Choose the language (installing it here), find the ledgers, look at them, read the first."""
    try:
        from cpetui.locale import setup
    except ImportError:  # translations not built yet
        chosen = "en"
    else:
        chosen = setup(lang)
    chosen_paths = default_paths(paths)
    watcher = None
    if watch:
        from cpetui.ledger.watch import Watcher

        watcher = Watcher(chosen_paths)  # made before reading: an edit meanwhile is noticed
    from cpetui.ledger.session import Session

    return Prepared(chosen, chosen_paths, as_of, watcher, Session(chosen_paths, as_of).read_first(None))


class Preread:
    """The preparation under way in a second process, or None there when it runs here."""

    def __init__(self, paths: Sequence[str], as_of: date, watch: bool, lang: str | None,
                 reading: forked.Forked[Prepared] | None) -> None:
        self.paths, self.as_of, self.watch, self.lang = list(paths), as_of, watch, lang
        self.reading = reading

    def settle(self) -> Prepared:
        """The preparation: the second process's answer, else done now in this process."""
        if self.reading is not None:
            reading, self.reading = self.reading, None
            try:
                return reading.result()
            except forked.ChildFailed:
                pass
        return prepare(self.paths, self.as_of, self.watch, self.lang)


def start(paths: Sequence[str] = (), as_of: date | None = None, *, watch: bool = True,
          lang: str | None = None) -> Preread:
    """Begin preparing to open `paths` (empty: the configured folder) as of `as_of` (today) in `lang`
    (None: the config file's, else the environment's)."""
    day = as_of or date.today()
    chosen = list(paths)
    reading = forked.start(lambda: prepare(chosen, day, watch, lang)) if forked.can_fork() else None
    return Preread(chosen, day, watch, lang, reading)
