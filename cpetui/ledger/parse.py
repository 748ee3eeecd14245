"""Reads ledger text with tomllib into a frozen Ledger, collecting every located problem on the way."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

from cpetui.i18n import N_, _
from cpetui.ledger.fastread import loads
from cpetui.ledger.locate import KeyLines, Layout, TableSpan, scan, scan_full, toml_lines
from cpetui.model import (
    ACTIVITY_KEYS,
    CYCLE_KEYS,
    EMPTY,
    MEASURE_KEYS,
    Activity,
    Cycle,
    Ledger,
    Measure,
    Problem,
    Severity,
    SourceRef,
)

_TOMLLIB_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
# tomllib's own messages, so that "TOML syntax: …" reads in the interface language too.
_TOMLLIB_WORDS = {m[:1].upper() + m[1:]: m for m in (
    N_("cannot overwrite a value"),
    N_("escaped character is not a Unicode scalar value"),
    N_("expected '=' after a key in a key/value pair"),
    N_("expected ']' at the end of a table declaration"),
    N_("expected ']]' at the end of an array declaration"),
    N_("expected newline or end of document after a statement"),
    N_("invalid date or datetime"),
    N_("invalid hex value"),
    N_("invalid initial character for a key part"),
    N_("invalid statement"),
    N_("invalid value"),
    N_("unclosed array"),
    N_("unclosed inline table"),
    N_("unescaped '\\' in a string"),
    N_("unterminated string"),
)}
_TOMLLIB_PATTERNS = (
    (re.compile(r"Cannot declare (.+) twice"), N_("cannot declare {what} twice")),
    (re.compile(r"Cannot mutate immutable namespace (.+)"), N_("cannot mutate immutable namespace {what}")),
    (re.compile(r"Cannot redefine namespace (.+)"), N_("cannot redefine namespace {what}")),
    (re.compile(r"Duplicate inline table key (.+)"), N_("duplicate inline table key {what}")),
    (re.compile(r"Expected (.+)"), N_("expected {what}")),
    (re.compile(r"Found invalid character (.+)"), N_("found invalid character {what}")),
    (re.compile(r"Illegal character (.+)"), N_("illegal character {what}")),
)
_CYCLE_OPTIONS = ("practicing", "retired", "carryover", "held_with", "track")
ROOT_TABLES = ("cycle", "activity")


class _Collector:
    """Gathers problems for one file, each with its excerpt taken from the text."""

    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        line: int,
        col: int = 1,
        hint: str = "",
        activity_id: str | None = None,
    ) -> None:
        excerpt = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if col == 1 and excerpt:
            col = len(excerpt) - len(excerpt.lstrip()) + 1
        self.problems.append(
            Problem(
                severity=severity,
                code=code,
                message=message,
                source=SourceRef(self.path, line, col),
                excerpt=excerpt,
                hint=hint,
                activity_id=activity_id,
            )
        )

    def value_col(self, line: int) -> int:
        """Column of the value on a `key = value` line (1-based)."""
        if 0 < line <= len(self.lines):
            text = self.lines[line - 1]
            eq = text.find("=")
            if eq >= 0:
                rest = text[eq + 1 :]
                return eq + 2 + (len(rest) - len(rest.lstrip()))
        return 1


def _close_matches(word: str, choices: list[str] | tuple[str, ...] | frozenset[str], n: int,
                   cutoff: float) -> list[str]:
    import difflib  # only a misspelt key gets here

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)


def fingerprint(data: bytes) -> str:
    import hashlib  # on first use: its OpenSSL start-up is 5 ms of every process that imports parse

    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Bytes → text (UTF-8, a leading BOM dropped); or a located problem for bytes that are not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        excerpt_bytes = data.split(b"\n")[line - 1] if data else b""
        return None, Problem(
            "error",
            "not-utf8",
            _("the file is not UTF-8 text: byte 0x{byte:02x} cannot be read").format(
                byte=data[exc.start]
            ),
            SourceRef(path, line, col),
            excerpt=excerpt_bytes.decode("utf-8", "replace"),
            hint=_("save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)"),
        )


def parse_bytes(data: bytes, path: str, mtime_ns: int = 0) -> Ledger:
    """Parse a ledger file's raw bytes; never raises for bad input."""
    text, problem = decode(data, path)
    fp = fingerprint(data)
    if text is None:
        assert problem is not None
        return Ledger(path, None, (), (problem,), fp, mtime_ns, len(data))
    ledger = parse_text(text, path)
    return Ledger(
        ledger.path, ledger.cycle, ledger.activities, ledger.problems, fp, mtime_ns, len(data)
    )


