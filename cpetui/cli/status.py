"""`cpetui status`: where each ledger stands — requirements, key dates, findings; `--json` for scripts."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Mapping
from datetime import date
from typing import Any

from cpetui.cli.args import add_format, date_arg
from cpetui.cli.ledgers import CONFIG_ERROR, find_ledgers
from cpetui.cli.paint import add_color
from cpetui.frozen import replace
from cpetui.i18n import _, cell_width, format_date, pad
from cpetui.ledger.load import read_ledger
from cpetui.ledger.report import format_problem
from cpetui.model import Finding, Ledger, Problem, Requirement, SourceRef, Status
from cpetui.overview import Due, due, overview
from cpetui.rules.arithmetic import num
from cpetui.text import printable

SCHEMA_VERSION = 1
BAR_WIDTH = 20

STATE_WORDS = {
    "complete": "complete",
    "on-track": "on track",
    "behind": "behind",
    "in-grace": "in grace",
    "suspended": "suspended",
    "lapsed": "lapsed",
    "error": "error",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help=_("ledger files or folders (default: see cpetui where)"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("the date to compute the standing for (default: today)"))
    add_format(parser, _("a versioned JSON structure (see docs/status-json.md)"))
    add_color(parser)


# --------------------------------------------------------------------------------------- evaluation


def evidence_map(ledger: Ledger) -> Mapping[str, bool]:
    """Whether each evidence path exists beside the ledger (URLs are not checked)."""
    try:
        from cpetui.ledger.evidence import evidence_present  # the ledger layer's own, when present
    except ImportError:
        pass
    else:
        return evidence_present(ledger)
    folder = os.path.dirname(os.path.abspath(ledger.path))
    out: dict[str, bool] = {}
    for a in ledger.activities:
        for item in a.evidence:
            if "://" in item or item.startswith("mailto:"):
                continue
            out[item] = os.path.exists(os.path.join(folder, os.path.expanduser(item)))
    return out


def assess(path: str, as_of: date) -> tuple[Ledger, Status | None, list[Problem]]:
    """Read and evaluate one ledger: (ledger, status or None, problems that stop it being evaluated)."""
    from cpetui.rules import RulesError
    from cpetui.status import evaluate

    ledger = read_ledger(path)
    errors = [p for p in ledger.problems if p.severity == "error"]
    if errors or ledger.cycle is None:
        return ledger, None, errors or list(ledger.problems)
    try:
        return ledger, evaluate(ledger, as_of, evidence_present=evidence_map(ledger)), []
    except RulesError as exc:
        f = exc.finding
        src = f.source or SourceRef(path, 1, 1)
        return ledger, None, [Problem("error", f.code, f.message, src, hint=f.hint)]


# -------------------------------------------------------------------------------------------- human


def bar(counted: float, required: float, width: int = BAR_WIDTH) -> str:
    """A text progress bar: '[########------------]'."""
    filled = width if required <= 0 else min(width, int(width * counted / required + 1e-9))
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _requirement_line(r: Requirement, unit: str = "cpe") -> str:
    kind = {"required": _("required"), "recommended": _("recommended"), "maximum": _("at most")}[r.kind]
    if unit == "completions":  # a course is completed or not: nothing earned is cut by a cap
        figures = _("{counted} completed / {required} {kind}").format(
            counted=num(r.counted), required=num(r.required), kind=kind)
    else:
        figures = _("{earned} earned / {counted} counted / {required} {kind}").format(
            earned=num(r.earned), counted=num(r.counted), required=num(r.required), kind=kind)
    mark = _("met") if r.met else (_("over") if r.kind == "maximum" else _("open"))
    return f"  {bar(r.counted, r.required)} {printable(r.label)}: {figures}  ({mark})"


def _finding_line(f: Finding, path: str) -> str:
    src = f.source or SourceRef(path, 1, 1)
    text = f"  {printable(src.path)}:{src.line}: {_(f.severity)}: {printable(f.message)}"
    if f.hint:
        text += "\n      " + _("hint: {hint}").format(hint=printable(f.hint))
    return text


def human(status: Status) -> list[str]:
    lines = [
        _("{path}: {credential} ({program}, rules {version}), {start} – {end}").format(
            path=printable(status.path), credential=printable(status.credential),
            program=printable(status.program), version=status.rules_version,
            start=format_date(status.cycle_start), end=format_date(status.cycle_end)),
        "  " + _("state on {as_of}: {state}").format(as_of=format_date(status.as_of),
                                                     state=_(STATE_WORDS[status.state])),
        _requirement_line(status.total, status.unit),
    ]
    lines += [_requirement_line(r, status.unit) for r in status.requirements]
    if status.unit != "completions" or status.carryover_in or status.carryover_out:
        lines.append("  " + _("carryover: {into} in, {out} out").format(
            into=num(status.carryover_in), out=num(status.carryover_out)))
    if status.pace is not None:
        lines.append("  " + _("pace: {text}").format(text=printable(status.pace.explanation.text)))
    lines.append("  " + _("key dates:"))
    days = [format_date(k.date) for k in status.key_dates]
    width = max((cell_width(d) for d in days), default=0)  # 2027年5月19日 and 2027年12月31日 differ
    lines += [f"    {pad(d, width)}  {printable(k.label)}" + (
              " — " + _("to clear it: {what}").format(what=printable(k.clears)) if k.clears else "")
              for d, k in zip(days, status.key_dates, strict=True)]
    shown = [f for f in status.findings if f.severity != "info"]
    if shown:
        lines.append("  " + _("findings:"))
        lines += [_finding_line(f, status.path) for f in shown]
    hidden = len(status.findings) - len(shown)
    if hidden:
        lines.append("  " + _("{n} notes (credits lost to caps, future dates …) in --json").format(n=hidden))
    return lines


# --------------------------------------------------------------------------------------------- json


def sources_json(citation: Any) -> list[dict[str, Any]]:
    """The sources a citation names, each {publisher, title, section, url, checked, quote, reading}."""
    from cpetui.rules.sources import entries, entry_json

    return [entry_json(e) for e in entries(citation)]


def _explained(e: Any) -> dict[str, Any]:
    return {"explanation": e.text, "citation": e.citation, "sources": sources_json(e.cite)}


def requirement_json(r: Requirement) -> dict[str, Any]:
    return {"id": r.id, "label": r.label, "kind": r.kind, "earned": r.earned, "counted": r.counted,
            "required": r.required, "remaining": r.remaining, "met": r.met,
            "period_start": r.period_start.isoformat() if r.period_start else None,
            "period_end": r.period_end.isoformat() if r.period_end else None, **_explained(r.explanation)}


def finding_json(f: Finding, path: str) -> dict[str, Any]:
    src = f.source or SourceRef(path, 1, 1)
    return {"severity": f.severity, "code": f.code, "message": f.message, "path": src.path,
            "line": src.line, "activity_id": f.activity_id, "citation": f.citation,
            "sources": sources_json(f.cite), "hint": f.hint}


def problem_json(p: Problem) -> dict[str, Any]:
    return {"severity": p.severity, "code": p.code, "message": p.message, "path": p.source.path,
            "line": p.source.line, "col": p.source.col, "activity_id": p.activity_id, "hint": p.hint}


def status_json(status: Status) -> dict[str, Any]:
    """One ledger's standing as plain JSON values (schema: docs/status-json.md)."""
    return {
        "path": status.path,
        "ok": True,
        "program": status.program,
        "credential": status.credential,
        "rules_version": status.rules_version,
        "unit": status.unit,
        "as_of": status.as_of.isoformat(),
        "cycle_start": status.cycle_start.isoformat(),
        "cycle_end": status.cycle_end.isoformat(),
        "state": status.state,
        "total": {"earned": status.total.earned, "counted": status.total.counted,
                  "required": status.total.required, "remaining": status.total.remaining,
                  "met": status.total.met, **_explained(status.total.explanation)},
        "requirements": [requirement_json(r) for r in status.requirements],
        "carryover_in": status.carryover_in,
        "carryover_out": status.carryover_out,
        "carryover": _explained(status.carryover_explanation),
        "key_dates": [{"id": k.id, "label": k.label, "date": k.date.isoformat(),
                       **({"clears": k.clears} if k.clears else {}),
                       **_explained(k.explanation)} for k in status.key_dates],
        "pace": None if status.pace is None else {
            "remaining": status.pace.remaining, "months_left": status.pace.months_left,
            "per_month": status.pace.per_month, **_explained(status.pace.explanation)},
        "activities": [{"id": c.activity_id, "line": c.line, "credits": c.earned, "counted": c.counted,
                        "category": c.category, "group": c.group, "field": c.field,
                        **_explained(c.explanation)} for c in status.activities],
        "findings": [finding_json(f, status.path) for f in status.findings],
    }


