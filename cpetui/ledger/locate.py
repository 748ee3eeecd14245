"""Finds where tables and keys stand in TOML text (tomllib gives no positions): a small line scanner."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]*?)\s*(\]\]?)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(slots=True)
class TableSpan:
    """One table header in the text and the keys written under it, with their 1-based lines."""

    name: str  # dotted name as written, quotes removed ("activity", "cycle", "activities" …)
    array: bool  # [[name]] rather than [name]
    line: int
    keys: dict[str, int] = field(default_factory=dict)
    end_line: int = 0  # last line that belongs to the table (before the next header)


@dataclass(slots=True)
class Layout:
    """Where the root keys and each table (in file order) stand."""

    root_keys: dict[str, int] = field(default_factory=dict)
    tables: list[TableSpan] = field(default_factory=list)

    def arrays(self, name: str) -> list[TableSpan]:
        return [t for t in self.tables if t.array and t.name == name]

    def table(self, name: str) -> TableSpan | None:
        for t in self.tables:
            if not t.array and t.name == name:
                return t
        return None


def _unquote_key(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    return raw


def _split_dotted(raw: str) -> list[str]:
    parts: list[str] = []
    buf = ""
    quote = ""
    for ch in raw:
        if quote:
            buf += ch
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            buf += ch
        elif ch == ".":
            parts.append(_unquote_key(buf))
            buf = ""
        else:
            buf += ch
    parts.append(_unquote_key(buf))
    return parts


def _key_at_line_start(line: str) -> str | None:
    """The first key of a `key = value` line, or None when the line starts no key."""
    s = line.lstrip()
    if not s or s[0] in "#[":
        return None
    if s[0] in "\"'":
        q = s[0]
        end = s.find(q, 1)
        if end < 0:
            return None
        key = s[1:end]
        rest = s[end + 1 :].lstrip()
        if rest.startswith("=") or rest.startswith("."):
            return key
        return None
    m = _BARE_KEY.match(s)
    if not m:
        return None
    rest = s[m.end() :].lstrip()
    if rest.startswith("=") or rest.startswith("."):
        return m.group(0)
    return None


def scan(text: str) -> Layout:
    """Scan TOML `text` line by line, skipping multi-line strings and arrays, and record positions."""
    layout = Layout()
    current: TableSpan | None = None
    in_ml: str = ""  # '"""' or "'''" while inside a multi-line string
    depth = 0  # bracket/brace depth of a value that spans lines
    lines = text.splitlines()
    for lineno, line in enumerate(lines, start=1):
        if not in_ml and depth == 0:
            m = _HEADER.match(line)
            if m and (m.group(1) == "[[") == (m.group(3) == "]]"):
                if current is not None:
                    current.end_line = lineno - 1
                name = ".".join(_split_dotted(m.group(2)))
                current = TableSpan(name=name, array=m.group(1) == "[[", line=lineno)
                layout.tables.append(current)
                continue
            key = _key_at_line_start(line)
            if key is not None:
                target = current.keys if current is not None else layout.root_keys
                target.setdefault(key, lineno)
        in_ml, depth = _advance(line, in_ml, depth)
    if current is not None:
        current.end_line = len(lines)
    return layout


def _advance(line: str, in_ml: str, depth: int) -> tuple[str, int]:
    """Carry multi-line-string and bracket state across one line of TOML."""
    i = 0
    n = len(line)
    seen_equals = depth > 0
    while i < n:
        if in_ml:
            end = line.find(in_ml, i)
            if end < 0:
                return in_ml, depth
            # a closing delimiter may be followed by up to two more quotes that belong to the string
            j = end + 3
            while j < n and line[j] == in_ml[0] and j - end < 5:
                j += 1
            i = j
            in_ml = ""
            continue
        ch = line[i]
        if ch == "#":
            break
        if ch in "\"'":
            if line.startswith(ch * 3, i):
                in_ml = ch * 3
                i += 3
                continue
            # single-line string: skip to its end
            j = i + 1
            while j < n:
                if ch == '"' and line[j] == "\\":
                    j += 2
                    continue
                if line[j] == ch:
                    break
                j += 1
            i = j + 1
            continue
        if ch == "=":
            seen_equals = True
        elif seen_equals and ch in "[{":
            depth += 1
        elif seen_equals and ch in "]}" and depth > 0:
            depth -= 1
        i += 1
    return in_ml, depth
