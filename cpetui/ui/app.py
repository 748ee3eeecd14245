"""The cpetui app: ledgers in a sidebar, the selected one's status, activities and findings, kept live."""

from __future__ import annotations

import os
import subprocess
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from cpetui.i18n import N_, _, format_date, ngettext
from cpetui.ledger.session import (
    CannotUndo,
    Collision,
    Edit,
    Entry,
    Outcome,
    ReadOnly,
    Session,
    activity_values,
    next_cycle_path,
    next_cycle_text,
)
from cpetui.ledger.where import app_paths
from cpetui.model import Activity, Problem
from cpetui.ui.format import num, safe
from cpetui.ui.rows import build_rows
from cpetui.ui.system import editor_argv, evidence_target, open_detached, opener_argv
from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.explain import ExplainPanel
from cpetui.ui.widgets.keybar import KeyBar
from cpetui.ui.widgets.pages import Pages, TabBar
from cpetui.ui.widgets.problems import ProblemsBanner
from cpetui.ui.widgets.sidebar import LedgerList
from cpetui.ui.widgets.status_panel import StatusPanel

POLL_SECONDS = 0.5
LOAD_BATCH = 8  # ledgers read whole per sidebar update after the first paint


@dataclass(frozen=True, slots=True)
class SaveJob:
    """One save (or undo) waiting for the worker, with what to do when it is written or fails."""

    edit: Edit
    undo: bool = False
    redo: bool = False  # undo / redo: a step taken from the history (not recorded as a new change)
    done: str | None = None
    failed: Callable[[], object] | None = None
    then: Callable[[Outcome], object] | None = field(default=None, repr=False)
    # After a Collision: the activity as this edit leaves it (to add it back when it was removed on
    # disk), and how to go back to the form with what the user typed (given the Collision).
    restore: dict[str, Any] | None = None
    revise: Callable[[Any], object] | None = field(default=None, repr=False)


class MainScreen(Screen[None]):
    """The screen the app opens on (Textual's default screen, less one pass at start-up).

    Its widgets' styles are applied as they are mounted. The first time a screen is shown Textual
    applies every style again, for a screen coming back after the theme changed under it; on the
    first showing nothing can have changed, and that second pass over every widget is a visible part
    of the first paint. Later showings (after a dialog) refresh as Textual does.
    """

    def __init__(self) -> None:
        super().__init__(id="_default")
        self._shown = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls each class's handler, this one first: Screen's runs next with the flag read
        # (both private to Textual: tests/ui/test_textual_internals.py pins them).
        if not self._shown:
            self._shown = True
            event.refresh_styles = False