def failed_json(path: str, problems: list[Problem]) -> dict[str, Any]:
    return {"path": path, "ok": False, "problems": [problem_json(p) for p in problems]}


# ---------------------------------------------------------------------------------------------- run


def _one(path: str, as_of: date, summary: bool = False) -> tuple[dict[str, Any], list[str], bool, Due | None]:
    """One ledger's JSON entry, its human lines, whether it failed, and (`summary`) its overview line,
    the status in it cut to what the overview reads, for the trip back from a worker."""
    ledger, status, problems = assess(path, as_of)
    if status is None:
        lines = [_("{path}: cannot be evaluated").format(path=printable(path))]
        return failed_json(path, problems), lines + [format_problem(p) for p in problems], True, None
    row = None
    if summary:
        row = due(ledger, status)
        row = replace(row, status=replace(status, activities=(), findings=(), requirements=()))
    return status_json(status), human(status), False, row


def run(args: argparse.Namespace) -> int:
    found = find_ledgers(args.paths)
    if found is None:
        return CONFIG_ERROR
    location, files, missing = found.location, found.files, found.missing
    as_of = args.as_of or date.today()  # the CLI is the one place that asks the clock
    failed = bool(missing) or not files
    entries: list[dict[str, Any]] = [failed_json(p.source.path, [p]) for p in missing]
    out: list[str] = [format_problem(p) for p in missing]
    from cpetui.cli.parallel import map_files

    rows: list[Due] = []
    summary = args.format != "json" and len(files) > 1
    for entry, lines, bad, row in map_files(functools.partial(_one, as_of=as_of, summary=summary), files):
        failed = failed or bad
        entries.append(entry)
        out += lines
        out.append("")
        if row is not None:
            rows.append(row)
    if args.format == "json":
        doc = {"schema_version": SCHEMA_VERSION, "as_of": as_of.isoformat(), "ledgers": entries}
        from cpetui.export.jsonfile import dumps

        sys.stdout.write(dumps(doc))
    else:
        if not files and not missing:
            out.append(_("no ledger files found in {paths}").format(paths=", ".join(location.paths)))
        if len(files) > 1:  # several ledgers end with what `cpetui due` says of them, in short
            from cpetui.cli.due import WITHIN
            from cpetui.cli.due import lines as due_lines
            from cpetui.cli.paint import Paint

            out += due_lines(overview(rows, as_of), as_of, WITHIN, Paint.for_stream(sys.stdout, args.color))
        print("\n".join(out).rstrip("\n"))
    return 1 if failed else 0
