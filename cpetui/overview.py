"""What is due next across every credential: each credential's current cycle, sorted by urgency (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cpetui.i18n import _, ngettext
from cpetui.model import KeyDate, Ledger, State, Status
from cpetui.rules.arithmetic import num

# Key dates that ask nothing of the user: records are kept until then, or the credential is gone by then
# (the dates before it — cycle end, grace end — are the ones to act on).
NOT_A_DEADLINE = frozenset({"evidence-retention", "lapse", "revocation", "suspension"})

# Overdue or past the cycle end first, then behind; on-track and complete last.
URGENCY: dict[State, int] = {"lapsed": 0, "suspended": 0, "in-grace": 0, "error": 0, "behind": 1,
                             "on-track": 2, "complete": 3}
AT_RISK: frozenset[State] = frozenset({"lapsed", "suspended", "in-grace", "behind"})
EVIDENCE_FINDINGS = frozenset({"missing-evidence", "evidence-not-found"})


@dataclass(frozen=True, slots=True)
class Due:
    """One credential's current cycle: where it stands and what falls due next."""

    status: Status
    deadline: KeyDate | None  # the next date to act on (None: nothing left to do by a date)
    days_left: int | None
    remaining: float  # credits still needed for the cycle total
    per_month: float | None  # to finish on time (None after the cycle end)
    unsubmitted: float  # credits counted for activities not yet marked submitted to the body
    missing_evidence: int  # activities whose evidence is not recorded or not found

    @property
    def path(self) -> str:
        return self.status.path

    @property
    def credential(self) -> str:
        return self.status.credential

    def at_risk(self, within: int | None) -> bool:
        """Behind, in grace, suspended or lapsed; or not complete with a deadline within `within` days."""
        if self.status.state in AT_RISK:
            return True
        return (within is not None and self.status.state != "complete" and self.days_left is not None
                and self.days_left <= within)


def current(rows: Iterable[Due], as_of: date) -> list[Due]:
    """Each credential's current cycle: the one running on `as_of`; else the latest begun before it (in
    grace, suspended or lapsed); else the first still to come. Earlier cycles are history."""
    by_credential: dict[tuple[str, str], list[Due]] = {}
    for row in rows:
        by_credential.setdefault((row.status.program, row.credential), []).append(row)
    chosen = []
    for cycles in by_credential.values():
        running = [d for d in cycles if d.status.cycle_start <= as_of <= d.status.cycle_end]
        begun = [d for d in cycles if d.status.cycle_start <= as_of]
        if running:
            chosen.append(max(running, key=_start))
        elif begun:
            chosen.append(max(begun, key=_start))
        else:
            chosen.append(min(cycles, key=_start))
    return chosen


def _start(row: Due) -> date:
    return row.status.cycle_start


def due(ledger: Ledger, status: Status) -> Due:
    """The overview line of one cycle (`status` is `ledger`'s)."""
    as_of = status.as_of
    upcoming = [k for k in status.key_dates if k.date >= as_of and k.id not in NOT_A_DEADLINE]
    deadline = min(upcoming, key=lambda k: k.date) if upcoming else None
    sent = {a.id for a in ledger.activities if a.submitted is not None or a.auto_submitted}
    unsubmitted = sum(c.counted for c in status.activities if c.activity_id not in sent)
    missing = {f.activity_id for f in status.findings if f.code in EVIDENCE_FINDINGS and f.activity_id}
    total = status.total
    return Due(
        status=status,
        deadline=deadline,
        days_left=(deadline.date - as_of).days if deadline else None,
        # Met by other means (renewed, became another credential), nothing is left to earn.
        remaining=0.0 if total.met else max(0.0, total.required - total.counted),
        per_month=status.pace.per_month if status.pace is not None else None,
        unsubmitted=unsubmitted,
        missing_evidence=len(missing),
    )


def overview(rows: Iterable[Due], as_of: date) -> list[Due]:
    """Every credential's current cycle, the most urgent first: overdue and in grace, then behind, then
    by the date of the next deadline (none last), then by credential."""
    return sorted(current(rows, as_of), key=lambda d: (URGENCY.get(d.status.state, 0),
                                       d.days_left if d.days_left is not None else 1 << 30,
                                       d.credential.casefold(), d.path))


def figure_words(d: Due) -> list[str]:
    """The line's figures in words, as `cpetui due` and the app's overview both say them."""
    if d.status.unit == "completions":
        return _completion_words(d)
    words = [_("{n} to go").format(n=num(d.remaining))] if d.remaining else [_("requirement met")]
    if d.per_month is not None and d.remaining:
        words.append(_("{n} a month").format(n=num(d.per_month)))
    if d.unsubmitted:
        words.append(_("{n} not marked submitted").format(n=num(d.unsubmitted)))
    if d.missing_evidence:
        words.append(ngettext("{n} without evidence", "{n} without evidence",
                              d.missing_evidence).format(n=d.missing_evidence))
    return words


def _completion_words(d: Due) -> list[str]:
    """A program counting completions: courses still to complete and those whose time ran out (the
    body records completions itself, so nothing is 'not marked submitted')."""
    status = d.status
    open_rows = [r for r in status.requirements if r.kind == "required" and not r.met]
    late = sum(1 for r in open_rows if r.period_end is not None and r.period_end < status.as_of)
    to_do = sum(r.remaining for r in open_rows) - late
    words = []
    if to_do > 0:
        words.append(_("{n} to complete").format(n=num(to_do)))
    if late:
        words.append(ngettext("{n} not completed in time", "{n} not completed in time", late).format(n=late))
    if not words:
        words.append(_("requirement met") if status.total.met else
                     _("{n} to complete").format(n=num(d.remaining)))
    if d.missing_evidence:
        words.append(ngettext("{n} without evidence", "{n} without evidence",
                              d.missing_evidence).format(n=d.missing_evidence))
    return words


@dataclass(frozen=True, slots=True)
class Yearly:
    """A body's yearly date across its credentials (ISC2's AMF, OffSec's AMF): when it next falls due,
    what it is, and which credentials' cycles say so. One line per body: one fee covers them all."""

    program: str
    date: date
    days_left: int
    what: KeyDate
    credentials: tuple[str, ...]


def yearly(rows: Iterable[Due]) -> list[Yearly]:
    """Each body's next yearly date (the rules' `next-deadline`, e.g. the annual fee) among the current
    cycles, soonest first."""
    by_program: dict[str, list[tuple[KeyDate, str, date]]] = {}
    for d in rows:
        for k in d.status.key_dates:
            if k.id == "next-deadline" and k.date >= d.status.as_of:
                by_program.setdefault(d.status.program, []).append((k, d.credential, d.status.as_of))
    out = []
    for program, found in by_program.items():
        first, _name, as_of = min(found, key=lambda f: f[0].date)
        names = tuple(sorted({c for k, c, _d in found if k.date == first.date}))
        out.append(Yearly(program, first.date, (first.date - as_of).days, first, names))
    return sorted(out, key=lambda y: (y.date, y.program))


def body_name(program: str) -> str:
    """The body as users name it (ISC2, OffSec), from the program's id."""
    from cpetui.rules import PROGRAMS

    found = PROGRAMS.get(program)
    return found.label if found is not None else program
