"""Says what each evidence entry is — a URL, a file in the ledger's folder, one outside it, or missing."""

from __future__ import annotations

import os
import re
from collections.abc import Container
from stat import S_ISDIR, S_ISREG
from typing import Literal
from urllib.parse import unquote, urlsplit

from cpetui.frozen import frozen
from cpetui.i18n import _
from cpetui.model import Ledger

EvidenceKind = Literal["url", "file", "outside", "missing"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_WEB = ("http", "https", "ftp", "ftps")


@frozen
class EvidenceRef:
    """One evidence entry as written, what it is, and where it leads.

    `path` is the absolute path it names (symlinks resolved) for files, None for URLs; `exists`
    says whether something is there (URLs: True, they are not fetched); `reason` explains an
    `outside` or `missing` verdict in words.
    """

    evidence: str
    kind: EvidenceKind
    path: str | None
    exists: bool
    reason: str = ""

    @property
    def is_url(self) -> bool:
        return self.kind == "url"


def _folder(ledger_path: str) -> str:
    return os.path.dirname(os.path.abspath(ledger_path))


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives on Windows
        return False


def classify(ledger_path: str, evidence: str) -> EvidenceRef:
    """What `evidence` (a path relative to the ledger's folder, or a URL) refers to.

    Never opens, fetches or runs anything; only looks the path up. A path that leads out of the
    ledger's folder — `../..`, an absolute path elsewhere, a symlink pointing away — is `outside`.
    """
    text = evidence.strip()
    if not text:
        return EvidenceRef(evidence, "missing", None, False, _("the evidence entry is empty"))
    m = _SCHEME.match(text)
    if m:
        scheme = m.group(1).lower()
        if scheme in _WEB:
            return EvidenceRef(evidence, "url", None, True)
        if scheme != "file":
            return EvidenceRef(
                evidence, "outside", None, False,
                _("'{scheme}:' is neither a web address nor a file next to the ledger").format(
                    scheme=scheme
                ),
            )
        text = unquote(urlsplit(text).path)
    folder = _folder(ledger_path)
    try:
        lexical = os.path.normpath(os.path.join(folder, text))
        real = os.path.realpath(lexical)
        real_folder = os.path.realpath(folder)
        mode = _mode(real)
    except (ValueError, OSError):  # NUL bytes, over-long names
        return EvidenceRef(evidence, "missing", None, False, _("this is not a valid file path"))
    if not (_inside(lexical, folder) and _inside(real, real_folder)):
        where = (
            _("an absolute path") if os.path.isabs(text)
            else _("a path through a link") if _inside(lexical, folder)
            else _("a path with '..'")
        )
        return EvidenceRef(
            evidence, "outside", real, mode is not None and _evidence_mode(mode),
            _("{where} that leads outside the ledger's folder, to {path}").format(
                where=where, path=real
            ),
        )
    if mode is None:
        return EvidenceRef(
            evidence, "missing", real, False,
            _("no file at {path} (evidence paths are relative to the ledger's folder)").format(
                path=real
            ),
        )
    if not _evidence_mode(mode):
        # A FIFO, device or socket is no document, and reading one can block forever or never end.
        return EvidenceRef(
            evidence, "missing", real, False,
            _("{path} is not a regular file (a FIFO, device or socket); cite the document itself").format(
                path=real
            ),
        )
    return EvidenceRef(evidence, "file", real, True)


def _mode(path: str) -> int | None:
    """The file type and mode bits at `path` (links followed), or None when nothing is there.

    Only stat: never opens, so a FIFO cannot block the caller.
    """
    try:
        return os.stat(path).st_mode
    except (OSError, ValueError):  # as os.path.exists: what cannot be looked at is not there
        return None


def _evidence_mode(mode: int) -> bool:
    """A regular file or a folder of them: what can stand as evidence."""
    return S_ISREG(mode) or S_ISDIR(mode)


def classify_all(ledger: Ledger) -> dict[str, EvidenceRef]:
    """Every evidence entry of the ledger's activities, classified (each distinct entry once)."""
    out: dict[str, EvidenceRef] = {}
    for activity in ledger.activities:
        for ev in activity.evidence:
            if ev not in out:
                out[ev] = classify(ledger.path, ev)
    return out


def evidence_present(ledger: Ledger, seen: Container[str] = ()) -> dict[str, bool]:
    """Each evidence entry → whether something is there (URLs: True, they are not fetched).

    A file outside the ledger's folder counts when it exists; `classify` says it is outside. `seen`:
    absolute paths already known to be a regular file or a folder (`discover` lists them while it walks
    the ledgers' folders, links not followed); an entry whose path is among them needs no look-up.
    """
    # One stat per entry: resolving every path component (as `classify` must, to catch links
    # leading out) costs ten times more and says nothing more about presence.
    folder = _folder(ledger.path)
    # os.path.join and os.path.exists, inlined: this runs for every entry of every ledger read.
    prefix = folder.rstrip(os.sep) + os.sep if os.sep == "/" and os.altsep is None else None
    stat = os.stat
    present: dict[str, bool] = {}
    for activity in ledger.activities:
        for ev in activity.evidence:
            if ev in present:
                continue
            text = ev.strip()
            if not text or "\0" in text:
                present[ev] = False
            elif "://" in text and _SCHEME.match(text):  # a plain search first: most entries are paths
                present[ev] = classify(ledger.path, ev).exists
            else:
                where = (prefix + text if not text.startswith("/") else text) if prefix is not None \
                    else os.path.join(folder, text)
                if where in seen:
                    present[ev] = True
                    continue
                try:
                    present[ev] = _evidence_mode(stat(where).st_mode)
                except (ValueError, OSError):
                    present[ev] = False
    return present
