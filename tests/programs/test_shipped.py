"""Every program file cpetui ships (and the sample user program) reads cleanly, obeys the program schema,
says every one of its words in Japanese too, and shows users no internal label."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from cpetui.ledger.programs import SHIPPED, read_file
from tests.test_schema import as_json, errors

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(SHIPPED.glob("*.toml")) + [ROOT / "ledgers" / "programs" / "company-training.toml"]
SCHEMA = json.loads((ROOT / "cpetui" / "schema" / "program.schema.json").read_text(encoding="utf-8"))
INTERNAL = re.compile(r"\bseed\b|DECISION|\[official\]|facts sheet|§", re.I)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_program_reads_without_a_problem_and_obeys_the_schema(path: Path) -> None:
    read = read_file(path, "")
    assert read.program is not None and read.problems == ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert errors(as_json(data), SCHEMA) == []
    assert path.stem == data["id"]  # a shipped program is found by its file name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_word_of_the_program_is_in_japanese_too(path: Path) -> None:
    # A shipped program's words are in cpetui's catalogue (tools/catalogs.py extracts them); a user's
    # program brings its own in [translations.ja].
    from tools.catalogs import catalogue_paths, program_words, read_po

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    said = {word for word, _where in program_words(path)}  # with each dimension's key (a form label)
    if path.parent == SHIPPED:
        assert "translations" not in data
        ja = {k: v for k, v in read_po(catalogue_paths("ja")[0]).items() if v}
    else:
        ja = data.get("translations", {}).get("ja", {})
        assert [w for w in ja if w not in said] == []  # and nothing translated that is not there
    assert sorted(w for w in said if w not in ja) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_internal_label_reaches_users(path: Path) -> None:
    assert INTERNAL.findall(path.read_text(encoding="utf-8")) == []
