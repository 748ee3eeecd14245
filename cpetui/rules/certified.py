"""Checks a cycle's dates against its certification date: the first cycle's start, and where later
cycles start (pure; the rules' own dates, no I/O)."""

from __future__ import annotations

from cpetui.i18n import _, format_date
from cpetui.model import Cycle, Finding, SourceRef
from cpetui.rules.dates import add_months
from cpetui.rules.resolve import cycle_months, first_cycle_start
from cpetui.rules.sources import words
from cpetui.rules.spec import Version


def certified_findings(path: str, cycle: Cycle, version: Version) -> list[Finding]:
    """A warning at `start` when the cycle starts before the first one the certification date gives,
    or off the rhythm of cycles that follow it, saying what the date should be; nothing otherwise (or
    when the ledger gives no `certified` date)."""
    certified = cycle.certified
    if certified is None or cycle.end is not None or version.cycle_anchor == "month-end":
        return []  # an explicit end, or anniversary months: the dates are the ledger's to say
    first = first_cycle_start(cycle, certified)
    citation = version.first_citation or version.citation
    at = SourceRef(path, cycle.line_of("start"), 1)
    if cycle.start < first:
        if first != certified:
            message = _("certified {certified}: no CPE is needed until {first}, when the first period "
                        "starts; this one starts {start}")
        else:
            message = _("this cycle starts {start}, before the certification date {certified}")
        return [Finding("warning", "first-cycle", message.format(
            certified=format_date(certified), first=format_date(first), start=format_date(cycle.start)),
            at, None, words(citation), _("write start = {first}").format(first=first.isoformat()),
            citation)]
    step = cycle_months(cycle, version)
    months = (cycle.start.year - first.year) * 12 + cycle.start.month - first.month
    expected = add_months(first, (months // step) * step)
    if expected == cycle.start or step <= 0:
        return []
    message = _("cycles after certifying on {certified} start {first} and every {n} months after; this "
                "one starts {start}")
    return [Finding("warning", "cycle-rhythm", message.format(
        certified=format_date(certified), first=format_date(first), n=step, start=format_date(cycle.start)),
        at, None, words(citation),
        _("write start = {expected} (or correct `certified`)").format(expected=expected.isoformat()),
        citation)]
