"""Edits a ledger's [cycle] keys in place (set, add, remove), touching no other byte."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import tomlkit

from cpetui.i18n import _
from cpetui.ledger.edit import EditError, _item, _verify, plain
from cpetui.ledger.fastread import loads


def values(text: str) -> dict[str, Any]:
    """The [cycle] table's values as the file holds them now (an undo writes them back)."""
    body = text[1:] if text.startswith("\ufeff") else text
    cycle = loads(body).get("cycle")
    return dict(cycle) if isinstance(cycle, dict) else {}


def update(text: str, changes: Mapping[str, Any]) -> str:
    """`text` with the [cycle] keys changed (None removes a key). tomlkit edits the parsed document in
    place: a replaced value keeps its line and inline comment, a new key goes after the table's last
    value; the result must read back as exactly the expected document, or nothing is changed."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    expected = dict(loads(body))  # a copy: the reader may hand the same parsed text to others
    cycle = expected.get("cycle")
    if not isinstance(cycle, dict):
        raise EditError(_("the ledger has no [cycle] table to change"))
    cycle = expected["cycle"] = dict(cycle)
    doc = tomlkit.parse(body)
    table = doc["cycle"]
    changed = False
    for key, raw in changes.items():
        if raw is None:
            if key in cycle:
                del table[key]  # type: ignore[union-attr]
                del cycle[key]
                changed = True
            continue
        value = plain(raw)
        if key in cycle and cycle[key] == value and type(cycle[key]) is type(value):
            continue
        table[key] = _item(value)  # type: ignore[index]
        cycle[key] = value
        changed = True
    if not changed:
        return text
    new_text = doc.as_string()
    return _verify(("\ufeff" if bom else "") + new_text, expected)
