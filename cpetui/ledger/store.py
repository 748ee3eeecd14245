"""Saves ledger edits: refuses over outside changes, validates, then replaces the file atomically."""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tomllib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from cpetui.frozen import replace
from cpetui.i18n import _
from cpetui.ledger import edit
from cpetui.ledger.fastread import loads
from cpetui.ledger.lock import LockTimeout, ledger_lock
from cpetui.ledger.parse import fingerprint, parse_bytes
from cpetui.ledger.report import format_problem
from cpetui.ledger.sidecar import TMP_SUFFIX, copy_xattrs, read_only_reason, remove_leftovers
from cpetui.model import Ledger, Problem

BOM = b"\xef\xbb\xbf"


class SaveError(Exception):
    """A save that did not happen; the message says what went wrong and what to do. `.path` is the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


class SaveConflict(SaveError):
    """The file changed on disk since it was read: saving would overwrite someone else's edit."""


def _conflict(path: str, gone: bool = False) -> SaveConflict:
    if gone:
        what = _("{path} was moved or deleted since cpetui read it; nothing was saved.")
    else:
        what = _("{path} changed on disk since cpetui read it (saved by another program?); "
                 "nothing was saved.")
    return SaveConflict(
        path,
        what.format(path=path) + " " + _("Reload the ledger to see the other change, then make yours again."),
    )


def _failed(path: str, exc: BaseException, doing: str) -> SaveError:
    """A SaveError for an OS failure: what happened, that the ledger is intact, and what to do."""
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        why, todo = _("the disk is full"), _("free some space and save again")
    elif code in (errno.EACCES, errno.EPERM):
        why, todo = _("permission denied"), _("check that you may write to the file and its folder")
    elif code == errno.EROFS:
        why, todo = _("the file system is read-only"), _("save the ledger somewhere writable")
    else:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        todo = _("check the disk and the folder, then save again")
    return SaveError(
        path,
        _("cannot save {path}: {why} while {doing}. The ledger on disk is unchanged; {todo}.").format(
            path=path, why=why, doing=doing, todo=todo
        ),
    )


# ------------------------------------------------------------------------------ atomic write


@contextmanager
def _locked(path: str) -> Iterator[None]:
    """The folder lock every writer holds from its last look at the file to the rename (lock.py)."""
    try:
        with ledger_lock(path):
            yield
    except LockTimeout as exc:
        raise SaveError(path, str(exc)) from exc


def _target(path: str) -> str:
    """The real file to replace: a symlinked ledger is written through its link."""
    return os.path.realpath(path)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None  # gone, or a folder stands where the ledger was: the caller says "moved or deleted"
    except OSError as exc:
        raise _failed(path, exc, _("reading the file")) from exc


