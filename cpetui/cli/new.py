"""`cpetui new`: starts a new cycle's ledger, carrying the computed carryover over from the previous one."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cpetui.cli.args import date_arg, error
from cpetui.i18n import _, format_credits
from cpetui.ledger.template import SCHEMA_FILE  # noqa: F401 - init names it from here


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--program", help=_("the certification body's program: isc2, offsec, acfe, iia, "
                                            "iia-japan, isaca, comptia, giac, pmi, eccouncil, ipa-riss, "
                                            "or your own ('cpetui programs' lists them)"))
    parser.add_argument("--credential", help=_("the credential, e.g. CISSP, OSCP+, CFE, CIA, CCSA"))
    parser.add_argument("--start", type=date_arg,
                        help=_("first day of the cycle (default with --from: the day after it ends)"))
    parser.add_argument("--from", dest="previous", metavar="PREVIOUS.toml",
                        help=_("the previous cycle's ledger: carry its carryover in"))
    parser.add_argument("--certified", type=date_arg, help=_("date first certified"))
    parser.add_argument("--member-id", help=_("your member number with the body"))
    parser.add_argument("--rules", help=_("pin a rules version (see 'cpetui programs')"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("date the previous cycle is evaluated on (default: today)"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--output", metavar="FILE", help=_("the new ledger file"))
    where.add_argument("--dir", metavar="DIR",
                       help=_("folder for the new ledger, named after credential and years"))


@dataclass(frozen=True)
class Plan:
    """What the new ledger will say: its cycle header values and where its carryover came from."""

    program: str
    credential: str
    start: date
    end: date | None
    rules: str | None = None
    certified: date | None = None
    member_id: str | None = None
    carryover_in: float = 0.0
    carryover_note: str = ""
    options: tuple[tuple[str, object], ...] = ()
    earlier: tuple[tuple[date, float], ...] = ()
    earlier_note: str = ""
    # The previous cycle ends the day before this one starts, because its credential became this one
    # (an Associate of ISC2 becoming a member): (its ledger, its new end).
    ends_previous: tuple[str, date] | None = None


class PlanError(Exception):
    """A flag value the rules do not know; the message names the flag and what to write."""

    def __init__(self, message: str, usage: bool = True) -> None:
        super().__init__(message)
        self.usage = usage


def file_name(credential: str, start: date, end: date | None) -> str:
    """`cissp-2024-2027.toml`: the credential in lower case and the cycle's years."""
    from cpetui.ledger.template import ledger_file_name

    return ledger_file_name(credential, start, end)


def ledger_text(plan: Plan, folder: Path, previous: str | None = None, *,
                schema: str | None = None) -> str:
    """The new ledger's text, made as the app makes its next cycle (`cpetui.ledger.template`)."""
    from cpetui.ledger.template import NewLedger
    from cpetui.ledger.template import ledger_text as text

    return text(NewLedger(plan.program, plan.credential, plan.start, rules=plan.rules,
                          certified=plan.certified, member_id=plan.member_id,
                          carryover_in=plan.carryover_in, carryover_note=plan.carryover_note,
                          options=plan.options, earlier=plan.earlier, earlier_note=plan.earlier_note),
                str(folder), previous, schema=schema)


def resolve(program: str, credential: str, start: date, rules: str | None = None,
            options: Mapping[str, Any] | None = None) -> tuple[str, str, date | None]:
    """Canonical program and credential spellings and the cycle end, checked against the rules."""
    from cpetui.ledger.template import NewLedgerProblem, resolve_cycle

    try:
        return resolve_cycle(program, credential, start, rules, options)
    except NewLedgerProblem as exc:
        hint = exc.hint.replace("rules = ", "--rules ").replace('"', "")
        message = _("{flag}: {message}; {hint}") if hint else "{flag}: {message}"
        raise PlanError(message.format(flag="--" + exc.field, message=exc.message, hint=hint)) from exc


def plan_from_previous(path: str, as_of: date, args: argparse.Namespace) -> Plan:
    """The next cycle after the ledger at `path`, with the carryover its status computes."""
    from cpetui.cli.status import assess
    from cpetui.ledger.report import format_problem

    if not os.path.isfile(path):
        raise PlanError(_("--from: {path}: no such ledger file").format(path=path), usage=False)
    prev, status, problems = assess(path, as_of)
    if status is None or prev.cycle is None:
        errors = "\n".join(format_problem(p) for p in problems)
        raise PlanError(_("--from: {path} cannot be evaluated; fix it first (cpetui check {path}):\n"
                          "{errors}").format(path=path, errors=errors), usage=False)
    from cpetui.ledger.template import next_cycle

    # the app's next cycle comes from the same function: only the flags given here differ
    base = next_cycle(path, prev.cycle, status, args.start)
    rules = args.rules or base.rules
    program, credential, end = resolve(args.program or base.program, args.credential or base.credential,
                                       base.start, rules, dict(base.options))
    if _becomes(prev.cycle.program, status.credential, credential):
        # The member cycle starts on the day of membership; the Associate's ends the day before, and
        # nothing carries over between them.
        ends = (path, base.start - timedelta(days=1)) if base.start <= status.cycle_end else None
        if ends is not None and ends[1] < status.cycle_start:
            raise PlanError(_("--start: {credential} cannot start before {file} begins ({start})").format(
                credential=credential, file=path, start=status.cycle_start.isoformat()))
        return Plan(program, credential, base.start, end, rules=args.rules,
                    certified=args.certified or base.start, member_id=args.member_id or base.member_id,
                    ends_previous=ends)
    if as_of < status.cycle_end:
        print(_("note: {file} runs until {end}; its carryover is computed as of {as_of}").format(
            file=path, end=status.cycle_end.isoformat(), as_of=as_of.isoformat()), file=sys.stderr)
    return Plan(
        program, credential, base.start, end, rules=rules,
        certified=args.certified or base.certified,
        member_id=args.member_id or base.member_id, carryover_in=base.carryover_in,
        carryover_note=base.carryover_note, options=base.options, earlier=base.earlier,
        earlier_note=base.earlier_note,
    )


