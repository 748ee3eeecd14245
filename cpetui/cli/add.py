"""`cpetui add LEDGER …`: one activity appended through the editing service the app uses; its credits."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from cpetui.cli.args import date_arg, error, number_arg, whole_arg
from cpetui.export import words
from cpetui.i18n import N_, _, format_credits
from cpetui.text import printable

if TYPE_CHECKING:
    from cpetui.ledger.session import Entry

# (flag, ledger key, argparse type, help): the measures, in the order `cpetui add -h` lists them.
MEASURE_FLAGS: tuple[tuple[str, str, Any, str], ...] = (
    ("--hours", "hours", number_arg, N_("clock hours, e.g. 1.5")),
    ("--minutes", "minutes", whole_arg, N_("total minutes without breaks, e.g. 90")),
    ("--credits", "credits", number_arg, N_("credits stated by the provider")),
    ("--semester-hours", "semester_hours", number_arg, N_("college: US semester hours")),
    ("--ceus", "ceus", number_arg, N_("college: continuing education units")),
    ("--periods", "periods", whole_arg, N_("college: number of class periods (with --period-minutes)")),
    ("--period-minutes", "period_minutes", whole_arg, N_("college: minutes of each period")),
    ("--months", "months", whole_arg, N_("correspondence course: standard length in months")),
    ("--preparation-hours", "preparation_hours", number_arg, N_("instructor: hours of preparation")),
    ("--authors", "authors", whole_arg, N_("number of authors sharing the work")),
)
EXTRA_FLAGS = (("--organizer-address", "organizer_address"), ("--organizer-phone", "organizer_phone"))
# The measures that are alternative quantities of one activity (the others qualify them: repeat,
# preparation hours, periods and their length, authors …).
QUANTITIES = ("hours", "minutes", "sessions", "credits", "semester_hours", "ceus", "months")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", metavar="LEDGER", help=_("the ledger file to add to"))
    parser.add_argument("--title", required=True, help=_("what the activity was"))
    parser.add_argument("--date", required=True, type=date_arg, help=_("the day it ended (YYYY-MM-DD)"))
    parser.add_argument("--type", help=_("the program's activity type (see 'cpetui programs')"))
    parser.add_argument("--group", help=_("ISC2: A or B"))
    parser.add_argument("--field", help=_("ACFE: fraud, ethics or general; IIA: ethics"))
    parser.add_argument("--provider", help=_("who offered it"))
    parser.add_argument("--evidence", action="append", default=[], metavar="PATH_OR_URL",
                        help=_("certificate or proof, relative to the ledger (repeat for several)"))
    parser.add_argument("--notes", help=_("free text"))
    parser.add_argument("--id", help=_("a stable id (default: made from date and title)"))
    parser.add_argument("--submitted", type=date_arg, help=_("the day it was sent to the body's portal"))
    measures = parser.add_argument_group(_("measures (at least one)"))
    for flag, key, kind, help_text in MEASURE_FLAGS:
        measures.add_argument(flag, dest=key, type=kind, help=_(help_text))
    measures.add_argument("--sessions", nargs="+", type=whole_arg, metavar="MINUTES",
                          help=_("minutes of each session of one course, e.g. --sessions 30 30 45"))
    measures.add_argument("--role", help=_("chair or member (study groups); author, coauthor, editor"))
    measures.add_argument("--repeat", action="store_true", default=None,
                          help=_("a repeated talk or course (not the first delivery)"))
    measures.add_argument("--venue", help=_("e.g. iia-japan for a talk at IIA-Japan training"))
    measures.add_argument("--exam-parts", choices=["all", "two-part", "one-part"],
                          help=_("other exams passed (IIA-Japan)"))
    extra = parser.add_argument_group(_("IIA-Japan report"))
    extra.add_argument("--organizer-address", dest="organizer_address",
                       help=_("the organiser's address, as the IIA-Japan report asks for it"))
    extra.add_argument("--organizer-phone", dest="organizer_phone",
                       help=_("the organiser's phone number, as the IIA-Japan report asks for it"))


def values_from(args: argparse.Namespace) -> dict[str, Any]:
    """The new activity's keys and values, in the writer's key order, from the flags given."""
    from cpetui.model import MEASURE_KEYS

    values: dict[str, Any] = {
        "id": args.id, "date": args.date, "title": args.title, "provider": args.provider,
        "type": args.type, "group": args.group.upper() if args.group else None,
        "field": args.field.lower() if args.field else None,
    }
    for key in MEASURE_KEYS:
        values[key] = getattr(args, key, None)
    values["evidence"] = list(args.evidence) or None
    values["submitted"] = args.submitted
    values["notes"] = args.notes
    for _flag, key in EXTRA_FLAGS:
        values[key] = getattr(args, key)
    return {k: v for k, v in values.items() if v is not None}


def check_flags(values: dict[str, Any], cycle: Any) -> list[str]:
    """Each flag that does not fit the ledger's program, as a message naming the flag."""
    from cpetui.model import MEASURE_KEYS

    problems: list[str] = []
    if not values["title"].strip():
        problems.append(_("--title: the title is empty"))
    # An activity outside the cycle is not refused: the rules report it as a finding, with its line.
    against = _check_against_rules(values, cycle)
    kind = _activity_type(values, cycle)
    # A type reading no measure (a course completed, a renewal by exam) needs none.
    if not any(k in values for k in MEASURE_KEYS) and not against and (kind is None or kind.measures):
        problems.append(_("give a measure: --hours, --minutes, --sessions, --credits or a program's "
                          "own (see 'cpetui add -h')"))
    return problems + against


