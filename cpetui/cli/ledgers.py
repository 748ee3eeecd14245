"""The ledger files a command works on: where they are (`locate`) and which are there (`discover`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from cpetui.i18n import _
from cpetui.ledger.load import discover
from cpetui.ledger.where import ConfigError, Location, locate
from cpetui.model import Problem

CONFIG_ERROR = 2  # the exit code of a command whose config file cannot be used


@dataclass(frozen=True)
class Found:
    """The location chosen, the ledger files found there, and a problem for each path that is missing."""

    location: Location
    files: list[str]
    missing: list[Problem]


def find_ledgers(paths: Sequence[str]) -> Found | None:
    """The ledgers named by `paths` (or chosen as `cpetui where` says); None, once the config file's
    error is printed, when the config file cannot be used (the command then exits `CONFIG_ERROR`)."""
    try:
        location = locate(paths)
    except ConfigError as exc:
        print(_("error: {detail}").format(detail=exc), file=sys.stderr)
        return None
    from cpetui.ledger.programs import use_programs

    use_programs(location.paths)
    files, missing = discover(location.paths)
    return Found(location, files, missing)
