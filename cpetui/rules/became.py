"""A credential that became another of the body's (an Associate of ISC2 becoming a member): whether the
ledger's `became` ends its cycle and requirement, and the findings that say so (pure)."""

from __future__ import annotations

from cpetui.frozen import replace
from cpetui.i18n import _, format_date
from cpetui.model import Explanation, Finding, Requirement, SourceRef
from cpetui.rules.assess import Context
from cpetui.rules.dates import add_days
from cpetui.rules.sources import words
from cpetui.rules.spec import Program


def became(ctx: Context, program: Program) -> tuple[str | None, list[Finding]]:
    """The credential the cycle's one became (None when `became` is absent or does not apply), with a
    finding: what it does, or why it does nothing."""
    name = ctx.cycle.became
    if not name:
        return None, []
    cycle = ctx.cycle
    src = SourceRef(ctx.path, cycle.line_of("became"), 1)
    allowed = (program.becomes or {}).get(cycle.credential, ())
    target = program.credential(name)
    cite = program.becomes_citation
    if target is None or target not in allowed:
        hint = (_("{credential} becomes one of: {names}").format(credential=cycle.credential,
                                                                  names=", ".join(allowed))
                if allowed else _("remove became: {credential} does not become another credential").format(
                    credential=cycle.credential))
        return None, [Finding("warning", "became-not-allowed",
                              _("{credential} does not become {name} under {program}: the cycle's "
                                "requirement still applies").format(credential=cycle.credential, name=name,
                                                                    program=program.label),
                              src, None, words(cite), hint, cite)]
    if cycle.end is None:
        return None, [Finding("warning", "became-without-end",
                              _("became = {name} needs the day this cycle ended").format(name=target), src,
                              None, words(cite),
                              _("write end = the day before the {name} cycle starts").format(name=target),
                              cite)]
    return target, [Finding("info", "became",
                            _("became {name} on {date}: this cycle ends the day before, its requirement "
                              "with it, and nothing carries over").format(
                                name=target, date=format_date(add_days(cycle.end, 1))),
                            src, None, words(cite), "", cite)]


def ended_total(total: Requirement, name: str, ctx: Context, program: Program) -> Requirement:
    """The cycle total once the credential became `name`: nothing more is required of this cycle."""
    cite = program.becomes_citation
    text = _("{before}; became {name} on {date}: this cycle's requirement ends").format(
        before=total.explanation.text, name=name, date=format_date(add_days(ctx.end, 1)))
    return replace(total, met=True, explanation=Explanation(text, words(cite), cite))


def no_carryover(name: str, ctx: Context, program: Program) -> Explanation:
    cite = program.becomes_citation
    return Explanation(_("nothing carries over when {credential} becomes {name}").format(
        credential=ctx.cycle.credential, name=name), words(cite), cite)
