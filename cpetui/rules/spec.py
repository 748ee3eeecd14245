"""The rules as data: programs, rules versions, quotas, caps, key-date offsets and activity types."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from cpetui.frozen import frozen
from cpetui.model import Cycle, Measure, Severity
from cpetui.rules.sources import Citation, Source


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; `_()` translates it where it is shown."""
    return message


@frozen
class Note:
    """Something the arithmetic noticed about one activity (becomes a located finding)."""

    severity: Severity
    code: str
    message: str
    hint: str = ""
    excludes: bool = False  # the activity then counts nothing
    key: str | None = None  # the ledger key the finding points at


@frozen
class Credit:
    """One activity's credits by the program's arithmetic, and how they came about in words."""

    earned: float
    text: str
    notes: tuple[Note, ...] = ()


Computer = Callable[[Measure, "Version"], Credit]


@frozen
class ActivityType:
    """One kind of activity a program recognises, and how its credits are computed."""

    id: str
    label: str  # msgid
    category: str  # the cap bucket / reporting category it falls in
    measures: tuple[str, ...]  # measure keys it reads, in order of preference
    compute: Computer
    how: str  # msgid: the arithmetic in words
    citation: Citation
    groups: tuple[str, ...] = ()  # ISC2: the groups it may be claimed in; () = no groups
    fields: bool = False  # ACFE / IIA: reads `field` (fraud / ethics / general)
    eligible: bool = True  # False: never earns credit (OffSec CTF)
    ineligible_reason: str = ""  # msgid
    # msgid: what must hold for it to count that the ledger cannot show (a passed exam, formal training);
    # each such activity gets an info finding saying so, so that the evidence kept proves it
    condition: str = ""
    # False: a retired type, still read so that older ledgers keep counting, never offered for a new one
    offered: bool = True
    # The credential renewed by other means: passing the exam again, a higher certification. With
    # `renews_for`, only when the activity's `renews_dimension` value is listed for the credential.
    renews: bool = False
    renews_for: Mapping[str, tuple[str, ...]] | None = None
    renews_dimension: str = ""
    # When the next cycle starts after such a renewal: "that-day" (OffSec, CompTIA: the renewal restarts
    # the cycle) or "cycle-end" (EC-Council: the window's requirement is met, its end stays).
    next_cycle: Literal["that-day", "cycle-end"] = "that-day"
    # The most credentials of the body one such activity (the same `id` in several ledgers) may count for.
    max_credentials: int | None = None


@frozen
class Selector:
    """Which activities a requirement or cap reads: values of declared dimensions, categories, types.

    Each part given must hold; an empty selector reads every activity."""

    dimensions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (key, allowed values), e.g. ("group", ("A",))
    categories: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not (self.dimensions or self.categories or self.types)


ALL = Selector()


@frozen
class Need:
    """A requirement as a record: at least (or at most) `amount` credits of the selected activities.

    The words are msgids formatted with label/field, counted, earned, carry, min and max."""

    id: str
    label: str  # msgid
    kind: Literal["required", "recommended", "maximum"]
    amount: float
    select: Selector = ALL
    # "rolling": this cycle and the `years - 1` cycles before it, from the ledger's `earlier` figures
    period: Literal["cycle", "year", "calendar-year", "rolling"] = "cycle"
    citation: Citation | None = None  # None: the quota's own citation
    carryover_counts: bool = False  # credits carried in count toward it
    words: str = ""  # msgid of the explanation; "" → the kind's own words
    # A maximum cuts what counts, in date order; these say so where it took credits.
    lost_words: str = ""  # msgid with lost, later, max, label; "" → "… {label} reached"
    lost_code: str = "cap-reached"
    remark: str = ""  # msgid with lost, label: beside each activity it took credits from
    short: str = ""  # msgid: what it selects in a word or two, for lists ("Group A", "ethics")
    # In a version counting completions: the key date (by id) that a period's completions are due by
    # when it comes before the period's end (IPA: every course by the renewal application deadline).
    by: str = ""
    years: int = 0  # a rolling window's length in cycles (this one included)


@frozen
class Cap:
    """At most `amount` credits of one category count, per cycle or per year of the cycle."""

    bucket: str
    amount: float
    per: Literal["cycle", "year"]
    label: str  # msgid
    citation: Citation
    shown_when_unused: bool = True
    select: Selector | None = None  # None: the activities whose category is `bucket`
    # "activities": at most `amount` activities count (GIAC's three graduate courses), each in full;
    # the next earns nothing and says which counted.
    unit: Literal["credits", "activities"] = "credits"


@frozen
class Quota:
    """What one credential must earn in one cycle under one rules version."""

    total: float
    citation: Citation
    needs: tuple[Need, ...] = ()  # the requirements besides the total, as records
    annual: float | None = None  # amount per year of the body's own year
    annual_kind: Literal["required", "recommended"] = "required"
    annual_b_max: float | None = None  # of the annual amount, at most this may be Group B
    carry_in_counts_annual: bool = False  # carryover counts toward year 1's annual amount
    carryover_cap: float | None = 0.0  # 0: no carryover; None: no cap stated
    cycle_months: int | None = None  # overrides the version's cycle length (Associate: 12)
    note: str = ""  # msgid: a word on how the quota was chosen (option, conflict …)
    group_citation: Citation | None = None  # where the groups it allows are stated, if not `citation`

    caps: tuple[Cap, ...] | None = None  # caps that depend on the credential; None: the version's
    label: str = ""  # msgid: the cycle total's own name in the program file

    def need(self, need_id: str) -> Need | None:
        return next((n for n in self.needs if n.id == need_id), None)