def parse_text(text: str, path: str) -> Ledger:
    """Parse ledger `text` (a BOM is allowed) into a Ledger whose problems say everything wrong."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = toml_lines(text)
    out = _Collector(path, lines)
    if not text.strip():
        out.add(
            "error",
            "empty",
            _("the ledger is empty"),
            1,
            hint=_("start with a [cycle] table: program, credential and start date"),
        )
        return Ledger(path, None, (), tuple(out.problems))
    try:
        doc = loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError: fastread falls back to tomllib for its verdict
        _syntax_problem(exc, text, out)
        return Ledger(path, None, (), tuple(out.problems))
    except RecursionError:
        line, col = _too_deep(lines)
        out.add("error", "toml-syntax", _("the file nests too deeply to read"), line, col,
                hint=_("a ledger needs no nesting deeper than a list of minutes"))
        return Ledger(path, None, (), tuple(out.problems))
    layout = scan(text)
    if not _layout_agrees(layout, doc):
        layout = scan_full(text)
    for check in ROOT_CHECKS:
        check(doc, layout, out)
    cycle = _build_cycle(doc.get("cycle"), layout, out)
    activities = _build_activities(doc.get("activity"), layout, out)
    problems = sorted(out.problems, key=lambda p: (p.source.line, p.source.col))
    return Ledger(path, cycle, activities, tuple(problems))


def _layout_agrees(layout: Layout, doc: dict[str, Any]) -> bool:
    """The fast scan found as many [[activity]] headers as the document has activities."""
    acts = doc.get("activity")
    n = len(acts) if isinstance(acts, list) else 0
    return len(layout.arrays("activity")) == n


# ------------------------------------------------------------------------------- syntax errors


def _too_deep(lines: list[str], limit: int = 100) -> tuple[int, int]:
    """Line and column where brackets first nest past `limit` (quotes and comments skipped roughly)."""
    depth = 0
    for number, line in enumerate(lines, 1):
        quote = ""
        for col, ch in enumerate(line, 1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth > limit:
                    return number, col
            elif ch in "]}":
                depth = max(0, depth - 1)
    return 1, 1


def _syntax_problem(exc: ValueError, text: str, out: _Collector) -> None:
    msg = str(exc)
    m = _TOMLLIB_POS.search(msg)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        msg = msg[: m.start()].strip()
    else:  # "at end of document"
        line = max(1, len(out.lines))
        col = len(out.lines[-1]) + 1 if out.lines else 1
        msg = re.sub(r"\s*\(at end of document\)", "", msg)
    excerpt = out.lines[line - 1] if 0 < line <= len(out.lines) else ""
    out.problems.append(
        Problem(
            "error",
            "toml-syntax",
            _("TOML syntax: {detail}").format(detail=_tomllib_detail(msg)),
            SourceRef(out.path, line, col),
            excerpt=excerpt,
            hint=_syntax_hint(msg, excerpt),
        )
    )


def _tomllib_detail(msg: str) -> str:
    if msg in _TOMLLIB_WORDS:
        return _(_TOMLLIB_WORDS[msg])
    for pattern, template in _TOMLLIB_PATTERNS:
        m = pattern.fullmatch(msg)
        if m:
            return _(template).format(what=m.group(1))
    return _lower_first(msg)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s else s


def _syntax_hint(msg: str, excerpt: str) -> str:
    stripped = excerpt.strip()
    if re.match(r"^[A-Za-z0-9_-]+\s*=\s*\d+,\d+", stripped):
        return _("use a dot for decimals: 1.5, not 1,5")
    if re.search(r"=\s*\d{4}-\d{2}-\d{2}", stripped) and "date" in msg.lower():
        return _("write a real calendar date as YYYY-MM-DD, e.g. 2024-03-01")
    if re.search(r"=\s*\d{4}-\d{1,2}-\d{1,2}\b", stripped):
        return _("write a real calendar date as YYYY-MM-DD (month 01–12, day valid for the month)")
    if "Cannot declare" in msg or "overwrite" in msg.lower() or "declare" in msg.lower():
        return _("each table and key may appear only once; a ledger has a single [cycle]")
    if stripped.count('"') % 2 == 1:
        return _('close the string with a matching quote (")')
    if stripped.count("'") % 2 == 1 and "'''" not in stripped:
        return _("close the string with a matching quote (')")
    value = stripped.split("=", 1)[1] if "=" in stripped else ""
    if value.count("[") > value.count("]"):
        return _("close the list with ] (a list may span lines, but must end with ])")
    if "\t" in excerpt and "control" in msg.lower():
        return _("tabs are not allowed inside a one-line string; use \\t or spaces")
    if "Invalid value" in msg:
        return _('quote text values ("like this"), write numbers as 1.5 and dates as 2024-03-01')
    if "Expected '='" in msg:
        return _("each line is key = value; quote keys that contain spaces or other characters")
    return _("see the TOML reference at https://toml.io/en/v1.0.0 for this construct")


# ----------------------------------------------------------------------------- root checks

RootCheck = Callable[[dict[str, Any], Layout, _Collector], None]


def _check_unknown_root(doc: dict[str, Any], layout: Layout, out: _Collector) -> None:
    for key in doc:
        if key in ROOT_TABLES:
            continue
        line = layout.root_keys.get(key) or next(
            (t.line for t in layout.tables if t.name.split(".")[0] == key), 1
        )
        close = _close_matches(key, ROOT_TABLES, n=1, cutoff=0.6)
        if close:
            shape = "[[activity]]" if close[0] == "activity" else "[cycle]"
            out.add(
                "error",
                "unknown-table",
                _("'{key}' is not a ledger table; its contents are not counted").format(key=key),
                line,
                hint=_("did you mean {shape}?").format(shape=shape),
            )
        else:
            out.add(
                "warning",
                "unknown-key",
                _("unknown top-level key '{key}' (kept, not used)").format(key=key),
                line,
                hint=_("a ledger has [cycle] and [[activity]] tables; move notes into 'notes'"),
            )


def _check_cycle_present(doc: dict[str, Any], layout: Layout, out: _Collector) -> None:
    if "cycle" not in doc:
        out.add(
            "error",
            "missing-cycle",
            _("the ledger has no [cycle] table"),
            1,
            hint=_('add [cycle] with program = "isc2", credential = "CISSP", start = 2024-07-01'),
        )
    elif not isinstance(doc["cycle"], dict):
        out.add(
            "error",
            "wrong-type",
            _("'cycle' must be a table: [cycle]"),
            layout.root_keys.get("cycle", 1),
            hint=_("write [cycle] on its own line, then its keys below it"),
        )


def _check_activity_shape(doc: dict[str, Any], layout: Layout, out: _Collector) -> None:
    acts = doc.get("activity")
    if acts is None:
        return
    if not isinstance(acts, list) or not all(isinstance(a, dict) for a in acts):
        out.add(
            "error",
            "wrong-type",
            _("'activity' must be an array of tables: [[activity]]"),
            layout.root_keys.get("activity")
            or next((t.line for t in layout.tables if t.name == "activity"), 1),
            hint=_("start each activity with [[activity]] (two brackets)"),
        )


ROOT_CHECKS: tuple[RootCheck, ...] = (
    _check_unknown_root,
    _check_cycle_present,
    _check_activity_shape,
)


# --------------------------------------------------------------------------- value checking


def _type_name(value: Any) -> str:
    """What a TOML value is, in words for a message (got text 42)."""
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, dt.datetime):
        return _("date-time")
    if isinstance(value, dt.date):
        return _("date")
    if isinstance(value, dt.time):
        return _("time")
    if isinstance(value, list):
        return _("list")
    if isinstance(value, dict):
        return _("table")
    return type(value).__name__


def _shown(value: Any) -> str:
    if isinstance(value, str):
        s = value if len(value) <= 40 else value[:37] + "…"
        return '"' + s.replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    s = str(value)
    return s if len(s) <= 40 else s[:37] + "…"


def _expected(key: str, types: tuple[type, ...]) -> tuple[str, str]:
    """(what the key must be, an example) for a type error message."""
    if dt.date in types:
        return _("a date"), f"{key} = 2024-03-01"
    if bool in types:
        return _("true or false"), f"{key} = true"
    if float in types:
        return _("a number"), f"{key} = 1.5"
    if int in types and list not in types:
        return _("a whole number"), f"{key} = 90"
    if list in types and key == "sessions":
        return _("a list of minutes"), f"{key} = [30, 45, 50]"
    if list in types:
        return _("text or a list of texts"), f'{key} = ["certificates/course.pdf"]'
    return _("text"), f'{key} = "…"'


def _type_ok(value: Any, types: tuple[type, ...] | None) -> bool:
    if types is None or not isinstance(value, types):
        return False
    if isinstance(value, bool):
        return bool in types
    return not (isinstance(value, dt.datetime) and dt.date in types)


def _typed(
    table: dict[str, Any],
    key: str,
    types: tuple[type, ...],
    line: int,
    out: _Collector,
    activity_id: str | None = None,
) -> Any:
    """The value of `key` when it has one of `types`, else None and a located wrong-type problem."""
    value = table[key]
    ok = isinstance(value, types)
    if isinstance(value, bool) and bool not in types:
        ok = False
    if dt.date in types and isinstance(value, dt.datetime):
        ok = False
    if ok:
        return value
    what, example = _expected(key, types)
    hint = _("write {example}").format(example=example)
    if isinstance(value, str) and float in types:
        cleaned = value.strip().replace(",", ".")
        try:
            hint = _("write {key} = {number} (a number, without quotes)").format(
                key=key, number=float(cleaned) if "." in cleaned else int(cleaned)
            )
        except ValueError:
            pass
    if isinstance(value, str) and dt.date in types:
        try:
            dt.date.fromisoformat(value.strip())
            hint = _("write {key} = {date} (a date, without quotes)").format(
                key=key, date=value.strip()
            )
        except ValueError:
            hint = _("write a real date without quotes, e.g. {key} = 2024-03-01").format(key=key)
    if isinstance(value, dt.datetime) and dt.date in types:
        hint = _("write the date only: {key} = {date}").format(key=key, date=value.date())
    out.add(
        "error",
        "wrong-type",
        _("{key} must be {what}, got {got} {value}").format(
            key=key, what=what, got=_type_name(value), value=_shown(value)
        ),
        line,
        out.value_col(line),
        hint=hint,
        activity_id=activity_id,
    )
    return None


# ---------------------------------------------------------------------------------- the cycle


def _build_cycle(raw: Any, layout: Layout, out: _Collector) -> Cycle | None:
    if not isinstance(raw, dict):
        return None
    span = layout.table("cycle")
    header_line = span.line if span else layout.root_keys.get("cycle", 1)
    keys = span.keys if span else {}
    values: dict[str, Any] = {}
    ok = True
    for key in raw:
        line = keys.get(key, header_line)
        if key not in CYCLE_KEYS:
            close = _close_matches(key, list(CYCLE_KEYS), n=1, cutoff=0.7)
            out.add(
                "warning",
                "unknown-key",
                _("unknown key '{key}' in [cycle] (kept, not used)").format(key=key),
                line,
                hint=_("did you mean '{close}'?").format(close=close[0])
                if close
                else _("known keys: {keys}").format(keys=", ".join(CYCLE_KEYS)),
            )
            continue
        value = _typed(raw, key, CYCLE_KEYS[key], line, out)
        if value is None:
            ok = False
            continue
        values[key] = value
    for required in ("program", "credential", "start"):
        if required not in raw:
            example = {
                "program": 'program = "isc2"',
                "credential": 'credential = "CISSP"',
                "start": "start = 2024-07-01",
            }[required]
            out.add(
                "error",
                "missing-key",
                _("[cycle] has no '{key}'").format(key=required),
                header_line,
                hint=_("add {example}").format(example=example),
            )
            ok = False
    if not ok:
        return None
    if "end" in values and values["end"] < values["start"]:
        out.add(
            "error",
            "impossible-date",
            _("the cycle ends ({end}) before it starts ({start})").format(
                end=values["end"], start=values["start"]
            ),
            keys.get("end", header_line),
            out.value_col(keys.get("end", header_line)),
            hint=_("check the years of start and end"),
        )
        return None
    carry = values.get("carryover_in", 0)
    if carry < 0:
        out.add(
            "error",
            "negative",
            _("carryover_in cannot be negative, got {value}").format(value=carry),
            keys.get("carryover_in", header_line),
            out.value_col(keys.get("carryover_in", header_line)),
            hint=_("write the credits carried in from the previous cycle, or remove the key"),
        )
        carry = 0
    member = values.get("member_id")
    return Cycle(
        program=values["program"].strip().lower(),
        credential=values["credential"].strip(),
        start=values["start"],
        end=values.get("end"),
        rules=values.get("rules"),
        certified=values.get("certified"),
        carryover_in=float(carry),
        member_id=str(member) if member is not None else None,
        options=MappingProxyType({k: values[k] for k in _CYCLE_OPTIONS if k in values}),
        title=values.get("title"),
        notes=values.get("notes"),
        source=SourceRef(out.path, header_line, 1),
        key_lines=MappingProxyType(dict(keys)),
    )


# ----------------------------------------------------------------------------- the activities


def _build_activities(raw: Any, layout: Layout, out: _Collector) -> tuple[Activity, ...]:
    if not isinstance(raw, list):
        return ()
    spans = layout.arrays("activity")
    activities: list[Activity] = []
    seen: dict[str, int] = {}  # id → position in `activities`
    for index, table in enumerate(raw):
        if not isinstance(table, dict):
            continue
        span = spans[index] if index < len(spans) else None
        activity = _clean_activity(table, index, span, out.path) or _build_activity(
            table, index, span, out
        )
        if activity is None:
            continue
        if activity.id in seen:
            first = activities[seen[activity.id]]
            out.add(
                "error",
                "duplicate-id",
                _("activity id '{id}' is already used at line {line}").format(
                    id=activity.id, line=first.line_of("id")
                ),
                activity.line_of("id"),
                out.value_col(activity.line_of("id")),
                hint=_("give each activity its own id (copies in other ledgers may share one)"),
                activity_id=activity.id,
            )
            continue
        seen[activity.id] = len(activities)
        activities.append(activity)
    return tuple(activities)


_MEASURE_NUMBERS = frozenset(
    k for k, types in MEASURE_KEYS.items() if float in types or types == (int,)
)
_GROUPS = frozenset(("A", "B"))
_INF = float("inf")
# The exact Python types each known key may have on the fast path (bool is not a number here, a
# datetime is not a date: those take the slow path, which reports them).
_CLEAN_TYPES: dict[str, frozenset[type]] = {
    key: frozenset(types) | (frozenset((int,)) if float in types else frozenset())
    for key, types in ACTIVITY_KEYS.items()
}
_FIELDS = frozenset(("fraud", "ethics", "general"))
_MEASURES: dict[tuple[tuple[str, type, Any], ...], Measure] = {}


def _clean_activity(
    table: dict[str, Any], index: int, span: TableSpan | None, path: str
) -> Activity | None:
    """The activity when it has nothing to report (the common case, built without the checks); else None.

    Anything unusual — an unknown key, a wrong type, a missing key or measure, an odd value — returns
    None so that `_build_activity` runs every check and reports it.
    """
    aid = table.get("id")
    if type(aid) is not str or not aid.strip() or "date" not in table or "title" not in table:
        return None
    given: dict[str, Any] = {}
    for key, value in table.items():
        kind_of_value = _CLEAN_TYPES.get(key)
        if kind_of_value is None or type(value) not in kind_of_value:
            return None
        if key in _MEASURE_NUMBERS:
            if value < 0 or value != value or value == _INF:
                return None
            given[key] = value
        elif key in MEASURE_KEYS:
            given[key] = value
    if not given:
        return None
    sessions = table.get("sessions")
    if sessions is not None and not all(type(m) in (int, float) and m >= 0 for m in sessions):
        return None
    evidence = table.get("evidence", ())
    if isinstance(evidence, str):
        evidence = (evidence,)
    elif not all(type(e) is str for e in evidence):
        return None
    group = table.get("group")
    if group is not None:
        group = group.strip().upper()
        if group not in _GROUPS:
            return None
    fld = table.get("field")
    if fld is not None:
        fld = fld.strip().lower()
        if fld not in _FIELDS:
            return None
    kind = table.get("type")
    if sessions is not None:
        given["sessions"] = tuple(sessions)
        measure = Measure(**given)
    else:
        # Most activities state one of a few measures (hours = 2, minutes = 100 …): one frozen
        # Measure each, shared. The key holds the types, so hours = 2 and hours = 2.0 stay apart.
        shape = tuple([(k, type(v), v) for k, v in given.items()])
        measure = _MEASURES.get(shape)  # type: ignore[assignment]
        if measure is None:
            if len(_MEASURES) >= 4096:
                _MEASURES.clear()
            measure = _MEASURES[shape] = Measure(**given)
    return Activity(
        id=aid.strip(),
        date=table["date"],
        title=table["title"],
        source=SourceRef(path, span.line if span else 1, 1),
        provider=table.get("provider"),
        type=(kind.strip().lower() or None) if kind is not None else None,
        group=group,
        field=fld,
        measure=measure,
        evidence=tuple(evidence),
        submitted=table.get("submitted"),
        auto_submitted=bool(table.get("auto_submitted", False)),
        notes=table.get("notes"),
        organizer_address=table.get("organizer_address"),
        organizer_phone=table.get("organizer_phone"),
        key_lines=KeyLines(span),
        index=index,
    )


def _build_activity(
    table: dict[str, Any], index: int, span: TableSpan | None, out: _Collector
) -> Activity | None:
    header = span.line if span else 1
    keys = KeyLines(span)
    raw_id = table.get("id")
    aid = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else f"line-{header}"
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    broken = False
    for key, value in table.items():
        if _FAST_TYPES.get(key) is type(value) or _type_ok(value, ACTIVITY_KEYS.get(key)):
            values[key] = value
            continue
        line = keys.get(key, header)
        if key not in ACTIVITY_KEYS:
            close = _close_matches(key, list(ACTIVITY_KEYS), n=1, cutoff=0.7)
            out.add(
                "warning",
                "unknown-key",
                _("unknown key '{key}' in activity (kept, not used)").format(key=key),
                line,
                hint=_("did you mean '{close}'?").format(close=close[0])
                if close
                else _("use 'notes' for free text"),
                activity_id=aid,
            )
            extra[key] = table[key]
            continue
        value = _typed(table, key, ACTIVITY_KEYS[key], line, out, aid)
        if value is None:
            broken = True
            continue
        values[key] = value
    for check in ACTIVITY_CHECKS:
        if not check(values, table, header, keys, out, aid):
            broken = True
    if broken:
        return None
    evidence = values.get("evidence", ())
    if isinstance(evidence, str):
        evidence = (evidence,)
    given = {k: values[k] for k in MEASURE_KEYS if k in values}
    if "sessions" in given:
        given["sessions"] = tuple(given["sessions"])
    measure = Measure(**given)
    return Activity(
        id=aid,
        date=values["date"],
        title=values["title"],
        source=SourceRef(out.path, header, 1),
        provider=values.get("provider"),
        type=(values["type"].strip().lower() or None) if "type" in values else None,
        group=values["group"].strip().upper() if "group" in values else None,
        field=values["field"].strip().lower() if "field" in values else None,
        measure=measure,
        evidence=tuple(evidence),
        submitted=values.get("submitted"),
        auto_submitted=bool(values.get("auto_submitted", False)),
        notes=values.get("notes"),
        organizer_address=values.get("organizer_address"),
        organizer_phone=values.get("organizer_phone"),
        key_lines=keys,
        extra=MappingProxyType(extra) if extra else EMPTY,
        index=index,
    )


# Keys whose value, when of exactly this type, needs no further type check.
_FAST_TYPES: dict[str, type] = {
    "id": str, "date": dt.date, "title": str, "provider": str, "type": str, "group": str,
    "field": str, "notes": str, "submitted": dt.date, "hours": float, "minutes": int,
    "credits": float, "evidence": list,
}

ActivityCheck = Callable[
    [dict[str, Any], dict[str, Any], int, dict[str, int], _Collector, str], bool
]


def _needs_id(values, table, header, keys, out, aid) -> bool:  # type: ignore[no-untyped-def]
    if "id" not in table:
        out.add(
            "warning",
            "missing-id",
            _("activity has no id; it is known as '{aid}' until you give it one").format(aid=aid),
            header,
            hint=_('add a stable id, e.g. id = "{suggestion}"').format(
                suggestion=suggest_id(values.get("date"), values.get("title", ""))
            ),
            activity_id=aid,
        )
    elif "id" in values and not values["id"].strip():
        out.add("error", "empty-id", _("activity id is empty"), keys.get("id", header),
                hint=_("give the activity a short unique id"), activity_id=aid)
        return False
    return True


def _needs_date_and_title(values, table, header, keys, out, aid) -> bool:  # type: ignore[no-untyped-def]
    ok = True
    for key, example in (("date", "date = 2024-03-01"), ("title", 'title = "Course name"')):
        if key not in table:
            out.add(
                "error",
                "missing-key",
                _("activity has no '{key}'").format(key=key),
                header,
                hint=_("add {example}").format(example=example),
                activity_id=aid,
            )
            ok = False
    return ok


def _needs_a_measure(values, table, header, keys, out, aid) -> bool:  # type: ignore[no-untyped-def]
    if not any(k in table for k in MEASURE_KEYS):
        out.add(
            "error",
            "missing-measure",
            _("activity states no measure: nothing to count"),
            header,
            hint=_("add one of hours = 1.5, minutes = 90, sessions = [30, 45] or credits = 2"),
            activity_id=aid,
        )
        return False
    return True


def _measures_sane(values, table, header, keys, out, aid) -> bool:  # type: ignore[no-untyped-def]
    ok = True
    for key in MEASURE_KEYS:
        value = values.get(key)
        if value is None or isinstance(value, (bool, str)):
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if type(item) in (int, float) and item >= 0 and item != float("inf"):
                continue
            line = keys.get(key, header)
            if isinstance(item, bool) or not isinstance(item, (int, float)):
                out.add(
                    "error",
                    "wrong-type",
                    _("{key} must hold whole minutes, got {value}").format(
                        key=key, value=_shown(item)
                    ),
                    line,
                    out.value_col(line),
                    hint=_("write {key} = [30, 45, 50]").format(key=key),
                    activity_id=aid,
                )
                ok = False
                break
            if item < 0 or item != item or item in (float("inf"), float("-inf")):
                out.add(
                    "error",
                    "negative",
                    _("{key} must be zero or more, got {value}").format(key=key, value=item),
                    line,
                    out.value_col(line),
                    hint=_("write the amount actually spent"),
                    activity_id=aid,
                )
                ok = False
                break
    return ok


def _evidence_is_text(values, table, header, keys, out, aid) -> bool:  # type: ignore[no-untyped-def]
    ev = values.get("evidence")
    if isinstance(ev, list) and not all(isinstance(e, str) for e in ev):
        line = keys.get("evidence", header)
        out.add(
            "error",
            "wrong-type",
            _("evidence must be a list of paths or URLs in quotes"),
            line,
            out.value_col(line),
            hint=_('write evidence = ["certificates/course.pdf"]'),
            activity_id=aid,
        )
        return False
    return True


def _group_and_field_known(values, table, header, keys, out, aid) -> bool:  # type: ignore[no-untyped-def]
    group = values.get("group")
    if group is not None and group.strip().upper() not in ("A", "B"):
        line = keys.get("group", header)
        out.add(
            "error",
            "bad-value",
            _("group must be \"A\" or \"B\", got {value}").format(value=_shown(group)),
            line,
            out.value_col(line),
            hint=_('write group = "A" (the credential\'s domains) or group = "B"'),
            activity_id=aid,
        )
        return False
    fld = values.get("field")
    if fld is not None and fld.strip().lower() not in ("fraud", "ethics", "general"):
        line = keys.get("field", header)
        out.add(
            "error",
            "bad-value",
            _("field must be \"fraud\", \"ethics\" or \"general\", got {value}").format(
                value=_shown(fld)
            ),
            line,
            out.value_col(line),
            hint=_('write field = "fraud", "ethics" or "general"'),
            activity_id=aid,
        )
        return False
    return True


ACTIVITY_CHECKS: tuple[ActivityCheck, ...] = (
    _needs_id,
    _needs_date_and_title,
    _needs_a_measure,
    _measures_sane,
    _evidence_is_text,
    _group_and_field_known,
)


def suggest_id(when: dt.date | None, title: str) -> str:
    """A readable id from the date and the title's first ASCII words, e.g. `2024-03-01-owasp-meetup`."""
    words = re.findall(r"[a-z0-9]+", (title or "").lower())[:3]
    stem = "-".join(words)
    prefix = when.isoformat() if isinstance(when, dt.date) else "activity"
    return f"{prefix}-{stem}" if stem else prefix


def iter_errors(ledgers: Iterable[Ledger]) -> Iterable[Problem]:
    for ledger in ledgers:
        yield from (p for p in ledger.problems if p.severity == "error")
