"""Finds program files — shipped with cpetui, in a `programs/` folder beside the ledgers, in the config
folder — reads them, and hands their programs to the rules' registry; nothing in them is ever run."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cpetui.i18n import _, add_texts
from cpetui.model import Problem, SourceRef
from cpetui.rules.build import build_program
from cpetui.rules.programfile import read_program_text
from cpetui.rules.registry import PROGRAMS, Finder
from cpetui.rules.sources import add_sources
from cpetui.rules.spec import Program

try:  # the compiled TOML reader the ledgers are read with; cpetui works without it
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _rtoml = None

SHIPPED = Path(__file__).resolve().parent.parent / "programs"
FOLDER = "programs"  # the folder of a user's own programs, beside their ledgers
# A program of a few dozen activity types is a few KB; anything far larger is not a program file.
MAX_PROGRAM_BYTES = 256 * 1024


class Read:
    """One program file as read: its program (None when a mistake keeps it from loading) and problems."""

    __slots__ = ("origin", "path", "problems", "program")

    def __init__(self, path: str, origin: str, program: Program | None,
                 problems: tuple[Problem, ...]) -> None:
        self.path = path
        self.origin = origin
        self.program = program
        self.problems = problems


def _origin(folder: Path) -> str:
    """Where a program came from, as `cpetui programs` shows it: "" for those shipped with cpetui."""
    return "" if folder == SHIPPED else str(folder)


def read_file(path: Path, origin: str) -> Read:
    """Read one program file; never raises."""
    try:
        if path.stat().st_size > MAX_PROGRAM_BYTES:
            return Read(str(path), origin, None, (Problem(
                "error", "too-large", _("a program file is at most 256 KB"), SourceRef(str(path), 1, 1),
                hint=_("a program file holds one body's rules: keep it to its versions and types")),))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Read(str(path), origin, None, (Problem(
            "error", "unreadable", _("cannot read the program file: {reason}").format(
                reason=getattr(exc, "strerror", None) or exc), SourceRef(str(path), 1, 1),
            hint=_("check that the file exists, is UTF-8 text, and that you may read it")),))
    from cpetui.ledger.fastread import TooDeep, _refuse_deep_keys

    try:
        # A dotted key thousands of parts deep takes the TOML reader gigabytes: refused before reading.
        _refuse_deep_keys(text)
        read = read_program_text(text, str(path), data=_read_fast(text))
    except (TooDeep, RecursionError) as exc:
        line = exc.line if isinstance(exc, TooDeep) else 1
        return Read(str(path), origin, None, (Problem(
            "error", "too-deep", _("keys or brackets nested too deeply to read"),
            SourceRef(str(path), line, 1),
            hint=_("a program file needs a few levels of tables at most: write the key plainly")),))
    try:
        program, problems = build_program(read, text, origin)
    except Exception as exc:  # noqa: BLE001 - a value of a shape no check foresaw: said, never a traceback
        return Read(str(path), origin, None, (*read.problems, Problem(
            "error", "program-format", _("this program file cannot be used: {reason}").format(
                reason=f"{type(exc).__name__}: {exc}"), SourceRef(str(path), 1, 1),
            hint=_("compare it with docs/program-format.md; 'cpetui check' names the other mistakes")),))
    return Read(str(path), origin, program, problems)


_TIME = re.compile(r":[0-9][0-9]")


def _read_fast(text: str) -> dict[str, Any] | None:
    """The file read by the compiled reader when it holds nothing on which TOML 1.1 (rtoml) and 1.0
    (tomllib, the spec) differ: no escape \\x or \\e, no time, no carriage return, no multi-line
    string, and every inline table closed on its own line without a trailing comma. None otherwise, or
    on any mistake: tomllib then reads it and locates the mistake."""
    if _rtoml is None or "\\x" in text or "\\e" in text or "\r" in text:
        return None
    if '"""' in text or "'''" in text:
        return None  # a multi-line string: left to tomllib
    # Strings blanked out (whole-line comments first: their apostrophes open no string), every line's
    # braces must balance and no comma may come before a `}`.
    code = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#"))
    bare = _STRING.sub('""', code)
    if "'" in bare or _TRAILING_COMMA.search(bare) or _TIME.search(bare):  # a time outside any string
        return None
    for line in bare.split("\n"):
        if "{" in line or "}" in line:
            line = line.split("#", 1)[0]
            if line.count("{") != line.count("}") or line.count('"') % 2:
                return None
    try:
        data = _rtoml.loads(text)
    except Exception:  # noqa: BLE001 - whatever rtoml says, tomllib's verdict is the one reported
        return None
    return data if isinstance(data, dict) else None


# A one-line string, "…" (escapes skipped whole) or '…'; the double-quoted one written as a run of plain
# characters between escapes, which the regular-expression engine takes in long steps, not one by one.
_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'')
_TRAILING_COMMA = re.compile(r",\s*}")


