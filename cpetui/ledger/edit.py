"""Surgical text edits of one ledger: add, update, delete an activity, touching no other byte."""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tomlkit
from tomlkit.items import Item

from cpetui.i18n import _
from cpetui.ledger.fastread import loads
from cpetui.ledger.locate import _advance, scan
from cpetui.ledger.parse import suggest_id
from cpetui.model import MEASURE_KEYS

# Known keys are written in this order when an activity is added; unknown ones follow as given.
KEY_ORDER: tuple[str, ...] = (
    "id", "date", "title", "provider", "type", "group", "field",
    *MEASURE_KEYS,
    "evidence", "submitted", "auto_submitted", "notes",
)

# str.splitlines() breaks lines at these too, TOML does not: the scanner must not see them as breaks.
_NOT_BREAKS = str.maketrans({c: " " for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})
_LINE_ID = re.compile(r"line-\d+")


class EditError(ValueError):
    """An edit that cannot be made safely; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Extract:
    """One activity lifted out of a ledger: its values, its text (comments above included, LF endings)
    and the id of the activity before it (None when it was the first), to put it back where it was."""

    values: dict[str, Any]
    block: str
    after: str | None


# ------------------------------------------------------------------------------ plain values


def plain(value: Any) -> Any:
    """`value` as the plain TOML-ready Python value cpetui writes: no float noise, dates as dates."""
    if isinstance(value, Item):
        value = value.unwrap()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise EditError(_("{value} is not a number cpetui can write").format(value=value))
        return int(value) if value == value.to_integral_value() and "." not in str(value) else (
            round(float(value), 2)
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EditError(_("{value} is not a number cpetui can write").format(value=value))
        return round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (dt.date, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items() if v is not None}
    raise EditError(
        _("cannot write a {kind} into a ledger").format(kind=type(value).__name__)
    )


def _same(a: Any, b: Any) -> bool:
    """Equal as ledger values: 1 and 1.0 are the same amount, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _item(value: Any) -> Item:
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for k, v in value.items():
            table[k] = _item(v)
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(_item(v) for v in value)
        return array
    return tomlkit.item(value)


def _key_line(key: str, value: Any) -> str:
    return f"{tomlkit.key(key).as_string()} = {_item(value).as_string()}\n"


def render(values: Mapping[str, Any]) -> str:
    """A new `[[activity]]` block (LF endings) for plain `values`, known keys in KEY_ORDER."""
    keys = [k for k in KEY_ORDER if k in values] + [k for k in values if k not in KEY_ORDER]
    return "[[activity]]\n" + "".join(_key_line(k, values[k]) for k in keys)


# ---------------------------------------------------------------------------- the text model


@dataclass(slots=True)
class _Entity:
    """A top-level table with its sub-tables: header line, first line (comments above), last line."""

    name: str
    header: int  # 0-based line index
    start: int
    end: int


