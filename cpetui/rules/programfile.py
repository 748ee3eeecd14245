"""Reading a program file's text: TOML syntax, named checks, arithmetic kinds and selectors, each located."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from cpetui.i18n import _
from cpetui.model import Problem, SourceRef
from cpetui.rules.kinds import COMPLETION_KINDS, KINDS

# The arithmetic a program's activity type may name (cpetui.rules.computers implements each); a
# program file chooses among these and gives parameters, it never supplies arithmetic of its own.
ARITHMETIC: frozenset[str] = frozenset(KINDS)

# Selector keys every program has, besides the dimensions it declares.
BUILT_IN_SELECTORS: frozenset[str] = frozenset({"all", "category", "type"})

# A name that looks like code rather than one of cpetui's check names: a dotted Python path, a file
# path, an entry point ("pkg:func"). Said apart so that the message explains why it is refused.
_CODE_LIKE = re.compile(r"[./\\:]")
_LINE_COL = re.compile(r"\(at line (\d+), column (\d+)\)")


class ProgramText:
    """A program file as read: its data (None when the TOML does not parse) and what is wrong, located.
    A plain class: a generated one (dataclass, NamedTuple) costs each command that reads a program."""

    __slots__ = ("data", "path", "problems")

    def __init__(self, path: str, data: Mapping[str, Any] | None, problems: tuple[Problem, ...]) -> None:
        self.path = path
        self.data = data
        self.problems = problems

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.severity == "error" for p in self.problems)


class _Lines:
    """Finds the line a value or key stands on, moving forward through the file as items are visited
    in the order they were written (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.at = 0

    def find(self, pattern: re.Pattern[str]) -> tuple[int, str]:
        for start in (self.at, 0):
            for i in range(start, len(self.lines)):
                if pattern.search(self.lines[i]):
                    self.at = i
                    return i + 1, self.lines[i]
        return 1, self.lines[0] if self.lines else ""


def _quoted(value: str) -> re.Pattern[str]:
    return re.compile(r"""(["'])""" + re.escape(value) + r"\1")


def _key(name: str) -> re.Pattern[str]:
    return re.compile(r"""(^|[\s{,.])["']?""" + re.escape(name) + r"""["']?\s*=""")


def read_program_text(text: str, path: str, checks: frozenset[str] | None = None,
                      data: Mapping[str, Any] | None = None) -> ProgramText:
    """Parse a program file's text (the caller reads the file): every problem located at `path:line`.
    `checks`: the names of cpetui's own registry of checks (cpetui.rules.assess.CHECKS by default);
    `data`: the text already parsed (a shipped program's, kept parsed beside it), checked all the same."""
    if data is None:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            m = _LINE_COL.search(str(e))
            line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
            lines = text.splitlines()
            excerpt = lines[line - 1] if 0 < line <= len(lines) else ""
            reason = _LINE_COL.sub("", str(e)).strip()
            return ProgramText(path, None, (Problem(
                "error", "toml-syntax",
                _("this program file is not valid TOML: {reason}").format(reason=reason),
                SourceRef(path, line, col), excerpt,
                _("fix the TOML at this line (quotes around text, one key = value per line)")),))
    if checks is None:
        from cpetui.rules.assess import CHECKS

        checks = frozenset(CHECKS)
    lines = _Lines(text)
    problems = [*_named_checks(data, path, lines, checks), *_kinds(data, path, _Lines(text)),
                *_selectors(data, path, _Lines(text)), *_units(data, path, _Lines(text))]
    return ProgramText(path, data, tuple(problems))


def _versions(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The program itself and each of its versions: both may hold checks, types and requirements."""
    yield data
    versions = data.get("version")
    if isinstance(versions, list):
        yield from (v for v in versions if isinstance(v, dict))


def _tables(data: Mapping[str, Any], key: str) -> Iterator[Mapping[str, Any]]:
    for holder in _versions(data):
        items = holder.get(key)
        if isinstance(items, list):
            yield from (t for t in items if isinstance(t, dict))


def _named_checks(data: Mapping[str, Any], path: str, lines: _Lines,
                  known: frozenset[str]) -> Iterator[Problem]:
    choices = ", ".join(sorted(known)) or "-"
    for holder in _versions(data):
        names = holder.get("checks")
        tables = holder.get("check")
        if isinstance(tables, list):  # [[version.check]] tables name a check and give its parameters
            names = [*(names if isinstance(names, list) else [names] if names is not None else []),
                     *(t.get("name") for t in tables if isinstance(t, dict))]
        if names is None:
            continue
        if not isinstance(names, list):
            names = [names]
        for name in names:
            if isinstance(name, str) and name in known:
                continue
            shown = name if isinstance(name, str) else repr(name)
            line, excerpt = lines.find(_quoted(shown) if isinstance(name, str) else _key("checks"))
            if isinstance(name, str) and _CODE_LIKE.search(name):
                message = _("a program file names checks from cpetui's own list only; {name} looks like "
                            "code or a file, and cpetui never imports or runs what a program file "
                            "names").format(name=repr(shown))
            else:
                message = _("unknown check {name}").format(name=repr(shown))
            yield Problem("error", "unknown-check", message, SourceRef(path, line), excerpt,
                          _("checks a program may name: {choices}").format(choices=choices))


def _kinds(data: Mapping[str, Any], path: str, lines: _Lines) -> Iterator[Problem]:
    for table in _tables(data, "type"):
        kind = table.get("kind")
        if isinstance(kind, str) and kind in ARITHMETIC:
            yield from _params(kind, table.get("params"), path, lines)
            continue
        line, excerpt = lines.find(_quoted(kind) if isinstance(kind, str) else _key("kind"))
        yield Problem("error", "unknown-kind",
                      _("unknown arithmetic kind {kind}").format(kind=repr(kind)), SourceRef(path, line),
                      excerpt, _("kinds an activity type may name: {choices}").format(
                          choices=", ".join(sorted(ARITHMETIC))))


def _units(data: Mapping[str, Any], path: str, lines: _Lines) -> Iterator[Problem]:
    """A version counts credits or completions, and each of its types' kinds says the same."""
    versions = data.get("version")
    for version in versions if isinstance(versions, list) else ():
        if not isinstance(version, dict):
            continue
        completions = version.get("unit") == "completions"
        for table in version.get("type", ()) if isinstance(version.get("type"), list) else ():
            kind = table.get("kind") if isinstance(table, dict) else None
            if not isinstance(kind, str) or kind not in ARITHMETIC:
                continue
            if completions and kind not in COMPLETION_KINDS:
                line, excerpt = lines.find(_quoted(kind))
                yield Problem("error", "unit-kind",
                              _("kind {kind} computes credits, but this version counts completions "
                                "(unit = \"completions\")").format(kind=repr(kind)), SourceRef(path, line),
                              excerpt, _("kinds a version counting completions may name: {choices}").format(
                                  choices=", ".join(sorted(COMPLETION_KINDS))))
            elif not completions and kind == "completion":
                line, excerpt = lines.find(_quoted(kind))
                yield Problem("error", "unit-kind",
                              _("kind 'completion' counts completions, but this version counts credits"),
                              SourceRef(path, line), excerpt,
                              _('write unit = "completions" in the [[version]], or give the type a kind '
                                "that computes credits (per-hour, say)"))


def _selectors(data: Mapping[str, Any], path: str, lines: _Lines) -> Iterator[Problem]:
    dims = data.get("dimensions")
    declared = set(dims) if isinstance(dims, dict) else set()
    allowed = declared | BUILT_IN_SELECTORS
    for table in _tables(data, "requirement"):
        select = table.get("select")
        if not isinstance(select, dict):
            continue
        for key in select:
            if key in allowed:
                continue
            line, excerpt = lines.find(_key(key))
            yield Problem("error", "undeclared-dimension",
                          _("the selector names {key}, which this program does not declare").format(
                              key=repr(key)), SourceRef(path, line), excerpt,
                          _("declare it under [dimensions] ({key} = [\"…\"]) or select by one of: "
                            "{choices}").format(key=key, choices=", ".join(sorted(allowed))))


def _params(kind: str, params: Any, path: str, lines: _Lines) -> Iterator[Problem]:
    """The parameters a kind takes: each required one given as a number, no other named."""
    k = KINDS[kind]
    given = params if isinstance(params, dict) else {}
    takes = ", ".join((*k.params, *k.optional)) or "-"
    for name in k.params:
        if type(given.get(name)) not in (int, float):
            line, excerpt = lines.find(_quoted(kind))
            yield Problem("error", "missing-parameter",
                          _("arithmetic kind {kind} needs the number {param}").format(
                              kind=repr(kind), param=name), SourceRef(path, line), excerpt,
                          _("add params = {{ {param} = … }} to the activity type").format(param=name))
    for name in given:
        if name not in (*k.params, *k.optional):
            line, excerpt = lines.find(_key(name))
            yield Problem("error", "unknown-parameter",
                          _("arithmetic kind {kind} takes no parameter {param}").format(
                              kind=repr(kind), param=repr(name)), SourceRef(path, line), excerpt,
                          _("parameters it takes: {names}").format(names=takes))
