"""`cpetui audit-pack LEDGER --output pack.zip`: evidence files, a manifest with sha256, and the report."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import errno
import hashlib
import io
import os
import stat
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import IO, TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from cpetui.cli.args import date_arg, error
from cpetui.i18n import _, format_credits, ngettext
from cpetui.model import Activity, Ledger, Status
from cpetui.text import printable

if TYPE_CHECKING:
    from cpetui.ledger.evidence import EvidenceRef

MANIFEST = "manifest.csv"
REPORT = "report.md"
MANIFEST_COLUMNS = ("activity_id", "date", "title", "credits", "evidence", "file", "sha256", "status",
                    "note", "citation")
# Zip entries carry this date unless --timestamp, so the same ledger and files give the same pack.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 1 << 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", metavar="LEDGER", help=_("the ledger file whose evidence to pack"))
    parser.add_argument("--output", required=True, metavar="PACK.zip", help=_("the zip file to write"))
    parser.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))
    parser.add_argument("--allow-outside", action="store_true",
                        help=_("also pack evidence files outside the ledger's folder"))
    parser.add_argument("--allow-hidden", action="store_true",
                        help=_("also pack evidence in hidden files and folders (.git, .ssh …), when cited"))
    parser.add_argument("--allow-missing", action="store_true",
                        help=_("exit 0 even when cited evidence is missing (the pack is written either way)"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("date the report's status is computed on (default: today)"))
    parser.add_argument("--timestamp", action="store_true",
                        help=_("keep the files' own modification times in the zip"))


@dataclass(frozen=True)
class Entry:
    """One manifest row: an activity's evidence entry and what became of it."""

    activity: Activity
    credits: str
    evidence: str
    status: str  # found | missing | url | outside | none
    source: str | None = None  # the file to pack
    name: str = ""  # its name in the zip
    note: str = ""
    citation: str = ""  # the rule the activity's credits rest on, as the report and CSV cite it


def _zip_name(relative: str) -> str | None:
    """A safe zip entry name for a path relative to the ledger's folder; None when there is none."""
    parts = [p.replace("\\", "_") for p in relative.replace(os.sep, "/").split("/")]
    if not parts or any(p in ("", ".", "..") for p in parts) or os.path.isabs(relative):
        return None
    return "/".join(parts)


def _hidden(relative: str) -> bool:
    """A path inside a hidden folder or naming a hidden file (`.git/config`, `.ssh/id_rsa`)."""
    return any(part.startswith(".") and part not in (".", "..")
               for part in relative.replace(os.sep, "/").split("/"))


def _regular(path: str) -> bool:
    """A regular file: never a FIFO, device or socket, which would block or never end when read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _files_of(path: str, folder: str, allow_hidden: bool = False
              ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(file, path relative to folder) for a file, or each regular file below a folder that stays
    inside (hidden ones only with `allow_hidden`); and what was left out below the folder, as (status,
    note) pairs: links leading out, hidden files and folders, FIFOs and other special files."""
    if not os.path.isdir(path):
        return [(path, os.path.relpath(path, folder))], []
    found: list[tuple[str, str]] = []
    left: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        if not allow_hidden:
            # a hidden folder is named once, not walked: `.git` holds thousands of files
            for d in dirs:
                if d.startswith("."):
                    left += [("hidden", _left_hidden(os.path.relpath(os.path.join(root, d), folder)))]
            dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            full = os.path.realpath(os.path.join(root, name))
            relative = os.path.relpath(os.path.join(root, name), folder)
            if os.path.commonpath([full, folder]) != folder:
                left += [("outside", _(
                    "{file} is a link that leads outside the ledger's folder; not packed").format(
                    file=relative))]
            elif not allow_hidden and (_hidden(relative) or _hidden(os.path.relpath(full, folder))):
                left += [("hidden", _left_hidden(relative))]  # or a link to one: `x` → `.git/config`
            elif _regular(full):
                found.append((full, relative))
            else:
                left += [("missing", _(
                    "{file} is not a regular file (a FIFO, device or socket); not packed").format(
                    file=relative))]
    return found, left