class _Text:
    """Ledger text as lines that keep their own endings, each classified, and its tables' spans."""

    def __init__(self, text: str) -> None:
        self.bom = text.startswith("\ufeff")
        body = text[1:] if self.bom else text
        parts = body.split("\n")
        self.lines = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        self.final_newline = body.endswith("\n") or not body
        crlf = sum(1 for line in self.lines if line.endswith("\r\n"))
        self.nl = "\r\n" if crlf * 2 > len(self.lines) - (0 if self.final_newline else 1) else "\n"
        bare = [line.rstrip("\n").removesuffix("\r") for line in self.lines]
        joined = "\n".join(bare)
        if any(c in joined for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
            joined = joined.translate(_NOT_BREAKS)
        layout = scan(joined)
        self.kinds = _classify(bare, {t.line - 1 for t in layout.tables})
        self.entities = _entities([t for t in layout.tables if self.kinds[t.line - 1] == "header"],
                                  self.kinds)
        self.activities = [e for e in self.entities if e.name == "activity"]
        try:
            self.doc = loads(body)
        except tomllib.TOMLDecodeError as exc:
            raise EditError(
                _("the ledger has a TOML error ({detail}); fix it (cpetui check shows where), "
                  "then try again").format(detail=exc)
            ) from exc
        acts = self.doc.get("activity", [])
        if not isinstance(acts, list) or not all(isinstance(a, dict) for a in acts):
            raise EditError(_("'activity' is not a list of [[activity]] tables; fix the ledger first"))
        if len(acts) != len(self.activities):
            raise EditError(
                _("cpetui cannot match the ledger's activities to their lines (found {tables} "
                  "[[activity]] headers for {values} activities); edit this file by hand").format(
                    tables=len(self.activities), values=len(acts)
                )
            )
        self.acts: list[dict[str, Any]] = acts

    def activity_id(self, index: int) -> str:
        """The id parse.py gives the activity: its `id`, else `line-N` of its header."""
        raw = self.acts[index].get("id")
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
        return f"line-{self.activities[index].header + 1}"

    def find(self, activity_id: str) -> int:
        for i in range(len(self.acts)):
            if self.activity_id(i) == activity_id:
                return i
        raise EditError(
            _("there is no activity '{id}' in this ledger (it may have been changed outside "
              "cpetui); reload and try again").format(id=activity_id)
        )

    def ids(self) -> set[str]:
        return {self.activity_id(i) for i in range(len(self.acts))}

    def join(self, lines: list[str]) -> str:
        """Lines back to text, with the file's BOM and its final-newline habit."""
        text = "".join(lines)
        if not self.final_newline and text.endswith("\n"):
            text = text[:-2] if text.endswith("\r\n") else text[:-1]
        return ("\ufeff" if self.bom else "") + text

    def gap_style(self) -> int:
        """How many blank lines the file puts between activities (1 when it cannot tell)."""
        gaps: Counter[int] = Counter()
        for a, b in zip(self.activities, self.activities[1:], strict=False):
            between = self.kinds[a.end + 1 : b.start]
            if all(k == "blank" for k in between):
                gaps[len(between)] += 1
        if gaps:
            return gaps.most_common(1)[0][0]
        first = self.activities[0] if self.activities else None
        before = [e for e in self.entities if first is not None and e.end < first.start]
        if first is not None and before:
            between = self.kinds[before[-1].end + 1 : first.start]
            if all(k == "blank" for k in between):
                return len(between)
        return 1


def _classify(bare: list[str], headers: set[int]) -> list[str]:
    """Each line's kind: header, blank, comment, or content (values, including their continuations)."""
    if not any('"""' in line or "'''" in line for line in bare):
        return _classify_plain(bare, headers)
    kinds: list[str] = []
    in_ml, depth = "", 0
    for i, line in enumerate(bare):
        if in_ml or depth:
            kinds.append("content")  # inside a multi-line value, even a `[x]` line is not a header
        elif i in headers:
            kinds.append("header")
            continue  # the scanner carries no string state across a header line: neither do we
        elif not line.strip():
            kinds.append("blank")
        elif line.lstrip().startswith("#"):
            kinds.append("comment")
        else:
            kinds.append("content")
        in_ml, depth = _advance(line, in_ml, depth)
    return kinds


def _classify_plain(bare: list[str], headers: set[int]) -> list[str]:
    """The fast way for text without multi-line strings: a line's own look decides its kind.

    Only multi-line arrays can continue a value then; a blank or comment line inside one is taken
    for what it looks like, which is harmless: the array's closing line is content, so the table
    still ends after it, and no header can follow such a line directly.
    """
    kinds: list[str] = []
    for i, line in enumerate(bare):
        s = line.lstrip()
        if i in headers:
            kinds.append("header")
        elif not s:
            kinds.append("blank")
        elif s[0] == "#":
            kinds.append("comment")
        else:
            kinds.append("content")
    return kinds


def _entities(tables: list[Any], kinds: list[str]) -> list[_Entity]:
    """Top-level tables, each `[[activity]]` together with its `[activity.…]` sub-tables.

    A comment block directly above a header (no blank line between) belongs to that table, though
    tomlkit would give it to the table before; a table ends at its last value or at comments that
    follow it without a blank line.
    """
    entities: list[_Entity] = []
    for t in tables:
        header = t.line - 1
        sub = t.name.startswith("activity.") and entities and entities[-1].name == "activity"
        if sub:
            continue
        name = "activity" if (t.array and t.name == "activity") else t.name
        start = header
        while start > 0 and kinds[start - 1] == "comment":
            start -= 1
        entities.append(_Entity(name, header, start, header))
    for i, e in enumerate(entities):
        limit = entities[i + 1].start - 1 if i + 1 < len(entities) else len(kinds) - 1
        last = e.header
        for j in range(e.header, limit + 1):
            if kinds[j] in ("content", "header"):
                last = j
        while last + 1 <= limit and kinds[last + 1] == "comment":
            last += 1
        e.end = last
    return entities


# ---------------------------------------------------------------------------------- checking


def _verify(new_text: str, expected: dict[str, Any], focus: int | None = None) -> str:
    """`new_text` when tomllib reads it back as exactly `expected`; else refuse.

    The whole document is compared with ==, the edited activity (`focus`) also type for type
    (== takes true for 1): untouched text cannot have changed type without changing shape.
    """
    body = new_text[1:] if new_text.startswith("\ufeff") else new_text
    try:
        got = loads(body)
    except tomllib.TOMLDecodeError as exc:
        raise EditError(
            _("the change would make the ledger invalid TOML ({detail}); nothing was changed").format(
                detail=exc
            )
        ) from exc
    acts = got.get("activity")
    if got != expected or focus is not None and not (
        isinstance(acts, list) and same_values(acts[focus], expected["activity"][focus])
    ):
        raise EditError(
            _("cpetui could not place this change in the file without disturbing other entries; "
              "nothing was changed — make the edit by hand in your editor")
        )
    return new_text


def same_values(a: Any, b: Any) -> bool:
    """Deep equality of ledger values (tables, lists, numbers as amounts)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_values(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_values(x, y) for x, y in zip(a, b, strict=True))
    return _same(a, b)


def _with_activities(doc: dict[str, Any], acts: list[dict[str, Any]]) -> dict[str, Any]:
    out = dict(doc)
    if acts:
        out["activity"] = acts
    else:
        out.pop("activity", None)
    return out


def _date_of(values: Mapping[str, Any]) -> dt.date | None:
    d = values.get("date")
    if isinstance(d, dt.datetime):
        return d.date()
    return d if isinstance(d, dt.date) else None


def normalise_error_key(code: str, activity_id: str | None, excerpt: str) -> tuple[str, str, str]:
    """A problem's identity across edits: line numbers shift, so `line-N` ids are folded together."""
    aid = activity_id or ""
    return code, _LINE_ID.sub("line-*", aid), excerpt.strip()


# ------------------------------------------------------------------------------- the edits


def ids(text: str) -> set[str]:
    """The ids of the text's activities, as parse.py names them (`line-N` for those without one)."""
    return _Text(text).ids()


def unique_id(text: str, values: Mapping[str, Any]) -> str:
    """A readable id for `values` not yet used in `text` (date and title, then -2, -3 …)."""
    taken = _Text(text).ids()
    return _unique(taken, values)


def _unique(taken: set[str], values: Mapping[str, Any]) -> str:
    base = suggest_id(_date_of(values), str(values.get("title") or ""))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def prepare(values: Mapping[str, Any], taken: set[str], *, new_id: bool = True) -> dict[str, Any]:
    """Plain values for a new activity, with an id (generated when absent, refused when taken).

    `new_id=False` keeps an activity without an id as it is (moving a hand-written entry).
    """
    clean = {str(k): plain(v) for k, v in values.items() if v is not None}
    if "id" in clean:
        if not isinstance(clean["id"], str) or not clean["id"].strip():
            raise EditError(_("an activity id must be non-empty text"))
        clean["id"] = clean["id"].strip()
        if clean["id"] in taken:
            raise EditError(
                _("this ledger already has an activity with id '{id}'").format(id=clean["id"])
            )
    elif new_id:
        clean = {"id": _unique(taken, clean), **clean}
    if _date_of(clean) is None:
        raise EditError(_("an activity needs a date, e.g. 2024-03-01"))
    return clean


def add(text: str, values: Mapping[str, Any], *, block: str | None = None, after: str | None = None) -> str:
    """`text` with a new activity holding `values`, placed among the others by date (see add_with_id)."""
    return add_with_id(text, values, block=block, after=after)[0]


def add_with_id(
    text: str, values: Mapping[str, Any], *, block: str | None = None, after: str | None = None
) -> tuple[str, str]:
    """`text` with a new activity holding `values`, placed among the others by date, and its id.

    It goes after the last activity dated on or before it (or before the first when it is the
    earliest), separated the way the file separates activities. `block` (LF endings) is written
    instead of rendering `values` when given — it must read back as exactly `values`; `after` names
    the activity to put it right after when that keeps the date order (used to undo a delete).
    """
    t = _Text(text)
    clean = prepare(values, t.ids(), new_id=block is None)
    new_block = render(clean) if block is None else block
    if not new_block.endswith("\n"):
        new_block += "\n"
    block_lines = [line + t.nl for line in new_block[:-1].split("\n")]
    pos = _position(t, _date_of(clean), after)
    lines = list(t.lines)
    sep = [t.nl] * t.gap_style()
    if not t.activities:
        last = max((i for i, k in enumerate(t.kinds) if k != "blank"), default=-1)
        _end_line(lines, last, t.nl)
        new = ([t.nl] if last >= 0 else []) + block_lines
        at = last + 1
    elif pos == 0:
        new = block_lines + sep
        at = t.activities[0].start
    else:
        at = t.activities[pos - 1].end + 1
        _end_line(lines, at - 1, t.nl)
        new = sep + block_lines
    lines[at:at] = new
    acts = t.acts[:pos] + [clean] + t.acts[pos:]
    header = at + next(i for i, line in enumerate(new) if line.lstrip().startswith("[["))
    aid = clean.get("id") or f"line-{header + 1}"  # a hand-written block put back without an id
    return _verify(t.join(lines), _with_activities(t.doc, acts), pos), aid


def _end_line(lines: list[str], index: int, nl: str) -> None:
    if 0 <= index < len(lines) and not lines[index].endswith("\n"):
        lines[index] += nl


def _position(t: _Text, when: dt.date | None, after: str | None) -> int:
    """Where among the activities (0 … n) a new one dated `when` goes."""
    dates = [_date_of(a) for a in t.acts]
    if after is not None and after in t.ids() and when is not None:
        i = t.find(after)
        before_ok = dates[i] is None or dates[i] <= when
        nxt = next((d for d in dates[i + 1 :] if d is not None), None)
        if before_ok and (nxt is None or nxt >= when):
            return i + 1
    pos = 0
    for i, d in enumerate(dates):
        if d is not None and when is not None and d <= when:
            pos = i + 1
    return pos


def extract(text: str, activity_id: str) -> Extract:
    """The activity's values, its text with the comments directly above it, and its predecessor."""
    t = _Text(text)
    i = t.find(activity_id)
    e = t.activities[i]
    block = "".join(line.replace("\r\n", "\n") for line in t.lines[e.start : e.end + 1])
    after = t.activity_id(i - 1) if i > 0 else None
    return Extract(dict(t.acts[i]), block if block.endswith("\n") else block + "\n", after)


def values_of(text: str, activity_id: str) -> dict[str, Any]:
    """The activity's values as tomllib reads them (what an undo of an update writes back)."""
    t = _Text(text)
    return dict(t.acts[t.find(activity_id)])


def delete(text: str, activity_id: str) -> tuple[str, dict[str, Any]]:
    """`text` without the activity (its block and the comments directly above), and its values."""
    t = _Text(text)
    i = t.find(activity_id)
    e = t.activities[i]
    lo, hi = e.start, e.end
    j = hi + 1
    while j < len(t.lines) and t.kinds[j] == "blank":
        j += 1
    if j < len(t.lines):
        hi = j - 1  # something follows: the blank lines after the block go with it
    else:
        while lo > 0 and t.kinds[lo - 1] == "blank":
            lo -= 1  # the last entry: the blank lines before it go, trailing ones stay
    lines = t.lines[:lo] + t.lines[hi + 1 :]
    acts = t.acts[:i] + t.acts[i + 1 :]
    return _verify(t.join(lines), _with_activities(t.doc, acts)), dict(t.acts[i])


def update(text: str, activity_id: str, changes: Mapping[str, Any]) -> str:
    """`text` with the activity's keys changed (None removes a key); only changed lines differ.

    Values are replaced in place through tomlkit (a key's inline comment stays); new keys go after
    the table's last value (a new `id` right under the header). Unchanged values are not rewritten.
    """
    t = _Text(text)
    i = t.find(activity_id)
    old = t.acts[i]
    new = dict(old)
    replace: dict[str, Any] = {}
    remove: list[str] = []
    insert: dict[str, Any] = {}
    for key, raw in changes.items():
        if raw is None:
            if key in old:
                remove.append(key)
                new.pop(key)
            continue
        value = plain(raw)
        if key in old and _same(old[key], value):
            continue
        if key == "id":
            if not isinstance(value, str) or not value.strip():
                raise EditError(_("an activity id must be non-empty text"))
            value = value.strip()
            if value in t.ids() - {activity_id}:
                raise EditError(_("this ledger already has an activity with id '{id}'").format(id=value))
        (replace if key in old else insert)[key] = value
        new[key] = value
    if not (replace or remove or insert):
        return text
    if "date" in remove or "title" in remove:
        raise EditError(_("an activity needs its date and title; change them instead of removing them"))
    e = t.activities[i]
    block = "".join(t.lines[e.header : e.end + 1])
    head = t.lines[e.header]
    nl = "\r\n" if head.endswith("\r\n") else ("\n" if head.endswith("\n") else t.nl)
    block = _edit_block(block.replace("\r\n", "\n"), replace, remove, insert)
    if not block.endswith("\n"):
        block += "\n"
    block_lines = [line + nl for line in block[:-1].split("\n")]
    lines = t.lines[: e.header] + block_lines + t.lines[e.end + 1 :]
    acts = t.acts[:i] + [new] + t.acts[i + 1 :]
    return _verify(t.join(lines), _with_activities(t.doc, acts), i)


def _edit_block(block: str, replace: dict[str, Any], remove: list[str], insert: dict[str, Any]) -> str:
    """One activity's text (header first, LF endings) with values replaced, removed and inserted."""
    if replace or remove:
        doc = tomlkit.parse(block)
        table = doc["activity"][0]  # type: ignore[index]
        for key, value in replace.items():
            table[key] = _item(value)
        for key in remove:
            del table[key]
        block = doc.as_string()
    if not insert:
        return block
    lines = block.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    layout = scan("\n".join(lines))
    kinds = _classify(lines, {tb.line - 1 for tb in layout.tables})
    first_sub = next((tb.line - 1 for tb in layout.tables[1:]), len(lines))
    last_value = max((j for j in range(first_sub) if kinds[j] in ("content", "header")), default=0)
    top = [_key_line("id", insert.pop("id"))[:-1]] if "id" in insert else []
    rest = [_key_line(k, v)[:-1] for k, v in insert.items()]
    lines[last_value + 1 : last_value + 1] = rest
    lines[1:1] = top
    return "\n".join(lines) + "\n"
