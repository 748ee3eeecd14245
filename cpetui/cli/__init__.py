"""The `cpetui` command line: dispatches headless commands and launches the app (Textual only there)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from cpetui.collector import collect_as_usual, collect_rarely
from cpetui.i18n import N_, _

# Each headless command lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
# Imported only when named, so `cpetui check` loads nothing it does not use.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("cpetui.cli.check", N_("check ledgers for errors (for git pre-commit hooks)")),
    "status": ("cpetui.cli.status", N_("where each ledger stands")),
    "due": ("cpetui.cli.due", N_("what falls due next across every credential, most urgent first")),
    "calendar": ("cpetui.cli.ical", N_("every key date as an iCalendar file, with reminders")),
    "where": ("cpetui.cli.where", N_("which ledger folder is used, and why")),
    "init": ("cpetui.cli.init", N_("create a ledger folder ready for git")),
    "new": ("cpetui.cli.new", N_("start a new cycle's ledger")),
    "add": ("cpetui.cli.add", N_("add an activity to a ledger")),
    "import": ("cpetui.cli.importer", N_("add activities from a CSV, TSV or spreadsheet, checked first")),
    "programs": ("cpetui.cli.programs", N_("programs, rules versions and activity types")),
    "export": ("cpetui.cli.export", N_("export a ledger as CSV, JSON or Markdown")),
    "audit-pack": ("cpetui.cli.audit_pack", N_("zip a ledger's evidence with a manifest and report")),
    "completion": ("cpetui.cli.completion", N_("shell completion for bash, zsh or fish")),
}


def _available_commands() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for name, (module, help_text) in COMMANDS.items():
        if importlib.util.find_spec(module) is not None:
            found[name] = (module, help_text)
    return found


class _Formatter(argparse.HelpFormatter):
    """argparse's own formatter, given the terminal's width as `shutil.get_terminal_size` finds it:
    argparse makes one for every argument it is given (to try its metavar), and its own way to the width
    imports shutil, with the compression modules shutil imports, at every start of every command."""

    def __init__(self, prog: str, *args: Any, width: int | None = None, **kwargs: Any) -> None:
        super().__init__(prog, *args, width=_columns() - 2 if width is None else width, **kwargs)


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` gives it: $COLUMNS when a positive
    number, else the width of the terminal standard output is on, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def build_parser(
    commands: dict[str, tuple[str, str]], only: str | None = None
) -> argparse.ArgumentParser:
    """The parser; with `only`, only that command's module is imported (the others are listed)."""
    parser = argparse.ArgumentParser(
        prog="cpetui",
        description=_("Keep your CPE ledgers honest and audit-ready. "
                      "Without a command, opens the app on the given ledger files or folders."),
        formatter_class=_Formatter,
    )
    parser.add_argument("--lang", choices=["en", "ja"], help=_("interface language"))
    parser.add_argument("--version", action=_Version, help=_("print the version and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in commands.items():
        p = sub.add_parser(name, help=_(help_text), description=_(help_text), formatter_class=_Formatter)
        p.add_argument("--lang", choices=["en", "ja"], help=_("interface language"),
                       default=argparse.SUPPRESS)
        if only is None or name == only:
            importlib.import_module(module).add_arguments(p)
    return parser


# Commands that write nothing but their output: run as the program, they end the moment it is flushed.
READ_ONLY = frozenset({"check", "status", "due", "where", "programs"})


def run() -> NoReturn:
    """The program (`cpetui`, `python -m cpetui`): `main`, then exit with its code."""
    # The modules a command imports live as long as the process: the collector's rare pace from the
    # start (`main` and the app give back the usual one once their lasting objects are made).
    collect_rarely()
    try:
        code = main(exit_fast=True)
    except BrokenPipeError:
        # The reader stopped reading (`cpetui check | head`): stop quietly, as other tools do, with
        # stdout pointed at nothing so that the interpreter's last flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except KeyboardInterrupt:
        # Ctrl-C: each command has cleaned up on its way out (finally / except BaseException); the
        # user gets one line and the shell's usual 128 + SIGINT, never a traceback.
        # A terminal shows ^C where the cursor was: the message starts on a line of its own there.
        newline = "\n" if _stderr_is_terminal() else ""
        print(newline + _("cpetui: interrupted; nothing more was written"), file=sys.stderr)
        code = 130
    finally:
        collect_as_usual()  # a caller that catches the exit (a test) keeps its own pace
    raise SystemExit(code)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced
        return False


class _Version(argparse.Action):
    """`--version`, looked up only when asked for (every other run skips reading the package metadata)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(version_line())
        parser.exit()


def version_line() -> str:
    """`cpetui 0.1.0`: the installed package's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"cpetui {version('cpetui')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "cpetui (not installed)"


def complete(commands: dict[str, tuple[str, str]]) -> NoReturn:
    """Answer the shell's completion request (`cpetui completion` installed the asking side): the whole
    parser, every command's options, then exit as argcomplete does."""
    import argcomplete

    argcomplete.autocomplete(build_parser(commands))
    raise SystemExit(0)  # autocomplete exits itself; reached only when the request was not for us


def main(argv: Sequence[str] | None = None, *, exit_fast: bool = False) -> int:
    """Run the command line; `exit_fast`: a read-only command ends the process itself when done."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = _available_commands()
    if "_ARGCOMPLETE" in os.environ and argv is None:
        complete(commands)
    if args_list[:1] in (["--version"], ["-V"]):
        print(version_line())
        return 0
    first = _first_word(args_list)
    if first not in commands and not any(a in ("-h", "--help") for a in args_list[:1]):
        if first is not None and not os.path.exists(first):
            # A word that names neither a command nor a file is a typo, not a ledger to open: said
            # at once, before the app's start-up (which would wait for a terminal that may not be there).
            _setup_language(_lang_option(args_list))
            print(_not_found(first, commands), file=sys.stderr)
            return 2
        return _run_app(args_list)
    _setup_language(_lang_option(args_list))
    parser = build_parser(_parsed_commands(commands, first, args_list),
                          only=first if first in commands else None)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 0
    module = importlib.import_module(commands[args.command][0])
    if "cpetui.ledger.programs" in sys.modules:  # a command called before in this process (a test)
        sys.modules["cpetui.ledger.programs"].reset()  # named its folders: this one names its own
    # A headless command allocates many small, acyclic objects and then exits: collecting
    # cycles every 700 allocations only costs time. The usual pace is back when it returns (a test or
    # a script calling `main` keeps its own).
    collect_rarely()
    try:
        code = int(module.run(args) or 0)
    finally:
        collect_as_usual()
    if exit_fast and args.command in READ_ONLY:
        _exit_now(code)
    return code


def _parsed_commands(commands: dict[str, tuple[str, str]], first: str | None,
                     args_list: list[str]) -> dict[str, tuple[str, str]]:
    """The commands the parser needs: the named one alone when only `--lang` comes before it, since
    then nothing can name the others (the top-level help and a wrong COMMAND's error list them);
    otherwise every one."""
    if first not in commands:
        return commands
    i = 0
    while args_list[i] != first:
        if args_list[i] == "--lang":
            i += 2
        elif args_list[i].startswith("--lang="):
            i += 1
        else:
            return commands
        if i >= len(args_list):
            return commands
    return {first: commands[first]}


def _exit_now(code: int) -> NoReturn:
    """End the process once its output is out. The interpreter's clean-up frees every object and
    module one by one (a noticeable part of a large check: `bench/run.py` measures it) and has nothing
    to save for a command that only printed."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away (`| head`): nothing more to say
        pass
    os._exit(code)


def _lang_option(args_list: list[str]) -> str | None:
    """The value of --lang wherever it stands (before or after the command)."""
    for i, arg in enumerate(args_list):
        if arg == "--lang" and i + 1 < len(args_list):
            return args_list[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _first_word(args_list: list[str]) -> str | None:
    """The first argument that is not an option or an option's value (`--lang ja check` → check)."""
    skip = False
    for arg in args_list:
        if skip:
            skip = False
            continue
        if arg == "--lang":
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def _not_found(word: str, commands: dict[str, tuple[str, str]]) -> str:
    """What to say for a first word that is neither a command nor an existing path."""
    if "/" in word or os.sep in word or word.lower().endswith(".toml"):
        return _("cpetui: no such ledger file or folder: {path}").format(path=word)
    import difflib

    close = difflib.get_close_matches(word.lower(), list(commands), n=1)
    if close:
        return _("cpetui: unknown command '{word}' — did you mean '{command}'?").format(
            word=word, command=close[0])
    return _("cpetui: unknown command '{word}'; the commands are: {commands} "
             "(to open the app on a ledger, give its file or folder)").format(
        word=word, commands=", ".join(commands))


def _setup_language(lang: str | None) -> None:
    try:
        from cpetui.locale import setup
    except ImportError:  # translations not built yet
        return
    setup(lang)


def _app_paths(args_list: list[str]) -> list[str] | None:
    """The paths of `cpetui PATH… [--lang L]`, or None when there is more to parse (options, `--`)."""
    paths: list[str] = []
    skip = False
    for i, arg in enumerate(args_list):
        if skip:
            skip = False
        elif arg == "--lang" and i + 1 < len(args_list) and args_list[i + 1] in ("en", "ja"):
            skip = True
        elif arg in ("--lang=en", "--lang=ja"):
            pass
        elif arg.startswith("-"):
            return None
        else:
            paths.append(arg)
    return paths


def _has_terminal() -> bool:
    """Both stdin and stdout are a terminal (the app reads keys from one and draws on the other)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def _run_app(args_list: list[str]) -> int:
    lang = _lang_option(args_list)
    paths = _app_paths(args_list)
    if paths is None:  # options to check: argparse, in the user's language, says what is wrong
        _setup_language(lang)
        parser = argparse.ArgumentParser(prog="cpetui", description=_("Open the cpetui app."))
        parser.add_argument("paths", nargs="*", help=_("ledger files or folders"))
        parser.add_argument("--lang", choices=["en", "ja"], help=_("interface language"))
        args = parser.parse_args(args_list)
        paths, lang = args.paths, args.lang
    if not _has_terminal():
        # Without a terminal the app can neither draw nor read keys: it would wait forever.
        _setup_language(lang)
        print(_("cpetui: the app needs a terminal; without one, run `cpetui status` or `cpetui check` "
                "(`cpetui --help` lists the commands)"), file=sys.stderr)
        return 2
    _setup_language(lang)  # before the app's words are made
    # Rarely until every ledger is read (the app then calls `collect_as_usual`): Textual's classes and
    # styles and the ledgers live as long as the app.
    collect_rarely()
    from cpetui.ui.app import run_app

    return int(run_app(paths) or 0)
