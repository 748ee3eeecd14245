"""The app's editing actions: add, edit, delete, undo and redo, submitted, copy, new ledgers, the editor
and the evidence opener; each sends an edit to the save queue."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.actions import SkipAction
from textual.app import App, SuspendNotSupported
from textual.widgets import Input

from cpetui.i18n import _, format_date, ngettext
from cpetui.ledger.session import (
    Collision,
    Edit,
    Entry,
    Outcome,
    activity_values,
    next_cycle_path,
    next_cycle_text,
)
from cpetui.model import Activity
from cpetui.ui.format import num, safe
from cpetui.ui.saving import SaveJob
from cpetui.ui.system import editor_argv, evidence_target, open_detached, opener_argv
from cpetui.ui.widgets.activities import ActivityTable

if TYPE_CHECKING:
    from cpetui.ui.app import CpetuiApp as _App
else:
    _App = object


class Editing(_App):
    """The keys that change a ledger; mixed into CpetuiApp.

    Each dialog and form is imported by the action that opens it: none is part of the first frame,
    and importing them all up front would make the first paint visibly later (bench: app first paint).
    """

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

    def action_add(self) -> None:
        from cpetui.ui.formspec import form_spec
        from cpetui.ui.screens.form import ActivityForm

        _form_key_is_for_the_app(self)
        entry = self._writable_entry()
        if entry is None:
            return
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
        from cpetui.ui.formspec import form_spec
        from cpetui.ui.screens.form import ActivityForm

        _form_key_is_for_the_app(self)
        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
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
        from cpetui.ui.screens.confirm import Confirm

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
        from cpetui.ui.screens.copy import CopyScreen, targets_for

        found = self._selected_activity()
        if found is None:
            return
        entry, activity = found
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
        from cpetui.ui.screens.confirm import Confirm

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
        start = entry.status.renewed_on or entry.status.cycle_end + timedelta(days=1)
        following = next((e for e in self.session.entries.values()
                          if e.ledger.cycle is not None and e.credential == entry.credential
                          and e.ledger.cycle.start == start), None)
        if following is not None:
            def go(yes: bool | None) -> None:
                if yes:
                    self.selected = following.path
                    self.render_sidebar()

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
            self._rewatch()
            self.selected = path
            self.render_sidebar()

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(Edit("create", path, values={"text": text}, label=_("start the next cycle")),
                          done=_("Created {file}. u deletes it again while it is unchanged.").format(
                              file=safe(path)),
                          then=created)

        self.push_screen(Confirm(question, _("Create")), answered)

    def action_import(self) -> None:
        """Activities from a CSV or spreadsheet into the ledger in view, previewed first (one undo step)."""
        from cpetui.ui.screens.importing import ImportScreen

        entry = self._writable_entry()
        if entry is None:
            return

        def chosen(rows: list[dict[str, Any]] | None) -> None:
            if rows:
                self.save(Edit("import", entry.path, values={"activities": rows}, label=_("import")),
                          done=ngettext("Imported {n} activity (u undoes it).",
                                        "Imported {n} activities (u undoes them all).", len(rows)).format(
                                            n=len(rows)))

        self.push_screen(ImportScreen(entry, self.session.as_of), chosen)

    def action_new_ledger(self) -> None:
        """Start a ledger for any program and credential (the first one, or another credential)."""
        from cpetui.ui.screens.new_ledger import NewLedgerScreen

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            path, text = answer

            def created(outcome: Outcome) -> None:
                self._rewatch()
                self.selected = path
                self.render_sidebar()

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



def _form_key_is_for_the_app(app: App) -> None:
    """`a` and `e` are priority keys: in a dialog or a text box they are the letter typed there."""
    if app.screen is not app.screen_stack[0] or isinstance(app.focused, Input):
        raise SkipAction()


def step_words(step: Edit) -> str:
    """What an undo or redo step does, in words: "add 'Cloud Security Congress'"."""
    if not step.title:
        return step.label
    return _("{what} “{title}”").format(what=step.label, title=safe(step.title, 60))
