"""Every rule of a program with the citation it rests on, in the order a reader meets them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cpetui.i18n import _
from cpetui.model import Cycle
from cpetui.rules.sources import Citation
from cpetui.rules.spec import Program, QuotaError, Version

# The ledger options that change a requirement, each tried once beside the defaults.
OPTIONS: tuple[tuple[str, object], ...] = (
    ("", None), ("practicing", False), ("retired", True), ("held_with", "none"), ("track", "sscp"))


def quota_citations(program: Program, version: Version) -> Iterator[tuple[str, Citation]]:
    """Each requirement (and where its groups are stated), by default and under each option; credentials
    whose requirement rests on the same passage are named together."""
    start = version.applies_from or version.applies_to or date(2024, 1, 1)
    found: dict[tuple[str, str, Citation], list[str]] = {}
    for credential in program.credentials:
        for key, value in OPTIONS:
            try:
                q = version.quota(Cycle(program.id, credential, start, options={key: value} if key else {}))
            except QuotaError:
                continue
            option = f" ({key} = {_toml(value)})" if key else ""
            for what, citation in ((_("requirement"), q.citation), (_("groups allowed"), q.group_citation)):
                if citation is not None and not any(
                        c == citation and credential in names for (_w, _o, c), names in found.items()):
                    found.setdefault((what, option, citation), []).append(credential)
    for (what, option, citation), names in found.items():
        yield _("{credential}: {what}").format(credential=", ".join(names), what=what) + option, citation


def _toml(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else f'"{value}"'


def version_citations(program: Program, v: Version) -> Iterator[tuple[str, Citation]]:
    """The version's rules (requirements, caps, key dates, arithmetic, fees, pace), each with its citation."""
    yield _("which rules apply"), v.citation
    yield from quota_citations(program, v)
    for cap in v.caps:
        yield _(cap.label), cap.citation
    for rule in v.key_dates:
        if rule.citation is not None:
            yield _(rule.label), rule.citation
    optional: tuple[tuple[str, Citation | None], ...] = (
        (_("claim steps and the most one activity counts"), v.limits_citation),
        (_("activities dated in the grace period"), v.grace_activities_citation),
        (_("activities before the certification date"), v.before_certification_citation),
        (_("evidence"), v.evidence_citation),
        (_("carryover"), v.carryover_citation),
        (_(v.yearly_deadline) if v.yearly_deadline else "", v.yearly_citation),
        (_(v.pace_advice) if v.pace_advice else "", v.pace_citation),
    )
    for label, citation in optional:
        if citation is not None:
            yield label, citation
    for t in v.types.values():
        yield _("activity type {id}: {how}").format(id=t.id, how=_(t.how)), t.citation


def program_citations(program: Program) -> list[Citation]:
    """Every citation the program's rules make (its sources are the documents these name)."""
    found = [program.citation] if program.citation else []
    for v in program.versions:
        found += [c for _label, c in version_citations(program, v)]
    return found
