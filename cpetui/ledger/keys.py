"""One table-driven validator for [cycle] and [[activity]]: each key's types and the values it may hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from cpetui.i18n import N_, _
from cpetui.ledger.collect import Collector
from cpetui.ledger.datewords import date_words
from cpetui.ledger.limits import FIRST_DAY, LARGEST, LAST_DAY, date_problem, number_problem
from cpetui.model import ACTIVITY_KEYS, CYCLE_KEYS, MEASURE_KEYS

# A value check: (code, message, hint) when the value, of an accepted type, is not one a ledger may hold.
Check = Callable[[str, Any], "tuple[str, str, str] | None"]


def _sessions(key: str, value: list[Any]) -> tuple[str, str, str] | None:
    for item in value:
        if type(item) is not int and type(item) is not float:
            return ("wrong-type", _("{key} must hold whole minutes, got {value}").format(
                key=key, value=shown(item)), _("write {key} = [30, 45, 50]").format(key=key))
        if not 0 <= item <= LARGEST[key]:
            bad = number_problem(key, item)
            assert bad is not None
            if bad[0] == "negative":
                return bad
            return ("out-of-range",
                    _("{key} must hold minutes from 0 to {top} each, got {value}").format(
                        key=key, top=f"{LARGEST[key]:,}", value=item), bad[2])
    return None


def _evidence(key: str, value: list[Any] | str) -> tuple[str, str, str] | None:
    if type(value) is list:
        for item in value:
            if type(item) is not str:
                return ("wrong-type", _("evidence must be a list of paths or URLs in quotes"),
                        _('write evidence = ["evidence/course.pdf"]'))
    return None


def _earlier(key: str, value: list[Any]) -> tuple[str, str, str] | None:
    hint = _("write earlier = [{ start = 2024-04-01, credits = 40 }, { start = 2025-04-01, credits = 45 }]")
    for item in value:
        if type(item) is not dict or set(item) != {"start", "credits"} or type(item["start"]) is not dt.date \
                or type(item["credits"]) not in (int, float):
            return ("wrong-type", _("earlier must list the cycles before this one, each as "
                                    "{ start = DATE, credits = NUMBER }"), hint)
        bad = number_problem("carryover_in", item["credits"]) or date_problem("start", item["start"])
        if bad is not None:
            return bad[0], _("earlier: {problem}").format(problem=bad[1]), hint
    starts = [item["start"] for item in value]
    twice = next((s for s in starts if starts.count(s) > 1), None)
    if twice is not None:
        return ("duplicate", _("earlier lists the cycle starting {start} twice").format(start=twice),
                _("keep one entry for each cycle, with the credits the body recorded"))
    return None


# Key and TableKind are plain slotted classes, set up once at import and never changed: every command
# that reads a ledger imports them, and a dataclass's generated methods cost start-up for nothing here.


class Key:
    """A key a table understands: its types as declared, its range (if any) and its value check (if any)."""

    __slots__ = ("types", "exact", "low", "high", "check", "measure")

    def __init__(self, types: tuple[type, ...], exact: frozenset[type], low: Any = None, high: Any = None,
                 check: Check | None = None, measure: bool = False) -> None:
        self.types = types
        # The exact Python types of a TOML value that are accepted: bool is no number, a date-time no date.
        self.exact = exact
        self.low = low  # with `high`: the smallest and largest value accepted (nan is neither)
        self.high = high
        self.check = check
        self.measure = measure  # one of the activity's measures (MEASURE_KEYS)

    def __repr__(self) -> str:
        return (f"Key(types={self.types!r}, low={self.low!r}, high={self.high!r}, check={self.check!r}, "
                f"measure={self.measure!r})")


class TableKind:
    """What a table accepts, and what is said about a key it does not know."""

    __slots__ = ("keys", "unknown", "otherwise", "keep_unknown")

    def __init__(self, keys: Mapping[str, Key], unknown: str, otherwise: str, *, keep_unknown: bool) -> None:
        self.keys = keys
        self.unknown = unknown  # message (msgid) for an unknown key; the key is kept, not used
        self.otherwise = otherwise  # hint (msgid) when no known key is close to the unknown one
        self.keep_unknown = keep_unknown  # unknown keys are kept in the result's `extra`


def _table(declared: Mapping[str, tuple[type, ...]], checks: Mapping[str, Check]) -> dict[str, Key]:
    spec = {}
    for key, types in declared.items():
        low, high = ((FIRST_DAY, LAST_DAY) if dt.date in types
                     else (0, LARGEST[key]) if key in LARGEST and key != "sessions" else (None, None))
        spec[key] = Key(types, frozenset(types), low, high, checks.get(key), key in MEASURE_KEYS)
    return spec


def _out_of_range(key: str, value: Any) -> tuple[str, str, str]:
    bad = date_problem(key, value) if isinstance(value, dt.date) else number_problem(key, value)
    assert bad is not None
    return bad


ACTIVITY = TableKind(
    # group and field: the values the ledger's program declares (cpetui.ledger.activity checks them).
    _table(ACTIVITY_KEYS, {"sessions": _sessions, "evidence": _evidence}),
    N_("unknown key '{key}' in activity (kept, not used)"),
    N_("use 'notes' for free text"),
    keep_unknown=True,
)
CYCLE = TableKind(
    {**_table(CYCLE_KEYS, {"earlier": _earlier}),  # carryover_in out of range: cpetui.ledger.cycle
     "carryover_in": Key(CYCLE_KEYS["carryover_in"], frozenset(CYCLE_KEYS["carryover_in"]))},
    N_("unknown key '{key}' in [cycle] (kept, not used)"),
    N_("known keys: {keys}"),
    keep_unknown=False,
)


Validated = tuple[Mapping[str, Any], dict[str, Any], dict[str, Any], bool]


def validate(table: Mapping[str, Any], kind: TableKind, header: int, lines: Mapping[str, int],
             out: Collector, activity_id: str | None = None,
             declared: Mapping[str, Any] | None = None) -> Validated:
    """(the values that passed, the measures among them, the unknown keys kept, whether all known passed).

    Each failure is reported at its key's line (`lines`, else the table's `header` line). A table with
    nothing to say costs one type lookup per key and its value check: there is no separate fast path.
    """
    spec = kind.keys
    measures: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    left_out: list[str] = []  # unknown keys and failed values: not among the values returned
    ok = True
    for key, value in table.items():
        k = spec.get(key)
        if k is not None and type(value) in k.exact:
            low = k.low
            if low is not None and not low <= value <= k.high:
                bad = _out_of_range(key, value)
            elif k.check is None or (bad := k.check(key, value)) is None:
                if k.measure:
                    measures[key] = value
                continue
            code, message, hint = bad
            out.add_at_value("error", code, message, lines.get(key, header), hint, activity_id)
            ok = False
        elif k is None:
            # A key the program declares as a dimension of its own (PMI's skill area) is its data.
            if declared is None or key not in declared:
                _unknown(key, kind, lines.get(key, header), out, activity_id)
            if kind.keep_unknown:
                extra[key] = value
        else:
            _wrong_type(key, value, k.types, lines.get(key, header), out, activity_id)
            ok = False
        left_out.append(key)
    # The common case, nothing to say: the table itself (read-only: fastread may share it).
    values = {k: v for k, v in table.items() if k not in left_out} if left_out else table
    return values, measures, extra, ok


def _unknown(key: str, kind: TableKind, line: int, out: Collector, activity_id: str | None) -> None:
    import difflib  # only a misspelt key gets here

    close = difflib.get_close_matches(key, list(kind.keys), n=1, cutoff=0.7)
    out.add(
        "warning",
        "unknown-key",
        _(kind.unknown).format(key=key),
        line,
        hint=_("did you mean '{close}'?").format(close=close[0]) if close
        else _(kind.otherwise).format(keys=", ".join(kind.keys)),
        activity_id=activity_id,
    )


# ------------------------------------------------------------------------------ wrong types


def _wrong_type(key: str, value: Any, types: tuple[type, ...], line: int, out: Collector,
                activity_id: str | None) -> None:
    """A located wrong-type problem: what the key must be, what it is, and what to write."""
    what, example = _expected(key, types)
    hint = _("write {example}").format(example=example)
    if isinstance(value, str) and float in types:
        cleaned = value.strip().replace(",", ".")
        try:
            number = float(cleaned) if "." in cleaned else int(cleaned)
            if number == number and abs(number) != float("inf"):
                hint = _("write {key} = {number} (a number, without quotes)").format(key=key, number=number)
        except ValueError:
            pass
    if isinstance(value, str) and dt.date in types:
        try:
            dt.date.fromisoformat(value.strip())
            hint = _("write {key} = {date} (a date, without quotes)").format(
                key=key, date=value.strip()
            )
        except ValueError:
            about_date = date_words(value)
            hint = (about_date[0] + "; " + about_date[1] if about_date is not None else
                    _("write a real date without quotes, e.g. {key} = 2024-03-01").format(key=key))
    if isinstance(value, dt.datetime) and dt.date in types:
        hint = _("write the date only: {key} = {date}").format(key=key, date=value.date())
    out.add_at_value(
        "error",
        "wrong-type",
        _("{key} must be {what}, got {got} {value}").format(
            key=key, what=what, got=_type_name(value), value=shown(value)
        ),
        line,
        hint,
        activity_id,
    )


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


def shown(value: Any) -> str:
    """`value` as written in TOML, cut to 40 characters, for a message."""
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
        return _("text or a list of texts"), f'{key} = ["evidence/course.pdf"]'
    return _("text"), f'{key} = "…"'
