"""`cpetui due`: what falls due next across every credential, most urgent first; exit 3 when at risk."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from cpetui.cli.args import add_format, date_arg
from cpetui.cli.ledgers import CONFIG_ERROR, find_ledgers
from cpetui.cli.paint import Paint, add_color
from cpetui.cli.status import STATE_WORDS, assess, failed_json, sources_json
from cpetui.i18n import _, cell_width, format_date, ngettext, pad
from cpetui.ledger.report import format_problem
from cpetui.model import Problem
from cpetui.overview import Due, body_name, due, figure_words, overview, yearly
from cpetui.text import printable

SCHEMA_VERSION = 1
WITHIN = 30  # days: a deadline this close is worth a word even when the cycle is on track
AT_RISK = 3  # the exit code when something is behind, in grace or due within --within days

STATE_COLORS = {"lapsed": "red", "suspended": "red", "in-grace": "red", "error": "red",
                "behind": "yellow", "on-track": "green", "complete": "green"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help=_("ledger files or folders (default: see cpetui where)"))
    parser.add_argument("--within", type=_days, default=WITHIN, metavar="DAYS",
                        help=_("a deadline this many days away or closer counts as at risk "
                               "(default: {days})").format(days=WITHIN))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("the date to compute the standing for (default: today)"))
    add_format(parser, _("a versioned JSON structure (see docs/due-json.md)"))
    add_color(parser)
    parser.epilog = _("Exit codes: 0 nothing at risk; {risk} something is behind, in grace, suspended or "
                      "lapsed, or has a deadline within --within days; 1 a ledger could not be read or "
                      "evaluated; 2 a usage or configuration error.").format(risk=AT_RISK)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number of days; write e.g. 30").format(value=text)) from None
    if days < 0:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number of days; write e.g. 30").format(value=text))
    return days


def read(files: list[str], as_of: date) -> tuple[list[Due], list[tuple[str, list[Problem]]]]:
    """Every ledger's overview line on `as_of`, and the ledgers that could not be evaluated, with why."""
    evaluated: list[Due] = []
    failed: list[tuple[str, list[Problem]]] = []
    for path in files:
        ledger, status, problems = assess(path, as_of)
        if status is None:
            failed.append((path, problems))
        else:
            evaluated.append(due(ledger, status))
    return evaluated, failed


# --------------------------------------------------------------------------------------------- text


def lines(rows: list[Due], as_of: date, within: int, paint: Paint) -> list[str]:
    """The overview in words: one line per credential (state, next deadline, days, figures) and the
    deadline's meaning beneath it; the most urgent first."""
    out = [_("Due as of {day}, most urgent first:").format(day=format_date(as_of))]
    if not rows:
        return [*out, "  " + _("no ledgers")]
    names = [printable(d.credential) for d in rows]
    states = [_(STATE_WORDS[d.status.state]) for d in rows]
    days = [format_date(d.deadline.date) if d.deadline else "—" for d in rows]
    wn, ws, wd = (max(cell_width(x) for x in col) for col in (names, states, days))
    for d, name, state, day in zip(rows, names, states, days, strict=True):
        risky = d.at_risk(within)
        left = "" if d.days_left is None else ngettext("{n} day", "{n} days", d.days_left).format(
            n=d.days_left)
        figures = figure_words(d)
        mark = paint("!", "red", bold=True) if risky else " "
        out.append(f"{mark} {pad(name, wn)}  {paint(pad(state, ws), STATE_COLORS[d.status.state])}  "
                   f"{pad(day, wd)}  {pad(left, 9)}  {' · '.join(figures)}")
        what = printable(d.deadline.label) if d.deadline else _("no deadline ahead in this cycle")
        way_out = _way_out(d)
        if way_out is not None:  # suspended now: what clears it comes first
            what = _("suspended since {date}; to clear it: {what}").format(
                date=format_date(way_out.date), what=printable(way_out.clears))
        elif d.deadline is not None and d.deadline.clears:
            what += " — " + _("to clear it: {what}").format(what=printable(d.deadline.clears))
        out.append(f"  {' ' * wn}  {paint(what, 'dim')}  ({printable(d.path)})")
    years = yearly(rows)
    if years:
        out.append(_("Yearly, one per body (fees cover all its credentials):"))
        for y in years:
            out.append("  " + _("{program}: {what} on {day} ({days}; from {credentials})").format(
                program=printable(body_name(y.program)), what=printable(y.what.label),
                day=format_date(y.date),
                days=ngettext("{n} day", "{n} days", y.days_left).format(n=y.days_left),
                credentials=", ".join(printable(c) for c in y.credentials)))
    return out


# --------------------------------------------------------------------------------------------- JSON


def _way_out(d: Due) -> Any:
    """The key date the credential's suspension began on, when it is suspended and the body says what
    clears it (None otherwise)."""
    if d.status.state != "suspended":
        return None
    begun = [k for k in d.status.key_dates if k.clears and k.date <= d.status.as_of]
    return max(begun, key=lambda k: k.date) if begun else None


def due_json(d: Due, within: int) -> dict[str, Any]:
    s = d.status
    deadline = None
    if d.deadline is not None:
        k = d.deadline
        deadline = {"id": k.id, "label": k.label, "date": k.date.isoformat(), "days_left": d.days_left,
                    **({"clears": k.clears} if k.clears else {}),
                    "citation": k.explanation.citation, "sources": sources_json(k.explanation.cite)}
    return {
        "path": s.path, "program": s.program, "credential": s.credential,
        "cycle_start": s.cycle_start.isoformat(), "cycle_end": s.cycle_end.isoformat(),
        "state": s.state, "at_risk": d.at_risk(within), "deadline": deadline,
        "remaining": round(d.remaining, 2),
        "per_month": None if d.per_month is None else round(d.per_month, 2),
        "unsubmitted": round(d.unsubmitted, 2), "missing_evidence": d.missing_evidence,
        **({"clears": way_out.clears} if (way_out := _way_out(d)) is not None else {}),
    }


def run(args: argparse.Namespace) -> int:
    found = find_ledgers(args.paths)
    if found is None:
        return CONFIG_ERROR
    as_of = args.as_of or date.today()
    evaluated, failed = read(found.files, as_of)
    rows = overview(evaluated, as_of)
    risky = any(d.at_risk(args.within) for d in rows)
    broken = bool(failed or found.missing)
    if args.format == "json":
        doc = {"schema_version": SCHEMA_VERSION, "as_of": as_of.isoformat(), "within": args.within,
               "at_risk": risky, "credentials": [due_json(d, args.within) for d in rows],
               "yearly": [{"program": y.program, "label": y.what.label, "date": y.date.isoformat(),
                           "days_left": y.days_left, "credentials": list(y.credentials),
                           "citation": y.what.explanation.citation,
                           "sources": sources_json(y.what.explanation.cite)} for y in yearly(rows)],
               "failed": [failed_json(path, problems) for path, problems in failed]
               + [failed_json(p.source.path, [p]) for p in found.missing]}
        print(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        paint = Paint.for_stream(sys.stdout, args.color)
        print("\n".join(lines(rows, as_of, args.within, paint)))
        for problem in found.missing:
            print(format_problem(problem), file=sys.stderr)
        for _path, problems in failed:
            for problem in problems:
                print(format_problem(problem), file=sys.stderr)
    if broken:
        return 1
    return AT_RISK if risky else 0
