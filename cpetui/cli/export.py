"""`cpetui export LEDGER --format …`: the ledger as CSV, JSON, Markdown or the IIA-Japan report layout."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime

from cpetui.cli.args import date_arg, error
from cpetui.i18n import _
from cpetui.model import Ledger, Status

FORMATS = ("csv", "json", "markdown", "iia-japan")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", metavar="LEDGER", help=_("the ledger file to export"))
    parser.add_argument("--format", required=True, choices=FORMATS, help=_("output format"))
    parser.add_argument("--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("date the status is computed on (default: today)"))
    parser.add_argument("--timestamp", action="store_true",
                        help=_("say when the report was made (off so that reports diff cleanly)"))


def render(fmt: str, ledger: Ledger, status: Status, generated: datetime | None = None) -> str:
    """The export text in `fmt`; `generated` adds a made-at line (JSON: a key; not in CSV)."""
    if fmt == "csv":
        from cpetui.export.csvfile import export

        return export(ledger, status)
    if fmt == "json":
        from cpetui.cli.status import SCHEMA_VERSION, status_json
        from cpetui.export.jsonfile import dumps

        # the same document `cpetui status --json LEDGER` prints, so scripts read both alike
        data = {"schema_version": SCHEMA_VERSION, "as_of": status.as_of.isoformat(),
                "ledgers": [status_json(status)]}
        if generated is not None:
            data["generated_at"] = generated.isoformat(timespec="seconds")
        return dumps(data)
    if fmt == "markdown":
        from cpetui.export.markdown import report
    else:
        from cpetui.export.iia_japan import report
    text = report(ledger, status)
    if generated is not None:
        text += "\n" + _("Generated {when}.").format(when=generated.isoformat(timespec="seconds")) + "\n"
    return text


def evaluate_ledger(path: str, as_of: date) -> tuple[Ledger, Status] | None:
    """(ledger, status), or None after printing why the ledger cannot be reported on."""
    from cpetui.cli.status import assess
    from cpetui.ledger.report import format_problem

    if not os.path.isfile(path):
        if os.path.exists(path):  # looked at with stat only: a FIFO here must not block the command
            error(_("{path} is not a ledger file (a folder, FIFO, device or socket); give the ledger's "
                    ".toml file").format(path=path))
        else:
            error(_("{path}: no such ledger file").format(path=path))
        return None
    ledger, status, problems = assess(path, as_of)
    if status is None:
        for p in problems:
            print(format_problem(p), file=sys.stderr)
        error(_("{path} cannot be evaluated; fix it first (cpetui check {path})").format(path=path))
        return None
    return ledger, status


def write_output(path: str, text: str | bytes, ledger_path: str) -> None:
    """Write `text` to `path` atomically; never over a ledger (raises OSError/ValueError with why)."""
    from cpetui.export.guard import ledger_in_the_way

    why = ledger_in_the_way(path, ledger_path)
    if why is not None:
        raise ValueError(why)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cpetui-export-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# Export formats made for one program's ledgers (its report form), as the programs declare them.
REPORTS = ("iia-japan",)


def _reports_of(program: str) -> tuple[str, ...]:
    from cpetui.rules import PROGRAMS

    found = PROGRAMS.get(program)
    return found.reports if found is not None else ()


def run(args: argparse.Namespace) -> int:
    found = evaluate_ledger(args.ledger, args.as_of or date.today())
    if found is None:
        return 1
    ledger, status = found
    if args.format in REPORTS and args.format not in _reports_of(status.program):
        error(_("--format iia-japan: the IIA-Japan report is for iia-japan ledgers; {path} is {program}")
              .format(path=args.ledger, program=status.program))
        return 1
    generated = datetime.now(UTC) if args.timestamp else None
    text = render(args.format, ledger, status, generated)
    if args.output:
        try:
            write_output(args.output, text, args.ledger)
        except (OSError, ValueError) as exc:
            error(_("--output: {reason}").format(
                reason=exc.strerror if isinstance(exc, OSError) and exc.strerror else exc))
            return 1
        print(_("wrote {path}").format(path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
