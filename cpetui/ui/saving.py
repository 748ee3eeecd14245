"""Saving for the app: one save at a time in a worker, through the editing service, and the questions
asked when someone else changed the file meanwhile."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message

from cpetui.i18n import _, format_date
from cpetui.ledger.session import CannotUndo, Collision, Edit, Outcome, ReadOnly
from cpetui.ui.format import safe
from cpetui.ui.widgets.activities import ActivityTable

if TYPE_CHECKING:
    from cpetui.ui.app import CpetuiApp as _App
else:
    _App = object


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


class Saving(_App):
    """The app's save queue: edits saved in order in a worker thread; the screen follows each one.

    Mixed into CpetuiApp (which holds `session` and the reading side)."""

    _jobs: deque[SaveJob]
    _saving: bool

    class Saved(Message):
        """A save or an undo finished in its worker: what it produced, or why it failed."""

        def __init__(self, job: SaveJob, outcome: Outcome | None, error: Exception | None) -> None:
            super().__init__()
            self.job, self.outcome, self.error = job, outcome, error

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
            self.post_message(Saving.Saved(job, None, exc))
        else:
            self.post_message(Saving.Saved(job, outcome, None))

    @property
    def busy(self) -> bool:
        """A save or undo is queued or being written."""
        return self._saving or bool(self._jobs)

    def on_saving_saved(self, message: Saving.Saved) -> None:
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
        self.reselect()
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
        # The writer and the dialogs are imported when first needed, not before the first frame.
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

    def _collision(self, job: SaveJob) -> None:
        from cpetui.ui.screens.choose import Choose

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
        from cpetui.ui.screens.choose import Choose
        from cpetui.ui.screens.form import labels

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
            names = labels()
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



def _shown(value: Any) -> str:
    """A value in a collision question: as the form shows it (dates as people write them)."""
    if value is None:
        return _("(not set)")
    if isinstance(value, date):
        return format_date(value)
    from cpetui.ui.screens.form import field_text

    return safe(field_text(value), 60) or "[]"