class FolderFinder(Finder):
    """Programs from the shipped folder, then each user folder in turn; the first file of an id wins and
    a later one with the same id is reported, never silently preferred."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.folders = [SHIPPED, *[f for f in folders if f != SHIPPED]]
        self._read: dict[str, Read] = {}  # by path
        self._scanned = False

    def _files(self, folder: Path) -> list[Path]:
        try:
            return sorted(p for p in folder.glob("*.toml") if p.is_file())
        except OSError:
            return []

    def _load(self, path: Path, folder: Path) -> Read:
        key = str(path)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = read_file(path, _origin(folder))
            if found.program is not None:
                add_sources(found.program.sources)
                for language, texts in (found.program.texts or {}).items():
                    add_texts(language, dict(texts))
        return found

    def add(self, folders: Iterable[Path]) -> bool:
        """Read these folders too (after those already named); whether any was new."""
        new = [f for f in folders if f not in self.folders]
        if new:
            self.folders.extend(new)
            self._scanned = False
        return bool(new)

    def shipped_ids(self) -> frozenset[str]:
        """The shipped programs' ids: each shipped file is named after its program."""
        return frozenset(p.stem for p in self._files(SHIPPED))

    def scan(self) -> list[Read]:
        """Every program file of the user's folders, read once, with clashes of ids reported (a shipped
        program is not read for this: its file is named after it)."""
        out: list[Read] = []
        owner: dict[str, Read] = {}
        shipped = self.shipped_ids()
        for folder in self.folders[1:]:
            for path in self._files(folder):
                read = self._load(path, folder)
                program = read.program
                taken = program is not None and (program.id in owner or program.id in shipped
                                                  or PROGRAMS.is_built_in(program.id))
                if taken:
                    assert program is not None
                    first = owner.get(program.id)
                    where = first.path if first else _("cpetui itself")
                    read = Read(read.path, read.origin, None, (*read.problems, Problem(
                        "error", "program-defined-twice",
                        _("program '{id}' is already defined ({where}): this file is not used").format(
                            id=program.id, where=where), SourceRef(read.path, 1, 1),
                        hint=_("give this program another id")),))
                elif program is not None:
                    owner[program.id] = read
                out.append(read)
        self._scanned = True
        self._owner = owner
        self._all = out
        return out

    def _shipped(self, program_id: str) -> Program | None:
        path = SHIPPED / f"{program_id}.toml"
        if not path.is_file():
            return None
        read = self._load(path, SHIPPED)
        return read.program if read.program is not None and read.program.id == program_id else None

    def one(self, program_id: str) -> Program | None:
        found = self._shipped(program_id)
        if found is not None:
            return found
        if not self._scanned:
            self.scan()
        read = self._owner.get(program_id)
        return read.program if read else None

    def all(self) -> tuple[Program, ...]:
        if not self._scanned:
            self.scan()
        shipped = [p for p in (self._shipped(i) for i in sorted(self.shipped_ids())) if p is not None]
        return (*shipped, *(r.program for r in self._owner.values() if r.program is not None))

    def broken(self, program_id: str) -> Problem | None:
        if not self._scanned:
            self.scan()
        for read in self._all:
            if read.program is None and Path(read.path).stem == program_id:
                errors = [p for p in read.problems if p.severity == "error"]
                if errors:
                    return errors[0]
        return None

    def problems(self) -> list[Problem]:
        """Every mistake in the program files of the user's folders."""
        if not self._scanned:
            self.scan()
        return [p for read in self._all for p in read.problems]

    def reads(self) -> list[Read]:
        """The user's program files as read (for `cpetui programs`: where each came from)."""
        if not self._scanned:
            self.scan()
        return list(self._all)


def folders_for(ledger_paths: Iterable[str], env: Mapping[str, str] | None = None) -> list[Path]:
    """The `programs/` folders beside the ledgers (of each folder named, or each file's folder), then
    the config folder's."""
    from cpetui.ledger.where import config_path

    out: list[Path] = []
    for raw in ledger_paths:
        p = Path(raw)
        base = p if p.is_dir() else p.parent
        folder = (base / FOLDER).resolve() if (base / FOLDER).is_dir() else None
        if folder is not None and folder not in out:
            out.append(folder)
    config = config_path(env if env is not None else os.environ).parent / FOLDER
    if config.is_dir() and config.resolve() not in out:
        out.append(config.resolve())
    return out


_current: FolderFinder | None = None


def reset() -> None:
    """Forget the folders named so far (each command of a process starts afresh)."""
    global _current
    _current = FolderFinder([])  # the shipped programs are always there
    PROGRAMS.use(_current)


def use_programs(ledger_paths: Iterable[str] = (), env: Mapping[str, str] | None = None) -> FolderFinder:
    """Make the programs beside `ledger_paths` (and the shipped and config ones) known to the rules;
    folders named before stay known (one process may read ledgers of several folders)."""
    global _current
    folders = folders_for(ledger_paths, env)
    if _current is None:
        _current = FolderFinder(folders)
        PROGRAMS.use(_current)
    elif _current.add(folders):
        PROGRAMS.refresh()
    return _current


def current() -> FolderFinder:
    """The finder in use (the shipped programs only, until ledgers are named)."""
    return _current if _current is not None else use_programs()


def is_program_path(path: str) -> bool:
    """Whether `path` lies in a `programs/` folder: a program file, not a ledger."""
    return Path(path).parent.name == FOLDER
