"""`cpetui programs [PROGRAM]`: programs, credentials, rules versions, activity types, with citations."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from cpetui.cli.args import error
from cpetui.export import words
from cpetui.i18n import _, format_credits, format_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", nargs="?", help=_("one program in detail, e.g. isc2"))
    parser.add_argument("--sources", action="store_true",
                        help=_("with PROGRAM: every rule with its source, passage and quote"))
    parser.add_argument("--ledgers", action="append", default=[], metavar="PATH",
                        help=_("the ledgers whose programs/ folder to read as well (default: where "
                               "'cpetui where' looks)"))


def _applies(version: Any) -> str:
    start: date | None = version.applies_from
    end: date | None = version.applies_to
    if start and end:
        return _("cycles starting {start} to {end}").format(start=format_date(start), end=format_date(end))
    if start:
        return _("cycles starting {start} or later").format(start=format_date(start))
    if end:
        return _("cycles starting up to {end}").format(end=format_date(end))
    return _("all cycles")


def _chosen(version: Any) -> str:
    """Which cycles get this version: chosen from the dates, or only when a ledger pins it."""
    if version.default:
        return _("chosen for {cycles}").format(cycles=_applies(version))
    return _("for {cycles} only when the ledger pins rules = \"{id}\"").format(
        cycles=_applies(version), id=version.id)


def summary(programs: Any) -> list[str]:
    """One block per program: credentials and versions."""
    lines: list[str] = []
    for pid in sorted(programs):
        p = programs[pid]
        lines.append(f"{p.id}  {_(p.label)}")
        origin = _("from {path}").format(path=p.origin) if p.origin else _("shipped with cpetui")
        lines.append("  " + origin)
        lines.append("  " + _("credentials: {names}").format(names=", ".join(p.credentials)))
        for v in p.versions:
            lines.append("  " + _("rules {id}: {chosen}").format(id=v.id, chosen=_chosen(v)))
        lines.append("")
    lines.append(_("'cpetui programs PROGRAM' lists a program's activity types and their arithmetic."))
    return lines


def _quotas(program: Any, version: Any) -> list[str]:
    from cpetui.model import Cycle
    from cpetui.rules.spec import QuotaError

    lines: list[str] = []
    for credential in program.credentials:
        start = version.applies_from or version.applies_to or date(2024, 1, 1)
        try:
            q = version.quota(Cycle(program.id, credential, start))
        except QuotaError as exc:
            lines.append("    " + _("{credential}: {message}").format(credential=credential,
                                                                       message=_(exc.message)))
            continue
        parts = [(_("{total} completions per cycle") if version.unit == "completions" else
                  _("{total} per cycle")).format(total=format_credits(q.total))]
        for need in q.needs:
            what = _(need.short or need.label)
            if need.kind == "maximum":
                parts.append(_("{what} at most {n}").format(what=what, n=format_credits(need.amount)))
            else:
                parts.append(_("{what} at least {n}").format(what=what, n=format_credits(need.amount)))
            if need.period == "rolling":
                parts[-1] += " " + _("over this cycle and the {n} before it").format(n=need.years - 1)
            elif need.period != "cycle":
                parts[-1] += " " + _("a year")
        for cap in [c for c in q.caps or () if c not in version.caps]:  # the credential's (CompTIA's chart)
            per = _("a cycle") if cap.per == "cycle" else _("a year")
            parts.append(_("{what} at most {n}").format(what=_(cap.label), n=format_credits(cap.amount))
                         + " " + per)
        if q.annual is not None:
            parts.append(_("{n} a year ({kind})").format(n=format_credits(q.annual),
                                                         kind=words.kind(q.annual_kind)))
        if q.carryover_cap is None:
            parts.append(_("carryover (no cap stated)"))
        elif q.carryover_cap:
            parts.append(_("carryover up to {n}").format(n=format_credits(q.carryover_cap)))
        lines.append("    " + _("{credential}: {parts}").format(credential=credential,
                                                                   parts="; ".join(parts)))
        lines.append("      " + _("source: {citation}").format(citation=cited(q.citation)))
    return lines


def detail(program: Any) -> list[str]:
    """A program's versions in full: quotas per credential, caps, key dates and activity types."""
    lines = [f"{program.id}  {_(program.label)}"]
    if program.citation:
        lines.append("  " + _("source: {citation}").format(citation=cited(program.citation)))
    for v in program.versions:
        lines += ["", _("rules {id}: {label}").format(id=v.id, label=_(v.label))]
        lines.append("  " + _("applies: {chosen}").format(chosen=_chosen(v)))
        lines.append("  " + _("cycle: {months} months").format(months=v.cycle_months))
        lines.append("  " + _("source: {citation}").format(citation=cited(v.citation)))
        lines.append("  " + _("requirements:"))
        lines += _quotas(program, v)
        if v.caps:
            lines.append("  " + _("caps:"))
            for cap in v.caps:
                per = _("a cycle") if cap.per == "cycle" else _("a year")
                lines.append("    " + _("{label}: at most {amount} {per} ({citation})").format(
                    label=_(cap.label), amount=format_credits(cap.amount), per=per,
                    citation=cited(cap.citation)))
        lines.append("  " + _("activity types (the ledger's type = …):"))
        for t in v.types.values():
            marks = []
            if t.id == v.default_type:
                marks.append(_("default"))
            if t.groups:
                marks.append(_("group {groups}").format(groups="/".join(t.groups)))
            if t.fields:
                marks.append(_("field"))
            if not t.eligible:
                marks.append(_("not eligible"))
            suffix = f" [{', '.join(marks)}]" if marks else ""
            lines.append(f"    {t.id}  {_(t.label)}{suffix}")
            lines.append("      " + _("measures: {keys}").format(
                keys=", ".join(t.measures) or _("none (the activity itself counts)")))
            how = _("counts: {how}") if v.unit == "completions" else _("credits: {how}")
            lines.append("      " + how.format(how=_(t.how)))
            lines.append("      " + _("source: {citation}").format(citation=cited(t.citation)))
    return lines + [""] + sources_block(program)


