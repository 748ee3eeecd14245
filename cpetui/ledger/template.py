"""Writes the text of a new cycle's ledger: a filled-in [cycle] and comments that teach the format."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from cpetui.i18n import _

if TYPE_CHECKING:
    from cpetui.model import Cycle

SCHEMA_FILE = "ledger.schema.json"


def _commented(rows: list[tuple[str, str]]) -> str:
    """Example lines `key = value   # why`, commented out; the comments are in the interface language."""
    out = []
    for code, why in rows:
        # at least one space before the comment, also after a line longer than the column
        out.append(f"# {code} ".ljust(30) + f"# {why}" if why else f"# {code}")
    return "\n".join(out) + "\n"


def _example(program: str) -> str:
    """One commented example for `program`, as the program's data gives it (its own types, measures,
    groups or fields)."""
    from cpetui.rules import PROGRAMS

    found = PROGRAMS.get(program)
    if found is None or not found.example:
        return ""
    return _commented([(line, _(why) if why else "") for line, why in found.example])


class NewLedgerProblem(ValueError):
    """An answer the rules do not take for a new ledger: which one (program, credential, start,
    rules), what is wrong, and what to write instead."""

    def __init__(self, field: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.hint = hint


def resolve_cycle(program: str, credential: str, start: date, rules: str | None = None,
                  options: Mapping[str, Any] | None = None) -> tuple[str, str, date | None]:
    """Canonical program and credential spellings and the cycle's end, checked against the rules
    (what `cpetui new` and the app's new-ledger dialog both ask before writing)."""
    from types import MappingProxyType

    from cpetui.model import Cycle
    from cpetui.rules import PROGRAMS, RulesError, cycle_end, resolve_version

    info = PROGRAMS.get(program.strip().lower())
    if info is None:
        raise NewLedgerProblem("program", _("'{value}' is not a program cpetui knows; choose one of: {known}")
                               .format(value=program, known=", ".join(sorted(PROGRAMS))))
    canonical = info.credential(credential)
    if canonical is None:
        raise NewLedgerProblem("credential", _("'{value}' is not a credential of {program}; choose one of: "
                                               "{known}").format(value=credential, program=info.id,
                                                                  known=", ".join(info.credentials)))
    cycle = Cycle(info.id, canonical, start, rules=rules, options=MappingProxyType(dict(options or {})))
    try:
        version = resolve_version(cycle)
    except RulesError as exc:
        raise NewLedgerProblem("rules" if rules else "start", exc.finding.message,
                               exc.finding.hint) from exc
    return info.id, canonical, cycle_end(cycle, version)


def ledger_file_name(credential: str, start: date, end: date | None) -> str:
    """`cissp-2024-2027.toml`: the credential in lower case and the cycle's years (the app and
    `cpetui new` name ledgers alike)."""
    slug = re.sub(r"[^a-z0-9]+", "-", credential.lower()).strip("-") or "ledger"
    if end is None or end.year == start.year:
        return f"{slug}-{start.year}.toml"
    return f"{slug}-{start.year}-{end.year}.toml"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text if "." in text else text
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def new_ledger_text(
    program: str,
    credential: str,
    start: date,
    *,
    end: date | None = None,
    rules: str | None = None,
    certified: date | None = None,
    carryover_in: float = 0.0,
    carryover_note: str = "",
    member_id: str | None = None,
    options: Mapping[str, Any] | None = None,
    schema: str | None = None,
    earlier: tuple[tuple[date, float], ...] = (),
    earlier_note: str = "",
) -> str:
    """The text of a new ledger for one cycle, ready to be edited by hand or by cpetui."""
    lines: list[str] = []
    if schema:
        lines.append(f"#:schema {schema}")
    lines += [
        _("# cpetui ledger: one certification cycle. Edit by hand or with the cpetui app;"),
        _("# run `cpetui check` after editing; `cpetui programs` lists the activity types and measures."),
        "",
        "[cycle]",
        f"program = {_toml_value(program)}",
        f"credential = {_toml_value(credential)}",
        f"start = {_toml_value(start)}",
    ]
    if end:
        lines.append(f"end = {_toml_value(end)}")
    else:
        lines.append(_("# end = …              # derived from the program's rules when absent"))
    if rules:
        lines.append(f"rules = {_toml_value(rules)}")
    if certified:
        lines.append(f"certified = {_toml_value(certified)}")
    if carryover_in:
        note = f"  # {carryover_note}" if carryover_note else ""
        lines.append(f"carryover_in = {_toml_value(carryover_in)}{note}")
    if member_id:
        lines.append(f"member_id = {_toml_value(member_id)}")
    if earlier:
        items = ", ".join(f"{{ start = {_toml_value(s)}, credits = {_toml_value(c)} }}" for s, c in earlier)
        note = f"  # {earlier_note}" if earlier_note else ""
        lines.append(f"earlier = [{items}]{note}")
    for key, value in (options or {}).items():
        lines.append(f"{key} = {_toml_value(value)}")
    lines += [
        "",
        _("# Each activity is one [[activity]] table. An example to copy (remove the # marks):"),
        "#",
    ]
    lines += _example(program).rstrip("\n").split("\n")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class NewLedger:
    """The header values of a new cycle's ledger (what `new_ledger_text` writes into [cycle])."""

    program: str
    credential: str
    start: date
    rules: str | None = None
    certified: date | None = None
    member_id: str | None = None
    carryover_in: float = 0.0
    carryover_note: str = ""
    options: tuple[tuple[str, Any], ...] = ()
    # The cycles before it, for a rolling window: (start, credits), oldest first.
    earlier: tuple[tuple[date, float], ...] = ()
    earlier_note: str = ""


def schema_for(folder: str, previous: str | None = None) -> str | None:
    """The `#:schema` reference for a new ledger in `folder`: the schema `cpetui init` leaves there,
    else the one the previous ledger beside it names (so the next cycle validates as the last did)."""
    if os.path.isfile(os.path.join(folder, SCHEMA_FILE)):
        return f"./{SCHEMA_FILE}"
    if previous is None or os.path.abspath(os.path.dirname(previous) or ".") != os.path.abspath(folder):
        return None  # a relative reference written elsewhere would point at nothing
    try:
        with open(previous, encoding="utf-8-sig") as fh:
            first = fh.readline()
    except (OSError, UnicodeDecodeError):
        return None
    reference = first.removeprefix("#:schema").strip() if first.startswith("#:schema") else ""
    return reference or None


def pinned_rules(cycle: Cycle, start: date) -> str | None:
    """The previous ledger's pinned rules version, kept when it still applies to the new start date."""
    from cpetui.rules import PROGRAMS

    program = PROGRAMS.get(cycle.program)
    pinned = program.version(cycle.rules) if program and cycle.rules else None
    return pinned.id if pinned is not None and pinned.applies_to_date(start) else None


def next_cycle(path: str, cycle: Cycle, status: Any, start: date | None = None) -> NewLedger:
    """The cycle after the ledger at `path` (its `cycle` and `status`): same program, credential and
    options, starting the day after it ends, with the carryover its status computes."""
    from cpetui.export.cells import one_line

    # Renewed by other means (the exam again, a higher certification): the next cycle starts that day.
    begin = start or status.renewed_on or status.cycle_end + timedelta(days=1)
    carry = round(status.carryover_out, 2)
    note = ""
    if carry:
        # one line: the note becomes a TOML comment after the value
        note = one_line(_("carried over from {file} (cycle ending {end}): {why}").format(
            file=os.path.basename(path), end=status.cycle_end.isoformat(),
            why=status.carryover_explanation.text))
    from cpetui.rules.rolling import earlier_for_next, window_years

    earlier = earlier_for_next(cycle, status.total.counted - status.carryover_in, window_years(cycle))
    earlier_note = one_line(_("the cycles before, for the rolling window; the last from {file}").format(
        file=os.path.basename(path))) if earlier else ""
    # Renewed by other means, the credential is certified anew that day: its next cycles follow from it.
    certified = status.renewed_on if status.renewed_on and begin == status.renewed_on else cycle.certified
    return NewLedger(cycle.program, cycle.credential, begin, rules=pinned_rules(cycle, begin),
                     certified=certified, member_id=cycle.member_id, carryover_in=carry,
                     carryover_note=note, options=tuple(cycle.options.items()), earlier=earlier,
                     earlier_note=earlier_note)


def ledger_text(new: NewLedger, folder: str, previous: str | None = None, *,
                schema: str | None = None) -> str:
    """The text of the new ledger to be written into `folder`: the one way `cpetui new`, `cpetui init`
    and the app's next cycle make a ledger, so they write the same text. `schema`: the reference when
    it is known beforehand (`cpetui init` writes the schema file in the same step)."""
    return new_ledger_text(
        new.program, new.credential, new.start, rules=new.rules, certified=new.certified,
        carryover_in=new.carryover_in, carryover_note=new.carryover_note, member_id=new.member_id,
        options=dict(new.options), schema=schema or schema_for(folder, previous), earlier=new.earlier,
        earlier_note=new.earlier_note,
    )


def next_cycle_text(path: str, cycle: Cycle, status: Any, start: date | None = None) -> str:
    """The ledger for the cycle after the one at `path`, to be written beside it (what
    `cpetui new --from PATH` writes there)."""
    return ledger_text(next_cycle(path, cycle, status, start), os.path.dirname(path) or ".", path)
