"""The `cpetui` command line: dispatches headless commands and launches the app (Textual only there)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

# Each headless command lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
# Imported only when named, so `cpetui check` loads nothing it does not use.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("cpetui.cli.check", "check ledgers for errors (for git pre-commit hooks)"),
    "status": ("cpetui.cli.status", "where each ledger stands"),
    "where": ("cpetui.cli.where", "which ledger folder is used, and why"),
    "init": ("cpetui.cli.init", "create a ledger folder ready for git"),
    "new": ("cpetui.cli.new", "start a new cycle's ledger"),
    "add": ("cpetui.cli.add", "add an activity to a ledger"),
    "programs": ("cpetui.cli.programs", "programs, rules versions and activity types"),
    "export": ("cpetui.cli.export", "export a ledger as CSV, JSON or Markdown"),
    "audit-pack": ("cpetui.cli.audit_pack", "zip a ledger's evidence with a manifest and report"),
}


def _available_commands() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for name, (module, help_text) in COMMANDS.items():
        if importlib.util.find_spec(module) is not None:
            found[name] = (module, help_text)
    return found


def build_parser(commands: dict[str, tuple[str, str]]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cpetui",
        description="Keep your CPE ledgers honest and audit-ready. "
        "Without a command, opens the app on the given ledger files or folders.",
    )
    parser.add_argument("--lang", choices=["en", "ja"], help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in commands.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--lang", choices=["en", "ja"], help="interface language",
                       default=argparse.SUPPRESS)
        importlib.import_module(module).add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = _available_commands()
    first = _first_word(args_list)
    if first in commands or any(a in ("-h", "--help") for a in args_list[:1]):
        parser = build_parser(commands)
        args = parser.parse_args(args_list)
        if args.command is None:
            parser.print_help()
            return 0
        _setup_language(getattr(args, "lang", None))
        module = importlib.import_module(commands[args.command][0])
        return int(module.run(args) or 0)
    return _run_app(args_list)


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


def _setup_language(lang: str | None) -> None:
    try:
        from cpetui.locale import setup
    except ImportError:  # translations not built yet
        return
    setup(lang)


def _run_app(args_list: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cpetui", description="Open the cpetui app.")
    parser.add_argument("paths", nargs="*", help="ledger files or folders")
    parser.add_argument("--lang", choices=["en", "ja"], help="interface language")
    args = parser.parse_args(args_list)
    _setup_language(args.lang)
    from cpetui.ui.app import run_app  # Textual is imported here only

    return int(run_app(args.paths) or 0)
