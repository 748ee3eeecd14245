"""Chooses the rules version for a cycle from its dates (or its pin) and derives the cycle's end."""

from __future__ import annotations

from datetime import date, timedelta

from cpetui.frozen import replace
from cpetui.i18n import _, format_date
from cpetui.model import Cycle, Finding, SourceRef
from cpetui.rules.dates import add_months, month_end
from cpetui.rules.errors import RulesError
from cpetui.rules.registry import PROGRAMS
from cpetui.rules.sources import Citation, words
from cpetui.rules.spec import Program, QuotaError, Version


def _error(cycle: Cycle, key: str, code: str, message: str, hint: str,
           citation: Citation | None = None) -> RulesError:
    src = SourceRef(cycle.source.path, cycle.line_of(key), 1)
    return RulesError(Finding("error", code, message, src, None, words(citation), hint, citation))


def program_of(cycle: Cycle) -> Program:
    program = PROGRAMS.get(cycle.program)
    if program is None:
        broken = PROGRAMS.broken(cycle.program)
        if broken is not None:
            raise _error(cycle, "program", "program-file-error", _(
                         "the program file of '{program}' cannot be used: {where}:{line}: {message}").format(
                             program=cycle.program, where=broken.source.path, line=broken.source.line,
                             message=broken.message),
                         broken.hint or _("fix the program file; 'cpetui check' shows every mistake in it"))
        raise _error(cycle, "program", "unknown-program",
                     _("unknown program '{program}'").format(program=cycle.program),
                     _("write one of: program = {choices}").format(
                         choices=", ".join(f'"{p}"' for p in PROGRAMS)))
    return program


def canonical_cycle(cycle: Cycle) -> Cycle:
    """The cycle with its credential spelled the program's way (CAP → CGRC); raises for unknown ones."""
    program = program_of(cycle)
    credential = program.credential(cycle.credential)
    if credential is None:
        hint = _("write one of: credential = {choices}").format(
            choices=", ".join(f'"{c}"' for c in program.credentials))
        if program.credential_hint:
            hint += " " + _(program.credential_hint)
        raise _error(cycle, "credential", "unknown-credential",
                     _("{program} has no credential '{credential}'").format(
                         program=program.label, credential=cycle.credential), hint)
    return cycle if credential == cycle.credential else replace(cycle, credential=credential)


def version_of(cycle: Cycle) -> Version:
    """The Version object in force for `cycle` (its pin, else the default for its start date)."""
    program = program_of(cycle)
    if cycle.rules:
        pinned = program.version(cycle.rules.strip())
        if pinned is None:
            raise _error(cycle, "rules", "unknown-version",
                         _("{program} has no rules version '{version}'").format(
                             program=program.label, version=cycle.rules),
                         _("write one of: rules = {choices}").format(
                             choices=", ".join(f'"{v.id}"' for v in program.versions)))
        return pinned
    found = [v for v in program.versions if v.default and v.applies_to_date(cycle.start)]
    if len(found) == 1:
        return found[0]
    choices = " or ".join(f'rules = "{v.id}"' for v in program.versions)
    gap = next((u for u in program.undecided if u.first <= cycle.start <= u.last), None)
    if gap is not None:
        message = _(gap.message).format(start=format_date(cycle.start))
        citation: Citation | None = gap.citation
    else:
        message = _("no {program} rules version applies to a cycle starting {start}").format(
            program=program.label, start=format_date(cycle.start))
        citation = None
    raise _error(cycle, "start", "version-undecided", message,
                 _("pin the rules your body told you apply: {choices}").format(choices=choices), citation)


def resolve_version(cycle: Cycle) -> str:
    """The id of the rules version in force for `cycle`; raises RulesError when it cannot be chosen."""
    return version_of(cycle).id


def _version(cycle: Cycle, version: str | Version) -> Version:
    if isinstance(version, Version):
        return version
    found = program_of(cycle).version(version)
    if found is None:
        raise _error(cycle, "rules", "unknown-version",
                     _("unknown rules version '{version}'").format(version=version), "")
    return found


def cycle_months(cycle: Cycle, version: Version) -> int:
    try:
        return version.quota(cycle).cycle_months or version.cycle_months
    except QuotaError:
        return version.cycle_months


def cycle_end(cycle: Cycle, version: str | Version) -> date:
    """The cycle's last day: the ledger's explicit `end`, else derived from the version's cycle shape."""
    if cycle.end is not None:
        return cycle.end
    v = _version(cycle, version)
    months = cycle_months(cycle, v)
    if v.cycle_anchor == "calendar-year":
        return date(cycle.start.year + max(1, months // 12) - 1, 12, 31)
    last = add_months(cycle.start, months) - timedelta(days=1)
    if v.cycle_anchor == "month-end":
        return month_end(last)
    return last


def first_cycle_start(cycle: Cycle, certified: date) -> date:
    """Where the first cycle after certifying on `certified` starts, as the version says: on that
    date, or on 1 January after the exempt years (the certification year and the next, for IIA-Japan)."""
    v = version_of(replace(cycle, start=certified))
    if v.first_start == "january":
        return date(certified.year + max(1, v.exempt_years), 1, 1)
    return certified
