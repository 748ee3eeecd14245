"""program_info(): a plain description of a program for forms and `cpetui programs` (translated text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cpetui.i18n import _

if TYPE_CHECKING:
    from cpetui.rules.sources import Citation
    from cpetui.rules.spec import ActivityType, Version


@dataclass(frozen=True, slots=True)
class ActivityTypeInfo:
    """One activity type: what the add form offers and `cpetui programs` prints."""

    id: str
    label: str
    category: str
    measures: tuple[str, ...]  # the measure keys it reads, in order of preference
    groups: tuple[str, ...]  # ISC2: groups it may be claimed in; () when the program has no groups
    reads_field: bool  # ACFE / IIA: the `field` key matters
    how: str  # the arithmetic in words
    citation: str
    eligible: bool = True
    offered: bool = True  # False: retired; read in older ledgers, not offered for new activities


@dataclass(frozen=True, slots=True)
class VersionInfo:
    id: str
    label: str
    applies_from: date | None
    applies_to: date | None
    default: bool  # chosen from the dates when the ledger pins nothing
    cycle_months: int
    citation: str
    activity_types: tuple[ActivityTypeInfo, ...]


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    id: str
    label: str
    credentials: tuple[str, ...]
    versions: tuple[VersionInfo, ...]
    uses_groups: bool  # ISC2 Group A / B
    field_choices: tuple[str, ...]  # values of `field` ((): none)
    default_type: str
    citation: str
    # Dimensions the program declares of its own (PMI's skill area), with their values.
    dimensions: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def activity_types(self) -> tuple[ActivityTypeInfo, ...]:
        """Every type any version knows, the newest version's first."""
        seen: dict[str, ActivityTypeInfo] = {}
        for v in reversed(self.versions):
            for t in v.activity_types:
                seen.setdefault(t.id, t)
        return tuple(seen.values())

    def version(self, version_id: str) -> VersionInfo | None:
        return next((v for v in self.versions if v.id == version_id), None)


def words(citation: Citation | None) -> str:
    """A citation in words (the sources module loads only when a program's tables do)."""
    from cpetui.rules.sources import words as in_words

    return in_words(citation)


def _type_info(t: ActivityType) -> ActivityTypeInfo:
    return ActivityTypeInfo(t.id, _(t.label), t.category, t.measures, t.groups, t.fields, _(t.how),
                            words(t.citation), t.eligible, t.offered)


def _version_info(v: Version) -> VersionInfo:
    return VersionInfo(v.id, _(v.label), v.applies_from, v.applies_to, v.default, v.cycle_months,
                       words(v.citation), tuple(_type_info(t) for t in v.types.values()))


def program_info(program: str) -> ProgramInfo:
    """The program's credentials, rules versions and activity types; KeyError for an unknown program."""
    from cpetui.rules.registry import PROGRAMS

    p = PROGRAMS[program.strip().lower()]
    latest = p.versions[-1]
    dims = p.dimensions or {}
    return ProgramInfo(p.id, p.label, p.credentials, tuple(_version_info(v) for v in p.versions),
                       "group" in dims, tuple(dims.get("field", ())), latest.default_type,
                       words(p.citation),
                       tuple((k, tuple(v)) for k, v in dims.items() if k not in ("group", "field")))


def type_label(program: str, version_id: str, type_id: str) -> str:
    """An activity type's name in the interface language ("教育" for education); the id if unknown."""
    from cpetui.rules.registry import PROGRAMS

    p = PROGRAMS.get(program.strip().lower())
    v = p.version(version_id) if p else None
    t = v.types.get(type_id) if v else None
    return _(t.label) if t else type_id
