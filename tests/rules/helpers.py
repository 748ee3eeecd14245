"""Builds ledgers from inline TOML text so that tests read like the handbook they check."""

from __future__ import annotations

from datetime import date

from cpetui.ledger.parse import parse_text
from cpetui.model import Ledger, Status
from cpetui.status import evaluate, findings


def ledger(text: str, path: str = "test.toml") -> Ledger:
    parsed = parse_text(text, path)
    errors = [p for p in parsed.problems if p.severity == "error"]
    assert not errors, errors
    return parsed


def status(text: str, as_of: date, **kw) -> Status:  # type: ignore[no-untyped-def]
    parsed = ledger(text)
    s = evaluate(parsed, as_of, **kw)
    # What `cpetui check` reports of the same ledger: the same findings, made without the figures.
    assert findings(parsed, as_of, **kw) == s.findings
    return s


def credit(text: str, activity_id: str, as_of: date = date(2030, 1, 1)) -> tuple[float, float, str]:
    """(earned, counted, explanation) of one activity."""
    c = status(text, as_of).credit_of(activity_id)
    assert c is not None
    return c.earned, c.counted, c.explanation.text


def requirement(s: Status, rid: str):  # type: ignore[no-untyped-def]
    if rid == "total":
        return s.total
    found = [r for r in s.requirements if r.id == rid]
    assert found, [r.id for r in s.requirements]
    return found[0]


def codes(s: Status, activity_id: str | None = None) -> list[str]:
    return [f.code for f in s.findings if activity_id is None or f.activity_id == activity_id]


def activity(id: str, when: str, **keys: object) -> str:
    """One [[activity]] block; values written as TOML (strings quoted, lists and numbers as is)."""
    lines = ["[[activity]]", f'id = "{id}"', f"date = {when}", f'title = "{id}"']
    for key, value in keys.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, str):
            lines.append(f'{key} = "{value}"')
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n\n"
