"""The catalogues hold every string the source marks, Japanese translates all of them, and the .mo files
are compiled from the .po files as they stand."""

from __future__ import annotations

import gettext

import pytest

from cpetui.locale import LOCALE_DIR
from tools.catalogs import (
    bad_placeholders,
    catalogue_paths,
    compiled,
    extract,
    extract_plurals,
    read_po,
)

SOURCE = extract()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_marked_string_is_in_the_catalogue(language: str) -> None:
    po, _mo = catalogue_paths(language)
    missing = sorted(set(SOURCE) - set(read_po(po)))
    assert not missing, (f"not in {po.name} ({language}); run `python tools/catalogs.py update`:\n"
                         + "\n".join(f"{m!r}  ({SOURCE[m][0]})" for m in missing))


def test_japanese_translates_every_entry_the_english_catalogue_has() -> None:
    english = read_po(catalogue_paths("en")[0])
    japanese = read_po(catalogue_paths("ja")[0])
    untranslated = sorted(m for m in english if not japanese.get(m, "").replace("\0", "").strip())
    assert not untranslated, "no Japanese for:\n" + "\n".join(map(repr, untranslated))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_translations_fill_the_same_fields(language: str) -> None:
    # A translation naming another {field} than the English raises KeyError at .format() time.
    assert bad_placeholders(read_po(catalogue_paths(language)[0])) == []


@pytest.mark.parametrize("language", ["en", "ja"])
def test_compiled_catalogue_is_up_to_date(language: str) -> None:
    _po, mo = catalogue_paths(language)
    assert mo.read_bytes() == compiled(language), "run `python tools/catalogs.py compile`"


def test_plural_strings_are_plural_entries() -> None:
    ja = gettext.translation("cpetui", localedir=LOCALE_DIR, languages=["ja"])
    en = gettext.translation("cpetui", localedir=LOCALE_DIR, languages=["en"])
    assert extract_plurals()["{n} error"] == "{n} errors"
    for n in (1, 3):  # Japanese has one form
        assert ja.ngettext("{n} error", "{n} errors", n) == "エラー {n} 件"
    assert en.ngettext("{n} error", "{n} errors", 1) == "{n} error"
    assert en.ngettext("{n} error", "{n} errors", 3) == "{n} errors"


def test_seed_terms_are_used_for_labels() -> None:
    # The Japanese sources' own words (seeds 000, 003, 004), not fresh translations.
    ja = read_po(catalogue_paths("ja")[0])
    assert ja["Category I: education and training"] == "カテゴリⅠ: 教育・研修"  # seed 004
    assert ja["Category IV: speaking"] == "カテゴリⅣ: 講演"  # seed 004
    assert ja["Instructor"] == "講師単位"  # seed 003 §5
    assert ja["Participant (seminar, webinar, conference)"].startswith("受講者単位")  # seed 003 §1
    assert "グループA" in ja["Group A minimum"]  # seed 000
    assert "猶予期間" in ja["Grace period ends (submit CPE, pay the AMF)"]  # seed 000
    assert "繰越" in ja["carryover: {into} in, {out} out"]
