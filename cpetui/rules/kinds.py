"""The arithmetic kinds a program's activity type may name, each making a credit computer from parameters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cpetui.rules import computers as c
from cpetui.rules.spec import Computer


@dataclass(frozen=True, slots=True)
class Kind:
    """One built-in arithmetic: how to make its computer, and the parameters it takes (all required)."""

    make: Callable[..., Computer]
    params: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


def _plain(computer: Computer) -> Kind:
    return Kind(lambda: computer)


# The only arithmetic a program file can ask for: data chooses a kind and gives numbers, never code.
KINDS: Mapping[str, Kind] = MappingProxyType({
    "per-hour": _plain(c.hourly),
    "per-50-minutes": _plain(c.fifty_minutes),
    "lecture-minutes": _plain(c.lecture_minutes),
    "college": _plain(c.college),
    "hours-floored": _plain(c.hours_floored),
    "stated": _plain(c.stated),
    "stated-or-hourly": _plain(c.stated_or_hourly),
    "fixed": Kind(c.fixed, ("amount",), ("first_time_only",)),
    "per-hour-prepared": Kind(c.per_hour_prepared, ("factor",)),
    "capped-stated": Kind(c.capped_stated, ("limit",)),
    "correspondence": _plain(c.correspondence),
    "study-group": _plain(c.study_group),
    "co-authored": Kind(c.co_authored, ("amount",)),
    "talk": _plain(c.talk),
    "exam": _plain(c.exam),
    "instructor": _plain(c.acfe_instructor),
    "never": _plain(c.never),
})


def make_computer(kind: str, params: Mapping[str, Any]) -> Computer:
    """The computer for `kind` with `params` (checked beforehand by cpetui.rules.programfile)."""
    k = KINDS[kind]
    return k.make(**{name: params[name] for name in (*k.params, *k.optional) if name in params})
