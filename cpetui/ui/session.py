"""The app's state without Textual: ledgers read, statuses computed, edits saved and undone."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from cpetui.i18n import _
from cpetui.ledger.load import discover, read_ledger
from cpetui.model import Activity, Ledger, Problem, Status

EditKind = Literal["add", "update", "delete", "copy"]


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
    values: Mapping[str, Any] | None = None  # add: the activity; update: the changed keys (None removes)
    target: str | None = None  # copy: the ledger the activity goes to
    label: str = ""


class ReadOnly(Exception):
    """The ledger's file does not read cleanly right now; edits wait until it is fixed."""


def activity_values(activity: Activity) -> dict[str, Any]:
    """The activity as ledger keys and plain values, in the order a ledger writes them."""
    values: dict[str, Any] = {"id": activity.id, "date": activity.date, "title": activity.title}
    for key in ("provider", "type", "group", "field"):
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
    from cpetui.rules import RulesError
    from cpetui.status import evaluate

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
    from cpetui.ledger.evidence import evidence_present

    try:
        return evidence_present(ledger)
    except OSError:
        return None


class Session:
    """The ledgers the app holds, replaced whole on every change, and the undo history."""

    def __init__(self, paths: Sequence[str], as_of: date) -> None:
        self.paths = list(paths)
        self.as_of = as_of
        self.entries: dict[str, Entry] = {}
        self.missing: list[Problem] = []
        self.history: list[Edit] = []

    # ------------------------------------------------------------------------------ reading

    def load(self) -> None:
        files, self.missing = discover(self.paths)
        self.entries = {}
        for path in files:
            self.entries[path] = self.entry_for(read_ledger(path), None)

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

    def apply(self, edit: Edit, *, record: bool = True) -> str | None:
        """Save `edit` through the ledger layer; returns the id of the activity it touched.

        Raises ReadOnly for a broken file, and the store's SaveConflict / SaveError unchanged.
        """
        from cpetui.ledger import store

        entry = self._writable(edit.path)
        ledger = entry.ledger
        touched: str | None = edit.activity_id
        inverse: Edit | None = None
        if edit.kind == "add":
            values = dict(edit.values or {})
            ledger, touched = store.add_activity(ledger, values)
            inverse = Edit("delete", edit.path, touched, label=edit.label)
        elif edit.kind == "update":
            assert edit.activity_id is not None
            # The values as written in the file now, so undo restores exactly what was there.
            old = store.activity_values(ledger, edit.activity_id)
            changes = dict(edit.values or {})
            ledger = store.update_activity(ledger, edit.activity_id, changes)
            undo = {k: old.get(k) for k in changes}
            inverse = Edit("update", edit.path, edit.activity_id, undo, label=edit.label)
        elif edit.kind == "delete":
            assert edit.activity_id is not None
            ledger, removed = store.delete_activity(ledger, edit.activity_id)
            inverse = Edit("add", edit.path, edit.activity_id, dict(removed), label=edit.label)
        elif edit.kind == "copy":
            assert edit.activity_id is not None and edit.target is not None
            target = self._writable(edit.target)
            new_target = store.copy_activity(ledger, edit.activity_id, target.ledger)
            self._replace(edit.target, new_target)
            if record:
                self.history.append(Edit("delete", edit.target, edit.activity_id, label=edit.label))
            return edit.activity_id
        self._replace(edit.path, ledger)
        if record and inverse is not None:
            self.history.append(inverse)
        return touched

    def undo(self) -> Edit | None:
        """Revert the last change; returns the edit that reverted it, or None when there is nothing."""
        if not self.history:
            return None
        inverse = self.history[-1]
        self.apply(inverse, record=False)
        self.history.pop()
        return inverse

    def create(self, path: str, text: str) -> Entry:
        from cpetui.ledger import store

        ledger = store.create_ledger(path, text)
        if path not in self.paths and not any(
            os.path.isdir(p) and os.path.realpath(path).startswith(os.path.realpath(p) + os.sep)
            for p in self.paths
        ):
            self.paths.append(path)
        return self._replace(path, ledger)

    def _writable(self, path: str) -> Entry:
        entry = self.entries.get(path)
        if entry is None:
            raise KeyError(path)
        if entry.broken or entry.ledger.cycle is None:
            raise ReadOnly(
                _("{path} does not read cleanly; fix the file first (its errors are shown)").format(
                    path=path
                )
            )
        return entry

    def _replace(self, path: str, ledger: Ledger) -> Entry:
        status, why, present = evaluate_entry(ledger, self.as_of)
        entry = Entry(path, ledger, status, why, (), present)
        self.entries[path] = entry
        return entry


def next_cycle_text(entry: Entry, start: date) -> str:
    """A new ledger for the cycle after `entry`'s: same program and credential, carryover filled in."""
    from cpetui.ledger.template import new_ledger_text

    cycle = entry.ledger.cycle
    assert cycle is not None
    status = entry.status
    carry = status.carryover_out if status else 0.0
    note = ""
    if status is not None and carry:
        note = _("carried over from {file}").format(file=os.path.basename(entry.path))
        note = " ".join(note.split())  # a comment must stay on one line
    return new_ledger_text(
        cycle.program,
        cycle.credential,
        start,
        rules=cycle.rules,
        certified=cycle.certified,
        carryover_in=round(carry, 2),
        carryover_note=note,
        member_id=cycle.member_id,
        options=dict(cycle.options),
    )


def next_cycle_path(entry: Entry, start: date) -> str:
    """A file name beside the old ledger that sorts after it and does not exist yet."""
    cycle = entry.ledger.cycle
    assert cycle is not None
    folder = os.path.dirname(entry.path) or "."
    stem = "".join(ch if ch.isalnum() else "-" for ch in cycle.credential.lower()).strip("-") or "ledger"
    base = os.path.join(folder, f"{stem}-{start:%Y-%m}")
    path, n = base + ".toml", 2
    while os.path.exists(path):
        path, n = f"{base}-{n}.toml", n + 1
    return path
