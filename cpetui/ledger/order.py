"""The order ledgers are listed in: grouped by credential, newest cycle first (no Textual here)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpetui.ledger.session import Entry


def _start(entry: Entry) -> date:
    return entry.ledger.cycle.start if entry.ledger.cycle else date.min


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Grouped by credential (alphabetical), newest cycle first within each."""
    by_newest = sorted(entries, key=_start, reverse=True)
    return sorted(by_newest, key=lambda e: e.credential.casefold())


def ordered_paths(entries: Iterable[Entry]) -> list[str]:
    """The ledgers' paths in sidebar order."""
    return [e.path for e in ordered(entries)]
