"""Random add/update/delete sequences never lose an untouched activity, a comment or validity."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpetui.ledger import edit
from cpetui.ledger.parse import parse_text

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "ledgers").glob("*.toml"))

BASE = """\
# CISSP 2024–2027 — edited by hand and by cpetui
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

# first: chapter meeting
[[activity]]
id = "a1"
date = 2024-08-01
title = "Chapter meeting"   # two talks
group = "A"
minutes = 90

[[activity]]
id = "a2"
date = 2024-09-01
title = "Book: 暗号技術入門"
group = "B"
hours = 3
notes = '''
# not a comment: inside a string
[[activity]]
'''

# ---- 2025 ----

# conference, two days
# (second comment line)
[[activity]]
id = "a3"
date = 2025-01-15
title = "Security Days"
group = "A"
hours = 12   # keynotes included
evidence = [
  "certs/days.pdf",  # day 1
]
"""

titles = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")
days = st.integers(min_value=0, max_value=1000).map(lambda n: date(2024, 7, 1) + timedelta(days=n))
amounts = st.one_of(st.integers(0, 40), st.floats(0, 40, allow_nan=False).map(lambda f: f))
adds = st.tuples(st.just("add"), days, titles, amounts)
updates = st.tuples(
    st.just("update"),
    st.integers(0, 50),
    st.sampled_from(["hours", "title", "notes", "submitted", "evidence", "group"]),
    st.one_of(st.none(), titles, days, amounts, st.lists(titles, max_size=2)),
)
deletes = st.tuples(st.just("delete"), st.integers(0, 50))
ops = st.lists(st.one_of(adds, updates, deletes), max_size=8)
variants = st.sampled_from(["lf", "crlf", "bom", "no-final-newline"])


def _variant(text: str, kind: str) -> str:
    if kind == "crlf":
        return text.replace("\n", "\r\n")
    if kind == "bom":
        return "\ufeff" + text
    if kind == "no-final-newline":
        return text.rstrip("\n")
    return text


def _update_value(key: str, value: object) -> object:
    """A value of the right type for `key` (the property is about placement, not validation)."""
    if key in ("title", "notes") and isinstance(value, str) or value is None and key != "hours":
        return value
    if key == "hours":  # never removed: it may be the activity's only measure
        return value if isinstance(value, (int, float)) else 1
    if key == "submitted":
        return value if isinstance(value, date) else date(2025, 1, 1)
    if key == "evidence":
        return value if isinstance(value, list) else ["x.pdf"]
    if key == "group":
        return "B"
    return "text"


def run(text: str, steps: list[tuple]) -> None:  # type: ignore[type-arg]
    original = text
    blocks = {aid: edit.extract(text, aid).block for aid in sorted(edit.ids(text))}
    comments = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
    touched: set[str] = set()
    deleted: set[str] = set()
    for step in steps:
        ids = sorted(edit.ids(text))
        if step[0] == "add":
            _, when, title, amount = step
            before = set(ids)
            text = edit.add(text, {"date": when, "title": title, "hours": amount})
            (new_id,) = set(edit.ids(text)) - before
            touched.add(new_id)
        elif not ids:
            continue
        elif step[0] == "update":
            _, n, key, value = step
            aid = ids[n % len(ids)]
            if key == "title" and value is None:
                continue
            text = edit.update(text, aid, {key: _update_value(key, value)})
            touched.add(aid)
        else:
            aid = ids[step[1] % len(ids)]
            text, values = edit.delete(text, aid)
            assert values.get("id", aid) == aid or aid.startswith("line-")
            deleted.add(aid)
        body = text.removeprefix("\ufeff")
        tomllib.loads(body)
        assert parse_text(text, "x.toml").ok, [p.message for p in parse_text(text, "x.toml").problems]
    for aid, block in blocks.items():
        if aid in deleted or aid in touched:
            continue
        assert block.replace("\n", _nl(original)).rstrip("\r\n") in text, aid
    kept = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    gone = {c for aid in deleted for c in blocks.get(aid, "").splitlines() if c.strip().startswith("#")}
    gone |= {c for aid in touched for c in blocks.get(aid, "").splitlines() if c.strip().startswith("#")}
    for c in comments:
        if c not in gone:
            assert c in kept, c
    assert text.startswith("\ufeff") == original.startswith("\ufeff")
    assert text.endswith("\n") == original.endswith("\n") or not edit.ids(text)
    if "\r\n" in original:
        assert text.count("\n") == text.count("\r\n")


def _nl(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=ops, variant=variants)
def test_random_edits_keep_untouched_activities_and_comments_byte_identical(steps, variant) -> None:  # type: ignore[no-untyped-def]
    run(_variant(BASE, variant), steps)


@pytest.mark.skipif(not SAMPLES, reason="no sample ledgers")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=ops, which=st.integers(0, 100))
def test_random_edits_of_the_sample_ledgers_keep_them_valid_and_intact(steps, which) -> None:  # type: ignore[no-untyped-def]
    run(SAMPLES[which % len(SAMPLES)].read_text(encoding="utf-8"), steps)
