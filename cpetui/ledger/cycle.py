"""Reads a ledger's [cycle] table into a Cycle: which program, credential and period it covers."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from cpetui.i18n import _
from cpetui.ledger.collect import Collector
from cpetui.ledger.keys import CYCLE, validate
from cpetui.ledger.limits import number_problem
from cpetui.ledger.locate import Layout
from cpetui.model import Cycle, SourceRef

_OPTIONS = ("practicing", "retired", "carryover", "held_with", "track")
_REQUIRED = {
    "program": 'program = "isc2"',
    "credential": 'credential = "CISSP"',
    "start": "start = 2024-07-01",
}


def build_cycle(raw: Any, layout: Layout, out: Collector) -> Cycle | None:
    """The [cycle] table as a Cycle; None (and located problems) when it cannot say which cycle."""
    if not isinstance(raw, dict):
        return None
    span = layout.table("cycle")
    header = span.line if span else layout.root_keys.get("cycle", 1)
    keys = span.keys if span else {}
    values, _measures, _extra, ok = validate(raw, CYCLE, header, keys, out)
    for required, example in _REQUIRED.items():
        if required not in raw:
            out.add("error", "missing-key", _("[cycle] has no '{key}'").format(key=required), header,
                    hint=_("add {example}").format(example=example))
            ok = False
    if not ok:
        return None
    if "end" in values and values["end"] < values["start"]:
        out.add_at_value(
            "error",
            "impossible-date",
            _("the cycle ends ({end}) before it starts ({start})").format(
                end=values["end"], start=values["start"]
            ),
            keys.get("end", header),
            _("check the years of start and end"),
        )
        return None
    member = values.get("member_id")
    return Cycle(
        program=values["program"].strip().lower(),
        credential=values["credential"].strip(),
        start=values["start"],
        end=values.get("end"),
        rules=values.get("rules"),
        certified=values.get("certified"),
        carryover_in=_carryover(values, keys.get("carryover_in", header), out),
        member_id=str(member) if member is not None else None,
        options=MappingProxyType({k: values[k] for k in _OPTIONS if k in values}),
        title=values.get("title"),
        notes=values.get("notes"),
        source=SourceRef(out.path, header, 1),
        key_lines=MappingProxyType(dict(keys)),
        became=values.get("became"),
        earlier=tuple(sorted((e["start"], float(e["credits"])) for e in values.get("earlier", ()))),
    )


def _carryover(values: dict[str, Any], line: int, out: Collector) -> float:
    """The credits carried in; one out of range is reported and counted as none (the cycle still reads)."""
    carry = values.get("carryover_in", 0)
    bad = number_problem("carryover_in", carry)
    if bad is None:
        return float(carry)
    code, message, _hint = bad
    if code == "negative":
        message = _("carryover_in cannot be negative, got {value}").format(value=carry)
    out.add_at_value("error", code, message, line,
                     _("write the credits carried in from the previous cycle, or remove the key"))
    return 0.0
