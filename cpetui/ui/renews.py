"""Which of the open ledgers an activity renews (CompTIA: one certification earned renews the lower
ones its table lists), in words for the explanation panel."""

from __future__ import annotations

import os
from collections.abc import Iterable

from cpetui.i18n import _
from cpetui.ledger.session import Entry
from cpetui.model import Activity
from cpetui.rules.renewal import would_renew


def renewed_ledgers(activity: Activity, entry: Entry, entries: Iterable[Entry]) -> tuple[str, ...]:
    """One line per ledger of the same program that `activity` (selected in `entry`) renews: this one,
    and each other whose credential the certification renews — said whether it is recorded there too,
    since a ledger counts only what it records."""
    if entry.status is None or entry.ledger.cycle is None:
        return ()
    out: list[tuple[bool, str]] = []
    for other in entries:
        status, cycle = other.status, other.ledger.cycle
        if status is None or cycle is None or cycle.program != entry.ledger.cycle.program:
            continue
        own = other.path == entry.path
        if not would_renew(cycle, status.cycle_end, activity, own=own):
            continue
        name = os.path.basename(other.path)
        if own:
            out.append((False, _("renews {credential} (this ledger)").format(credential=status.credential)))
        elif other.ledger.activity(activity.id) is not None:
            out.append((True, _("renews {credential} ({file}: recorded there too)").format(
                credential=status.credential, file=name)))
        else:
            out.append((True, _("would renew {credential} ({file}) once recorded there: c copies it").format(
                credential=status.credential, file=name)))
    return tuple(line for _other, line in sorted(out, key=lambda o: o[0]))  # its own ledger first
