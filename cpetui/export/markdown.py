"""The Markdown report of one ledger: the cycle's standing, its requirements, dates, activities, findings."""

from __future__ import annotations

import os

from cpetui.export import words
from cpetui.export.cells import md
from cpetui.export.sources import sources_section
from cpetui.i18n import _, format_credits, format_date, language
from cpetui.model import Activity, Ledger, Status
from cpetui.rules.info import type_label
from cpetui.rules.words import field_label


def report(ledger: Ledger, status: Status) -> str:
    """The whole report as Markdown text, stable from run to run for the same ledger and `as_of`."""
    out: list[str] = []
    out += _header(ledger, status)
    out += _requirements(status)
    out += _key_dates(status)
    out += _activities(ledger, status)
    out += _findings(status)
    out += sources_section(status)
    return "\n".join(out).rstrip("\n") + "\n"


def _header(ledger: Ledger, status: Status) -> list[str]:
    title = _("{credential} CPE report").format(credential=status.credential)
    lines = [
        "# " + md(title),
        "",
        "- " + _("Ledger: {name}").format(name=md(os.path.basename(ledger.path))),
        "- " + _("Program: {program}, rules {version}").format(
            program=md(status.program), version=md(status.rules_version)),
        "- " + _("Cycle: {start} to {end}").format(
            start=format_date(status.cycle_start), end=format_date(status.cycle_end)),
        "- " + _("As of: {date}").format(date=format_date(status.as_of)),
        "- " + _("State: {state}").format(state=words.state(status.state)),
        "- " + _("Total: {counted} counted of {required} required ({earned} earned)").format(
            counted=format_credits(status.total.counted),
            required=format_credits(status.total.required),
            earned=format_credits(status.total.earned)),
        "- " + _("Carryover in: {value}").format(value=format_credits(status.carryover_in)),
        "- " + _("Carryover out: {value} ({why})").format(
            value=format_credits(status.carryover_out), why=md(str(status.carryover_explanation))),
    ]
    if status.pace is not None:
        lines.append("- " + _("Pace: {per_month} a month for {months} months ({why})").format(
            per_month=format_credits(status.pace.per_month),
            months=format_credits(status.pace.months_left),
            why=md(str(status.pace.explanation))))
    return lines + [""]


def _requirements(status: Status) -> list[str]:
    lines = [
        "## " + _("Requirements"),
        "",
        "| " + " | ".join([_("requirement"), _("kind"), _("earned"), _("counted"), _("required"),
                          _("met"), _("why")]) + " |",
        "|---|---|--:|--:|--:|---|---|",
    ]
    for r in status.requirements:
        lines.append("| " + " | ".join([
            md(r.label), words.kind(r.kind), format_credits(r.earned), format_credits(r.counted),
            format_credits(r.required), _("yes") if r.met else _("no"), md(str(r.explanation)),
        ]) + " |")
    return lines + [""]


def _key_dates(status: Status) -> list[str]:
    if not status.key_dates:
        return []
    lines = ["## " + _("Key dates"), "", "| " + _("date") + " | " + _("what") + " | " + _("why") + " |",
             "|---|---|---|"]
    for k in sorted(status.key_dates, key=lambda k: (k.date, k.id)):
        lines.append(f"| {format_date(k.date)} | {md(k.label)} | {md(str(k.explanation))} |")
    return lines + [""]


def sorted_activities(ledger: Ledger) -> list[Activity]:
    """Activities in date order, ties by id: the order reports and exports list them in."""
    return sorted(ledger.activities, key=lambda a: (a.date, a.id))


def _type_cell(a: Activity, status: Status) -> str:
    """The type as the ledger has it; in another language its name there too: "教育 (education)"."""
    if not a.type or language() == "en":
        return a.type or ""
    label = type_label(status.program, status.rules_version, a.type)
    return a.type if label == a.type else f"{label} ({a.type})"


def _activities(ledger: Ledger, status: Status) -> list[str]:
    if not ledger.activities:
        return ["## " + _("Activities"), "", _("No activities yet."), ""]
    lines = [
        "## " + _("Activities"),
        "",
        "| " + " | ".join([_("date"), _("title"), _("provider"), _("type"), _("group/field"),
                          _("credits"), _("counted"), _("submitted"), _("evidence"), _("id"),
                          _("how the credits were computed")]) + " |",
        "|---|---|---|---|---|--:|--:|---|---|---|---|",
    ]
    for a in sorted_activities(ledger):
        credit = status.credit_of(a.id)
        lines.append("| " + " | ".join([
            format_date(a.date),
            md(a.title),
            md(a.provider),
            md(_type_cell(a, status)),
            md(a.group or (field_label(a.field) if a.field and language() != "en" else a.field)),
            format_credits(credit.earned) if credit else "",
            format_credits(credit.counted) if credit else "",
            format_date(a.submitted) if a.submitted else "",
            md(", ".join(a.evidence)),
            md(a.id),
            md(str(credit.explanation)) if credit else "",
        ]) + " |")
    return lines + [""]


def _findings(status: Status) -> list[str]:
    if not status.findings:
        return ["## " + _("Findings"), "", _("None."), ""]
    lines = ["## " + _("Findings"), ""]
    ordered = sorted(status.findings, key=lambda f: (f.source.line if f.source else 0, f.code))
    for f in ordered:
        where = _("line {line}").format(line=f.source.line) if f.source else _("ledger")
        text = f"- **{words.severity(f.severity)}** ({where}): {md(f.message)}"
        if f.citation:
            text += " — " + md(f.citation)
        lines.append(text)
    return lines + [""]