def _becomes(program_id: str, before: str, after: str) -> bool:
    """Whether the program says credential `before` becomes `after` (Associate → CISSP)."""
    from cpetui.rules.registry import PROGRAMS

    program = PROGRAMS.get(program_id)
    return bool(program and program.becomes and after in program.becomes.get(before, ()))


def plan_from_flags(args: argparse.Namespace) -> Plan:
    missing = [flag for flag, value in (("--program", args.program), ("--credential", args.credential),
                                        ("--start", args.start or args.certified)) if not value]
    if missing:
        raise PlanError(_("{flags} needed (or --certified DATE for a first cycle, or --from PREVIOUS.toml "
                          "to continue a cycle)").format(flags=", ".join(missing)))
    start = args.start or _first_start(args)
    program, credential, end = resolve(args.program, args.credential, start, args.rules)
    return Plan(program, credential, start, end, rules=args.rules, certified=args.certified,
                member_id=args.member_id)


def _first_start(args: argparse.Namespace) -> date:
    """The first cycle's start from the certification date, as the program's rules say (a program
    whose first years need no CPE starts it later)."""
    from cpetui.model import Cycle
    from cpetui.rules import RulesError
    from cpetui.rules.resolve import first_cycle_start

    resolve(args.program, args.credential, args.certified, args.rules)  # says what is wrong, if anything
    try:
        return first_cycle_start(Cycle(args.program.strip().lower(), args.credential, args.certified,
                                       rules=args.rules), args.certified)
    except RulesError as exc:
        raise PlanError(exc.finding.message, usage=False) from exc


def target(plan: Plan, args: argparse.Namespace) -> Path:
    if args.output:
        return Path(args.output)
    if args.dir:
        folder = Path(args.dir)
    elif args.previous:
        folder = Path(args.previous).parent
    else:
        from cpetui.ledger.where import locate

        folder = Path(locate(()).paths[0])
    return folder / file_name(plan.credential, plan.start, plan.end)


def _end_previous(plan: Plan, as_of: date) -> bool:
    """End the previous cycle the day before the new one starts, through the editing service the app
    saves with (only its [cycle] lines change); False (and why) when it cannot be saved."""
    from cpetui.ledger.session import Edit, ReadOnly, Session
    from cpetui.ledger.store import SaveError

    assert plan.ends_previous is not None
    path, end = plan.ends_previous
    session = Session([path], as_of)
    session.load()
    try:
        session.apply(Edit("cycle", path, values={"end": end, "became": plan.credential},
                           label=_("end the cycle")))
    except (SaveError, ReadOnly, KeyError) as exc:
        error(_("{path} was not changed: {why}; write end = {end} and became = \"{credential}\" in its "
                "[cycle] yourself").format(path=path, why=getattr(exc, "message", str(exc)),
                                           end=end.isoformat(), credential=plan.credential))
        return False
    print(_("ended {path} on {end}: the {credential} cycle starts the next day, and nothing carries "
            "over").format(path=path, end=end.isoformat(), credential=plan.credential))
    return True


def run(args: argparse.Namespace) -> int:
    from cpetui.ledger.session import Session
    from cpetui.ledger.store import SaveError

    as_of = args.as_of or date.today()
    try:
        plan = plan_from_previous(args.previous, as_of, args) if args.previous else plan_from_flags(args)
    except PlanError as exc:
        error(str(exc))
        return 2 if exc.usage else 1
    path = target(plan, args)
    text = ledger_text(plan, path.parent, args.previous)
    try:
        Session([], as_of).create(str(path), text)  # the editing service the app creates with
    except SaveError as exc:
        error(exc.message)
        return 1
    print(_("created {path}").format(path=path))
    if plan.ends_previous is not None and not _end_previous(plan, as_of):
        return 1
    if plan.carryover_in:
        print(_("  carryover in: {credits} ({why})").format(
            credits=format_credits(plan.carryover_in), why=plan.carryover_note))
    return 0
