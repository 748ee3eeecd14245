"""`cpetui where`: which ledger folder cpetui uses, and why (command line, env, config, the folder found
from the current one, the data folder)."""

from __future__ import annotations

import argparse

from cpetui.cli.ledgers import CONFIG_ERROR, find_ledgers
from cpetui.i18n import _


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help=_("ledger files or folders (as other commands take)"))


def run(args: argparse.Namespace) -> int:
    found = find_ledgers(args.paths)
    if found is None:
        return CONFIG_ERROR
    location, files, missing = found.location, found.files, found.missing
    for path in location.paths:
        print(path)
    print(_("  why: {reason}").format(reason=location.reason))
    print(_("  config file: {path}").format(path=location.config_path))
    print(_("  ledger files found: {n}").format(n=len(files)))
    for problem in missing:
        print(_("  missing: {path}").format(path=problem.source.path))
    return 0
