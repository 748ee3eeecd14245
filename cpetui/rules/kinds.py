"""The arithmetic kinds a program's activity type may name, each making a credit computer from parameters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from cpetui.rules import computers as c
from cpetui.rules.spec import Computer


class Kind:
    """One built-in arithmetic: how to make its computer, and the parameters it takes (all required).
    A plain class: a generated one (dataclass, NamedTuple) costs each command that reads a program."""

    __slots__ = ("make", "measures", "optional", "params")

    def __init__(self, make: Callable[..., Computer], params: tuple[str, ...] = (),
                 optional: tuple[str, ...] = (), measures: tuple[str, ...] = ("credits",)) -> None:
        self.make = make
        self.params = params
        self.optional = optional
        self.measures = measures  # the ledger keys it reads, in order of preference


TIME = ("hours", "minutes", "credits")
MINUTES = ("minutes", "sessions", "hours", "credits")


def _plain(computer: Computer, measures: tuple[str, ...] = ("credits",)) -> Kind:
    return Kind(lambda: computer, measures=measures)


# The kinds a version counting completions may name: each counts once, or not at all.
COMPLETION_KINDS = frozenset({"completion", "never", "renewal"})

# The only arithmetic a program file can ask for: data chooses a kind and gives numbers, never code.
KINDS: Mapping[str, Kind] = MappingProxyType({
    "per-hour": _plain(c.hourly, TIME),
    "per-hour-minimum": Kind(c.hourly_at_least, ("minimum",), (), TIME),
    "per-50-minutes": _plain(c.fifty_minutes, MINUTES),
    "lecture-minutes": _plain(c.lecture_minutes, ("minutes", "sessions")),
    "college": _plain(c.college, ("semester_hours", "ceus", "periods", "period_minutes", "credits")),
    "hours-floored": _plain(c.hours_floored, ("hours", "credits")),
    "stated": _plain(c.stated),
    "stated-or-hourly": _plain(c.stated_or_hourly, ("credits", "hours")),
    "fixed": Kind(c.fixed, ("amount",), ("first_time_only",), ("repeat", "credits")),
    "per-hour-prepared": Kind(c.per_hour_prepared, ("factor",), (), ("hours", "repeat")),
    "capped-stated": Kind(c.capped_stated, ("limit",)),
    "correspondence": _plain(c.correspondence, ("months", "credits")),
    "study-group": _plain(c.study_group, ("role", "minutes", "credits")),
    "co-authored": Kind(c.co_authored, ("amount",), (), ("authors",)),
    "talk": _plain(c.talk, ("hours", "repeat", "venue")),
    "exam": _plain(c.exam, ("exam_parts",)),
    "instructor": _plain(c.acfe_instructor, ("minutes", "preparation_hours", "repeat")),
    "never": _plain(c.never, TIME),
    "renewal": _plain(c.renewal, ()),
    "completion": _plain(c.completion, ()),
})


def make_computer(kind: str, params: Mapping[str, Any]) -> Computer:
    """The computer for `kind` with `params` (checked beforehand by cpetui.rules.programfile)."""
    k = KINDS[kind]
    return k.make(**{name: params[name] for name in (*k.params, *k.optional) if name in params})