def cited(citation: Any) -> str:
    from cpetui.rules.sources import words as in_words

    return in_words(citation)


def sources_block(program: Any) -> list[str]:
    """The documents the program's rules rest on: publisher, title, address and the day last compared."""
    from cpetui.rules.cited import program_citations
    from cpetui.rules.sources import sources_of

    lines = [_("sources (compare the rules with them):")]
    for s in sources_of(program_citations(program)):
        e = _source_entry(s)
        lines.append(f"  {e.publisher} · {e.title}")
        lines.append("    " + _("{address} · checked {date}").format(
            address=s.url or _("no address known"), date=format_date(s.checked)))
    return lines


def _source_entry(source: Any) -> Any:
    from cpetui.rules.sources import Citation, Passage, entries

    (entry,) = entries(Citation((Passage(source.key),)))
    return entry


def rules_and_sources(program: Any) -> list[str]:
    """`cpetui programs PROGRAM --sources`: every rule with its sources, passages and quotes."""
    from cpetui.rules.cited import version_citations
    from cpetui.rules.sources import entries

    lines = [f"{program.id}  {_(program.label)}"]
    for v in program.versions:
        lines += ["", _("rules {id}: {label}").format(id=v.id, label=_(v.label))]
        for label, citation in version_citations(program, v):
            lines.append("  " + label)
            reading = None
            for e in entries(citation):
                where = " · ".join(x for x in (e.publisher, e.title, e.section) if x)
                lines.append("    " + where)
                if e.quote:
                    lines.append("      " + _("“{quote}”").format(quote=" ".join(e.quote.split())))
                reading = e.reading
            if reading:
                lines.append("    " + reading)
    return lines + [""] + sources_block(program)


def run(args: argparse.Namespace) -> int:
    import sys

    from cpetui.cli.ledgers import CONFIG_ERROR, find_ledgers
    from cpetui.ledger.report import format_problem
    from cpetui.rules import PROGRAMS

    found = find_ledgers(args.ledgers)  # a user's own programs: in programs/ beside their ledgers
    if found is None:
        return CONFIG_ERROR
    from cpetui.ledger.programs import current

    broken = current().problems()
    for problem in broken:  # a program file that does not load is said, not silently left out
        print(format_problem(problem), file=sys.stderr)
    if args.program is None:
        print("\n".join(summary(PROGRAMS)))
        return 1 if any(p.severity == "error" for p in broken) else 0
    program = PROGRAMS.get(args.program.strip().lower())
    if program is None:
        error(_("'{value}' is not a program cpetui knows; choose one of: {known}").format(
            value=args.program, known=", ".join(sorted(PROGRAMS))))
        return 2
    print("\n".join(rules_and_sources(program) if args.sources else detail(program)))
    return 0