class CpetuiApp(App[int]):
    """The app; `as_of` fixes "today" (tests), `watch` turns the file watcher off (tests of collisions)."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))  # absolute: subclasses elsewhere find it too
    TITLE = "cpetui"
    rescued: tuple[str, ...] = ()  # files holding open forms' input, kept when an error ended the app
    # The activities table has the keys from the first frame (no focus change, no second layout).
    AUTO_FOCUS = "#activities"

    BINDINGS = [
        # Priority: the form opens as the key is read, so keys typed right after it go to the form
        # (they wait there until it is built), never to the table behind it.
        Binding("a", "add", _("Add"), priority=True),
        Binding("e", "edit", _("Edit"), priority=True),
        Binding("d", "delete", _("Delete")),
        Binding("u,ctrl+z", "undo", _("Undo")),
        Binding("U,ctrl+y", "redo", _("Redo"), show=False),
        Binding("s", "submitted", _("Submitted")),
        Binding("S", "submitted_on", _("Submitted on…"), show=False),
        Binding("c", "copy", _("Copy to…")),
        Binding("o", "evidence", _("Evidence")),
        Binding("E", "editor", _("Editor")),
        Binding("i", "sources", _("Sources"), show=False),
        Binding("n", "next_cycle", _("Next cycle"), show=False),
        Binding("1", "tab('tab-activities')", _("Activities"), show=False),
        Binding("2", "tab('tab-findings')", _("Findings"), show=False),
        Binding("3", "tab('tab-chart')", _("Chart"), show=False),
        Binding("ctrl+r", "reload", _("Reload"), show=False),
        Binding("question_mark", "help", _("Help"), key_display="?"),
        Binding("q", "quit", _("Quit")),
    ]

    # Messages are plain Message subclasses, as Textual's own are: a dataclass would compile an
    # __init__ for each at start-up.
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

    class Saved(Message):
        """A save or an undo finished in its worker: what it produced, or why it failed."""

        def __init__(self, job: SaveJob, outcome: Outcome | None, error: Exception | None) -> None:
            super().__init__()
            self.job, self.outcome, self.error = job, outcome, error

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        as_of: date | None = None,
        watch: bool = True,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.fixed_as_of = as_of
        self.session = Session(app_paths(paths), as_of or date.today())
        self.selected: str | None = None
        self.watching = watch
        self.poll_seconds = poll_seconds
        self.watcher: Any = None
        self._timer: Any = None
        self._polling = False
        # Saves run one at a time, in order, in a worker thread (file I/O never blocks a keystroke).
        self._jobs: deque[SaveJob] = deque()
        self._saving = False
        # The selected ledger (and the others' headers) are read before the first frame (no screen yet
        # to keep responsive), so it is drawn once, with the data.
        self._first: tuple[dict[str, Entry], list[Problem], list[str]] = self._read_first()

    # ------------------------------------------------------------------------------ layout

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def compose(self) -> ComposeResult:
        # The screen lays the sidebar and the main column side by side (MainScreen in app.tcss).
        yield LedgerList(id="ledgers")
        with Vertical(id="main"):
            yield ProblemsBanner(id="problems")
            yield StatusPanel(id="status")
            yield TabBar(TABS(), id="tabbar")
            with Pages({"tab-findings": _findings, "tab-chart": _chart}, id="tabs",
                       initial="tab-activities"):
                yield ActivityTable(id="tab-activities")
            yield ExplainPanel(id="explain")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#problems", ProblemsBanner).display = False
        self._use_theme()
        self.theme_changed_signal.subscribe(self, lambda _theme: self._retheme())
        # Columns fitted to the width the first layout will give, so it is the only layout.
        self.query_one(ActivityTable).fit_columns(self.expected_table_width())
        entries, missing, rest = self._first
        self._loaded(self.Loaded(entries, tuple(missing)))  # painted with data from the first frame
        # The other ledgers once the first frame is out: reading them must not delay it.
        if rest:
            self.call_after_refresh(self.read_rest, rest)
        else:
            self.call_after_refresh(self._settle_when_read)

    def expected_table_width(self) -> int:
        """The activity table's width once laid out: the screen less the sidebar, sized by its styles."""
        size = self.size
        styles = self.query_one(LedgerList).styles
        sidebar = styles.width.resolve(size, size) if styles.width is not None else Fraction(0)
        if styles.min_width is not None:
            sidebar = max(sidebar, styles.min_width.resolve(size, size))
        if styles.max_width is not None:
            sidebar = min(sidebar, styles.max_width.resolve(size, size))
        return size.width - int(sidebar)

    def _use_theme(self) -> None:
        from cpetui.ui.format import use_theme

        use_theme(self.get_css_variables())

    def _retheme(self) -> None:
        """Badges and bars take the new theme's text colours, so they stay readable on its background."""
        self._use_theme()
        # Lines laid out once and kept (sidebar prompts, the explanation) are laid out again.
        self.query_one(LedgerList).restyle()
        self.query_one(ExplainPanel).restyle()
        if self.session.entries:
            self.render_all()

    # ------------------------------------------------------------------------------ reading

    def _watch_from_now(self) -> None:
        if self.watching:
            from cpetui.ledger.watch import Watcher

            # Made before reading, so an edit made while the ledgers load is still noticed.
            self.watcher = Watcher(self._watched_paths())

    def _read_first(self) -> tuple[dict[str, Entry], list[Problem], list[str]]:
        self._watch_from_now()
        return self.session.read_first(self.selected)

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Read everything again: the selected ledger first, then the others."""
        entries, missing, rest = self._read_first()
        self.post_message(self.Loaded(entries, tuple(missing)))
        self._read_rest(rest)

    @work(thread=True, exclusive=True, group="load")
    def read_rest(self, rest: Sequence[str]) -> None:
        self._read_rest(rest)

    def _read_rest(self, rest: Sequence[str]) -> None:
        """The ledgers known by their header only, read whole a few at a time (in a worker)."""
        from cpetui.ledger.load import read_ledger

        worker = get_current_worker()
        batch: list[Entry] = []
        for n, path in enumerate(rest, 1):
            if worker.is_cancelled:
                return
            batch.append(self.session.entry_for(read_ledger(path), None))
            if len(batch) == LOAD_BATCH or n == len(rest):
                self.post_message(self.Changed(tuple(batch), (), only_pending=True))
                batch = []

    def _settle_when_read(self) -> None:
        """Once every ledger is read, start-up is over: the garbage collector goes back to normal."""
        if not self.loading:
            from cpetui.collector import collect_as_usual

            collect_as_usual()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.session.entries = dict(message.entries)
        self.session.missing = list(message.missing)
        entries = self.session.entries
        if self.selected not in entries:
            ordered = _ordered_paths(entries.values())
            self.selected = ordered[0] if ordered else None
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
        from cpetui.ledger.load import discover, read_ledger

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
            self.post_message(self.Changed(tuple(fresh), tuple(gone)))

    @work(thread=True, group="refresh")
    def read_again(self, paths: Sequence[str], then: Callable[[], object] | None = None) -> None:
        """Read `paths` again whatever their stamps say (after an editor, before re-applying an edit)."""
        from cpetui.ledger.load import read_ledger

        fresh: list[Entry] = []
        gone: list[str] = []
        for path in paths:
            if not os.path.lexists(path):
                gone.append(path)
            else:
                fresh.append(self.session.entry_for(read_ledger(path), self.session.entries.get(path)))
        self.post_message(self.Changed(tuple(fresh), tuple(gone), then))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        for entry in message.entries:
            if message.only_pending:
                current = self.session.entries.get(entry.path)
                if current is None or not current.pending:
                    continue
            self.session.install(entry)
        for path in message.gone:
            self.session.forget(path)
        if self.selected in message.gone or self.selected is None:
            ordered = _ordered_paths(self.session.entries.values())
            self.selected = ordered[0] if ordered else None
        self.render_all()
        if message.only_pending:
            self._settle_when_read()
        if message.then is not None:
            message.then()

    # ------------------------------------------------------------------------------ showing

    @property
    def entry(self) -> Entry | None:
        return self.session.entries.get(self.selected) if self.selected else None

    def render_all(self, keep: str | None = None) -> None:
        self.query_one(LedgerList).show(self.session.entries.values(), self.selected)
        self.render_selected(keep)

    def render_selected(self, keep: str | None = None) -> None:
        entry = self.entry
        banner = self.query_one(ProblemsBanner)
        banner.show(entry.problems if entry else (), bool(entry and entry.ledger.activities))
        self.query_one("#main").set_class(bool(entry and entry.broken), "read-only")
        self.query_one(StatusPanel).show(entry, self.session.as_of)
        table = self.query_one(ActivityTable)
        if entry is None:
            table.show([])
        else:
            table.show(build_rows(entry.ledger, entry.status, entry.evidence), keep=keep)
        findings = entry.status.findings if entry and entry.status else ()
        self.query_one(TabBar).show(counts={"tab-findings": len(findings)})
        # The findings and the chart exist once their tab was opened (see Pages).
        titles = {a.id: a.title for a in entry.ledger.activities} if entry and findings else {}
        for listing in self.query("FindingsList"):
            listing.show(findings, titles)  # type: ignore[attr-defined]
        for chart in self.query("CreditChart"):
            chart.show(entry)  # type: ignore[attr-defined]
        self._explain()

    def _explain(self) -> None:
        activity = self.current_activity
        entry = self.entry
        credit = entry.status.credit_of(activity.id) if entry and entry.status and activity else None
        self.query_one(ExplainPanel).show(activity, credit)

    @property
    def current_activity(self) -> Activity | None:
        entry = self.entry
        aid = self.query_one(ActivityTable).current_id
        return entry.ledger.activity(aid) if entry and aid else None

    @on(LedgerList.Chosen)
    def _ledger_chosen(self, message: LedgerList.Chosen) -> None:
        if message.path != self.selected:
            self.selected = message.path
            self.render_selected()

    @on(ActivityTable.Highlighted)
    def _row_highlighted(self) -> None:
        self._explain()

    @on(ActivityTable.Chosen)
    def _row_chosen(self) -> None:
        self.action_edit()

    def on_findings_list_jump(self, message: Message) -> None:
        """A finding was chosen (FindingsList.Jump): show its activity."""
        self.action_tab("tab-activities")
        if not self.query_one(ActivityTable).goto(message.activity_id):
            self.notify(_("That activity is not in the table."), severity="warning")

    def action_tab(self, tab: str) -> None:
        made = self.query_one(Pages).open(tab)
        self.query_one(TabBar).show(active=tab)
        if made is not None:  # a page opened for the first time shows the selected ledger
            self.call_after_refresh(self.render_selected)
        if tab == "tab-activities":
            self.query_one(ActivityTable).table.focus()
        elif tab in ("tab-findings", "tab-chart"):
            self.query_one(f"#{tab}").focus()  # the chart scrolls by keys, like the findings

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_sources(self) -> None:
        """The sources of the selected figure: a chosen finding, else the activity, else the cycle."""
        from cpetui.ui.cited import selected_citations
        from cpetui.ui.screens.sources import SourcesScreen

        entry = self.entry
        focused = self.focused
        finding = None
        if type(focused).__name__ == "FindingsList" and focused.highlighted is not None:  # type: ignore[union-attr]
            shown = focused.findings or ()  # type: ignore[union-attr]
            finding = shown[focused.highlighted] if focused.highlighted < len(shown) else None  # type: ignore[union-attr]
        status = entry.status if entry else None
        # From the status panel or the ledger list, the figures in view are the cycle's, not an activity's.
        activity = None if type(focused).__name__ in ("StatusPanel", "LedgerList") else self.current_activity
        self.push_screen(SourcesScreen(selected_citations(status, activity, finding)))

    def action_reload(self) -> None:
        self.load()

    # ------------------------------------------------------------------------------ saving

    def save(self, edit: Edit, *, done: str | None = None, failed: Callable[[], object] | None = None,
             then: Callable[[Outcome], object] | None = None, restore: dict[str, Any] | None = None,
             revise: Callable[[Any], object] | None = None) -> None:
        """Save `edit` through the ledger layer in a worker; the screen follows when it is written.

        `done` is said when it worked and `then` runs; on a collision the user is asked what to do;
        `failed` runs when the save fails for another reason (disk full, read-only …), so a form can
        come back with what the user typed instead of losing it. `restore` and `revise`: see SaveJob.
        """
        self._enqueue(SaveJob(edit, done=done, failed=failed, then=then, restore=restore, revise=revise))

    def _enqueue(self, job: SaveJob) -> None:
        self._jobs.append(job)
        self._next_job()

    def _next_job(self) -> None:
        if not self._saving and self._jobs:
            self._saving = True
            self._run_job(self._jobs.popleft())

    @work(thread=True, group="save")
    def _run_job(self, job: SaveJob) -> None:
        try:
            outcome = self.session.perform(job.edit)
        except Exception as exc:  # noqa: BLE001 - every failure is told on the UI thread
            self.post_message(self.Saved(job, None, exc))
        else:
            self.post_message(self.Saved(job, outcome, None))

    @property
    def busy(self) -> bool:
        """A save or undo is queued or being written."""
        return self._saving or bool(self._jobs)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        job, outcome = message.job, message.outcome
        try:
            if outcome is None:
                self._save_failed(job, message.error)
            else:
                self._take(job, outcome)
        finally:
            self._saving = False
            self._next_job()

    def _take(self, job: SaveJob, outcome: Outcome) -> None:
        edit = job.edit
        self.session.commit(outcome, record=not (job.undo or job.redo))
        if outcome.gone:
            self._rewatch()
        if job.undo:
            self.session.history.undid(edit, outcome.inverse)
        elif job.redo:
            self.session.history.redid(edit, outcome.inverse)
        self._acknowledge(edit.path, edit.target)
        if self.selected in outcome.gone or self.selected not in self.session.entries:
            ordered = _ordered_paths(self.session.entries.values())
            self.selected = ordered[0] if ordered else None
        touched = outcome.touched
        target_path = edit.target if edit.kind == "copy" else edit.path
        show = touched if touched is not None and edit.kind != "delete" and target_path == self.selected \
            else None
        self.render_all(keep=show)  # the cursor lands on what was just written
        table = self.query_one(ActivityTable)
        if show is not None and table.current_id != show:
            table.goto(show)  # hidden by the filter: goto clears it
        if job.then is not None:
            job.then(outcome)
        if job.done:
            self.notify(job.done, timeout=3)

    def _save_failed(self, job: SaveJob, error: Exception | None) -> None:
        from cpetui.ledger.store import SaveConflict, SaveError

        edit = job.edit
        if job.undo or job.redo:
            cannot = _("Cannot undo: {reason}") if job.undo else _("Cannot redo: {reason}")
            if isinstance(error, SaveConflict):
                again = (_("{file} changed on disk; reading it again. Undo once more to retry.") if job.undo
                         else _("{file} changed on disk; reading it again. Redo once more to retry."))
                self.notify(again.format(file=safe(edit.path)), severity="warning")
                self.read_again([edit.path])
            elif isinstance(error, CannotUndo):
                # It can never succeed; dropping it lets the changes before it be undone.
                self.session.history.drop(edit)
                self.notify(cannot.format(reason=safe(str(error), 300)), severity="error", timeout=10)
            else:
                self.notify(cannot.format(reason=safe(str(error), 300)), severity="error")
            return
        if isinstance(error, SaveConflict):
            self._collision(job)
            return
        if isinstance(error, Collision):
            self._disputed(job, error)
            return
        if isinstance(error, ReadOnly):
            self.notify(str(error), severity="error")
        elif isinstance(error, KeyError) and edit.path not in self.session.entries:
            self.notify(_("Not saved: {file} was moved or deleted since cpetui read it; what you typed is "
                          "kept (save it again once the ledger is back, or copy it out).").format(
                              file=safe(edit.path)), severity="error", timeout=10)
        elif isinstance(error, (SaveError, KeyError, ValueError, OSError)):
            self.notify(_("Not saved: {reason}").format(reason=safe(str(error), 300)), severity="error",
                        timeout=10)
        else:
            assert error is not None
            raise error  # a bug: let Textual show it rather than pretend it was saved
        if job.failed is not None:
            job.failed()

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

    def _collision(self, job: SaveJob) -> None:
        edit = job.edit
        question = Text(_("{file} was changed on disk since cpetui read it. Nothing was written.").format(
            file=safe(edit.path)) + "\n" + _("What now?"))
        choices = [
            ("reapply", _("Read the file again and apply my change to it")),
            ("discard", _("Read the file again and drop my change")),
        ]
        paths = [p for p in (edit.path, edit.target) if p]

        def decided(choice: str | None) -> None:
            if choice == "reapply":
                again = replace(job, done=_("Saved after reading the file again."))
                self.read_again(paths, then=lambda: self._enqueue(again))
            else:
                self.read_again(paths, then=lambda: self.notify(
                    _("Your change was dropped; showing the file as it is on disk.")))

        self.push_screen(Choose(question, choices), decided)

    def _disputed(self, job: SaveJob, collision: Collision) -> None:
        """Someone else changed (or removed) the very values this edit writes: tell, and let the user choose.

        Nothing was written. The choices: back to the form with what was typed (an edit from the form),
        keep the file's version, or write over it (asked again should the file change once more); for a
        removed activity, add it back with the user's values.
        """
        edit = job.edit
        path = edit.path
        known = collision.current or job.restore or {}
        title = safe(str(known.get("title", edit.activity_id)), 60)
        dropped = _("Your change was dropped; showing the file as it is on disk.")
        if collision.gone and edit.kind == "delete":
            self.notify(_("“{title}” was already removed from {file}; nothing to delete.").format(
                title=title, file=safe(path)), severity="warning")
            self.read_again([path])
            return
        if collision.gone:
            question = Text(_("{file}: “{title}” was removed from the file while you were changing it. "
                              "Nothing was written.").format(file=safe(path), title=title))
            choices = [("add", _("Add it back with my values")), ("disk", _("Drop my change"))]
        else:
            if edit.kind == "delete":
                question = Text(_("{file}: “{title}” was changed on disk after you asked to delete it. "
                                  "Nothing was deleted.").format(file=safe(path), title=title))
                line = _("{field}: on disk {disk} · when you asked {mine}")
                choices = [("disk", _("Keep it as the file has it")), ("mine", _("Delete it anyway"))]
            else:
                question = Text(_("{file}: “{title}” was changed on disk while you were changing it. "
                                  "Nothing was written.").format(file=safe(path), title=title))
                line = _("{field}: on disk {disk} · yours {mine}")
                choices = [("disk", _("Keep the file's version and drop my change")),
                           ("mine", _("Keep mine: write my values over the file's"))]
            names = _field_names()
            for key, (disk, mine) in collision.fields.items():
                question.append("\n  ")
                question.append(line.format(field=safe(names.get(key, key), 40), disk=_shown(disk),
                                            mine=_shown(mine)))
        question.append("\n" + _("What now?"))
        if job.revise is not None:
            choices.insert(0, ("form", _("Back to the form, with what I typed")))

        def decided(choice: str | None) -> None:
            if choice is None and job.revise is not None:
                choice = "form"
            if choice == "form" and job.revise is not None:
                job.revise(collision)
            elif choice == "mine":
                self._enqueue(replace(job, edit=collision.rebased()))
            elif choice == "add" and job.restore is not None:
                values = {k: v for k, v in job.restore.items() if v is not None}
                self.save(Edit("add", path, values=values, label=edit.label), done=_("Activity added back."),
                          failed=job.failed)
            else:
                self.read_again([path], then=lambda: self.notify(dropped))

        self.push_screen(Choose(question, choices), decided)

    def _writable_entry(self) -> Entry | None:
        entry = self.entry
        if entry is None or entry.ledger.cycle is None:
            self.notify(_("Choose a ledger that reads without errors first."), severity="warning")
            return None
        if entry.broken:
            self.notify(_("This ledger is read-only until its file is fixed."), severity="error")
            return None
        if entry.pending:
            self.notify(_("{path} is still being read; try again in a moment").format(
                path=safe(os.path.basename(entry.path))), severity="warning")
            return None
        return entry

    def _selected_activity(self) -> tuple[Entry, Activity] | None:
        entry = self._writable_entry()
        if entry is None:
            return None
        activity = self.current_activity
        if activity is None:
            self.notify(_("Select an activity first."), severity="warning")
            return None
        return entry, activity

    # ------------------------------------------------------------------------------ actions

    def action_add(self) -> None:
        _form_key_is_for_the_app(self)
        entry = self._writable_entry()
        if entry is None:
            return
        from cpetui.ui.formspec import form_spec

        assert entry.ledger.cycle is not None
        path = entry.path
        form = ActivityForm(entry.ledger.cycle, form_spec(entry.ledger.cycle),
                            {"date": self.session.as_of}, activity_id="new-activity",
                            heading=_("Add an activity to {credential}").format(
                                credential=safe(entry.credential, 40)))

        def added(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            clean = {k: v for k, v in values.items() if v is not None}
            self.save(Edit("add", path, values=clean, label=_("add")), done=_("Activity added."),
                      failed=lambda: self.push_screen(form.again(values), added))

        self.push_screen(form, added)

    def action_edit(self) -> None:
        _form_key_is_for_the_app(self)
        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
        from cpetui.ui.formspec import form_spec

        assert entry.ledger.cycle is not None
        old = activity_values(activity)
        form = ActivityForm(entry.ledger.cycle, form_spec(entry.ledger.cycle, keep=activity.type), old,
                            activity_id=activity.id,
                            heading=_("Edit {title}").format(title=safe(activity.title, 60)))

        def edited(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            changes = {k: v for k, v in values.items() if old.get(k) != v}
            if not changes:
                self.notify(_("Nothing changed."))
                return

            def revise(collision: Collision) -> None:
                # Back to the form: the user has now seen the file's values, so they are the new start.
                if collision.current is not None:
                    old.update({k: collision.current.get(k) for k in collision.fields})
                self.push_screen(form.again(values), edited)

            # `base`: a field someone else changed in the file since the form opened is not written over
            # (the watcher may have read their change in the meantime; Session.perform checks).
            self.save(Edit("update", entry.path, activity.id, changes, label=_("edit"),
                           base={k: old.get(k) for k in changes}),
                      done=_("Activity saved."), failed=lambda: self.push_screen(form.again(values), edited),
                      restore={**old, **changes}, revise=revise)

        self.push_screen(form, edited)

    def action_delete(self) -> None:
        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
        name = safe(os.path.basename(entry.path))
        question = Text(_("Delete this activity from {file}?").format(file=name))
        question.append("\n\n" + format_date(activity.date) + "  ")
        question.append(safe(activity.title, 200), "bold")
        question.append("\n" + _("id: {id}").format(id=safe(activity.id, 120)), "dim")
        question.append("\n\n" + _("u undoes it."), "dim")
        seen = activity_values(activity)  # deleted only while the file still holds it like this

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(Edit("delete", entry.path, activity.id, label=_("delete"), base=seen),
                          done=_("Activity deleted (u undoes it)."), restore=seen)

        self.push_screen(Confirm(question, _("Delete")), answered)

    def action_undo(self, anywhere: bool = False) -> None:
        """Undo the last change to the ledger in view (`anywhere`: to any ledger)."""
        if self.busy:
            self.notify(_("Still saving; undo again in a moment."))
            return
        step = self.session.history.last_undo(None if anywhere else self.selected)
        if step is None:
            elsewhere = self.session.history.last_undo(None)
            self.notify(_("Nothing to undo in this ledger; the last change was to {file} "
                          "(the palette's \"Undo the last change in any ledger\" undoes it).").format(
                              file=safe(os.path.basename(elsewhere.path))) if elsewhere is not None
                        else _("Nothing to undo."))
            return
        self._enqueue(SaveJob(step, undo=True, done=_("Undone in {file}: {what}.").format(
            file=safe(os.path.basename(step.path)), what=step_words(step))))

    def action_redo(self, anywhere: bool = False) -> None:
        """Make again the change last undone in the ledger in view (`anywhere`: in any ledger)."""
        if self.busy:
            self.notify(_("Still saving; redo again in a moment."))
            return
        step = self.session.history.last_redo(None if anywhere else self.selected)
        if step is None:
            self.notify(_("Nothing to redo in this ledger.") if not anywhere else _("Nothing to redo."))
            return
        self._enqueue(SaveJob(step, redo=True, done=_("Redone in {file}: {what}.").format(
            file=safe(os.path.basename(step.path)), what=step_words(step))))

    def action_submitted(self) -> None:
        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
        if activity.submitted is not None:
            self.notify(_("Already submitted on {day}.").format(day=format_date(activity.submitted)))
            return
        self.save(Edit("update", entry.path, activity.id, {"submitted": self.session.as_of},
                       label=_("mark submitted"), base={"submitted": None}),
                  done=_("Marked as submitted on {day}.").format(day=format_date(self.session.as_of)),
                  restore={**activity_values(activity), "submitted": self.session.as_of})

    def action_submitted_on(self) -> None:
        """Mark submitted on a chosen day: the selected activity, or every unsubmitted one shown."""
        from cpetui.ui.screens.submit import SubmitScreen

        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
        shown = [r.id for r in self.query_one(ActivityTable).matching if r.submitted is None]

        def chosen(answer: tuple[date, bool] | None) -> None:
            if answer is None:
                return
            day, every = answer
            ids = shown if every else [activity.id]
            if not ids:
                self.notify(_("Already submitted on {day}.").format(day=format_date(activity.submitted)))
                return
            for n, aid in enumerate(ids, 1):
                current = entry.ledger.activity(aid)
                last = n == len(ids)
                self.save(Edit("update", entry.path, aid, {"submitted": day}, label=_("mark submitted"),
                               title=current.title if current else "", base={"submitted": None}),
                          done=(ngettext("Marked {n} activity as submitted on {day}.",
                                         "Marked {n} activities as submitted on {day} (u undoes them one "
                                         "at a time).", len(ids)).format(n=len(ids), day=format_date(day))
                                if last else None))

        self.push_screen(SubmitScreen(self.session.as_of, activity.title, len(shown)), chosen)

    def action_copy(self) -> None:
        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
        from cpetui.ui.screens.copy import CopyScreen, targets_for

        targets = targets_for(self.session.entries.values(), entry.path, activity.id)
        if not targets:
            self.notify(_("There is no other ledger to copy into."), severity="warning")
            return

        def chosen(picked: list[tuple[str, dict[str, Any]]] | None) -> None:
            for target, changes in picked or ():  # one edit per ledger: each is undone on its own
                self.save(Edit("copy", entry.path, activity.id, changes or None, target=target,
                               label=_("copy")),
                          done=_("Copied into {file}.").format(file=safe(os.path.basename(target))))

        self.push_screen(CopyScreen(activity, entry.ledger, targets, self.session.as_of), chosen)

    def action_editor(self) -> None:
        entry = self.entry
        if entry is None:
            return
        activity = self.current_activity
        line = 1
        if entry.problems:
            line = entry.problems[0].source.line
        elif activity is not None:
            line = activity.source.line
        argv = editor_argv(entry.path, line)

        def run() -> None:
            try:
                subprocess.run(argv, check=False)  # noqa: S603 - an argv list, never a shell
            except OSError as exc:
                self.notify(_("Could not start the editor {program}: {reason}").format(
                    program=safe(argv[0]), reason=exc.strerror or exc), severity="error")

        try:
            with self.suspend():
                run()
        except SuspendNotSupported:  # no terminal to hand over (tests, web): run it anyway
            run()
        self.read_again([entry.path])

    def action_evidence(self) -> None:
        entry = self.entry
        activity = self.current_activity
        if entry is None or activity is None:
            self.notify(_("Select an activity first."), severity="warning")
            return
        if not activity.evidence:
            self.notify(_("This activity lists no evidence. Add files or URLs with e."), severity="warning")
            return
        for item in activity.evidence:
            target, why = evidence_target(entry.path, item)
            if target is None:
                self.notify(why, severity="error", markup=False)
                continue
            failure = open_detached(opener_argv(target))
            if failure:
                self.notify(failure, severity="error", markup=False)
            else:
                self.notify(_("Opening {target}").format(target=safe(item, 80)), timeout=3, markup=False)

    def action_next_cycle(self) -> None:
        if self.entry is None:  # nothing to continue: start a first ledger
            self.action_new_ledger()
            return
        entry = self._writable_entry()
        if entry is None:
            return
        if entry.status is None:
            self.notify(_("The rules cannot tell when this cycle ends: {why}").format(
                why=safe(entry.rules_error)), severity="error")
            return
        start = entry.status.cycle_end + timedelta(days=1)
        following = next((e for e in self.session.entries.values()
                          if e.ledger.cycle is not None and e.credential == entry.credential
                          and e.ledger.cycle.start == start), None)
        if following is not None:
            def go(yes: bool | None) -> None:
                if yes:
                    self.selected = following.path
                    self.render_all()

            self.push_screen(Confirm(Text(_("The next {credential} cycle already has its ledger: {file}. "
                                            "Open it?").format(credential=safe(entry.credential, 20),
                                                               file=safe(os.path.basename(following.path)))),
                                     _("Open")), go)
            return
        path = next_cycle_path(entry, start)
        text = next_cycle_text(entry, start)
        question = Text(_("Start the next {credential} cycle on {start} in {file}, "
                          "with {carry} credits carried over?").format(
            credential=safe(entry.credential, 20), start=format_date(start),
            file=safe(os.path.basename(path)), carry=num(entry.status.carryover_out)))
        question.append("\n\n" + _("u undoes it: the new file is deleted while it is unchanged."), "dim")

        def created(outcome: Outcome) -> None:
            self.selected = path
            self._rewatch()
            self.render_all()

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(Edit("create", path, values={"text": text}, label=_("start the next cycle")),
                          done=_("Created {file}. u deletes it again while it is unchanged.").format(
                              file=safe(path)),
                          then=created)

        self.push_screen(Confirm(question, _("Create")), answered)

    def action_new_ledger(self) -> None:
        """Start a ledger for any program and credential (the first one, or another credential)."""
        from cpetui.ui.screens.new_ledger import NewLedgerScreen

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            path, text = answer

            def created(outcome: Outcome) -> None:
                self.selected = path
                self._rewatch()
                self.render_all()

            self.save(Edit("create", path, values={"text": text}, label=_("start a ledger"),
                           title=os.path.basename(path)),
                      done=_("Created {file}. u deletes it again while it is unchanged.").format(
                          file=safe(path)), then=created)

        self.push_screen(NewLedgerScreen(self._ledger_folder()), chosen)

    def _ledger_folder(self) -> str:
        """Where a new ledger goes: the folder opened (the first one), else the selected ledger's."""
        for path in self.session.paths:
            if os.path.isdir(path):
                return path
        if self.entry is not None:
            return os.path.dirname(self.entry.path) or "."
        return os.path.dirname(self.session.paths[0]) if self.session.paths else "."

    # ------------------------------------------------------------------------------ palette

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one hook for an error nothing handled (the app ends after it): keep what the user
        # typed into an open form first. tests/ui/test_textual_internals.py pins that it exists.
        from cpetui.ui.rescue import save_forms

        self.rescued = (*self.rescued, *save_forms(self.screen_stack))
        super()._handle_exception(error)

    def action_command_palette(self) -> None:
        from cpetui.ui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands (theme, keys, screenshot, quit …), in the interface language.
        for command in super().get_system_commands(screen):
            yield command._replace(
                title=_(command.title) if command.title in _TEXTUAL_WORDS else command.title,
                help=_(command.help) if command.help in _TEXTUAL_WORDS else command.help)
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in ("quit", "help"):
                continue
            yield SystemCommand(binding.description, _("key: {key}").format(key=key_label(binding)),
                                _bound(self, binding.action))
        # The table's keys (filter, sort, reverse, pages) work from anywhere: they open its tab first.
        for binding in ActivityTable.BINDINGS:
            assert isinstance(binding, Binding)
            yield SystemCommand(binding.description, _("key: {key}").format(key=key_label(binding)),
                                _on_table(self, binding.action))
        yield SystemCommand(_("New ledger…"), _("start a ledger for a program and credential"),
                            self.action_new_ledger)
        yield SystemCommand(_("Undo the last change in any ledger"),
                            _("even one not in view; it says which file it changes"),
                            lambda: self.action_undo(anywhere=True))
        yield SystemCommand(_("Redo the last undone change in any ledger"),
                            _("even one not in view; it says which file it changes"),
                            lambda: self.action_redo(anywhere=True))
        yield SystemCommand(_("Help"), _("every key and filter term") + " · " + _("key: {key}").format(
            key="?"), self.action_help)


