"""The activities table's rows: built from a ledger and its status, filtered, sorted, paged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from cpetui.model import Activity, Ledger, Status

PAGE_SIZE = 200  # a page of rows: sorting, filtering and redrawing stay instant whatever the ledger

SORT_KEYS = ("date", "title", "provider", "type", "group", "credits", "submitted", "evidence")


@dataclass(frozen=True, slots=True)
class Row:
    """One activity as the table shows it."""

    id: str
    date: date
    title: str
    provider: str
    type: str
    group: str  # ISC2 group, or the ACFE / IIA field
    credits: float | None  # counted credits; None when the rules could not say
    earned: float | None
    submitted: date | None
    evidence: bool | None  # True: every evidence item found; False: one missing; None: none listed
    line: int
    # What the table shows for type and group/field: ids in English (as the ledger has them), the
    # program's own words in other languages ("教育", "倫理").
    type_shown: str = ""
    group_shown: str = ""


@dataclass(frozen=True, slots=True)
class Filter:
    """What `/` typed: free words plus `type:`, `group:`, `unsubmitted`, `missing` and `noevidence`.

    `missing` keeps activities whose listed evidence is not all there (a file not found); `noevidence`
    keeps those that list none. They are different chores: the first needs a file put back or a path
    fixed, the second needs a certificate found at all.
    """

    words: tuple[str, ...] = ()
    type: str | None = None
    group: str | None = None
    unsubmitted: bool = False
    missing_evidence: bool = False
    no_evidence: bool = False
    since: date | None = None  # `from:2025-04-01`, `year:2025`
    until: date | None = None  # `to:2025-12-31`, `year:2025`
    unknown: tuple[str, ...] = ()  # `grp:b`, `date:x`, `year:20x`: terms it cannot read (matched by none)

    @property
    def active(self) -> bool:
        return bool(self.words or self.type or self.group or self.unsubmitted or self.missing_evidence
                    or self.no_evidence or self.since or self.until or self.unknown)


# The filter's terms as the info line lists them when one is not understood (the same in every language).
KNOWN_TERMS = ("type:…, group:…, field:…, year:2025, from:2025-04-01, to:2025-12-31, unsubmitted, missing, "
               "noevidence")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_filter(text: str) -> Filter:
    """`text` as typed after `/`: e.g. ``type:education group:a unsubmitted cloud``."""
    words: list[str] = []
    unknown: list[str] = []
    kind = group = None
    since = until = None
    unsubmitted = missing = none = False
    for token in text.split():
        low = token.lower()
        name, colon, value = low.partition(":")
        if name == "type" and value:
            kind = value
        elif name in ("group", "field") and value:
            group = value
        elif low in ("unsubmitted", "is:unsubmitted", "-submitted"):
            unsubmitted = True
        elif low in ("missing", "missing-evidence", "is:missing"):
            missing = True
        elif low in ("noevidence", "no-evidence", "is:noevidence"):
            none = True
        elif name == "year" and value.isdigit() and 1900 <= int(value) <= 2999:
            since, until = date(int(value), 1, 1), date(int(value), 12, 31)
        elif name in ("from", "since") and _day(value) is not None:
            since = _day(value)
        elif name in ("to", "until") and _day(value) is not None:
            until = _day(value)
        elif colon and name.isascii() and name.isalpha() and not value.startswith("//"):
            unknown.append(token)  # a term cpetui does not know (or a value it cannot read): said so
        else:
            words.append(low)
    return Filter(tuple(words), kind, group, unsubmitted, missing, none, since, until, tuple(unknown))


def build_rows(
    ledger: Ledger, status: Status | None, evidence: Mapping[str, bool] | None = None
) -> list[Row]:
    """One row per activity, in file order; `evidence` maps each evidence item to whether it exists."""
    from cpetui.i18n import _, language
    from cpetui.rules.words import field_label

    evidence = evidence or {}
    credits = {c.activity_id: c for c in status.activities} if status else {}
    translate = language() != "en" and status is not None
    labels: dict[str, str] = {}
    rows = []
    for a in ledger.activities:
        c = credits.get(a.id)
        kind, group = a.type or "", a.group or a.field or ""
        if translate and status is not None:
            if kind not in labels:
                label = status.type_label(kind)
                labels[kind] = _(label) if label else kind
            shown_type, shown_group = labels[kind], field_label(group)
        else:
            shown_type, shown_group = kind, group
        rows.append(
            Row(
                id=a.id,
                date=a.date,
                title=a.title,
                provider=a.provider or "",
                type=kind,
                group=group,
                credits=c.counted if c else None,
                earned=c.earned if c else None,
                submitted=a.submitted,
                evidence=_evidence_state(a, evidence),
                line=a.source.line,
                type_shown=shown_type,
                group_shown=shown_group,
            )
        )
    return rows


def _evidence_state(activity: Activity, present: Mapping[str, bool]) -> bool | None:
    """None: no evidence listed; True: every item found; False: something is missing."""
    if not activity.evidence:
        return None
    return all(present.get(item, False) for item in activity.evidence)


def matches(row: Row, f: Filter) -> bool:
    if f.unknown:
        return False
    if f.type and not (row.type.lower().startswith(f.type) or row.type_shown.lower().startswith(f.type)):
        return False
    if f.group and f.group not in (row.group.lower(), row.group_shown.lower()):
        return False
    if f.since and row.date < f.since:
        return False
    if f.until and row.date > f.until:
        return False
    if f.unsubmitted and row.submitted is not None:
        return False
    if f.missing_evidence and row.evidence is not False:
        return False
    if f.no_evidence and row.evidence is not None:
        return False
    if f.words:
        hay = " ".join((row.title, row.provider, row.type, row.group, row.id, row.date.isoformat(),
                        row.type_shown, row.group_shown)).lower()
        if not all(w in hay for w in f.words):
            return False
    return True


def _sort_value(row: Row, key: str) -> tuple:
    value = getattr(row, key)
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, value.casefold())
    return (1, value)


def select(rows: Iterable[Row], f: Filter, sort: str = "date", reverse: bool = False) -> list[Row]:
    """The rows that match `f`, sorted by `sort` (ties keep date order, then file order)."""
    kept = [r for r in rows if matches(r, f)]
    kept.sort(key=lambda r: (r.date, r.line))
    if sort != "date":
        kept.sort(key=lambda r: _sort_value(r, sort), reverse=reverse)
    elif reverse:
        kept.reverse()
    return kept


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def page_of(rows: Sequence[Row], activity_id: str, size: int = PAGE_SIZE) -> int | None:
    """The 0-based page holding `activity_id` among `rows`, or None when it is filtered out."""
    for i, r in enumerate(rows):
        if r.id == activity_id:
            return i // size
    return None
