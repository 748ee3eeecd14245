"""`cpetui import FILE --into LEDGER`: activities from a CSV, TSV or spreadsheet, checked, in one save."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from cpetui.cli.args import date_arg, error
from cpetui.i18n import _, ngettext
from cpetui.text import printable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=_("a .csv, .tsv, .xlsx or .ods file, one activity a row under a header "
                                       "row"))
    parser.add_argument("--into", required=True, metavar="LEDGER", help=_("the ledger file to add them to"))
    parser.add_argument("--map", action="append", default=[], metavar="'COLUMN=key'",
                        help=_("use a column for a ledger key, e.g. --map 'Course Name=title' (repeatable)"))
    parser.add_argument("--keep-unknown", action="store_true",
                        help=_("keep columns cpetui does not know as extra keys of each activity"))
    parser.add_argument("--skip-bad", action="store_true",
                        help=_("import the good rows even when some cannot be activities"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("show what would be added and skipped, and why; write nothing"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("the date the rules check against (default: today)"))
    parser.epilog = _("Exit codes: 0 imported (or, with --dry-run, checked); 1 nothing was written (rows "
                      "that cannot be activities, a file that cannot be read, the ledger changed meanwhile); "
                      "2 a usage error.")


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    from cpetui.model import ACTIVITY_KEYS

    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, key = pair.partition("=")
        key = key.strip()
        if not sep or not column.strip() or key not in (*ACTIVITY_KEYS, "end_date", "domain"):
            error(_("--map '{pair}': write 'Column header=key' with a ledger key, e.g. 'Course Name=title' "
                    "(keys: {keys})").format(pair=pair, keys=", ".join(ACTIVITY_KEYS)))
            return None
        out[column.strip()] = key
    return out


def run(args: argparse.Namespace) -> int:
    from cpetui.ledger.import_plan import plan, preview_lines
    from cpetui.ledger.importing import ImportFailure, match_columns, read_table
    from cpetui.ledger.session import Edit, ReadOnly, Session
    from cpetui.ledger.store import SaveConflict, SaveError

    mapping = _mapping(args.map)
    if mapping is None:
        return 2
    if not os.path.isfile(args.into):
        error(_("{path}: no such ledger file (cpetui new creates one)").format(path=args.into))
        return 1
    try:
        table = read_table(args.file)
    except ImportFailure as exc:
        error(str(exc))
        return 1
    session = Session([args.into], args.as_of or date.today())
    entry = session.refresh(args.into)
    if entry.broken or entry.ledger.cycle is None:
        error(_("{path} has errors; fix them first (cpetui check {path}), nothing was written").format(
            path=args.into))
        return 1
    try:
        with open(args.into, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        error(_("{path}: cannot be read ({reason})").format(path=args.into, reason=exc))
        return 1
    columns = match_columns(table.headers, mapping)
    if "date" not in columns.keys.values() or "title" not in columns.keys.values():
        error(_("{file}: no date or title column among {headers}; name them (date, title, 日付, タイトル …) "
                "or map them: --map 'Your header=date'").format(
                    file=args.file, headers=", ".join(repr(h) for h in table.headers)))
        return 1
    result = plan(entry.ledger, text, table, columns, keep_unknown=args.keep_unknown, as_of=session.as_of)
    if columns.unknown:
        what = _("kept as extra keys") if args.keep_unknown else _(
            "not imported (--map 'Header=key' uses one, --keep-unknown keeps them)")
        print(_("{file}: columns {what}: {columns}").format(
            file=args.file, what=what, columns=", ".join(repr(c) for c in columns.unknown)), file=sys.stderr)
    for row in result.bad:
        for bad in row.bad:
            column = f"{printable(bad.column)}: " if bad.column else ""
            print(f"{args.file}:{row.number}: {column}{printable(bad.message)}", file=sys.stderr)
            if bad.hint:
                print("      " + _("hint: {hint}").format(hint=printable(bad.hint)), file=sys.stderr)
    if args.dry_run:
        print("\n".join(preview_lines(result)))
        return 0
    if result.bad and not args.skip_bad:
        error(ngettext("nothing was written: {n} row cannot be an activity (fix it, or give --skip-bad to "
                       "import the others)",
                       "nothing was written: {n} rows cannot be activities (fix them, or give --skip-bad to "
                       "import the others)", len(result.bad)).format(n=len(result.bad)))
        return 1
    rows = [dict(r.values) for r in result.added]
    if rows:
        try:
            session.apply(Edit("import", args.into, values={"activities": rows}, label=_("import"),
                               title=os.path.basename(args.file)))
        except SaveConflict as exc:
            error(exc.message + " " + _("Nothing was imported; run the import again."))
            return 1
        except (SaveError, ReadOnly) as exc:
            error(str(getattr(exc, "message", exc)))
            return 1
    print(ngettext("imported {n} activity into {path}", "imported {n} activities into {path}",
                   len(rows)).format(n=len(rows), path=args.into))
    if result.skipped:
        print(ngettext("skipped {n} duplicate: {rows}", "skipped {n} duplicates: {rows}",
                       len(result.skipped)).format(
            n=len(result.skipped), rows=", ".join(_("row {n} ({why})").format(n=r.number, why=r.skipped)
                                                  for r in result.skipped)))
    if result.bad:
        print(ngettext("left out {n} row that cannot be an activity", "left out {n} rows that cannot be "
                       "activities", len(result.bad)).format(n=len(result.bad)))
    return 0