# Textual's system commands, marked for the catalogues (Textual itself has none).
_TEXTUAL_WORDS = frozenset((
    N_("Bell"),
    N_("Ring the bell"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
))

# Dialogs are imported when first opened: start-up pays only for the main screen.


def Choose(*args: Any) -> Any:  # noqa: N802 - stands for the screen class
    from cpetui.ui.screens.choose import Choose as screen

    return screen(*args)


def Confirm(*args: Any) -> Any:  # noqa: N802
    from cpetui.ui.screens.confirm import Confirm as screen

    return screen(*args)


def _form_key_is_for_the_app(app: App) -> None:
    """`a` and `e` are priority keys: in a dialog or a text box they are the letter typed there."""
    from textual.actions import SkipAction
    from textual.widgets import Input

    if not isinstance(app.screen, MainScreen) or isinstance(app.focused, Input):
        raise SkipAction()


def ActivityForm(*args: Any, **kwargs: Any) -> Any:  # noqa: N802
    from cpetui.ui.screens.form import ActivityForm as screen

    return screen(*args, **kwargs)


def HelpScreen() -> Any:  # noqa: N802
    from cpetui.ui.screens.help import HelpScreen as screen

    return screen()


def TABS() -> list[tuple[str, str]]:  # noqa: N802 - a constant, translated when asked for
    return [("tab-activities", _("Activities")), ("tab-findings", _("Findings")), ("tab-chart", _("Chart"))]


def _findings():  # type: ignore[no-untyped-def]
    from cpetui.ui.widgets.findings import FindingsList

    return FindingsList()


def _chart():  # type: ignore[no-untyped-def]
    from cpetui.ui.widgets.chart import CreditChart

    return CreditChart()


def _field_names() -> dict[str, str]:
    from cpetui.ui.screens.form import labels

    return labels()


def _shown(value: Any) -> str:
    """A value in a collision question: as the form shows it (dates as people write them)."""
    if value is None:
        return _("(not set)")
    if isinstance(value, date):
        return format_date(value)
    from cpetui.ui.screens.form import field_text

    return safe(field_text(value), 60) or "[]"


def _bound(app: App, action: str):  # type: ignore[no-untyped-def]
    async def run() -> None:
        await app.run_action(action)

    return run


def _on_table(app: CpetuiApp, action: str):  # type: ignore[no-untyped-def]
    async def run() -> None:
        app.action_tab("tab-activities")
        await app.run_action(action, app.query_one(ActivityTable))

    return run


_MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Meta", "super": "Super"}


def key_label(binding: Binding) -> str:
    """A binding's keys as people write them: `u,ctrl+z` is `u / Ctrl+Z`, `greater_than_sign` is `>`."""
    from textual.keys import format_key

    if binding.key_display:
        return binding.key_display
    labels = []
    for key in binding.key.split(","):
        *modifiers, name = key.strip().split("+")
        shown = format_key(name)
        if modifiers and len(shown) == 1:
            shown = shown.upper()
        labels.append("+".join([*(_MODIFIERS.get(m, m.title()) for m in modifiers), shown]))
    return " / ".join(labels)


def _ordered_paths(entries: Iterable[Entry]) -> list[str]:
    from cpetui.ledger.order import ordered

    return [e.path for e in ordered(entries)]


def step_words(step: Edit) -> str:
    """What an undo or redo step does, in words: "add 'Cloud Security Congress'"."""
    if not step.title:
        return step.label
    return _("{what} “{title}”").format(what=step.label, title=safe(step.title, 60))


def run_app(paths: Sequence[str] = ()) -> int:
    """Open the app on `paths` (none: the folder `cpetui where` names); the shell's exit code."""
    app = CpetuiApp(paths)
    result = app.run()
    for path in app.rescued:
        print(_("Your unsaved form input is in {path}").format(path=path))
    # An unexpected error ends the app with Textual's return code 1 and no result: say so to the shell.
    return app.return_code or int(result or 0)
