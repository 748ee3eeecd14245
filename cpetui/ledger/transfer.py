"""Copying an activity into another ledger: its type mapped, keys the target lacks dropped, credits previewed.

Pure: rules knowledge, no I/O, no Textual. `plan()` says what the copy changes and what it must ask;
the answers go back into `plan()`; `preview()` counts the copy by the target's rules.

Decision on `submitted` / `auto_submitted`: never carried into another ledger, even of the same
program. They record that *this* claim reached the body for *this* credential and cycle; a copy has
not been sent anywhere yet. ISC2 takes CPEs per credential (a CISSP's submission does not claim them
for a CCSP), and another program's body never saw it at all. The user marks the copy submitted once
it is.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from cpetui.frozen import replace
from cpetui.i18n import _
from cpetui.model import MEASURE_KEYS, Activity, Cycle, Explanation, Ledger, Measure

if TYPE_CHECKING:
    from cpetui.rules.spec import Version

# Types of different programs that mean the same kind of activity. A source type in one row maps to
# that row's type in the target program when there is exactly one; with several, the user chooses
# (these come first). Only rows whose meaning is the same on both sides: anything else is asked.
EQUIVALENTS: tuple[Mapping[str, tuple[str, ...]], ...] = (
    # attending a course, seminar, webinar or conference
    {"isc2": ("education",), "offsec": ("courses-seminars", "webinar"), "acfe": ("participant",),
     "iia": ("education",), "iia-japan": ("education",)},
    # teaching a course or speaking at an event
    {"offsec": ("public-speaking",), "acfe": ("instructor",), "iia": ("instructor",),
     "iia-japan": ("speaking",)},
    # writing a published article, paper or book
    {"isc2": ("publishing-article", "publishing-book"), "offsec": ("white-paper",), "acfe": ("author",),
     "iia": ("writing",), "iia-japan": ("writing-article", "writing-book")},
    # self-study
    {"acfe": ("self-study",), "iia": ("self-study",)},
)
# Type ids spelled alike across programs that do not mean the same ("other": whatever each body
# leaves over), so the same id is no match for them.
NOT_ALIKE = frozenset({"other"})

# Quantities an activity states; the rest of the measure keys qualify them (role, venue …).
QUANTITIES = ("hours", "minutes", "sessions", "credits", "semester_hours", "ceus", "months")
_TIME = ("minutes", "hours")  # what a length of time can be written as, in this order
PROGRAM_KEYS: Mapping[str, str] = {"organizer_address": "iia-japan", "organizer_phone": "iia-japan"}


@dataclasses.dataclass(frozen=True, slots=True)
class Choice:
    """One answer to a question: the value written, its name, and what it means."""

    value: str
    label: str
    description: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Question:
    """Something the copy needs from the user: `key` is the ledger key the answer is written to."""

    key: str  # "type" | "group" | "field"
    prompt: str
    choices: tuple[Choice, ...]
    suggested: tuple[str, ...] = ()  # the likeliest values, listed first
    answer: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    """How one activity goes into one target ledger."""

    activity: Activity  # as it is in the source ledger
    target: Cycle
    type: str | None  # the type in the target (None: still to be chosen)
    type_reason: str  # why that type, in words
    changes: Mapping[str, Any]  # keys to write over the copied activity; None removes a key
    dropped: tuple[tuple[str, str], ...] = ()  # (key, why) for each key removed or rewritten
    notes: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    problem: str = ""  # why the rules cannot say (the copy is then refused)
    type_label: str = ""  # the type's name in the target program

    @property
    def ready(self) -> bool:
        """Every question answered and nothing in the way."""
        return not self.problem and all(q.answer for q in self.questions)

    def copied(self) -> Activity:
        """The activity as the target ledger will hold it."""
        return apply_changes(self.activity, self.changes)


def apply_changes(activity: Activity, changes: Mapping[str, Any]) -> Activity:
    """`activity` with ledger keys changed (None removes), as the parser would read the result."""
    fields: dict[str, Any] = {}
    measure: dict[str, Any] = {}
    for key, value in changes.items():
        if key in MEASURE_KEYS:
            measure[key] = tuple(value) if key == "sessions" and value is not None else value
        elif key == "evidence":
            fields[key] = tuple(value or ())
        elif key == "auto_submitted":
            fields[key] = bool(value)
        elif key in ("group", "field", "type") and value is not None:
            fields[key] = value.strip().upper() if key == "group" else value.strip().lower()
        else:
            fields[key] = value
    if measure:
        fields["measure"] = replace(activity.measure, **measure)
    return replace(activity, **fields)


def plan(activity: Activity, source: Cycle, target: Cycle, answers: Mapping[str, str] | None = None, *,
         source_dir: str = "", target_dir: str = "") -> Plan:
    """What copying `activity` from a `source` ledger into a `target` ledger changes and asks.

    `answers` holds the user's answers to earlier questions (key → value). `source_dir` and
    `target_dir`, the ledgers' folders, rebase evidence paths when they differ.
    """
    from cpetui.rules import RulesError
    from cpetui.rules.resolve import canonical_cycle, version_of

    answers = answers or {}
    changes: dict[str, Any] = {}
    dropped: list[tuple[str, str]] = []
    notes: list[str] = []
    for key in ("submitted", "auto_submitted"):
        if getattr(activity, key):
            changes[key] = None
            dropped.append((key, _("it was sent for {credential}; mark the copy submitted once it is sent "
                                   "for {target}").format(credential=source.credential,
                                                          target=target.credential)))
    try:
        dst = version_of(canonical_cycle(target))
    except (RulesError, KeyError) as exc:
        finding = getattr(exc, "finding", None)
        why = finding.message if finding is not None else _("unknown program '{program}'").format(
            program=target.program)
        return Plan(activity, target, None, "", changes, tuple(dropped), problem=why)
    try:
        src = version_of(canonical_cycle(source))
    except (RulesError, KeyError):
        src = None
    same = source.program.strip().lower() == target.program.strip().lower()

    # -- the type
    src_type = activity.type or (src.default_type if src is not None else None)
    questions: list[Question] = []
    chosen, reason, suggested = _map_type(src_type, src, dst, same)
    if chosen is None:
        choices = tuple(Choice(t.id, _(t.label), _(t.how)) for t in dst.types.values() if t.eligible)
        first = [c for c in choices if c.value in suggested]
        rest = [c for c in choices if c.value not in suggested]
        answer = answers.get("type")
        answer = answer if answer in {c.value for c in choices} else None
        questions.append(Question("type", _("Type in {credential}").format(credential=target.credential),
                                  (*first, *rest), tuple(suggested), answer))
        if answer is not None:
            chosen, reason = answer, _("chosen")
    if chosen is not None and chosen != activity.type and not (
            same and activity.type is None and chosen == dst.default_type):
        changes["type"] = chosen
    t = dst.types.get(chosen) if chosen is not None else None

    # -- ISC2 groups
    if activity.group is not None and not dst.groups:
        changes["group"] = None
        dropped.append(("group", _("{program} has no groups").format(program=_label(dst.program))))
    elif dst.groups and t is not None:
        if len(t.groups) == 1:
            if activity.group not in (None, t.groups[0]):
                changes["group"] = t.groups[0]
        elif same and (activity.group is None or activity.group in t.groups):
            # The same program: as the source has it (no group there is no group here either).
            if source.credential != target.credential and activity.group == "A":
                notes.append(_("Group A kept: check that it is in {credential}'s domains").format(
                    credential=target.credential))
        else:
            answer = answers.get("group")
            answer = answer if answer in t.groups else None
            prompt = _("Group in {credential}").format(credential=target.credential)
            questions.append(Question("group", prompt,
                                      (Choice("A", _("Group A"), _("in the credential's domains")),
                                       Choice("B", _("Group B"), _("general professional development"))),
                                      answer=answer))
            if answer is not None:
                changes["group"] = answer

    # -- fields of study (ACFE, IIA)
    fields = _field_choices(dst.fields)
    if activity.field is not None and activity.field not in fields:
        changes["field"] = None
        dropped.append(("field", _("{program} has no field '{field}'").format(
            program=_label(dst.program), field=activity.field) if fields else
            _("{program} has no fields of study").format(program=_label(dst.program))))
    if "fraud" in dst.fields and activity.field not in fields and (t is None or t.fields) and not (
            same and activity.field is None):
        from cpetui.rules.words import field_label

        answer = answers.get("field")
        answer = answer if answer in fields else None
        questions.append(Question("field", _("Field of study in {credential}").format(
            credential=target.credential), tuple(Choice(f, field_label(f)) for f in fields), answer=answer))
        if answer is not None:
            changes["field"] = answer

    # -- keys only another program reads
    for key, program in PROGRAM_KEYS.items():
        if getattr(activity, key) is not None and program != dst.program:
            changes[key] = None
            dropped.append((key, _("only {program} reads it").format(program=_label(program))))
    read = {m for ty in dst.types.values() for m in ty.measures}
    for key, value in activity.measure.given().items():
        if key not in read and key not in QUANTITIES and value is not None:
            changes[key] = None
            dropped.append((key, _("{program} does not read it").format(program=_label(dst.program))))
    if t is not None:
        _convert_time(activity.measure, t.measures, changes, dropped)

    # -- evidence beside another ledger
    moved = _rebased(activity.evidence, source_dir, target_dir)
    if moved != list(activity.evidence):
        changes["evidence"] = moved
        notes.append(_("evidence paths rewritten from the target ledger's folder"))
    label = _(t.label) if t is not None else ""
    return Plan(activity, target, chosen, reason, changes, tuple(dropped), tuple(notes), tuple(questions),
                type_label=label)


def _label(program: str) -> str:
    from cpetui.rules.registry import PROGRAMS

    p = PROGRAMS.get(program)
    return p.label if p is not None else program


def _map_type(src_type: str | None, src: Version | None, dst: Version,
              same: bool) -> tuple[str | None, str, tuple[str, ...]]:
    """(the target type or None, why, suggestions) for a source type."""
    if src_type is None:
        return None, "", ()
    own = dst.types.get(src_type)
    if own is not None and own.eligible and (same or src_type not in NOT_ALIKE):
        return src_type, _("the same type"), ()
    src_program = src.program if src is not None else ""
    candidates: list[str] = []
    for row in EQUIVALENTS:
        if src_type in row.get(src_program, ()):
            candidates += [c for c in row.get(dst.program, ()) if c in dst.types and dst.types[c].eligible
                           and c not in candidates]
    if len(candidates) == 1:
        src_label = _(src.types[src_type].label) if src is not None and src_type in src.types else src_type
        return candidates[0], _("“{source}” means the same as “{target}”").format(
            source=src_label, target=_(dst.types[candidates[0]].label)), ()
    return None, "", tuple(candidates)


def _field_choices(fields: tuple[str, ...]) -> tuple[str, ...]:
    if "fraud" in fields:
        return ("fraud", "ethics", "general")
    return ("ethics", "general") if fields else ()


def _convert_time(m: Measure, reads: tuple[str, ...], changes: dict[str, Any],
                  dropped: list[tuple[str, str]]) -> None:
    """A length of time the target type does not read, written as one it does (sessions → minutes)."""
    given = [k for k in QUANTITIES if getattr(m, k) is not None and changes.get(k, 0) is not None]
    if not given or any(k in reads for k in given):
        return
    minutes: float | None = None
    if m.sessions is not None:
        minutes, key = float(sum(m.sessions)), "sessions"
    elif m.minutes is not None:
        minutes, key = float(m.minutes), "minutes"
    elif m.hours is not None:
        minutes, key = m.hours * 60, "hours"
    if minutes is None:
        return
    into = next((k for k in _TIME if k in reads), None)
    if into is None:
        return
    value: float | int = round(minutes) if into == "minutes" else round(minutes / 60, 2)
    changes[key] = None
    changes[into] = value
    dropped.append((key, _("written as {key} = {value}").format(key=into, value=value)))


def _rebased(evidence: tuple[str, ...], source_dir: str, target_dir: str) -> list[str]:
    """Evidence paths (relative to the source ledger) made relative to the target ledger's folder."""
    if not source_dir or not target_dir or posixpath.normpath(source_dir) == posixpath.normpath(target_dir):
        return list(evidence)
    out = []
    for item in evidence:
        if "://" in item or posixpath.isabs(item) or item.startswith("~"):
            out.append(item)
        else:
            out.append(posixpath.relpath(posixpath.join(source_dir, item), target_dir))
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class Preview:
    """What the copy counts in the target ledger, among its other activities, and why."""

    earned: float
    counted: float
    explanation: Explanation
    errors: tuple[str, ...] = ()  # the copy would make the target ledger fail `check`
    warnings: tuple[str, ...] = ()
    unit: str = "cpe"  # what the target's figures count (Status.unit)


def preview(p: Plan, target: Ledger, as_of: date) -> Preview | str:
    """The credits the copy counts in `target` by the target's rules; or why they cannot be computed."""
    from cpetui.rules import RulesError
    from cpetui.status import evaluate

    if p.problem:
        return p.problem
    if not p.ready:
        return _("answer the questions above to see the credits")
    copy = p.copied()
    ledger = replace(target, activities=(*target.activities, copy))
    try:
        # As of its own date too: an activity still to come is counted once it has come.
        status = evaluate(ledger, max(as_of, copy.date))
    except RulesError as exc:
        return exc.finding.message
    credit = status.credit_of(copy.id)
    if credit is None:
        return _("the rules cannot compute credits for this activity")
    mine = [f for f in status.findings if f.activity_id == copy.id]
    return Preview(credit.earned, credit.counted, credit.explanation,
                   tuple(f.message for f in mine if f.severity == "error"),
                   tuple(f.message for f in mine if f.severity == "warning"
                         and f.code != "evidence-not-found"), status.unit)