def _left_hidden(relative: str) -> str:
    return _("{file} is hidden (or a link to a hidden file); not packed (--allow-hidden packs it)").format(
        file=relative)


def _absolute_route(ref: EvidenceRef, folder: str) -> bool:
    """Whether the ledger names the file by an absolute path: the entry itself (or its file:// URL), or a
    link on the way that points to one. Such a path is the same wherever the ledger's folder is."""
    text = ref.evidence.strip()
    if text[:7].lower() == "file://":
        text = unquote(urlsplit(text).path)
    if os.path.isabs(text):
        return True
    path = folder
    for part in os.path.normpath(text).split(os.sep):
        path = os.path.join(path, part)
        if os.path.islink(path) and os.path.isabs(os.readlink(path)):
            return True
    return False


def _reason(ref: EvidenceRef, folder: str) -> str:
    """`ref.reason` with the path it names relative to the ledger's folder (or absolute, as the ledger
    names it), so packs of the same ledger from two clones say the same thing."""
    if not ref.path:
        return ref.reason
    shown = ref.path if _absolute_route(ref, folder) else os.path.relpath(ref.path, folder)
    head, found, tail = ref.reason.rpartition(ref.path)
    return head + shown + tail if found else ref.reason


class _Names:
    """Zip names, one per file: two files never share a name (not even in another letter case, which
    unpacks over each other on macOS and Windows), and none takes the pack's own files' names."""

    def __init__(self, reserved: set[str]) -> None:
        self.taken: dict[str, str | None] = {n.casefold(): None for n in reserved}
        self.given: dict[str, str] = {}  # file → its name

    def name(self, source: str, wanted: str) -> str:
        if source in self.given:
            return self.given[source]
        stem, dot, ext = wanted.rpartition(".")
        if not dot or "/" in ext:
            stem, ext = wanted, ""
        candidate, n = wanted, 2
        while candidate.casefold() in self.taken:
            candidate = f"{stem}-{n}.{ext}" if ext else f"{wanted}-{n}"
            n += 1
        self.taken[candidate.casefold()] = source
        self.given[source] = candidate
        return candidate


def plan(ledger: Ledger, status: Status, allow_outside: bool, allow_hidden: bool = False) -> list[Entry]:
    """Every activity's evidence, classified, with the zip name each packed file will get."""
    from cpetui.export.markdown import sorted_activities
    from cpetui.ledger.evidence import classify

    folder = os.path.realpath(os.path.dirname(os.path.abspath(ledger.path)))
    names = _Names({MANIFEST, REPORT, os.path.basename(ledger.path)})
    outside: dict[str, int] = {}  # files outside the folder, numbered in the order first cited
    entries: list[Entry] = []
    for a in sorted_activities(ledger):
        credit = status.credit_of(a.id)
        credits = format_credits(credit.counted) if credit else ""
        if not a.evidence:
            entries.append(Entry(a, credits, "", "none", note=_("no evidence recorded")))
        for ev in a.evidence:
            ref = classify(ledger.path, ev)
            if ref.kind == "url":
                entries.append(Entry(a, credits, ev, "url", note=_("a web address; not fetched")))
            elif ref.kind == "missing":
                entries.append(Entry(a, credits, ev, "missing", note=_reason(ref, folder)))
            elif ref.kind == "outside":
                reason = _reason(ref, folder)
                if allow_outside and ref.exists and ref.path and _regular(ref.path):
                    number = outside.setdefault(ref.path, len(outside) + 1)
                    name = names.name(ref.path, f"outside/{number}-{os.path.basename(ref.path)}")
                    entries.append(Entry(a, credits, ev, "outside", ref.path, name,
                                         _("packed with --allow-outside: {reason}").format(
                                             reason=reason)))
                else:
                    note = reason if allow_outside else _(
                        "{reason}; not packed (--allow-outside packs it)").format(reason=reason)
                    entries.append(Entry(a, credits, ev, "outside", note=note))
            elif _hidden(os.path.relpath(ref.path or "", folder)) and not allow_hidden:
                entries.append(Entry(a, credits, ev, "hidden", note=_(
                    "in a hidden file or folder (such as .git); not packed (--allow-hidden packs it)")))
            elif ref.path is not None and not os.path.isdir(ref.path) and not _regular(ref.path):
                entries.append(Entry(a, credits, ev, "missing", note=_(
                    "not a regular file (a FIFO, device or socket); not packed")))
            else:
                assert ref.path is not None
                files, left = _files_of(ref.path, folder, allow_hidden)
                for kind, note in left:
                    entries.append(Entry(a, credits, ev, kind, note=note))
                if not files and not left:
                    entries.append(Entry(a, credits, ev, "missing", note=_("the folder holds no files")))
                for path, relative in files:
                    name = names.name(path, _zip_name(relative) or "evidence-files/" + os.path.basename(path))
                    entries.append(Entry(a, credits, ev, "found", path, name))
    cited = {c.activity_id: c.explanation.citation for c in status.activities}
    return [dataclasses.replace(e, citation=cited.get(e.activity.id, "")) for e in entries]


