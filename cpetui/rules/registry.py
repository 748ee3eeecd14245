"""The registry of programs the rules know, by the `program` key a ledger's [cycle] uses."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cpetui.rules import acfe, iia, iia_japan, isc2, offsec
from cpetui.rules.spec import Program

PROGRAMS: Mapping[str, Program] = MappingProxyType(
    {p.id: p for p in (isc2.PROGRAM, offsec.PROGRAM, acfe.PROGRAM, iia_japan.PROGRAM, iia.PROGRAM)}
)
