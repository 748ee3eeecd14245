"""Finds where tables and keys stand in TOML text (tomllib gives no positions): a small line scanner."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import chain

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]*?)\s*(\]\]?)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


# The text last broken into lines, and its lines: reading a ledger asks for them twice (the problems'
# excerpts, the scan for tables), and the same text is not broken again; nor is an equal text read
# anew for its excerpts (`cpetui check` locates the rules' findings in the file it has just parsed).
_last_lines: tuple[object, list[str]] = (None, [])


def toml_lines(text: str) -> list[str]:
    """The lines of TOML `text` as TOML (and tomllib's line numbers) count them: broken at LF only.

    `str.splitlines` also breaks at U+2028, U+0085, form feeds … which TOML allows inside strings:
    a title holding one would shift every line number after it. The list may be shared with another
    caller given the same text: never change it.
    """
    global _last_lines
    last_text, last = _last_lines
    if text is last_text or text == last_text:  # texts of different lengths differ at once
        return last
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    _last_lines = (text, lines)
    return lines


class TableSpan:
    """One table header in the text and the keys written under it, with their 1-based lines.

    The keys' lines are found on first use: most ledgers are read without needing them.
    """

    __slots__ = ("name", "array", "line", "end_line", "_keys", "_lines")

    def __init__(self, name: str, array: bool, line: int, lines: list[str] | None = None,
                 keys: dict[str, int] | None = None, end_line: int = 0) -> None:
        self.name = name  # dotted name as written, quotes removed ("activity", "cycle" …)
        self.array = array  # [[name]] rather than [name]
        self.line = line
        self.end_line = end_line  # last line that belongs to the table (before the next header)
        self._keys = keys
        self._lines = lines

    @property
    def keys(self) -> dict[str, int]:
        if self._keys is None:
            self._keys = _keys_in(self._lines or [], self.line, self.end_line)
        return self._keys

    def __repr__(self) -> str:
        return f"TableSpan({self.name!r}, array={self.array}, line={self.line}, end_line={self.end_line})"


class Layout:
    """Where the root keys and each table (in file order) stand."""

    __slots__ = ("tables", "_root_keys", "_lines")

    def __init__(self, lines: list[str] | None = None) -> None:
        self.tables: list[TableSpan] = []
        self._root_keys: dict[str, int] | None = None if lines is not None else {}
        self._lines = lines

    @property
    def root_keys(self) -> dict[str, int]:
        if self._root_keys is None:
            first = self.tables[0].line if self.tables else len(self._lines or []) + 1
            self._root_keys = _keys_in(self._lines or [], 0, first - 1)
        return self._root_keys

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


_KEY_LINE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*[=.]")
# A header at the start of the text, and one after a newline: the regular-expression engine jumps from
# newline to newline (faster than trying `^` at every character).
_HEADER_PARTS = r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-\"' ]*?)[ \t]*(\]\]?)"
_FIRST_HEADER = re.compile(_HEADER_PARTS)
_FAST_HEADER = re.compile(r"\n" + _HEADER_PARTS)


def _multi_line_strings(text: str) -> bool:
    # A quote looked for first where it is often missing: one character is found by a plain scan,
    # three by a slower search.
    return '"""' in text or ("'" in text and "'''" in text)


def scan(text: str) -> Layout:
    """Find the tables of TOML `text` (and, lazily, their keys), skipping multi-line strings.

    Without multi-line strings a line that starts with `[` is a header (ledgers hold no arrays of
    arrays), so one regular-expression pass finds them all; otherwise each line is walked.
    """
    if _multi_line_strings(text):
        return scan_full(text)
    lines = toml_lines(text)
    layout = Layout(lines)
    tables = layout.tables
    count = text.count
    first = _FIRST_HEADER.match(text)
    newlines = 0  # before `pos`
    pos = 0
    for m in chain((first,) if first is not None else (), _FAST_HEADER.finditer(text)):
        opening, raw, closing = m.groups()
        array = opening == "[["
        if array != (closing == "]]"):
            continue
        if m is first:
            lineno = 1
        else:  # the match starts at the newline that ends the line before the header's
            start = m.start()
            newlines += count("\n", pos, start)
            pos = start
            lineno = newlines + 2
        name = ".".join(_split_dotted(raw)) if ('"' in raw or "'" in raw or " " in raw) else raw
        if tables:
            tables[-1].end_line = lineno - 1
        tables.append(TableSpan(name, array, lineno, lines))
    if tables:
        tables[-1].end_line = len(lines)
    return layout


def _keys_in(lines: list[str], header: int, end: int) -> dict[str, int]:
    """Keys written on lines header+1 … end (1-based), each with its first line."""
    keys: dict[str, int] = {}
    in_ml = ""
    depth = 0
    key_match = _KEY_LINE.match
    for lineno in range(header + 1, min(end, len(lines)) + 1):
        line = lines[lineno - 1]
        if not in_ml and depth == 0:
            m = key_match(line)
            key = m.group(1) if m else _key_at_line_start(line)
            if key is not None and key not in keys:
                keys[key] = lineno
        in_ml, depth = _advance(line, in_ml, depth)
    return keys


def scan_full(text: str) -> Layout:
    """Scan TOML `text` line by line, skipping multi-line strings and arrays, and record positions."""
    layout = Layout()
    current: TableSpan | None = None
    keys = layout.root_keys
    in_ml: str = ""  # a triple quote while inside a multi-line string
    depth = 0  # bracket/brace depth of a value that spans lines
    lines = toml_lines(text)
    for lineno, line in enumerate(lines, start=1):
        if not in_ml and depth == 0:
            m = _HEADER.match(line)
            if m and (m.group(1) == "[[") == (m.group(3) == "]]"):
                if current is not None:
                    current.end_line = lineno - 1
                name = ".".join(_split_dotted(m.group(2)))
                current = TableSpan(name, m.group(1) == "[[", lineno, keys={})
                layout.tables.append(current)
                keys = current.keys
                continue
            key = _key_at_line_start(line)
            if key is not None and key not in keys:
                keys[key] = lineno
        in_ml, depth = _advance(line, in_ml, depth)
    if current is not None:
        current.end_line = len(lines)
    return layout


_ONE_LINE_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


def _advance(line: str, in_ml: str, depth: int) -> tuple[str, int]:
    """Carry multi-line-string and bracket state across one line of TOML."""
    if not in_ml and '"""' not in line and "'''" not in line:
        if "[" not in line and "]" not in line and "{" not in line and "}" not in line:
            return in_ml, depth  # no bracket to count (most lines: a key and a plain value)
        # No multi-line string starts or ends here: drop one-line strings and the comment, count brackets.
        value = _ONE_LINE_STRINGS.sub("", line).split("#", 1)[0]
        if depth == 0:
            eq = value.find("=")
            if eq < 0:
                return in_ml, depth
            value = value[eq + 1 :]
        depth += value.count("[") + value.count("{") - value.count("]") - value.count("}")
        return in_ml, max(0, depth)
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


class KeyLines(Mapping[str, int]):
    """A table's key → line mapping, computed only when someone asks for a line."""

    __slots__ = ("_span",)

    def __init__(self, span: TableSpan | None) -> None:
        self._span = span

    def _keys(self) -> dict[str, int]:
        return self._span.keys if self._span is not None else {}

    def __getitem__(self, key: str) -> int:
        return self._keys()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __repr__(self) -> str:
        return f"KeyLines({self._keys()!r})"
