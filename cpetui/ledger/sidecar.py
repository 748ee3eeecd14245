"""What a save keeps besides the text: extended attributes, no leftovers of interrupted saves, and the
words for a file the system will not let cpetui write."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from cpetui.i18n import _


def read_only_reason(path: str, target: str, st: os.stat_result) -> str:
    """Why a file cannot be written, in the words that lead to the fix."""
    unchanged = _("The ledger on disk is unchanged")
    try:
        read_only_fs = bool(os.statvfs(os.path.dirname(target) or ".").f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        read_only_fs = False
    if read_only_fs:
        return _("cannot save {path}: the file system it is on is mounted read-only. {unchanged}; "
                 "copy the ledger somewhere writable, or remount the file system read-write.").format(
                     path=path, unchanged=unchanged)
    if st.st_mode & stat.S_IWUSR:
        return _("cannot save {path}: its mode allows writing, but the system refuses (an immutable or "
                 "append-only attribute, see lsattr; chattr -i removes it). {unchanged}.").format(
                     path=path, unchanged=unchanged)
    return _("cannot save {path}: the file is read-only. {unchanged}; make it writable (chmod u+w) to "
             "save changes.").format(path=path, unchanged=unchanged)


TMP_SUFFIX = ".cpetui-tmp"


def leftovers(target: str, listdir: Callable[[str], list[str]] | None = None) -> list[str]:
    """Temporary copies an interrupted save of `target` left beside it (`.NAME.toml.<hex>.cpetui-tmp`).

    `listdir`: how the folder is listed, `os.listdir` unless a caller lists it once for many ledgers.
    """
    folder, name = os.path.split(target)
    prefix = f".{name}."
    try:
        return sorted(os.path.join(folder, f) for f in (listdir or os.listdir)(folder or ".")
                      if f.startswith(prefix) and f.endswith(TMP_SUFFIX))
    except OSError:
        return []


def remove_leftovers(target: str) -> None:
    """Remove the temporary files interrupted saves of this ledger left. Safe under the folder lock:
    no other cpetui save of it can be writing one now."""
    for leftover in leftovers(target):
        try:
            os.unlink(leftover)
        except OSError:
            pass  # not ours to fight over; `cpetui check` names it


def copy_xattrs(source: str, destination: str) -> None:
    """Give the new file the old one's extended attributes (ACLs, SELinux labels, Finder tags …)."""
    names = getattr(os, "listxattr", None)
    if names is None:
        return  # not on this platform (macOS keeps them through its own APIs; Windows has none)
    try:
        keys = os.listxattr(source)
    except OSError:
        return
    for key in keys:
        try:
            os.setxattr(destination, key, os.getxattr(source, key))
        except OSError:
            pass  # an attribute only the system may set (a security label) stays as the system sets it
