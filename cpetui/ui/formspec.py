"""What the activity form asks for (from the program's rules version) and how its text becomes TOML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cpetui.i18n import _
from cpetui.ledger.parse import parse_text
from cpetui.model import MEASURE_KEYS, Activity, Cycle, Explanation, Problem

FIXED_KEYS = ("date", "title", "provider", "type", "group", "field")
TAIL_KEYS = ("evidence", "submitted", "notes")
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class TypeChoice:
    id: str
    label: str
    measures: tuple[str, ...]
    groups: tuple[str, ...] = ()
    fields: bool = False


@dataclass(frozen=True)
class FormSpec:
    """The program's activity types, and the groups or fields the form offers."""

    program: str
    types: tuple[TypeChoice, ...] = ()
    default_type: str | None = None
    groups: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    dimensions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the program's own (PMI's area), with values
    problem: str = ""  # why the rules could not say (the form then offers every measure)
    version: Any = field(default=None, compare=False)

    def type(self, type_id: str | None) -> TypeChoice | None:
        return next((t for t in self.types if t.id == type_id), None)

    def measures_for(self, type_id: str | None) -> tuple[str, ...]:
        choice = self.type(type_id)
        if choice is None or not choice.measures:
            return ("hours", "minutes", "credits")
        return choice.measures


def form_spec(cycle: Cycle, keep: str | None = None) -> FormSpec:
    """The form for `cycle`'s program and rules version: the types offered for a new activity (retired
    ones left out), and `keep`, the type of the activity being edited, whatever it is."""
    from cpetui.rules import RulesError, program_info, resolve_version

    try:
        info = program_info(cycle.program)
        version_id = resolve_version(cycle)
    except KeyError:
        return FormSpec(cycle.program, problem=_("unknown program '{program}'").format(program=cycle.program))
    except RulesError as exc:
        return FormSpec(cycle.program, problem=exc.finding.message)
    version = info.version(version_id)
    if version is None:
        return FormSpec(cycle.program, problem=_("no rules version applies to this cycle"))
    types = tuple(
        TypeChoice(t.id, t.label, tuple(t.measures), tuple(t.groups), t.reads_field)
        for t in version.activity_types if t.offered or t.id == keep
    )
    groups = ("A", "B") if info.uses_groups else ()
    return FormSpec(cycle.program, types, info.default_type, groups, tuple(info.field_choices),
                    info.dimensions, version=version_id)


# --------------------------------------------------------------------- typed text → TOML → Activity


def toml_string(value: str) -> str:
    out = []
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _literal(key: str, raw: str) -> str:
    """How a typed value is written into TOML: numbers, dates and lists bare; anything else quoted,
    so the parser's own messages ("hours must be a number, got text "1,5"") explain the mistake."""
    raw = raw.strip()
    if key in ("date", "submitted"):
        return raw if _is_date(raw) else toml_string(raw)
    if key == "sessions":
        parts = [p.strip() for p in raw.strip("[]").split(",") if p.strip()]
        if parts and all(p.isdigit() for p in parts):
            return "[" + ", ".join(parts) + "]"
        return toml_string(raw)
    if key == "evidence":
        items = [p.strip() for p in raw.split(",") if p.strip()]
        return "[" + ", ".join(toml_string(i) for i in items) + "]"
    if key in MEASURE_KEYS and key not in ("role", "venue", "exam_parts", "repeat"):
        return raw if _NUMBER.match(raw) else toml_string(raw)
    if key == "repeat":
        return "true" if raw.lower() in ("true", "yes", "1") else "false"
    return toml_string(raw)


def _is_date(raw: str) -> bool:
    # An impossible date written bare would be a TOML syntax error hiding every other field's error.
    try:
        date.fromisoformat(raw)
    except ValueError:
        return False
    return bool(_DATE.match(raw))


def typed_value(key: str, raw: str) -> Any:
    """A typed value as the plain Python value the ledger layer writes (only called once valid)."""
    import tomllib

    return tomllib.loads("v = " + _literal(key, raw))["v"]


@dataclass(frozen=True)
class Checked:
    """The form's text, read the way a ledger file is read."""

    activity: Activity | None
    errors: Mapping[str, str]  # field key ("measure": the measure fields as a whole) → message and hint
    values: Mapping[str, Any]  # plain values of the filled-in keys, ready for the ledger layer


def check(cycle: Cycle, raw: Mapping[str, str], activity_id: str, path: str = "form") -> Checked:
    """Validate the form's raw text through the ledger parser, so the form and files agree."""
    lines = ["[cycle]", f"program = {toml_string(cycle.program)}",
             f"credential = {toml_string(cycle.credential)}", f"start = {cycle.start.isoformat()}", "",
             "[[activity]]", f"id = {toml_string(activity_id)}"]
    line_of: dict[int, str] = {}
    filled: list[str] = []
    for key, text in raw.items():
        if not text.strip():
            continue
        line_of[len(lines) + 1] = key
        lines.append(f"{key} = {_literal(key, text)}")
        filled.append(key)
    ledger = parse_text("\n".join(lines) + "\n", path)
    errors: dict[str, str] = {}
    for p in ledger.problems:
        if p.severity != "error":
            continue
        # "No measure" belongs to the measure fields, not to the activity's first line (the title).
        key = "measure" if p.code == "missing-measure" else (
            line_of.get(p.source.line) or _missing_key(p) or "title")
        errors.setdefault(key, _message(p, key))
    activity = ledger.activities[0] if ledger.activities and not errors else None
    values = {k: typed_value(k, raw[k]) for k in filled} if activity is not None else {}
    return Checked(activity, errors, values)


def _missing_key(p: Problem) -> str | None:
    for key in (*FIXED_KEYS, *MEASURE_KEYS, *TAIL_KEYS):
        if f"'{key}'" in p.message:
            return key
    return None


def _message(p: Problem, key: str = "") -> str:
    # The parser's hints are written for a file ("write hours = 1.5"); beside a field, the value is
    # what to type ("write 1.5").
    hint = p.hint.replace(f"{key} = ", "") if key else p.hint
    return f"{p.message} — {hint}" if hint else p.message


@dataclass(frozen=True)
class Preview:
    """What the rules make of the activity on its own: earned, counted, why, and what stands in the way."""

    earned: float
    counted: float
    explanation: Explanation
    warnings: tuple[str, ...] = ()
    unit: str = "cpe"  # what the ledger's figures count (Status.unit)


def preview(cycle: Cycle, spec: FormSpec, activity: Activity) -> Preview | str:
    """The credits the rules give `activity` — its date, group, type and limits checked as the save
    will check them, the ledger's other activities (caps) aside — and why; or why they cannot."""
    from cpetui.model import Ledger
    from cpetui.rules import RulesError
    from cpetui.status import evaluate

    if spec.version is None:
        return spec.problem or _("the rules cannot compute credits for this ledger")
    try:
        # As of its own date: a date still to come is counted once it has come, not refused.
        status = evaluate(Ledger("", cycle, (activity,)), max(activity.date, cycle.start))
    except RulesError as exc:
        return exc.finding.message
    credit = status.credit_of(activity.id)
    if credit is None:
        return _("the rules cannot compute credits for this activity")
    warnings = tuple(f.message for f in status.findings
                     if f.activity_id == activity.id and f.severity in ("error", "warning")
                     and f.code not in ("missing-evidence", "evidence-not-found"))
    return Preview(credit.earned, credit.counted, credit.explanation, warnings, status.unit)
