"""`cpetui status --json` on every sample ledger, in both languages: each citation's sources as data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import SAMPLES


def cited(value: object) -> Iterator[dict]:
    """Every object of the document that carries a `citation`."""
    if isinstance(value, dict):
        if "citation" in value:
            yield value
        for v in value.values():
            yield from cited(v)
    elif isinstance(value, list):
        for v in value:
            yield from cited(v)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_citation_has_its_sources_and_each_document_is_quoted(cli, lang: str) -> None:
    ledgers = sorted(str(p) for p in Path(SAMPLES).glob("*.toml"))
    r = cli("status", "--lang", lang, "--as-of", "2026-11-22", "--json", *ledgers)
    doc = json.loads(r.out)
    objects = list(cited(doc))
    assert len(objects) > 100
    quoted: set[str] = set()
    for o in objects:
        assert o["citation"] and o["sources"], o
        for s in o["sources"]:
            assert set(s) == {"publisher", "title", "section", "url", "checked", "quote", "reading"}
            assert s["publisher"] and s["title"] and s["checked"], s
            if s["quote"]:
                quoted.add(s["title"])
    # At least one quote from each of the five documents the rules were compared with word for word,
    # and from the handbook the sample company's own program quotes.
    if lang == "ja":
        assert quoted == {"「CPEクレジット クイックガイド」", "「Offsec の CPE を 貯める」",
                          "「CPEクレジット」", "「CPEの種類」",
                          "「2010-2011年用・継続的専門能力開発制度ガイドライン」",
                          "エンジニア研修ハンドブック"}
    else:
        assert len(quoted) == 6 and "CPE Credit Quick Guide" in quoted
        assert "Engineering training handbook" in quoted


def test_a_reading_is_said_in_the_interface_language(cli) -> None:
    ledger = str(Path(SAMPLES) / "ccsa-2025-2026.toml")
    doc = json.loads(cli("status", "--lang", "ja", "--as-of", "2026-11-22", "--json", ledger).out)
    readings = {s["reading"] for o in cited(doc) for s in o["sources"] if s["reading"]}
    assert readings and all(r.startswith("cpetui の解釈: ") for r in readings)
