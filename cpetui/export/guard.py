"""Refuses an export or audit-pack output path that would replace a ledger (whatever its case or name)."""

from __future__ import annotations

import os
import stat

from cpetui.i18n import _


def ledger_in_the_way(output: str, ledger_path: str) -> str | None:
    """Why `output` must not be written (it is, or reads as, a ledger), or None when it may be.

    Checked even with --force: a pack or CSV written over a ledger destroys years of records.
    """
    if output.lower().endswith(".toml"):
        return _("{path} looks like a ledger (a .toml file); write the output to another file").format(
            path=output)
    try:
        st = os.stat(output)
    except OSError:
        return None  # nothing there (or nothing we can look at: the write will say so)
    try:
        if os.path.samefile(output, ledger_path):
            return _("{path} is the ledger itself; write the output to another file").format(path=output)
    except OSError:
        pass
    if stat.S_ISREG(st.st_mode):
        from cpetui.ledger.where import is_ledger

        if is_ledger(output):
            return _("{path} reads as a ledger (it has a [cycle] table); write the output to another "
                     "file").format(path=output)
    return None
