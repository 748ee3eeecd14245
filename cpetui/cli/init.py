"""`cpetui init [DIR]`: a ledger folder ready for `git init`, with a first ledger from flags or prompts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cpetui.cli.args import date_arg, error
from cpetui.cli.new import SCHEMA_FILE, Plan, PlanError, file_name, resolve
from cpetui.i18n import _

GITATTRIBUTES = (
    "# Ledgers are plain text with LF line ends on every platform, so diffs stay clean.\n"
    "*.toml text eol=lf\n"
)


def readme_text() -> str:
    return "\n".join([
        _("# CPE ledgers"),
        "",
        _("One TOML file per certification cycle, kept with cpetui."),
        "",
        _("- `cpetui` opens the app on this folder; `cpetui check` finds mistakes; `cpetui status` says"),
        _("  where each cycle stands."),
        _("- `cpetui add FILE --title … --date … --hours …` logs an activity from the shell."),
        _("- Keep certificates and other evidence in `evidence/` and list them in each activity's"),
        _("  `evidence`; `cpetui audit-pack FILE --output pack.zip` bundles them for an auditor."),
        _("- Put the folder under git: `git init && git add . && git commit -m \"CPE ledgers\"`."),
        "",
    ])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", help=_("the folder to create (default: the ledger folder "
                                                 "'cpetui where' shows)"))
    parser.add_argument("--program", help=_("the certification body of the first ledger"))
    parser.add_argument("--credential", help=_("the credential of the first ledger, e.g. CISSP"))
    parser.add_argument("--start", type=date_arg, help=_("first day of the first ledger's cycle"))
    parser.add_argument("--certified", type=date_arg, help=_("date first certified"))
    parser.add_argument("--member-id", help=_("your member number with the body"))
    parser.add_argument("--no-ledger", action="store_true",
                        help=_("create the folder only; add ledgers later with 'cpetui new'"))


def _ask(prompt: str, convert: Callable[[str], object], read: Callable[[str], str]) -> object:
    """Ask until the answer converts; each refusal says what to write."""
    while True:
        answer = read(prompt).strip()
        try:
            return convert(answer)
        except (ValueError, argparse.ArgumentTypeError, PlanError) as exc:
            print(str(exc), file=sys.stderr)


def _prompt_plan(args: argparse.Namespace, read: Callable[[str], str]) -> Plan:
    from cpetui.rules import PROGRAMS

    def program(value: str) -> str:
        if value.lower() not in PROGRAMS:
            raise ValueError(_("choose one of: {known}").format(known=", ".join(sorted(PROGRAMS))))
        return value.lower()

    prog = args.program or _ask(
        _("Program ({known}): ").format(known=", ".join(sorted(PROGRAMS))), program, read)
    info = PROGRAMS[prog]

    def credential(value: str) -> str:
        found = info.credential(value) if value else None
        if found is None:
            raise ValueError(_("choose one of: {known}").format(known=", ".join(info.credentials)))
        return found

    cred = args.credential or _ask(
        _("Credential ({known}): ").format(known=", ".join(info.credentials)), credential, read)
    start = args.start or _ask(_("First day of the cycle (YYYY-MM-DD): "), date_arg, read)
    assert isinstance(start, date)
    program_id, canonical, end = resolve(str(prog), str(cred), start)
    return Plan(program_id, canonical, start, end, certified=args.certified, member_id=args.member_id)


def plan(args: argparse.Namespace, interactive: bool,
         read: Callable[[str], str] | None = None) -> Plan | None:
    """The first ledger: from the flags, else from prompts on a terminal; None when there is to be none."""
    given = [args.program, args.credential, args.start]
    if args.no_ledger:
        return None
    if all(given):
        program_id, canonical, end = resolve(args.program, args.credential, args.start)
        return Plan(program_id, canonical, args.start, end, certified=args.certified,
                    member_id=args.member_id)
    if interactive:
        return _prompt_plan(args, read or input)
    if any(given):
        missing = [f for f, v in zip(("--program", "--credential", "--start"), given, strict=True) if not v]
        raise PlanError(_("{flags} needed for the first ledger (or --no-ledger)").format(
            flags=", ".join(missing)))
    return None


def files_for(folder: Path, first: Plan | None) -> dict[Path, str]:
    """Every file init writes, and its text."""
    from cpetui.ledger.where import MARKER, MARKER_TEXT
    from cpetui.schema import SCHEMA_PATH

    files = {
        folder / MARKER: MARKER_TEXT,  # cpetui run in this folder or below it finds it
        folder / ".gitattributes": GITATTRIBUTES,
        folder / "README.md": readme_text(),
        folder / SCHEMA_FILE: SCHEMA_PATH.read_text(encoding="utf-8"),
    }
    if first is not None:
        from cpetui.cli.new import ledger_text

        # the schema is written alongside, so the ledger may point at it
        files[folder / file_name(first.credential, first.start, first.end)] = ledger_text(
            first, folder, schema=f"./{SCHEMA_FILE}")
    return files


def run(args: argparse.Namespace) -> int:
    if args.dir:
        folder = Path(args.dir)
    else:
        from cpetui.ledger.where import ConfigError, locate

        try:
            folder = Path(locate(()).paths[0])
        except ConfigError as exc:
            error(str(exc))
            return 2
    interactive = sys.stdin.isatty()
    try:
        first = plan(args, interactive)
    except PlanError as exc:
        error(str(exc))
        return 2
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        error(_("cancelled; nothing was written"))
        return 1
    files = files_for(folder, first)
    existing = [p for p in files if p.exists() or p.is_symlink()]
    if existing:
        error(_("{folder} already has {names}; nothing was written (move them away or choose another "
                "folder)").format(folder=folder, names=", ".join(p.name for p in existing)))
        return 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "evidence").mkdir(exist_ok=True)
        for path, text in files.items():
            with open(path, "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    except OSError as exc:
        error(_("{path}: {reason}").format(path=exc.filename or folder, reason=exc.strerror or exc))
        return 1
    print(_("created {folder}").format(folder=folder))
    for path in files:
        print("  " + path.name)
    if first is None:
        print(_("add a ledger with: cpetui new --dir {folder} --program … --credential … --start …")
              .format(folder=folder))
    print(_("next: cd {folder} && git init && git add . && git commit -m \"CPE ledgers\"").format(
        folder=folder))
    return 0
