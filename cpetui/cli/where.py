"""`cpetui where`: which ledger folder cpetui uses, and why (command line, env, config, the folder found
from the current one, the data folder)."""

from __future__ import annotations

import argparse
import sys

from cpetui.i18n import _


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help=_("ledger files or folders (as other commands take)"))


def run(args: argparse.Namespace) -> int:
    from cpetui.ledger.load import discover
    from cpetui.ledger.where import ConfigError, locate

    try:
        location = locate(args.paths)
    except ConfigError as exc:
        print(_("error: {detail}").format(detail=exc), file=sys.stderr)
        return 2
    files, missing = discover(location.paths)
    for path in location.paths:
        print(path)
    print(_("  why: {reason}").format(reason=location.reason))
    print(_("  config file: {path}").format(path=location.config_path))
    print(_("  ledger files found: {n}").format(n=len(files)))
    for problem in missing:
        print(_("  missing: {path}").format(path=problem.source.path))
    return 0
