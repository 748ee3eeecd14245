"""The editing service the app and the CLI share: ledgers read, statuses computed, edits saved, undone."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from cpetui.frozen import replace
from cpetui.i18n import _
from cpetui.ledger.evidence import evidence_present
from cpetui.ledger.history import History
from cpetui.ledger.load import MAX_LEDGER_BYTES, discover, read_at_most, read_ledger
from cpetui.ledger.order import ordered
from cpetui.ledger.parse import parse_text
from cpetui.ledger.programs import use_programs
from cpetui.ledger.template import ledger_file_name
from cpetui.ledger.template import next_cycle_text as template_text
from cpetui.model import Activity, Ledger, Problem, Status
from cpetui.rules import RulesError, cycle_end
from cpetui.status import evaluate

EditKind = Literal["add", "update", "delete", "copy", "create", "remove", "import", "unimport", "cycle"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger as the app shows it.

    `ledger` is the last data that read without errors (or, for a file that never read cleanly, what
    could be read); `problems` holds the errors of the file as it is on disk now: while there are any,
    the entry is read-only and the last good data stays on screen.
    """

    path: str
    ledger: Ledger
    status: Status | None = None
    rules_error: str = ""
    problems: tuple[Problem, ...] = ()
    evidence: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    # Only the [cycle] header has been read so far (start-up reads the selected ledger first and
    # the others right after): shown in the sidebar, not yet editable.
    pending: bool = False

    @property
    def broken(self) -> bool:
        return bool(self.problems)

    @property
    def credential(self) -> str:
        return self.ledger.cycle.credential if self.ledger.cycle else os.path.basename(self.path)


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to one ledger, kept so it can be re-applied after a reload or undone."""

    kind: EditKind
    path: str
    activity_id: str | None = None
    # add: the activity; update, cycle: the changed keys (None removes); create / remove: {"text": …};
    # import: {"activities": [values, …]}; unimport: {"ids": [id, …]};
    # copy: the keys changed in the copy (another program's type, no `submitted` …; None removes)
    values: Mapping[str, Any] | None = None
    target: str | None = None  # copy: the ledger the activity goes to
    label: str = ""
    title: str = ""  # the activity's title (a created ledger's file name), to say what undo changes
    # update / delete: the activity's values the user saw when they started (update: the changed keys
    # only). When the file now holds something else there, the edit is refused (Collision). None: no check.
    base: Mapping[str, Any] | None = None


class ReadOnly(Exception):
    """The ledger's file does not read cleanly right now; edits wait until it is fixed."""


class Collision(Exception):
    """Someone else changed, since the user started the edit, what it writes; or removed the activity.

    `current`: the activity's values in the file now (None: it is no longer there); `fields`: each key
    in dispute → (the value in the file now, the edit's value: what it writes, or for a delete what the
    user saw). Nothing was written.
    """

    def __init__(self, edit: Edit, current: dict[str, Any] | None,
                 fields: dict[str, tuple[Any, Any]]) -> None:
        super().__init__(edit.path, edit.activity_id)
        self.edit = edit
        self.current = current
        self.fields = fields

    @property
    def gone(self) -> bool:
        return self.current is None

    def rebased(self) -> Edit:
        """The same edit meant to go over the file as it is now (the user said so)."""
        assert self.current is not None
        keys = self.current if self.edit.kind == "delete" else (self.edit.base or {})
        return replace(self.edit, base={k: self.current.get(k) for k in keys})


def check_base(edit: Edit, current: Activity | None) -> None:
    """Raise Collision when `current` (the activity in the file now) disagrees with the edit's base.

    An update collides on a key it writes that the file changed meanwhile to something else than the
    edit's value; changes to other keys are no collision (they merge). A delete collides on any change.
    """
    base = edit.base
    if base is None:
        return
    if current is None:
        raise Collision(edit, None, {})
    now = activity_values(current)
    if edit.kind == "delete":
        keys = [*now, *(k for k in base if k not in now)]
        fields = {k: (now.get(k), base.get(k)) for k in keys if now.get(k) != base.get(k)}
    else:
        mine = edit.values or {}
        fields = {k: (now.get(k), mine.get(k)) for k in base
                  if now.get(k) != base[k] and now.get(k) != mine.get(k)}
    if fields:
        raise Collision(edit, now, fields)


