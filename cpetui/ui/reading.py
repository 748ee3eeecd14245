"""Reading ledgers for the app: the first read, the rest in a worker, the watcher and reading again."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from cpetui.collector import collect_as_usual
from cpetui.i18n import _
from cpetui.ledger.load import discover, read_ledger
from cpetui.ledger.session import Entry
from cpetui.ledger.watch import Watcher
from cpetui.model import Problem
from cpetui.ui.format import safe
from cpetui.ui.widgets.activities import ActivityTable

if TYPE_CHECKING:
    from cpetui.ui.app import CpetuiApp as _App
else:
    _App = object

LOAD_BATCH = 8  # ledgers read whole per sidebar update after the first paint


class Reading(_App):
    """The app's reading: workers read files and post what they read; the UI thread installs it.

    Mixed into CpetuiApp (which holds `session`, `selected`, `watcher`, `watching`)."""

    class Loaded(Message):
        """The selected ledger was read whole and the others' headers (by a worker)."""

        def __init__(self, entries: dict[str, Entry], missing: tuple[Problem, ...]) -> None:
            super().__init__()
            self.entries, self.missing = entries, missing

    class Changed(Message):
        """Files changed on disk and were read again (by a worker); `then` runs once they are shown.
        `only_pending`: the start-up reader's, never over an entry a save or reread installed."""

        def __init__(self, entries: tuple[Entry, ...], gone: tuple[str, ...],
                     then: Callable[[], object] | None = None, only_pending: bool = False) -> None:
            super().__init__()
            self.entries, self.gone, self.then, self.only_pending = entries, gone, then, only_pending

    def _watch_from_now(self) -> None:
        if self.watching:
            # Made before reading, so an edit made while the ledgers load is still noticed.
            self.watcher = Watcher(self._watched_paths())

    def _read_first(self) -> tuple[dict[str, Entry], list[Problem], list[str]]:
        self._watch_from_now()
        return self.session.read_first(self.selected)

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Read everything again: the selected ledger first, then the others."""
        entries, missing, rest = self._read_first()
        self.post_message(Reading.Loaded(entries, tuple(missing)))
        self._read_rest(rest)

    @work(thread=True, exclusive=True, group="load")
    def read_rest(self, rest: Sequence[str]) -> None:
        self._read_rest(rest)

    def _read_rest(self, rest: Sequence[str]) -> None:
        """The ledgers known by their header only, read whole a few at a time (in a worker)."""
        worker = get_current_worker()
        batch: list[Entry] = []
        for n, path in enumerate(rest, 1):
            if worker.is_cancelled:
                return
            batch.append(self.session.entry_for(read_ledger(path), None))
            if len(batch) == LOAD_BATCH or n == len(rest):
                self.post_message(Reading.Changed(tuple(batch), (), only_pending=True))
                batch = []

    def _settle_when_read(self) -> None:
        """Once every ledger is read, start-up is over: the garbage collector goes back to normal."""
        if not self.loading:
            collect_as_usual()

    def on_reading_loaded(self, message: Reading.Loaded) -> None:
        self.session.entries = dict(message.entries)
        self.session.missing = list(message.missing)
        entries = self.session.entries
        self.reselect()
        for problem in self.session.missing:
            self.notify(_("{path}: {message}").format(path=safe(problem.source.path),
                                                      message=problem.message),
                        severity="error", timeout=10)
        if not entries:
            self.notify(_("No ledgers found in {paths}. Press n to start one, or see the README.").format(
                paths=", ".join(safe(p) for p in self.session.paths)), timeout=10)
        self.render_all()
        if self.focused is None:
            self.query_one(ActivityTable).table.focus()
        if self.watching and self._timer is None:
            self._timer = self.set_interval(self.poll_seconds, self._poll, name="watch")

    @property
    def loading(self) -> bool:
        """Some ledgers are known by their header only, still being read whole."""
        return any(e.pending for e in self.session.entries.values())

    def _watched_paths(self) -> list[str]:
        return list(self.session.paths)

    def _poll(self) -> None:
        # Not while a save runs: the file it is writing is ours, acknowledged once it is done.
        if self.watcher is not None and not self._polling and not self._saving:
            self._polling = True
            self.poll_files()

    @work(thread=True, group="watch")
    def poll_files(self) -> None:
        """Stat the files (in a thread: listing folders must never stall a keystroke); read what changed."""
        try:
            changed = list(self.watcher.poll()) if self.watcher is not None else []
            if changed:
                self._reread(changed)
        finally:
            self._polling = False

    @work(thread=True, group="reread")
    def reread(self, paths: Iterable[str]) -> None:
        self._reread(paths)

    def _reread(self, paths: Iterable[str]) -> None:
        """Read `paths` again (in a thread) and post what changed; unchanged bytes cost no recompute."""
        files, _missing = discover(self.session.paths)
        known = set(files)
        fresh: list[Entry] = []
        gone: list[str] = []
        for path in dict.fromkeys([*paths, *(f for f in files if f not in self.session.entries)]):
            if path not in known:
                if path in self.session.entries:
                    gone.append(path)
                continue
            previous = self.session.entries.get(path)
            ledger = read_ledger(path)
            if previous is not None and ledger.fingerprint == previous.ledger.fingerprint \
                    and not previous.broken:
                continue
            fresh.append(self.session.entry_for(ledger, previous))
        if fresh or gone:
            self.post_message(Reading.Changed(tuple(fresh), tuple(gone)))

    @work(thread=True, group="refresh")
    def read_again(self, paths: Sequence[str], then: Callable[[], object] | None = None) -> None:
        """Read `paths` again whatever their stamps say (after an editor, before re-applying an edit)."""
        fresh: list[Entry] = []
        gone: list[str] = []
        for path in paths:
            if not os.path.lexists(path):
                gone.append(path)
            else:
                fresh.append(self.session.entry_for(read_ledger(path), self.session.entries.get(path)))
        self.post_message(Reading.Changed(tuple(fresh), tuple(gone), then))

    def on_reading_changed(self, message: Reading.Changed) -> None:
        for entry in message.entries:
            if message.only_pending:
                current = self.session.entries.get(entry.path)
                if current is None or not current.pending:
                    continue
            self.session.install(entry)
        for path in message.gone:
            self.session.forget(path)
        self.reselect()
        self.render_all()
        if message.only_pending:
            self._settle_when_read()
        if message.then is not None:
            message.then()

    def _rewatch(self) -> None:
        """Watch the paths again after a ledger was created or removed beside the others."""
        if self.watcher is not None:
            self.watcher = type(self.watcher)(self._watched_paths())

    def _acknowledge(self, *paths: str | None) -> None:
        """Our own saves are not outside edits: tell the watcher so it does not read them back."""
        if self.watcher is not None:
            for path in paths:
                if path:
                    self.watcher.acknowledge(path)
