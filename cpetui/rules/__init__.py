"""CPE rules of each program as versioned data plus small pure functions; no I/O, no today()."""

from __future__ import annotations

from cpetui.model import Activity, Cycle, Explanation
from cpetui.rules.errors import RulesError
from cpetui.rules.registry import PROGRAMS
from cpetui.rules.resolve import canonical_cycle, cycle_end, resolve_version, version_of
from cpetui.rules.spec import Version

__all__ = [
    "PROGRAMS",
    "ActivityTypeInfo",
    "ProgramInfo",
    "RulesError",
    "VersionInfo",
    "activity_credit",
    "cycle_end",
    "program_info",
    "resolve_version",
]


_INFO = ("ActivityTypeInfo", "ProgramInfo", "VersionInfo", "program_info")


def __getattr__(name: str) -> object:
    # The forms' and `cpetui programs`' descriptions: not imported by `check` and `status`.
    if name in _INFO:
        from cpetui.rules import info

        return getattr(info, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def activity_credit(cycle: Cycle, activity: Activity, version: str | Version) -> tuple[float, Explanation]:
    """One activity's earned credits and why, before caps and eligibility (the add form's live preview)."""
    from cpetui.i18n import _
    from cpetui.rules.assess import type_of

    cycle = canonical_cycle(cycle)
    v = version if isinstance(version, Version) else version_of(
        cycle if cycle.rules == version else _pinned(cycle, version))
    t = type_of(v, activity)
    if t is None:
        return 0.0, Explanation(_("unknown activity type '{type}': 0 CPE").format(type=activity.type))
    credit = t.compute(activity.measure, v)
    return credit.earned, Explanation(credit.text, _(t.citation))


def _pinned(cycle: Cycle, version: str) -> Cycle:
    import dataclasses

    return dataclasses.replace(cycle, rules=version)