class Progress:
    """Packing progress on stderr, once packing takes over a second or has many files.

    On a terminal, a bar redrawn in place with a carriage return and ended with a newline:
    `[██████████░░░░░░░░░░░░░░] packing evidence: 12/40 files`. Anywhere else (a log, a pipe) a plain
    line every few seconds and one at the end, with neither bar nor carriage return.
    """

    WIDTH = 24  # cells in the bar
    FULL, EMPTY = "\u2588", "\u2591"  # █ ░

    def __init__(self, total: int, stream: IO[str] | None = None, many: int = 100,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.clock = clock
        self.start = clock()
        self.many = many
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.shown = False  # something was written
        self.open = False  # a bar is on the terminal's line, waiting for its newline
        self.ended = False  # the final count was written
        self.last = 0.0

    def bar(self, done: int) -> str:
        filled = self.WIDTH * min(done, self.total) // self.total if self.total else self.WIDTH
        return "[" + self.FULL * filled + self.EMPTY * (self.WIDTH - filled) + "]"

    def update(self, done: int) -> None:
        now = self.clock()
        if self.ended or not (self.total >= self.many or now - self.start > 1.0):
            return
        final = done >= self.total
        # a terminal's bar is redrawn a few times a second; a log gets a new line every few seconds
        if self.shown and not final and now - self.last < (0.1 if self.tty else 2.0):
            return
        self.shown, self.last, self.ended = True, now, final
        text = _("packing evidence: {done}/{total} files").format(done=done, total=self.total)
        if self.tty:
            self.stream.write(f"\r{self.bar(done)} {text}" + ("\n" if final else ""))
            self.open = not final
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """The final count, when progress was shown and the last update did not already write it."""
        if self.shown:
            self.update(self.total)

    def abandon(self) -> None:
        """Packing failed: end the bar's line so the error starts on a line of its own."""
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
            self.open = False


def _manifest(entries: list[Entry], hashes: dict[str, str]) -> str:
    from cpetui.export.cells import csv_text

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for e in entries:
        writer.writerow([csv_text(e.activity.id), e.activity.date.isoformat(), csv_text(e.activity.title),
                         e.credits, csv_text(e.evidence), csv_text(e.name),
                         hashes.get(e.name, ""), e.status, csv_text(e.note), csv_text(e.citation)])
    return buf.getvalue()


def _info(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _stamp(path: str | None, keep: bool) -> tuple[int, int, int, int, int, int]:
    if not keep or path is None:
        return FIXED_TIME
    t = time.localtime(max(os.stat(path).st_mtime, 315532800))  # zip dates start in 1980
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def packed_files(entries: list[Entry]) -> dict[str, str]:
    """Zip name → file for each distinct file to pack (one file cited by several activities: once)."""
    return {e.name: e.source for e in entries if e.source is not None}


def _open_regular(path: str) -> IO[bytes]:
    """Open a file to read only if it is a regular file at the moment it is opened: O_NONBLOCK keeps a
    file swapped for a FIFO since it was classified from blocking the pack, and fstat refuses it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, _("not a regular file"), path)
    return os.fdopen(fd, "rb")


def write_pack(out: IO[bytes], ledger: Ledger, report: str, entries: list[Entry],
               keep_times: bool = False, progress: Progress | None = None) -> dict[str, str]:
    """Write the zip to `out`; returns each packed file's sha256 by zip name."""
    hashes: dict[str, str] = {}
    with zipfile.ZipFile(out, "w") as zf:
        with open(ledger.path, "rb") as fh:
            zf.writestr(_info(os.path.basename(ledger.path), _stamp(ledger.path, keep_times)), fh.read())
        for done, (name, source) in enumerate(packed_files(entries).items(), 1):
            digest = hashlib.sha256()
            with _open_regular(source) as src, zf.open(_info(name, _stamp(source, keep_times)), "w") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
            hashes[name] = digest.hexdigest()
            if progress:
                progress.update(done)
        zf.writestr(_info(MANIFEST, FIXED_TIME), _manifest(entries, hashes))
        zf.writestr(_info(REPORT, FIXED_TIME), report)
    return hashes


def run(args: argparse.Namespace) -> int:
    from cpetui.cli.export import evaluate_ledger
    from cpetui.export.guard import ledger_in_the_way
    from cpetui.export.markdown import report

    output = args.output
    why = ledger_in_the_way(output, args.ledger)
    if why is not None:
        error("{flag}: {why}".format(flag="--output", why=why))
        return 1
    if os.path.lexists(output) and not args.force:
        error(_("--output: {path} already exists; nothing was written (--force replaces it)").format(
            path=output))
        return 1
    found = evaluate_ledger(args.ledger, args.as_of or date.today())
    if found is None:
        return 1
    ledger, status = found
    entries = plan(ledger, status, args.allow_outside, args.allow_hidden)
    progress = Progress(len(packed_files(entries)))
    folder = os.path.dirname(os.path.abspath(output))
    tmp: str | None = None
    try:
        # made inside the try, so that a Ctrl-C at any moment after it exists still removes it
        fd, tmp = tempfile.mkstemp(prefix=".cpetui-pack-", suffix=".zip", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            hashes = write_pack(fh, ledger, report(ledger, status), entries, args.timestamp, progress)
        progress.finish()
        os.replace(tmp, output)
    except BaseException as exc:  # Ctrl-C too: the half-written pack never stays behind
        progress.abandon()
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise
        if tmp is None:
            error(_("--output: {path}: {reason}").format(path=output, reason=exc.strerror or exc))
            return 1
        error(_("{path}: {reason}; no pack was written").format(
            path=exc.filename or output, reason=exc.strerror or exc))
        return 1
    _summary(output, entries, hashes)
    missing = sum(1 for e in entries if e.status == "missing")
    if missing and not args.allow_missing:
        error(ngettext("{n} cited evidence file is missing (listed above); the pack was written without "
                       "it (--allow-missing exits 0 all the same)",
                       "{n} cited evidence files are missing (listed above); the pack was written without "
                       "them (--allow-missing exits 0 all the same)", missing).format(n=missing))
        return 1
    return 0


def _summary(output: str, entries: list[Entry], hashes: dict[str, str]) -> None:
    counts = {s: sum(1 for e in entries if e.status == s)
              for s in ("found", "missing", "url", "outside", "hidden")}
    print(_("wrote {path}: {files} files, manifest.csv, report.md").format(path=output, files=len(hashes)))
    print(_("  evidence: {found} found, {missing} missing, {url} web addresses, {outside} outside the "
            "ledger's folder").format(**counts))
    if counts["hidden"]:
        print(_("  hidden files and folders not packed: {hidden} (--allow-hidden packs them)").format(
            hidden=counts["hidden"]))
    for e in entries:
        if e.status in ("missing", "outside", "hidden"):
            print("  " + _("{status}: {id}: {evidence} ({note})").format(
                status=e.status, id=printable(e.activity.id), evidence=printable(e.evidence),
                note=printable(e.note)))
