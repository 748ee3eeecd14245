"""`cpetui check`: reports every problem in the ledgers, compiler-style; exit 1 on errors (for hooks)."""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from collections.abc import Container
from datetime import date

from cpetui.cli.args import add_format, date_arg
from cpetui.cli.ledgers import CONFIG_ERROR, find_ledgers
from cpetui.cli.paint import Paint, add_color
from cpetui.i18n import _, ngettext
from cpetui.ledger.load import MAX_LEDGER_BYTES, read_at_most, read_ledger
from cpetui.ledger.locate import toml_lines
from cpetui.ledger.parse import decode
from cpetui.ledger.report import clip_excerpt, format_problem
from cpetui.model import Ledger, Problem, SourceRef


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help=_("ledger files or folders"))
    parser.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    add_format(parser, _("every problem as a JSON object"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("date to check against (default: today)"))
    parser.add_argument("-q", "--quiet", action="store_true", help=_("print only errors"))
    add_color(parser)
    parser.add_argument("--only-ledgers", action="store_true",
                        help=_("skip TOML files that are not ledgers (valid TOML with neither [cycle] nor "
                               "[[activity]], e.g. pyproject.toml): for commit hooks"))


class Known:
    """What one check has seen of the file system, kept for the rest of it (a snapshot, as its walk
    is): the regular files and folders the walk passed (evidence found there needs no look-up), and
    each folder listed for leftovers of interrupted saves (listed once for all the ledgers in it)."""

    __slots__ = ("_folders", "files")

    def __init__(self, files: Container[str] = ()) -> None:
        self.files = files
        self._folders: dict[str, list[str]] = {}

    def listdir(self, folder: str) -> list[str]:
        """`os.listdir(folder)`, asked of the file system once (an OSError raised each time)."""
        names = self._folders.get(folder)
        if names is None:
            names = self._folders[folder] = os.listdir(folder)
        return names


def collect(ledger: Ledger, as_of: date, known: Known | None = None, *,
            infos: bool = True) -> list[Problem]:
    """Parse problems, then the rules' findings, as located problems.

    The rules run whenever the [cycle] could be read, errors elsewhere or not: a duplicate id must not
    hide an unknown type three activities further down (the activities in error are left out).
    `known`: what this check has seen of the file system so far. `infos` False: without the problems
    of severity info, for a report that shows none (each is located, and sent back from a second
    process).
    """
    known = known if known is not None else Known()
    problems = list(ledger.problems) + _leftovers(ledger.path, known)
    if not infos:
        problems = [p for p in problems if p.severity != "info"]
    if ledger.cycle is None:
        return problems
    try:
        from cpetui.ledger.evidence import evidence_present
        from cpetui.rules import RulesError
        from cpetui.status import findings as rules_findings
    except ImportError:  # rules not available in this build
        return problems
    try:
        # The findings alone: check shows none of the figures.
        found = rules_findings(ledger, as_of, evidence_present=evidence_present(ledger, known.files))
    except RulesError as exc:
        f = exc.finding
        src = f.source or ledger.cycle.source
        lines = _lines(ledger.path)
        return problems + [Problem("error", f.code, f.message, src, _excerpt(lines, src), f.hint)]
    findings = found if infos else [f for f in found if f.severity != "info"]
    lines = _lines(ledger.path) if findings else []  # the excerpts; most ledgers have none
    for f in findings:
        src = f.source or SourceRef(ledger.path, 1, 1)
        problems.append(Problem(f.severity, f.code, f.message, src, _excerpt(lines, src),
                                f.hint, f.activity_id))
    return problems


def _leftovers(path: str, known: Known) -> list[Problem]:
    """A warning for each temporary copy an interrupted save of this ledger left beside it."""
    from cpetui.ledger.sidecar import leftovers

    return [Problem("warning", "leftover-save",
                    _("{file} was left by an interrupted save of this ledger (a copy of its text then)")
                    .format(file=os.path.basename(leftover)), SourceRef(path, 1, 1), "",
                    _("compare it with the ledger, then delete it; cpetui's next save of this ledger "
                      "removes it"))
            for leftover in leftovers(os.path.realpath(path), known.listdir)]


def _lines(path: str) -> list[str]:
    """The file's lines, for excerpts (bytes that are not UTF-8 read as well as they can be)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return []
    text, _problem = decode(data, path)  # as the ledger was just parsed: decoded once
    return toml_lines(text if text is not None else data.decode("utf-8-sig", errors="replace"))


def _excerpt(lines: list[str], src: SourceRef) -> str:
    return clip_excerpt(lines[src.line - 1], src.col) if 0 < src.line <= len(lines) else ""


def check_files(files: list[str], as_of: date, known: Known | None = None, *,
                infos: bool = True) -> list[tuple[str, list[Problem]]]:
    """Each file's problems, in order (large sets on both cores); `known` and `infos` as for
    `collect` (a second process starts with what the first knew)."""
    from cpetui.cli.parallel import map_files

    if len(files) > 1:
        # Import the rules once here rather than in each process after the fork.
        import cpetui.ledger.evidence
        import cpetui.status  # noqa: F401
    known = known if known is not None else Known()
    problems = map_files(functools.partial(_check_one, as_of=as_of, known=known, infos=infos), files)
    return list(zip(files, problems, strict=True))


def _check_one(path: str, as_of: date, known: Known, infos: bool) -> list[Problem]:
    ledger = read_ledger(path, fingerprinted=False)  # check never saves: no fingerprint
    return collect(ledger, as_of, known, infos=infos)


def run(args: argparse.Namespace) -> int:
    # The walk's listing answers most evidence look-ups: one listing of a folder instead of a look-up of
    # each file in it.
    found = find_ledgers(args.paths, with_seen=True)
    if found is None:
        return CONFIG_ERROR
    location, files, missing = found.location, found.files, found.missing
    if args.only_ledgers:
        others = [f for f in files if _other_toml(f)]
        if others:
            print(_("skipped (not ledgers): {files}").format(files=", ".join(others)), file=sys.stderr)
            files = [f for f in files if f not in others]
            if not files and not missing:
                return 0
    as_of = args.as_of or date.today()
    results: list[tuple[str, list[Problem]]] = []
    for problem in missing:
        results.append((problem.source.path, [problem]))
    from cpetui.ledger.programs import current

    for path, problems in _by_path(current().problems()):
        results.append((path, problems))
    # The text report shows no infos: only the JSON one needs them.
    results += check_files(files, as_of, Known(found.seen), infos=args.format == "json")
    results += _across(files)
    if args.strict:
        results = [
            (path, [_as_error(p) if p.severity == "warning" else p for p in probs])
            for path, probs in results
        ]
    errors = sum(1 for _p, probs in results for p in probs if p.severity == "error")
    warnings = sum(1 for _p, probs in results for p in probs if p.severity == "warning")
    if args.format == "json":
        from cpetui.export.jsonfile import dumps

        sys.stdout.write(dumps(_as_json(results, errors, warnings)))
    else:
        out = sys.stdout
        paint = Paint.for_stream(out, args.color)
        colored = functools.partial(_severity_color, paint) if paint.enabled else None
        for _path, probs in results:
            for p in probs:
                if args.quiet and p.severity != "error":
                    continue
                if p.severity == "info":
                    continue
                print(format_problem(p, paint=colored), file=out)
        n = len(files)
        summary = _("{ledgers}, {errors}, {warnings}").format(
            ledgers=ngettext("{n} ledger", "{n} ledgers", n).format(n=n),
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        )
        print(summary, file=out)
    if not files and not missing:
        print(_("no ledger files found in {paths}").format(paths=", ".join(location.paths)),
              file=sys.stderr)
        return 1
    return 1 if errors else 0


_PROGRAM = re.compile(r'^\s*program\s*=\s*"([^"]+)"', re.M)


def _across(files: list[str]) -> list[tuple[str, list[Problem]]]:
    """Findings across ledgers (an activity claimed for more credentials than its body allows), read
    only for the ledgers of programs that set such a limit (their [cycle] names the program early)."""
    from cpetui.rules.registry import PROGRAMS

    limited: set[str] = set()
    candidates = []
    for path in files:
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096).decode("utf-8", "replace")
        except OSError:
            continue
        m = _PROGRAM.search(head)
        if m is None:
            continue
        pid = m.group(1).strip().lower()
        if pid not in limited:
            program = PROGRAMS.get(pid)
            if program is None or not any(t.max_credentials for v in program.versions
                                          for t in v.types.values()):
                continue
            limited.add(pid)
        candidates.append(path)
    if len(candidates) < 2:
        return []
    from cpetui.rules.across import claimed_too_often

    findings = claimed_too_often([read_ledger(p) for p in candidates])
    out: dict[str, list[Problem]] = {}
    for f in findings:
        src = f.source or SourceRef(f.activity_id or "", 1, 1)
        out.setdefault(src.path, []).append(Problem(f.severity, f.code, f.message, src,
                                                    _excerpt(_lines(src.path), src), f.hint, f.activity_id))
    return list(out.items())


def _by_path(problems: list[Problem]) -> list[tuple[str, list[Problem]]]:
    """Problems grouped by their file, in the order first met."""
    out: dict[str, list[Problem]] = {}
    for p in problems:
        out.setdefault(p.source.path, []).append(p)
    return list(out.items())


def _severity_color(paint: Paint, word: str, severity: str) -> str:
    return paint(word, "red", bold=True) if severity == "error" else paint(word, "yellow")


def _other_toml(path: str) -> bool:
    """Valid TOML holding keys but neither [cycle] nor [[activity]]: another tool's file, not a ledger.

    An empty file, or one that does not parse, is not skipped: it may be a ledger gone wrong.
    """
    from cpetui.ledger.fastread import loads

    try:
        with open(path, "rb") as fh:
            data = read_at_most(fh, MAX_LEDGER_BYTES + 1)
        doc = loads(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return bool(doc) and "cycle" not in doc and "activity" not in doc


def _as_error(p: Problem) -> Problem:
    return Problem("error", p.code, p.message, p.source, p.excerpt, p.hint, p.activity_id)


def _as_json(results: list[tuple[str, list[Problem]]], errors: int, warnings: int) -> dict:
    return {
        "schema_version": 1,
        "errors": errors,
        "warnings": warnings,
        "ledgers": [
            {
                "path": path,
                "problems": [
                    {
                        "severity": p.severity,
                        "code": p.code,
                        "message": p.message,
                        "path": p.source.path,
                        "line": p.source.line,
                        "col": p.source.col,
                        "excerpt": p.excerpt,
                        "hint": p.hint,
                        "activity_id": p.activity_id,
                    }
                    for p in probs
                ],
            }
            for path, probs in results
        ],
    }
