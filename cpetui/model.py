"""Frozen records for ledgers, activities, problems and computed status: the shared vocabulary."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from cpetui.frozen import frozen

if TYPE_CHECKING:  # for the annotations only: the model imports nothing above it
    from cpetui.rules.sources import Citation

Severity = Literal["error", "warning", "info"]

EMPTY: Mapping[str, Any] = MappingProxyType({})


@frozen
class SourceRef:
    """Where something stands in a ledger file: path as given, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@frozen
class Problem:
    """One thing wrong (or worth a word) in a ledger file, located, with the offending line and a hint.

    `code` is stable and machine-readable (e.g. ``toml-syntax``, ``wrong-type``, ``unknown-key``);
    `excerpt` is the offending source line; `hint` says what to write instead.
    """

    severity: Severity
    code: str
    message: str
    source: SourceRef
    excerpt: str = ""
    hint: str = ""
    activity_id: str | None = None


# Measure keys an activity may carry, with the Python type tomllib must give for each.
# The rules decide which of them a given program and activity type reads.
MEASURE_KEYS: Mapping[str, tuple[type, ...]] = MappingProxyType(
    {
        "hours": (int, float),  # clock hours of the activity
        "minutes": (int,),  # total minutes of the activity (breaks excluded)
        "sessions": (list,),  # minutes of each session of one course, summed first
        "credits": (int, float),  # credits stated by the provider or the certificate
        "semester_hours": (int, float),  # college: US semester hours (ACFE: 15 CPE each)
        "ceus": (int, float),  # college: continuing education units (ACFE: 15 CPE each)
        "periods": (int,),  # college: number of class periods ...
        "period_minutes": (int,),  # ... and the length of each in minutes
        "months": (int,),  # correspondence course: standard length in months
        "preparation_hours": (int, float),  # instructor / speaker preparation time
        "authors": (int,),  # number of authors sharing a written work (co-authored: split)
        "role": (str,),  # chair | member (study groups), author | coauthor | editor (writing)
        "repeat": (bool,),  # a repeated talk or course (not the first delivery)
        "venue": (str,),  # e.g. "iia-japan" for talks at IIA-Japan training or conventions
        "exam_parts": (str,),  # other exams: "all" | "two-part" | "one-part"
    }
)

# Other keys an [[activity]] table understands.
ACTIVITY_KEYS: Mapping[str, tuple[type, ...]] = MappingProxyType(
    {
        "id": (str,),
        "date": (date,),
        "title": (str,),
        "provider": (str,),
        "type": (str,),
        "group": (str,),
        "field": (str,),
        "evidence": (list, str),
        "submitted": (date,),
        "auto_submitted": (bool,),
        "notes": (str,),
        "organizer_address": (str,),  # IIA-Japan report: the organiser's address
        "organizer_phone": (str,),  # IIA-Japan report: the organiser's phone
        **MEASURE_KEYS,
    }
)

CYCLE_KEYS: Mapping[str, tuple[type, ...]] = MappingProxyType(
    {
        "program": (str,),
        "credential": (str,),
        "start": (date,),
        "end": (date,),
        "rules": (str,),
        "certified": (date,),
        "carryover_in": (int, float),
        "member_id": (str, int),
        # program options
        "practicing": (bool,),  # IIA: practicing (true) or non-practicing (false)
        "retired": (bool,),  # IIA-Japan: declared retired (no CPE required)
        "carryover": (bool,),  # ACFE: carry up to 10 hours into next year (default true)
        "held_with": (str,),  # ISC2 concentrations: held with "CISSP" or alone
        "track": (str,),  # Associate of ISC2: "cissp" or "sscp" track
        "became": (str,),  # the credential this one became the day after `end` (Associate → CISSP)
        "earlier": (list,),  # the cycles before, for a rolling window: [{ start = …, credits = … }, …]
        "title": (str,),  # a free label for the ledger
        "notes": (str,),
    }
)


@frozen
class Measure:
    """The quantities an activity states; `None` where the ledger does not say."""

    hours: float | None = None
    minutes: int | None = None
    sessions: tuple[int, ...] | None = None
    credits: float | None = None
    semester_hours: float | None = None
    ceus: float | None = None
    periods: int | None = None
    period_minutes: int | None = None
    months: int | None = None
    preparation_hours: float | None = None
    authors: int | None = None
    role: str | None = None
    repeat: bool | None = None
    venue: str | None = None
    exam_parts: str | None = None

    def given(self) -> dict[str, Any]:
        """The keys the ledger actually stated, in declaration order."""
        return {k: getattr(self, k) for k in MEASURE_KEYS if getattr(self, k) is not None}


@frozen
class Activity:
    """One CPE activity as written in a ledger's ``[[activity]]`` table.

    `source` points at the ``[[activity]]`` header; `key_lines` maps each key to its line.
    `extra` keeps keys cpetui does not know (reported as warnings, never dropped).
    """

    id: str
    date: date
    title: str
    source: SourceRef
    provider: str | None = None
    type: str | None = None
    group: str | None = None
    field: str | None = None
    measure: Measure = Measure()
    evidence: tuple[str, ...] = ()
    submitted: date | None = None
    auto_submitted: bool = False
    notes: str | None = None
    organizer_address: str | None = None
    organizer_phone: str | None = None
    key_lines: Mapping[str, int] = EMPTY
    extra: Mapping[str, Any] = EMPTY
    index: int = 0  # position among the file's activities (0-based), as written

    def line_of(self, key: str) -> int:
        """The line of `key` in this activity, or the header's line when the key is absent."""
        return self.key_lines.get(key, self.source.line)