def _flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def _activity_type(values: dict[str, Any], cycle: Any) -> Any:
    """The activity type the flags name (or the program's default), when the rules know it."""
    from cpetui.rules import RulesError, program_info, resolve_version

    try:
        info = program_info(cycle.program)
        version = info.version(resolve_version(cycle))
    except (KeyError, RulesError):
        return None
    if version is None:
        return None
    return {t.id: t for t in version.activity_types}.get(values.get("type") or info.default_type)


def _check_against_rules(values: dict[str, Any], cycle: Any) -> list[str]:
    from cpetui.rules import RulesError, program_info, resolve_version

    try:
        info = program_info(cycle.program)
        version = info.version(resolve_version(cycle))
    except (KeyError, RulesError):
        return []  # the ledger's own problem, reported by check/status; the flags are not at fault
    if version is None:
        return []
    types = {t.id: t for t in version.activity_types}
    type_id = values.get("type")
    if type_id is not None and type_id not in types:
        return [_("--type: '{value}' is not an activity type of {version}; choose one of: {known}")
                .format(value=type_id, version=version.id, known=", ".join(types))]
    kind = types.get(type_id or info.default_type)
    if kind is None:
        return []
    problems: list[str] = []
    group = values.get("group")
    if group is not None and not kind.groups:
        problems.append(_("--group: {type} activities have no group; leave it out").format(type=kind.id))
    elif group is not None and group not in kind.groups:
        problems.append(_("--group: '{value}' is not allowed for {type}; write {allowed}")
                        .format(value=group, type=kind.id, allowed=" or ".join(kind.groups)))
    fld = values.get("field")
    if fld is not None and not info.field_choices:
        problems.append(_("--field: {program} activities have no field; leave it out")
                        .format(program=info.id))
    elif fld is not None and fld not in info.field_choices:
        problems.append(_("--field: '{value}' is not a field of {program}; write {allowed}")
                        .format(value=fld, program=info.id, allowed=", ".join(info.field_choices)))
    if kind.measures and not any(k in values for k in kind.measures):
        problems.append(_("{type} reads {flags}; give one of them").format(
            type=kind.id, flags=", ".join(_flag(k) for k in kind.measures)))
    # One quantity per activity: a second one would be written and silently ignored.
    given = [k for k in QUANTITIES if k in values]
    unread = [k for k in given if k not in kind.measures]
    if unread:
        problems.append(_("{flags}: {type} does not read it; leave it out").format(
            flags=", ".join(_flag(k) for k in unread), type=kind.id))
    read = [k for k in kind.measures if k in given]
    if len(read) > 1:
        problems.append(_("{flags}: give one measure ({type} would count {first} and ignore the rest)")
                        .format(flags=", ".join(_flag(k) for k in read), type=kind.id, first=_flag(read[0])))
    return problems


_ATTEMPTS = 20  # reads and adds again after another writer's save; each round is one save's time


def run(args: argparse.Namespace) -> int:
    from cpetui.ledger.report import format_problem
    from cpetui.ledger.session import Edit, ReadOnly, Session
    from cpetui.ledger.store import SaveConflict, SaveError

    if os.path.isdir(args.ledger):
        error(_("{path} is a folder, not a ledger file; name a .toml file in it").format(path=args.ledger))
        return 1
    if not os.path.isfile(args.ledger):
        error(_("{path}: no such ledger file (cpetui new creates one)").format(path=args.ledger))
        return 1
    # The same editing service as the app: the same checks, lock, atomic save and retry.
    session = Session([args.ledger], date.today())
    entry = session.refresh(args.ledger)
    if entry.broken or entry.ledger.cycle is None:
        for p in entry.ledger.problems:
            if p.severity == "error":
                print(format_problem(p), file=sys.stderr)
        error(_("{path} has errors; fix them first, nothing was written").format(path=args.ledger))
        return 1
    values = values_from(args)
    problems = check_flags(values, entry.ledger.cycle)
    if problems:
        for message in problems:
            error(message)
        return 2
    try:
        new_id = session.apply_add(Edit("add", args.ledger, values=values, label="add"), attempts=_ATTEMPTS)
    except SaveConflict as exc:
        error(exc.message)
        return 1
    except SaveError as exc:
        error(exc.message)
        return 1
    except ReadOnly as exc:
        error(str(exc))
        return 1
    print(_("added {id} to {path}").format(id=printable(str(new_id)), path=args.ledger))
    _print_credits(session.entries[args.ledger], str(new_id))
    return 0


def _print_credits(entry: Entry, activity_id: str) -> None:
    """The new activity's credits and why, as the rules compute them from the saved file."""
    status = entry.status
    if status is None:
        if entry.rules_error:
            print(_("  credits: not computed ({message})").format(message=printable(entry.rules_error)))
        return
    credit = status.credit_of(activity_id)
    if credit is None:
        return
    print(_("  credits: {earned} earned, {counted} counted").format(
        earned=format_credits(credit.earned), counted=format_credits(credit.counted)))
    print("  " + printable(str(credit.explanation)))
    for f in status.findings:
        if f.activity_id == activity_id:
            print("  " + _("{severity}: {message}").format(severity=words.severity(f.severity),
                                                          message=printable(f.message)))
