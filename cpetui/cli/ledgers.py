"""The ledger files a command works on: where they are (`locate`) and which are there (`discover`)."""

from __future__ import annotations

import sys
from collections.abc import Container, Sequence

from cpetui.frozen import frozen
from cpetui.i18n import _
from cpetui.ledger.load import discover
from cpetui.ledger.where import ConfigError, Location, locate
from cpetui.model import Problem

CONFIG_ERROR = 2  # the exit code of a command whose config file cannot be used


@frozen
class Found:
    """The location chosen, the ledger files found there, a problem for each path that is missing, and
    (when asked for) the regular files and folders the walk passed (`discover`'s `seen`)."""

    location: Location
    files: list[str]
    missing: list[Problem]
    seen: Container[str] = frozenset()


def find_ledgers(paths: Sequence[str], *, with_seen: bool = False) -> Found | None:
    """The ledgers named by `paths` (or chosen as `cpetui where` says); None, once the config file's
    error is printed, when the config file cannot be used (the command then exits `CONFIG_ERROR`).
    `with_seen`: keep what the walk of the folders passed, for `evidence_present`."""
    try:
        location = locate(paths)
    except ConfigError as exc:
        print(_("error: {detail}").format(detail=exc), file=sys.stderr)
        return None
    from cpetui.ledger.programs import use_programs

    use_programs(location.paths)
    seen: set[str] | None = set() if with_seen else None
    files, missing = discover(location.paths, seen)
    return Found(location, files, missing, seen if seen is not None else frozenset())
