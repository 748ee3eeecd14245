"""Reads `[[portal]]` tables: what the body's portal showed on a day, to reconcile the ledger with."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

from cpetui.i18n import _
from cpetui.ledger.collect import Collector
from cpetui.ledger.locate import KeyLines, Layout
from cpetui.model import EMPTY, PortalRecord, SourceRef

KEYS = ("date", "recorded", "by", "note")
_EXAMPLE = "[[portal]]\ndate = 2026-11-30\nrecorded = 95.5"


def _number(value: Any) -> bool:
    return type(value) in (int, float) and value == value and 0 <= value < 1e9


def build_portal(raw: Any, layout: Layout, out: Collector) -> tuple[PortalRecord, ...]:
    """Each `[[portal]]` that reads cleanly; each problem located at its line with a hint."""
    spans = layout.arrays("portal")
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        out.add("error", "wrong-type", _("'portal' must be an array of tables: [[portal]]"),
                spans[0].line if spans else layout.root_keys.get("portal", 1),
                hint=_("write each record as {example}").format(example=_EXAMPLE.replace("\n", "; ")))
        return ()
    records = []
    for index, table in enumerate(raw):
        span = spans[index] if index < len(spans) else None
        header = span.line if span else 1
        keys = KeyLines(span)
        ok = True
        for key in table:
            if key not in KEYS:
                out.add("warning", "unknown-key",
                        _("unknown key '{key}' in [[portal]] (kept, not used)").format(key=key),
                        keys.get(key, header), hint=_("known keys: {keys}").format(keys=", ".join(KEYS)))
        day, recorded = table.get("date"), table.get("recorded")
        if type(day) is not dt.date:
            out.add("error", "portal-date", _("[[portal]] needs the day the portal showed the figure"),
                    keys.get("date", header), hint=_("add date = 2026-11-30 (no quotes)"))
            ok = False
        if not _number(recorded):
            out.add("error", "portal-recorded",
                    _("[[portal]] needs the credits the portal showed, as a number"),
                    keys.get("recorded", header), hint=_("add recorded = 95.5"))
            ok = False
        by = table.get("by", {})
        if not isinstance(by, dict) or not all(isinstance(k, str) and _number(v) for k, v in by.items()):
            out.add("error", "portal-by", _("'by' must map groups or fields to credits"),
                    keys.get("by", header), hint=_("write by = { A = 80, B = 15.5 } (ISC2 groups) or "
                                                   "by = { fraud = 12, ethics = 2 } (fields)"))
            ok = False
        note = table.get("note")
        if note is not None and not isinstance(note, str):
            out.add("error", "wrong-type", _("'note' must be text"), keys.get("note", header),
                    hint=_('write note = "…"'))
            ok = False
        if ok:
            records.append(PortalRecord(
                date=day, recorded=float(recorded), source=SourceRef(out.path, header, 1),
                by=MappingProxyType({k: float(v) for k, v in by.items()}) if by else EMPTY,
                note=note, key_lines=keys))
    return tuple(records)