@frozen
class DateRule:
    """A key date at an offset from the cycle end (or from the previous key date)."""

    id: str
    label: str  # msgid
    months: int = 0
    days: int = 0
    citation: Citation | None = None
    after: str = "cycle-end"  # the key date it counts from
    clears: str = ""  # msgid: what ends the state this date begins (a suspension's way out)


class QuotaError(Exception):
    """The cycle's credential or options have no quota in this version; carries message and hint."""

    def __init__(self, message: str, hint: str = "", key: str = "credential") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key = key


@frozen
class Version:
    """One rules version of one program: dates it applies to, cycle shape, types, quotas, dates."""

    id: str
    program: str
    label: str  # msgid
    citation: Citation
    applies_from: date | None
    applies_to: date | None
    default: bool  # chosen from the dates when the ledger pins nothing
    cycle_months: int
    cycle_anchor: Literal["start", "month-end", "calendar-year"]
    types: Mapping[str, ActivityType]
    default_type: str
    quota: Callable[[Cycle], Quota]  # raises QuotaError
    caps: tuple[Cap, ...] = ()
    grace: str | None = None  # id of the key date ending the grace period, if any
    key_dates: tuple[DateRule, ...] = ()
    grace_activities_warned: bool = False  # ISC2: activities dated in the grace period
    before_certification_ineligible: bool = False
    evidence: Literal["required", "audit", "keep"] = "keep"
    evidence_citation: Citation | None = None
    quarter_steps: bool = False
    per_activity_max: float | None = None
    limits_citation: Citation | None = None  # where the steps and the per-activity maximum are stated
    grace_activities_citation: Citation | None = None
    groups: bool = False  # ISC2 Group A / B
    fields: tuple[str, ...] = ()  # minimum fields (ACFE fraud, ethics; IIA ethics)
    # Which credits may carry over: the selected ones, earned in the cycle's last `months` (None: all of it).
    carryover_select: Selector = ALL
    carryover_window_months: int | None = None
    carryover_words: str = ""  # msgid with since and pool: the credits that may carry over, in words
    carryover_citation: Citation | None = None
    pace_advice: str = ""  # msgid: the body's own advice on pace, in words
    pace_citation: Citation | None = None
    yearly_deadline: str = ""  # msgid: what falls due at the end of each year of the cycle
    yearly_citation: Citation | None = None
    before_certification_citation: Citation | None = None
    # The first cycle after certification: it starts on the certification date, or on 1 January after
    # `exempt_years` calendar years (the certification year counted) that need no CPE.
    checks: tuple[str, ...] = ()  # names in cpetui.rules.assess.CHECKS, for rules data cannot say
    # A named check's parameters and the passage its findings cite, by the check's name.
    check_params: Mapping[str, tuple[Mapping[str, Any], Citation | None]] | None = None
    first_start: Literal["certified", "january"] = "certified"
    exempt_years: int = 0
    first_citation: Citation | None = None
    # Credits earned between the certification date and the first cycle's start count in its first year.
    early_hours_count: bool = False
    # What the figures count: CPE credits, or completions of a kind of course (IPA's registered
    # specialists: one online course a year). Completions have no pace per month; an unmet requirement's
    # period end is a key date of its own.
    unit: Literal["cpe", "completions"] = "cpe"
    # What a holder should know that the figures cannot show (another way to renew, say): (msgid,
    # citation) pairs, each said once per ledger at its [cycle].
    notes: tuple[tuple[str, Citation | None], ...] = ()

    def applies_to_date(self, start: date) -> bool:
        return (self.applies_from is None or start >= self.applies_from) and (
            self.applies_to is None or start <= self.applies_to
        )


@frozen
class Undecided:
    """Cycle start dates between `first` and `last` that the body's rules assign to no version."""

    first: date
    last: date
    message: str  # msgid with {start}
    citation: Citation | None = None


@frozen
class Program:
    """A certification body's CPE program: its credentials and rules versions."""

    id: str
    label: str
    credentials: tuple[str, ...]
    versions: tuple[Version, ...]
    citation: Citation | None = None
    aliases: Mapping[str, str] | None = None  # credential spellings → canonical (CAP → CGRC)
    credential_hint: str = ""  # msgid: said after the list of credentials when one is not known
    # Start dates no version can be chosen for, and why (the body's own words leave them open).
    undecided: tuple[Undecided, ...] = ()
    # The example activity a new ledger shows, commented out: (line, msgid of its comment or "").
    example: tuple[tuple[str, str], ...] = ()
    reports: tuple[str, ...] = ()  # export formats made for this program's ledgers only
    report_citations: Mapping[str, Citation] | None = None  # where each report's layout is stated
    # The values an activity's dimension keys may take (ISC2 group A/B, ACFE and IIA fields): the
    # ledger reader checks them against these; a program without a dimension leaves its key unchecked.
    dimensions: Mapping[str, tuple[str, ...]] | None = None
    origin: str = ""  # the folder of the program file it came from; "" for those shipped with cpetui
    sources: tuple[Source, ...] = ()  # sources a program file declares of its own
    # A program file's own translations of its words: language → {English text: translation}.
    texts: Mapping[str, Mapping[str, str]] | None = None
    # A credential that becomes another of the body's (an Associate of ISC2 becoming a member): its
    # cycle ends the day before the other's starts, its requirement with it, and nothing carries over.
    becomes: Mapping[str, tuple[str, ...]] | None = None
    becomes_citation: Citation | None = None

    def version(self, version_id: str) -> Version | None:
        return next((v for v in self.versions if v.id == version_id), None)

    def credential(self, name: str) -> str | None:
        """The canonical spelling of `name`, or None when the program has no such credential."""
        key = name.strip().upper()
        if self.aliases and key in self.aliases:
            return self.aliases[key]
        return next((c for c in self.credentials if c.upper() == key), None)