@frozen
class Cycle:
    """A ledger's ``[cycle]`` header: which program, credential and period the ledger covers."""

    program: str
    credential: str
    start: date
    end: date | None = None
    rules: str | None = None
    certified: date | None = None
    carryover_in: float = 0.0
    member_id: str | None = None
    # practicing, retired, carryover, held_with, track …
    options: Mapping[str, Any] = EMPTY
    title: str | None = None
    notes: str | None = None
    source: SourceRef = SourceRef("")
    key_lines: Mapping[str, int] = EMPTY
    # The credential this one became the day after `end` (an Associate of ISC2 becoming a CISSP).
    became: str | None = None
    # The credits of the cycles before this one, by their start dates, for a requirement over a rolling
    # window (JICPA: this fiscal year and the two before): what the body confirmed, or `new` computed.
    earlier: tuple[tuple[date, float], ...] = ()

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.source.line)


@frozen
class PortalRecord:
    """What the body's portal showed on a day (a `[[portal]]` table): the total, and optionally the
    credits by group or field (`by`). cpetui compares it with the credits marked submitted by then."""

    date: date
    recorded: float
    source: SourceRef
    by: Mapping[str, float] = EMPTY
    note: str | None = None
    key_lines: Mapping[str, int] = EMPTY

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.source.line)


@frozen
class Ledger:
    """One ledger file: one certification cycle and its activities, as last read from disk.

    `cycle` is None when the file is too broken to say which cycle it is; `problems` then says why.
    `path` is the file's path as given; `folder` the directory evidence paths are relative to.
    """

    path: str
    cycle: Cycle | None
    activities: tuple[Activity, ...] = ()
    problems: tuple[Problem, ...] = ()
    fingerprint: str = ""  # sha256 of the bytes read, to refuse saving over an outside edit
    mtime_ns: int = 0
    size: int = 0
    portal: tuple[PortalRecord, ...] = ()  # what the body's portal showed, to reconcile with

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)

    def activity(self, activity_id: str) -> Activity | None:
        for a in self.activities:
            if a.id == activity_id:
                return a
        return None


# ---------------------------------------------------------------- computed status (rules output)


@frozen
class Explanation:
    """Why a figure is what it is, in words, and the rule it rests on."""

    text: str
    citation: str = ""  # the rule it rests on, in words
    cite: Citation | None = None  # the same, as data: sources, passages, quotes (cpetui.rules.sources)

    def __str__(self) -> str:
        return f"{self.text} — {self.citation}" if self.citation else self.text


@frozen
class ActivityCredit:
    """One activity's credits: `earned` by the program's arithmetic, `counted` after caps and eligibility."""

    activity_id: str
    line: int
    earned: float
    counted: float
    explanation: Explanation
    category: str = ""  # the cap bucket the credits fall in (type, IIA-Japan category …)
    group: str | None = None  # ISC2 A/B
    field: str | None = None  # ACFE fraud/ethics/general; IIA ethics


@frozen
class Requirement:
    """One requirement's standing: earned, counted after caps, and the amount required or recommended."""

    id: str
    label: str
    kind: Literal["required", "recommended", "maximum"]
    earned: float
    counted: float
    required: float
    met: bool
    explanation: Explanation
    period_start: date | None = None
    period_end: date | None = None

    @property
    def remaining(self) -> float:
        if self.kind == "maximum":
            return 0.0
        return max(0.0, round(self.required - self.counted, 2))


@frozen
class KeyDate:
    """A date that matters: cycle end, grace end, suspension, lapse, next annual deadline, retention."""

    id: str
    label: str
    date: date
    explanation: Explanation
    clears: str = ""  # what ends the state this date begins, in words ("" when the body says nothing)


@frozen
class Pace:
    """Credits still needed per month to finish by the cycle end."""

    remaining: float
    months_left: float
    per_month: float
    explanation: Explanation


State = Literal["complete", "on-track", "behind", "in-grace", "suspended", "lapsed", "error"]


@frozen
class Finding:
    """Something the rules noticed about the ledger, tied to an activity and its line where it can be."""

    severity: Severity
    code: str
    message: str
    source: SourceRef | None = None
    activity_id: str | None = None
    citation: str = ""  # the rule it rests on, in words
    hint: str = ""
    cite: Citation | None = None  # the same, as data (cpetui.rules.sources)


@frozen
class Status:
    """Where one ledger stands on `as_of`: the rules' whole answer, every figure explained."""

    path: str
    program: str
    credential: str
    rules_version: str
    as_of: date
    cycle_start: date
    cycle_end: date
    total: Requirement
    requirements: tuple[Requirement, ...]
    carryover_in: float
    carryover_out: float
    carryover_explanation: Explanation
    key_dates: tuple[KeyDate, ...]
    pace: Pace | None
    state: State
    activities: tuple[ActivityCredit, ...]
    findings: tuple[Finding, ...]
    # The rules version's activity types and their names, untranslated (a display needs no rules tables).
    type_labels: tuple[tuple[str, str], ...] = ()
    # The day the credential was renewed by other means (exam again, a higher certification): the next
    # cycle starts then.
    renewed_on: date | None = None
    # What the figures count: "cpe" (credits) or "completions" (courses completed, IPA's registered
    # specialists); a display words its figures by it.
    unit: str = "cpe"

    def type_label(self, type_id: str) -> str | None:
        """The name of activity type `type_id` in this version's rules (untranslated), or None."""
        return next((label for t, label in self.type_labels if t == type_id), None)

    def credit_of(self, activity_id: str) -> ActivityCredit | None:
        for c in self.activities:
            if c.activity_id == activity_id:
                return c
        return None
