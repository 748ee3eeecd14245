"""CPE rules of each program as versioned data plus small pure functions; no I/O, no today()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpetui.rules.errors import RulesError

if TYPE_CHECKING:
    from cpetui.model import Activity, Cycle, Explanation
    from cpetui.rules.registry import PROGRAMS
    from cpetui.rules.resolve import cycle_end, resolve_version
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


# Imported when first asked for: a module that needs one small part of the rules (an error class, the
# fields' names) does not load every program's tables (a visible part of the app's first paint).
_LAZY = {
    "ActivityTypeInfo": "info", "ProgramInfo": "info", "VersionInfo": "info", "program_info": "info",
    "PROGRAMS": "registry", "cycle_end": "resolve", "resolve_version": "resolve",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f"cpetui.rules.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def activity_credit(cycle: Cycle, activity: Activity, version: str | Version) -> tuple[float, Explanation]:
    """One activity's earned credits and why, before caps and eligibility (the add form's live preview)."""
    from cpetui.i18n import _
    from cpetui.model import Explanation
    from cpetui.rules.assess import type_of
    from cpetui.rules.resolve import canonical_cycle, version_of
    from cpetui.rules.spec import Version

    cycle = canonical_cycle(cycle)
    v = version if isinstance(version, Version) else version_of(
        cycle if cycle.rules == version else _pinned(cycle, version))
    t = type_of(v, activity)
    if t is None:
        return 0.0, Explanation(_("unknown activity type '{type}': 0 CPE").format(type=activity.type))
    credit = t.compute(activity.measure, v)
    from cpetui.rules.sources import words

    return credit.earned, Explanation(credit.text, words(t.citation), t.citation)


def _pinned(cycle: Cycle, version: str) -> Cycle:
    from cpetui.frozen import replace

    return replace(cycle, rules=version)