def _check_toml(path: str, data: bytes) -> None:
    try:
        loads(data.removeprefix(BOM).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SaveError(
            path,
            _("refusing to save {path}: the new text is not valid TOML ({detail}); "
              "the ledger on disk is unchanged.").format(path=path, detail=exc),
        ) from exc


def write_text_atomic(path: str, text: str, expected_fingerprint: str | None) -> None:
    """Replace `path` with `text` (UTF-8, written as given: BOM and line endings included) atomically.

    A temporary file in the same folder is written, flushed and fsynced, then renamed over the real
    file (through a symlink), keeping its mode. With `expected_fingerprint`, the save is refused
    (SaveConflict) when the file's bytes no longer hash to it. Any failure leaves the file intact,
    removes the temporary file and raises SaveError.
    """
    data = text.encode("utf-8")
    _check_toml(path, data)
    with _locked(path):
        _write(path, data, expected_fingerprint)


def _write(path: str, data: bytes, expected_fingerprint: str | None) -> None:
    """write_text_atomic for bytes already validated."""
    target = _target(path)
    st = _stat(path, target)
    if expected_fingerprint is not None:
        _expect(path, target, expected_fingerprint)
    if st is not None and not (st.st_mode & stat.S_IWUSR and os.access(target, os.W_OK)):
        raise SaveError(path, read_only_reason(path, target, st))
    remove_leftovers(target)
    if st is not None and st.st_nlink > 1:
        # Other names (hard links) share this file: replacing it would leave them with the old text.
        # Written in place instead, after a full copy of the old text beside it (as editors do).
        _overwrite_in_place(path, target, data, expected_fingerprint)
        return
    _replace(path, target, data, st, expected_fingerprint, exclusive=False)


def _overwrite_in_place(path: str, target: str, data: bytes, expected: str | None) -> None:
    """Write `data` into the file itself (keeping its inode, so every hard link sees it), keeping a
    copy of the old text beside it until the new one is on disk."""
    folder = os.path.dirname(target) or "."
    backup = os.path.join(folder, f".{os.path.basename(target)}.{secrets.token_hex(4)}{TMP_SUFFIX}")
    old = _read(target)
    if old is None:
        raise _conflict(path, gone=True)
    if expected is not None and fingerprint(old) != expected:
        raise _conflict(path)
    doing = _("keeping a copy of the old text next to it")
    try:
        with open(backup, "xb") as fh:
            fh.write(old)
            fh.flush()
            os.fsync(fh.fileno())
        doing = _("writing the new text into the file")
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(data)
            offset = 0
            while offset < len(data):
                offset += os.pwrite(fd, view[offset:], offset)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if doing == _("writing the new text into the file"):
            # The file may be half-written: put the old text back from the copy, which stays if that fails.
            try:
                fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
                try:
                    os.pwrite(fd, old, 0)
                    os.ftruncate(fd, len(old))
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError:
                raise _failed(path, exc, doing) from exc
        try:
            os.unlink(backup)
        except OSError:
            pass
        raise _failed(path, exc, doing) from exc
    os.unlink(backup)


def _stat(path: str, target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _failed(path, exc, _("reading the file")) from exc


def _expect(path: str, target: str, expected: str) -> None:
    current = _read(target)
    if current is None:
        raise _conflict(path, gone=True)
    if fingerprint(current) != expected:
        raise _conflict(path)


def _replace(
    path: str,
    target: str,
    data: bytes,
    st: os.stat_result | None,
    expected: str | None,
    *,
    exclusive: bool,
) -> None:
    folder = os.path.dirname(target) or "."
    tmp = os.path.join(folder, f".{os.path.basename(target)}.{secrets.token_hex(4)}{TMP_SUFFIX}")
    doing = _("creating a temporary file next to it")
    fd = -1
    try:
        mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666  # new files: the umask applies
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))  # the umask must not narrow an existing mode
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # only the owner's own files here; a group we may not set is not worth failing for
            copy_xattrs(target, tmp)
        doing = _("writing the new text")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        doing = _("flushing it to disk")
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if expected is not None:
            _expect(path, target, expected)  # a last look: an editor may have saved meanwhile
        doing = _("replacing the ledger with the new version")
        if exclusive:
            _link_new(path, tmp, target)
        else:
            os.replace(tmp, target)
    except SaveError:
        _cleanup(fd, tmp)
        raise
    except OSError as exc:
        _cleanup(fd, tmp)
        raise _failed(path, exc, doing) from exc
    except BaseException:
        _cleanup(fd, tmp)
        raise
    _sync_folder(folder)


def _link_new(path: str, tmp: str, target: str) -> None:
    """Put `tmp` in place as `target` only if no file is there (no overwrite, even in a race)."""
    try:
        os.link(tmp, target)
    except FileExistsError as exc:
        raise _exists(path) from exc
    except OSError:
        if os.path.lexists(target):
            raise _exists(path) from None
        os.replace(tmp, target)  # file systems without hard links
        return
    os.unlink(tmp)


def _exists(path: str) -> SaveError:
    return SaveError(
        path,
        _("{path} already exists; cpetui never overwrites a ledger. Choose another name or "
          "remove the file first.").format(path=path),
    )


