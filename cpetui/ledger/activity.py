"""Reads the [[activity]] tables into Activities: every key validated once, problems located."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from cpetui.frozen import fields
from cpetui.i18n import _
from cpetui.ledger.collect import Collector
from cpetui.ledger.keys import ACTIVITY, shown, validate
from cpetui.ledger.locate import KeyLines, Layout, TableSpan
from cpetui.model import EMPTY, MEASURE_KEYS, Activity, Measure, SourceRef
from cpetui.text import same_words


def build_activities(raw: Any, layout: Layout, out: Collector,
                     dimensions: Mapping[str, tuple[str, ...]] | None = None,
                     measure_free: frozenset[str] = frozenset()) -> tuple[Activity, ...]:
    """Every activity that reads cleanly, in file order; a repeated id is reported and left out.
    `dimensions`: the values the program allows for `group`, `field` … (a key not named goes unchecked)."""
    if not isinstance(raw, list):
        return ()
    spans = layout.arrays("activity")
    activities: list[Activity] = []
    seen: dict[str, int] = {}  # id → position in `activities`
    for index, table in enumerate(raw):
        if not isinstance(table, dict):
            continue
        activity = build_activity(table, index, spans[index] if index < len(spans) else None, out,
                                  dimensions, measure_free)
        if activity is None:
            continue
        if activity.id in seen:
            first = activities[seen[activity.id]]
            out.add_at_value(
                "error",
                "duplicate-id",
                _("activity id '{id}' is already used at line {line}").format(
                    id=activity.id, line=first.line_of("id")
                ),
                activity.line_of("id"),
                _("give each activity its own id (copies in other ledgers may share one)"),
                activity.id,
            )
            continue
        seen[activity.id] = len(activities)
        activities.append(activity)
    _likely_duplicates(activities, out)
    return tuple(activities)


def _likely_duplicates(activities: list[Activity], out: Collector) -> None:
    """A warning on an activity with the date, title and provider of an earlier one: entered twice?"""
    # Only activities that share a date can be alike: the words of the others are never compared.
    seen: set[Any] = set()
    shared: set[Any] = set()
    for activity in activities:
        if activity.date in seen:
            shared.add(activity.date)
        else:
            seen.add(activity.date)
    if not shared:
        return
    first: dict[tuple[Any, str, str], Activity] = {}
    for activity in activities:
        if activity.date not in shared:
            continue
        key = (activity.date, same_words(activity.title), same_words(activity.provider))
        earlier = first.setdefault(key, activity)
        if earlier is activity:
            continue
        out.add_at_value(
            "warning", "likely-duplicate",
            _("'{title}' looks entered twice: '{id}' at line {line} has the same date, title and "
              "provider").format(title=activity.title, id=earlier.id, line=earlier.line_of("title")),
            activity.line_of("title"),
            _("delete one if it was entered twice; if both happened, tell them apart in the title"),
            activity.id,
        )


def build_activity(table: dict[str, Any], index: int, span: TableSpan | None, out: Collector,
                   dimensions: Mapping[str, tuple[str, ...]] | None = None,
                   measure_free: frozenset[str] = frozenset()) -> Activity | None:
    """One activity, or None when a problem (reported in `out`) keeps it from counting."""
    header = span.line if span else 1
    keys = KeyLines(span)
    raw_id = table.get("id")
    named = type(raw_id) is str and raw_id.strip() != ""
    aid = raw_id.strip() if named else f"line-{header}"
    values, given, extra, ok = validate(table, ACTIVITY, header, keys, out, aid, dimensions)
    if dimensions:
        ok = _declared(values, extra, dimensions, header, keys, out, aid) and ok
    # A type that reads no measure (a renewal by exam) needs none.
    measured = bool(given) or (
        bool(measure_free) and str(values.get("type", "")).strip().lower() in measure_free)
    if not (ok and named and measured and "date" in values and "title" in values):
        if not _required(table, values, header, keys, out, aid, measured) or not ok:
            return None
    evidence = values.get("evidence", ())
    kind, group, fld = values.get("type"), values.get("group"), values.get("field")
    fields = (  # in the order of _FIELDS
        aid,
        values["date"],
        values["title"],
        SourceRef(out.path, header, 1),
        values.get("provider"),
        (kind.strip().lower() or None) if kind is not None else None,
        group.strip().upper() if group is not None else None,
        fld.strip().lower() if fld is not None else None,
        _measure(given),
        (evidence,) if type(evidence) is str else tuple(evidence),
        values.get("submitted"),
        bool(values.get("auto_submitted", False)),
        values.get("notes"),
        values.get("organizer_address"),
        values.get("organizer_phone"),
        keys,
        MappingProxyType(extra) if extra else EMPTY,
        index,
    )
    return Activity(*fields) if _IN_ORDER else Activity(**dict(zip(_FIELDS, fields, strict=True)))


# The Activity fields build_activity gives, in its order: passed by position, which Python matches with
# less work than names, while the model declares them in that order (by name should it ever differ).
_FIELDS = ("id", "date", "title", "source", "provider", "type", "group", "field", "measure", "evidence",
           "submitted", "auto_submitted", "notes", "organizer_address", "organizer_phone", "key_lines",
           "extra", "index")
_IN_ORDER = fields(Activity)[: len(_FIELDS)] == _FIELDS


def _declared(values: Mapping[str, Any], extra: dict[str, Any],
              dimensions: Mapping[str, tuple[str, ...]], header: int,
              keys: Mapping[str, int], out: Collector, aid: str) -> bool:
    """Whether the activity's dimension values (group, field) are among those its program declares;
    each one that is not is reported at its line, naming the values to write."""
    ok = True
    for key, allowed in dimensions.items():
        value = values.get(key, extra.get(key))
        if type(value) is not str:
            if key in extra:  # a dimension of the program's own: text only
                out.add_at_value("error", "wrong-type", _("{key} must be text, got {value}").format(
                    key=key, value=shown(value)), keys.get(key, header),
                    _('write {key} = "{value}"').format(key=key, value=allowed[0]), aid)
                del extra[key]
                ok = False
            continue
        written = _folded(allowed).get(value.strip().casefold())
        if written is not None:
            if key in extra:
                extra[key] = written
            continue
        quoted = [f'"{a}"' for a in allowed]
        choices = quoted[0] if len(quoted) == 1 else _("{values} or {last}").format(
            values=", ".join(quoted[:-1]), last=quoted[-1])
        out.add_at_value("error", "bad-value", _("{key} must be {choices}, got {value}").format(
            key=key, choices=choices, value=shown(value)), keys.get(key, header),
            _("write {key} = {choices}").format(key=key, choices=choices), aid)
        ok = False
    return ok


# Each program's values for a dimension, folded as compared → as the program writes them (the first of
# those that fold alike): made once per list of values, not for every activity.
_FOLDED: dict[tuple[str, ...], dict[str, str]] = {}


def _folded(allowed: Sequence[str]) -> dict[str, str]:
    values = allowed if type(allowed) is tuple else tuple(allowed)
    folded = _FOLDED.get(values)
    if folded is None:
        if len(_FOLDED) >= 256:
            _FOLDED.clear()
        folded = {}
        for value in values:
            folded.setdefault(value.casefold(), value)
        _FOLDED[values] = folded
    return folded


def _required(table: dict[str, Any], values: Mapping[str, Any], header: int, keys: Mapping[str, int],
              out: Collector, aid: str, measured: bool = False) -> bool:
    """The id (a warning when absent), date, title and a measure: whether all that is needed is there."""
    ok = True
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
        ok = False
    for key, example in (("date", "date = 2024-03-01"), ("title", 'title = "Course name"')):
        if key not in table:
            out.add("error", "missing-key", _("activity has no '{key}'").format(key=key), header,
                    hint=_("add {example}").format(example=example), activity_id=aid)
            ok = False
    return (measured or _has_a_measure(table, header, out, aid)) and ok


def _has_a_measure(table: dict[str, Any], header: int, out: Collector, aid: str) -> bool:
    if any(k in table for k in MEASURE_KEYS):
        return True
    out.add("error", "missing-measure", _("activity states no measure: nothing to count"), header,
            hint=_("add one of hours = 1.5, minutes = 90, sessions = [30, 45] or credits = 2"),
            activity_id=aid)
    return False


_MEASURES: dict[tuple[Any, ...], Measure] = {}


def _measure(given: dict[str, Any]) -> Measure:
    if "sessions" in given:
        given["sessions"] = tuple(given["sessions"])
        return Measure(**given)
    # Most activities state one of a few measures (hours = 2, minutes = 100 …): one frozen Measure
    # each, shared. The key holds the types, so hours = 2 and hours = 2.0 stay apart; one measure's key
    # is its own (key, type, value), never equal to the tuple of those that several make.
    if len(given) == 1:
        [(key, value)] = given.items()
        shape: tuple[Any, ...] = (key, type(value), value)
    else:
        shape = tuple([(k, type(v), v) for k, v in given.items()])
    measure = _MEASURES.get(shape)
    if measure is None:
        if len(_MEASURES) >= 4096:
            _MEASURES.clear()
        measure = _MEASURES[shape] = Measure(**given)
    return measure


def suggest_id(when: dt.date | None, title: str) -> str:
    """A readable id from the date and the title's first ASCII words, e.g. `2024-03-01-owasp-meetup`."""
    words = re.findall(r"[a-z0-9]+", (title or "").lower())[:3]
    stem = "-".join(words)
    prefix = when.isoformat() if isinstance(when, dt.date) else "activity"
    return f"{prefix}-{stem}" if stem else prefix