class CannotUndo(Exception):
    """An undo that would destroy something the user did since (a created ledger edited by hand)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one saved edit produced: the entries to show, how to undo it, the activity it touched."""

    entries: tuple[Entry, ...]
    inverse: Edit | None
    touched: str | None
    gone: tuple[str, ...] = ()


def activity_values(activity: Activity) -> dict[str, Any]:
    """The activity as ledger keys and plain values, in the order a ledger writes them."""
    values: dict[str, Any] = {"id": activity.id, "date": activity.date, "title": activity.title}
    for key in ("provider", "type", "group", "field", "organizer_address", "organizer_phone"):
        value = getattr(activity, key)
        if value is not None:
            values[key] = value
    values.update(activity.measure.given())
    if "sessions" in values:
        values["sessions"] = list(values["sessions"])
    if activity.evidence:
        values["evidence"] = list(activity.evidence)
    if activity.submitted is not None:
        values["submitted"] = activity.submitted
    if activity.auto_submitted:
        values["auto_submitted"] = True
    if activity.notes is not None:
        values["notes"] = activity.notes
    values.update(activity.extra)
    return values


def changes_between(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The keys to write to turn `old` into `new` (None removes a key)."""
    out = {k: v for k, v in new.items() if old.get(k) != v}
    out.update({k: None for k in old if k not in new})
    return out


def evaluate_entry(
    ledger: Ledger, as_of: date
) -> tuple[Status | None, str, Mapping[str, bool]]:
    """The ledger's status on `as_of`, or the rules' reason why there is none; and evidence presence."""
    if ledger.cycle is None:
        return None, "", MappingProxyType({})
    present = _evidence(ledger)
    present_map = MappingProxyType(dict(present or {}))
    try:
        return evaluate(ledger, as_of, evidence_present=present), "", present_map
    except RulesError as exc:
        finding = getattr(exc, "finding", None)
        return None, (finding.message if finding is not None else str(exc)), present_map


def _evidence(ledger: Ledger) -> Mapping[str, bool] | None:
    """Each evidence item → whether it exists (the ledger layer looks); None when it cannot say."""
    try:
        return evidence_present(ledger)
    except OSError:
        return None


_ACTIVITY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*activity[ \t]*\]\]", re.MULTILINE)


def read_head(path: str) -> Entry | None:
    """A pending entry from the file's [cycle] header alone (the text before the first [[activity]]).

    None when the header cannot tell (unreadable, not UTF-8, the cycle elsewhere or broken): such a
    file is read whole at once, so its errors are shown from the start.
    """
    try:
        with open(path, "rb") as fh:
            data = read_at_most(fh, MAX_LEDGER_BYTES + 1)
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if len(data) > MAX_LEDGER_BYTES:
        return None
    found = _ACTIVITY_HEADER.search(text)
    head = parse_text(text[: found.start()] if found else text, path)
    if head.cycle is None or not head.ok:
        return None
    return Entry(path, Ledger(path, head.cycle), pending=True)


class Session:
    """The ledgers the app holds, replaced whole on every change, and the undo history."""

    def __init__(self, paths: Sequence[str], as_of: date) -> None:
        self.paths = list(paths)
        self.as_of = as_of
        use_programs(self.paths)  # a user's own programs beside these ledgers are known to the rules
        self.entries: dict[str, Entry] = {}
        self.missing: list[Problem] = []
        self.history = History()

    # ------------------------------------------------------------------------------ reading

    def load(self) -> None:
        files, self.missing = discover(self.paths)
        self.entries = {}
        for path in files:
            self.entries[path] = self.entry_for(read_ledger(path), None)

    def read_first(self, prefer: str | None = None) -> tuple[dict[str, Entry], list[Problem], list[str]]:
        """What start-up shows first: `prefer` (else the first ledger in sidebar order) read whole, every
        other ledger's header only. Returns the entries, the missing paths' problems, and the paths
        still to read whole, in sidebar order. Changes nothing in the session (safe in a worker).
        """
        files, missing = discover(self.paths)
        entries: dict[str, Entry] = {}
        for path in files:
            entries[path] = read_head(path) or self.entry_for(read_ledger(path), None)
        order = [e.path for e in ordered(entries.values())]
        first = prefer if prefer in entries else (order[0] if order else None)
        if first is not None and entries[first].pending:
            entries[first] = self.entry_for(read_ledger(first), None)
        return entries, missing, [p for p in order if entries[p].pending]

    def refresh(self, path: str) -> Entry:
        """Re-read `path` from disk; a broken file keeps the last good data and shows its errors."""
        entry = self.entry_for(read_ledger(path), self.entries.get(path))
        self.entries[path] = entry
        return entry

    def install(self, entry: Entry) -> None:
        """Take an entry read by a worker (see `entry_for`)."""
        self.entries[entry.path] = entry

    def forget(self, path: str) -> None:
        self.entries.pop(path, None)

    def entry_for(self, ledger: Ledger, previous: Entry | None) -> Entry:
        """The entry for a freshly read `ledger`; reads nothing, changes nothing (safe in a worker)."""
        errors = tuple(p for p in ledger.problems if p.severity == "error")
        if errors and previous is not None and previous.ledger.cycle is not None:
            return replace(previous, problems=errors)
        status, why, present = evaluate_entry(ledger, self.as_of)
        return Entry(ledger.path, ledger, status, why, errors, present)

    def set_as_of(self, as_of: date) -> None:
        self.as_of = as_of
        for path, entry in list(self.entries.items()):
            status, why, present = evaluate_entry(entry.ledger, as_of)
            self.entries[path] = replace(entry, status=status, rules_error=why, evidence=present)

    # ------------------------------------------------------------------------------ writing
    #
    # `perform` does the file work and changes nothing in the session, so the app runs it in a worker
    # thread; `commit` takes its outcome on the UI thread. `apply` is both at once (headless use).

    def perform(self, edit: Edit) -> Outcome:
        """Save `edit` through the ledger layer and evaluate the result; the session is left as it was.

        Raises ReadOnly for a broken file, KeyError for an unknown ledger, and the store's
        SaveConflict / SaveError unchanged.
        """
        from cpetui.ledger import store  # tomlkit, imported when the first edit is saved

        if edit.kind == "create":
            return self._perform_create(edit)
        if edit.kind == "remove":
            return self._perform_remove(edit)
        entry = self._writable(edit.path)
        ledger = entry.ledger
        touched: str | None = edit.activity_id
        if edit.kind == "add":
            ledger, touched = store.add_activity(ledger, dict(edit.values or {}))
            inverse = Edit("delete", edit.path, touched, label=edit.label,
                           title=edit.title or str((edit.values or {}).get("title") or ""))
        elif edit.kind == "update":
            assert edit.activity_id is not None
            # The values as the file holds them (the ledger was read from exactly these bytes; the store
            # refuses to save over anything else), so undo restores what was there. Taken from the
            # model rather than by parsing the whole file again, which grows with the ledger.
            current = ledger.activity(edit.activity_id)
            check_base(edit, current)
            if current is None:
                raise KeyError(edit.activity_id)
            old = activity_values(current)
            changes = dict(edit.values or {})
            ledger = store.update_activity(ledger, edit.activity_id, changes)
            inverse = Edit("update", edit.path, edit.activity_id, {k: old.get(k) for k in changes},
                           label=edit.label, title=edit.title or current.title)
        elif edit.kind == "cycle":  # the [cycle] table's keys (`new` ending an Associate's cycle)
            ledger, old_cycle = store.update_cycle(ledger, dict(edit.values or {}))
            inverse = Edit("cycle", edit.path, values=old_cycle, label=edit.label, title=edit.title)
        elif edit.kind == "import":
            rows = [dict(v) for v in (edit.values or {}).get("activities", ())]
            ledger, ids = store.add_activities(ledger, rows)
            inverse = Edit("unimport", edit.path, values={"ids": ids, "activities": rows}, label=edit.label,
                           title=edit.title)
            touched = ids[0] if ids else None
        elif edit.kind == "unimport":
            ids = list((edit.values or {}).get("ids", ()))
            ledger = store.delete_activities(ledger, ids)
            again = (edit.values or {}).get("activities", [])
            inverse = Edit("import", edit.path, values={"activities": again}, label=edit.label,
                           title=edit.title)
        elif edit.kind == "delete":
            assert edit.activity_id is not None
            check_base(edit, ledger.activity(edit.activity_id))
            ledger, removed = store.delete_activity(ledger, edit.activity_id)
            inverse = Edit("add", edit.path, edit.activity_id, dict(removed), label=edit.label,
                           title=edit.title or str(removed.get("title") or ""))
        else:  # copy
            assert edit.activity_id is not None and edit.target is not None
            target = self._writable(edit.target)
            copied = store.copy_activity(ledger, edit.activity_id, target.ledger,
                                         dict(edit.values) if edit.values else None)
            source = ledger.activity(edit.activity_id)
            title = edit.title or (source.title if source is not None else "")
            return Outcome((self._evaluated(edit.target, copied),),
                           Edit("delete", edit.target, edit.activity_id, label=edit.label, title=title),
                           touched)
        return Outcome((self._evaluated(edit.path, ledger),), inverse, touched)

    def _perform_create(self, edit: Edit) -> Outcome:
        from cpetui.ledger import store

        text = str((edit.values or {})["text"])
        ledger = store.create_ledger(edit.path, text)
        inverse = Edit("remove", edit.path, values={"text": text}, label=edit.label,
                       title=edit.title or os.path.basename(edit.path))
        return Outcome((self._evaluated(edit.path, ledger),), inverse, None)

    def _perform_remove(self, edit: Edit) -> Outcome:
        """Undo of a created ledger: delete the file, but only while it holds exactly what was written."""
        text = str((edit.values or {})["text"])
        try:
            with open(edit.path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            return Outcome((), _recreate(edit), None, gone=(edit.path,))
        except OSError as exc:
            raise CannotUndo(_("cannot read {path}: {reason}").format(
                path=edit.path, reason=exc.strerror or exc)) from exc
        if data != text.encode("utf-8"):
            raise CannotUndo(_("{path} was changed after cpetui created it; it stays. "
                               "Delete it yourself if you no longer want it.").format(path=edit.path))
        try:
            os.remove(edit.path)
        except OSError as exc:
            raise CannotUndo(_("cannot delete {path}: {reason}").format(
                path=edit.path, reason=exc.strerror or exc)) from exc
        return Outcome((), _recreate(edit), None, gone=(edit.path,))

    def commit(self, outcome: Outcome, *, record: bool = True) -> None:
        """Take what `perform` did: install the new entries, forget removed files, remember the inverse."""
        for entry in outcome.entries:
            if entry.path not in self.entries and not self._covered(entry.path):
                self.paths.append(entry.path)  # a new file outside the folders read: keep it in view
            self.entries[entry.path] = entry
        for path in outcome.gone:
            self.forget(path)
            if path in self.paths:
                self.paths.remove(path)
        if record and outcome.inverse is not None:
            self.history.did(outcome.inverse)

    def apply(self, edit: Edit, *, record: bool = True) -> str | None:
        """Save `edit` and take the result at once; returns the id of the activity it touched."""
        outcome = self.perform(edit)
        self.commit(outcome, record=record)
        return outcome.touched

    def apply_add(self, edit: Edit, *, attempts: int = 20) -> str | None:
        """Save an add; when another writer saved the file first, read it again and add again.

        An added activity does not depend on the rest of the file, so applying it over the other
        writer's version loses nothing (an update or a delete would: those are refused instead and the
        user decides). Raises the last SaveConflict after `attempts` rounds, ReadOnly when the file no
        longer reads cleanly.
        """
        from cpetui.ledger.store import SaveConflict

        assert edit.kind == "add"
        for attempt in range(attempts):
            try:
                return self.apply(edit)
            except SaveConflict:
                if attempt == attempts - 1:
                    raise
                self.refresh(edit.path)
        return None  # attempts < 1

    def undo(self, path: str | None = None) -> Edit | None:
        """Revert the last change to the ledger `path` (any ledger: None); returns the edit that
        reverted it, or None when there is nothing to undo there."""
        step = self.history.last_undo(path)
        if step is None:
            return None
        outcome = self.perform(step)
        self.commit(outcome, record=False)
        self.history.undid(step, outcome.inverse)
        return step

    def redo(self, path: str | None = None) -> Edit | None:
        """Make again the change last undone in the ledger `path` (any: None); the edit, or None."""
        step = self.history.last_redo(path)
        if step is None:
            return None
        outcome = self.perform(step)
        self.commit(outcome, record=False)
        self.history.redid(step, outcome.inverse)
        return step

    def create(self, path: str, text: str, label: str = "") -> Entry:
        """Write a new ledger file (undo deletes it while it is unchanged)."""
        self.apply(Edit("create", path, values={"text": text}, label=label))
        return self.entries[path]

    def _covered(self, path: str) -> bool:
        """Whether `path` is one of the paths read, or inside one of the folders read."""
        real = os.path.realpath(path)
        return any(
            real == os.path.realpath(p)
            or (os.path.isdir(p) and real.startswith(os.path.realpath(p) + os.sep))
            for p in self.paths
        )

    def _writable(self, path: str) -> Entry:
        entry = self.entries.get(path)
        if entry is None:
            raise KeyError(path)
        if entry.pending:
            raise ReadOnly(_("{path} is still being read; try again in a moment").format(path=path))
        if entry.broken or entry.ledger.cycle is None:
            raise ReadOnly(
                _("{path} does not read cleanly; fix the file first (its errors are shown)").format(
                    path=path
                )
            )
        return entry

    def _evaluated(self, path: str, ledger: Ledger) -> Entry:
        status, why, present = evaluate_entry(ledger, self.as_of)
        return Entry(path, ledger, status, why, (), present)


def _recreate(remove: Edit) -> Edit:
    """Redo of an undone new ledger: write the same text again."""
    return replace(remove, kind="create")


def next_cycle_text(entry: Entry, start: date) -> str:
    """A new ledger for the cycle after `entry`'s, beside it: the text `cpetui new --from` writes."""
    assert entry.ledger.cycle is not None and entry.status is not None
    return template_text(entry.path, entry.ledger.cycle, entry.status, start)


def next_cycle_path(entry: Entry, start: date) -> str:
    """A file beside the old ledger, named as `cpetui new` names it (`cissp-2027-2030.toml`), that
    does not exist yet."""
    cycle = entry.ledger.cycle
    assert cycle is not None
    nxt = replace(cycle, start=start, end=None)
    try:
        end: date | None = cycle_end(nxt, entry.status.rules_version if entry.status else (cycle.rules or ""))
    except (RulesError, KeyError, ValueError):
        end = None
    folder = os.path.dirname(entry.path) or "."
    base = os.path.join(folder, ledger_file_name(cycle.credential, start, end).removesuffix(".toml"))
    path, n = base + ".toml", 2
    while os.path.exists(path):
        path, n = f"{base}-{n}.toml", n + 1
    return path