def _cleanup(fd: int, tmp: str) -> None:
    if fd >= 0:
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable; not every platform can open a folder, which is fine."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def create_ledger(path: str, text: str) -> Ledger:
    """Write a new ledger file (its folder created when missing); refuses to overwrite any file."""
    data = text.encode("utf-8")
    _check_toml(path, data)
    if os.path.lexists(path):
        raise _exists(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise _failed(path, exc, _("creating its folder")) from exc
    with _locked(path):
        _replace(path, os.path.abspath(path), data, None, None, exclusive=True)
    return _fresh(path, data)


# ----------------------------------------------------------------------------------- edits


def _fresh(path: str, data: bytes, parsed: Ledger | None = None) -> Ledger:
    """The Ledger of the bytes just written, with the file's new mtime."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        mtime = 0
    if parsed is None:
        return parse_bytes(data, path, mtime)
    return replace(parsed, mtime_ns=mtime)


def _current_text(ledger: Ledger) -> tuple[bool, str]:
    """The ledger's text as on disk now (BOM flag, text); SaveConflict when it is not what was read."""
    data = _read(_target(ledger.path))
    if data is None:
        raise _conflict(ledger.path, gone=True)
    if fingerprint(data) != ledger.fingerprint:
        raise _conflict(ledger.path)
    bom = data.startswith(BOM)
    try:
        return bom, data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(
            ledger.path,
            _("cannot edit {path}: it is not UTF-8 text; save it as UTF-8 first.").format(
                path=ledger.path
            ),
        ) from exc


def _error_keys(problems: tuple[Problem, ...]) -> Counter[tuple[str, str, str]]:
    return Counter(
        edit.normalise_error_key(p.code, p.activity_id, p.excerpt)
        for p in problems
        if p.severity == "error"
    )


def _apply(ledger: Ledger, change: Callable[[str], str]) -> Ledger:
    """Read, check, edit, validate and save one ledger; the freshly parsed Ledger, or SaveError.

    The folder lock is held throughout, so no other writer can save between the check that the file
    is as it was read and the rename of the new text over it.
    """
    with _locked(ledger.path):
        return _apply_locked(ledger, change)


def _apply_locked(ledger: Ledger, change: Callable[[str], str]) -> Ledger:
    bom, text = _current_text(ledger)
    try:
        new_text = change(text)
    except edit.EditError as exc:
        raise SaveError(
            ledger.path,
            _("cannot change {path}: {reason}").format(path=ledger.path, reason=exc),
        ) from exc
    if new_text == text:
        return ledger  # nothing changed: nothing is written
    data = (BOM if bom else b"") + new_text.encode("utf-8")
    after = parse_bytes(data, ledger.path)
    introduced = _error_keys(after.problems) - _error_keys(ledger.problems)
    if introduced:
        first = next(
            p for p in after.problems
            if p.severity == "error"
            and edit.normalise_error_key(p.code, p.activity_id, p.excerpt) in introduced
        )
        raise SaveError(
            ledger.path,
            _("not saved: the change would introduce an error in the ledger:\n{problem}").format(
                problem=format_problem(first)
            ),
        )
    _write(ledger.path, data, ledger.fingerprint)  # edit.* verified the text already
    return _fresh(ledger.path, data, after)


# Deleted blocks, kept so that undoing a delete puts back the very text (comments, key order, place).
# Several per id, newest last: a copy's undo deletes a block with the same id as one deleted before,
# and undoing further must still find the earlier one.
_RECENT: OrderedDict[tuple[str, str], list[edit.Extract]] = OrderedDict()
_RECENT_MAX = 64  # ids
_RECENT_DEPTH = 16  # blocks per id


def _recent_key(ledger: Ledger, values: dict[str, Any]) -> tuple[str, str]:
    """Deleted blocks are found again by file and id ("" for the last hand-written one without)."""
    aid = values.get("id")
    return _target(ledger.path), aid.strip() if isinstance(aid, str) else ""


def _remember(ledger: Ledger, ex: edit.Extract) -> None:
    key = _recent_key(ledger, ex.values)
    kept = _RECENT.setdefault(key, [])
    kept.append(ex)
    del kept[:-_RECENT_DEPTH]
    _RECENT.move_to_end(key)
    while len(_RECENT) > _RECENT_MAX:
        _RECENT.popitem(last=False)


def _recalled(ledger: Ledger, values: dict[str, Any]) -> edit.Extract | None:
    """The most recently deleted block of this file with exactly these values (taken out), or None."""
    key = _recent_key(ledger, values)
    kept = _RECENT.get(key)
    if not kept:
        return None
    try:
        clean = {k: edit.plain(v) for k, v in values.items() if v is not None}
    except edit.EditError:
        return None
    for i in range(len(kept) - 1, -1, -1):
        if edit.same_values(clean, kept[i].values):
            return kept[i]
    return None


def _forget(ledger: Ledger, ex: edit.Extract) -> None:
    key = _recent_key(ledger, ex.values)
    kept = _RECENT.get(key, [])
    if ex in kept:
        kept.remove(ex)
    if not kept:
        _RECENT.pop(key, None)


def add_activity(ledger: Ledger, values: dict[str, Any]) -> tuple[Ledger, str]:
    """Add an activity (an id is generated from date and title when `values` has none).

    Returns the saved Ledger and the activity's id. Re-adding the values a delete returned (undo)
    puts back the deleted text itself, comments included, where it was.
    """
    recalled = _recalled(ledger, values)
    new_id: list[str] = []

    def change(text: str) -> str:
        if recalled is not None:
            new_text, aid = edit.add_with_id(
                text, recalled.values, block=recalled.block, after=recalled.after
            )
        else:
            new_text, aid = edit.add_with_id(text, values)
        new_id.append(aid)
        return new_text

    new = _apply(ledger, change)
    if recalled is not None:
        _forget(ledger, recalled)
    return new, new_id[0]


def add_activities(ledger: Ledger, rows: list[dict[str, Any]]) -> tuple[Ledger, list[str]]:
    """Add several activities in one save (an import): all of them or, on any failure, none."""
    ids: list[str] = []

    def change(text: str) -> str:
        ids.clear()
        for values in rows:
            text, aid = edit.add_with_id(text, values)
            ids.append(aid)
        return text

    return _apply(ledger, change), list(ids)


def delete_activities(ledger: Ledger, activity_ids: list[str]) -> Ledger:
    """Remove several activities in one save (undoing an import)."""

    def change(text: str) -> str:
        for aid in activity_ids:
            text = edit.delete(text, aid)[0]
        return text

    return _apply(ledger, change)


def update_activity(ledger: Ledger, activity_id: str, changes: dict[str, Any | None]) -> Ledger:
    """Change some keys of one activity (None removes a key); unchanged values are not rewritten."""
    return _apply(ledger, lambda t: edit.update(t, activity_id, changes))


def update_cycle(ledger: Ledger, changes: dict[str, Any | None]) -> tuple[Ledger, dict[str, Any]]:
    """Change some [cycle] keys (None removes one); returns the new ledger and the keys' old values."""
    from cpetui.ledger import cycletext

    with _locked(ledger.path):
        old = cycletext.values(_current_text(ledger)[1])
        new = _apply_locked(ledger, lambda t: cycletext.update(t, changes))
    return new, {k: old.get(k) for k in changes}


def delete_activity(ledger: Ledger, activity_id: str) -> tuple[Ledger, dict[str, Any]]:
    """Remove one activity with the comments directly above it; returns its values (for undo)."""
    with _locked(ledger.path):
        text = _current_text(ledger)[1]
        try:
            ex = edit.extract(text, activity_id)
        except edit.EditError as exc:
            raise SaveError(
                ledger.path, _("cannot change {path}: {reason}").format(path=ledger.path, reason=exc)
            ) from exc
        new = _apply(ledger, lambda t: edit.delete(t, activity_id)[0])
    _remember(ledger, ex)
    return new, dict(ex.values)


def activity_values(ledger: Ledger, activity_id: str) -> dict[str, Any]:
    """The activity's values as written in the file now (to undo an update with them)."""
    text = _current_text(ledger)[1]
    try:
        return edit.values_of(text, activity_id)
    except edit.EditError as exc:
        raise SaveError(ledger.path, str(exc)) from exc


def _lift(src: Ledger, activity_id: str, dst: Ledger) -> edit.Extract:
    if _target(src.path) == _target(dst.path):
        raise SaveError(
            dst.path, _("{path} is both the source and the destination").format(path=dst.path)
        )
    _current_text(dst)  # refuse early when the destination changed too
    text = _current_text(src)[1]
    try:
        return edit.extract(text, activity_id)
    except edit.EditError as exc:
        raise SaveError(src.path, str(exc)) from exc


def copy_activity(src: Ledger, activity_id: str, dst: Ledger,
                  changes: dict[str, Any] | None = None) -> Ledger:
    """Copy one activity into another ledger, keeping its id and its comments; returns the new dst.

    `changes` (None removes a key) are made to the copy only, in the same write: what another
    program's ledger needs (see ledger/transfer.py).
    """
    ex = _lift(src, activity_id, dst)
    block, values = ex.block, ex.values
    if changes:
        try:
            # The block on its own is a ledger of one activity: edited there, its comments stay.
            (own,) = edit.ids(block)
            block = edit.update(block, own, dict(changes))
            values = edit.values_of(block, own)
        except edit.EditError as exc:
            raise SaveError(src.path, str(exc)) from exc
    return _apply(dst, lambda t: edit.add(t, values, block=block))


def move_activity(src: Ledger, activity_id: str, dst: Ledger) -> tuple[Ledger, Ledger]:
    """Move one activity to another ledger: written into dst first, then removed from src.

    Returns (new src, new dst). If removing it from src fails, the activity is in both files —
    never in neither — and the SaveError says so.
    """
    ex = _lift(src, activity_id, dst)
    new_dst = _apply(dst, lambda t: edit.add(t, ex.values, block=ex.block))
    try:
        new_src = _apply(src, lambda t: edit.delete(t, activity_id)[0])
    except SaveError as exc:
        raise SaveError(
            src.path,
            _("the activity was copied to {dst} but could not be removed from {src}: {reason} "
              "It is now in both ledgers; delete it from {src} yourself.").format(
                dst=dst.path, src=src.path, reason=exc
            ),
        ) from exc
    return new_src, new_dst
