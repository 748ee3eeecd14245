"""Every figure cites public sources: quotes stand word for word in the documents, figures in their quotes."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest

from cpetui.frozen import fields, is_frozen
from cpetui.model import Cycle
from cpetui.rules.registry import PROGRAMS
from cpetui.rules.sources import SOURCES, Citation, entries, words
from cpetui.rules.spec import Cap, DateRule, Quota, QuotaError, Version

# CI keeps the shared folder beside the clone: ../shared/sources from the repository's root.
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "sources"
needs_documents = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is absent: the source "
                                     "documents are kept beside the clone, not in it")

# The five documents kept beside the project, word for word, by the source each one is.
DOCUMENTS = {
    "isc2-quick-guide": "000-isc2-cpe-quick-guide-ja.txt",
    "offsec-zenn": "001-offsec-cpe-article-zenn-ja.md",
    "isc2-japan-cpe": "002-isc2-japan-cpe-credit-page-ja.txt",
    "acfe-japan-cpe-types": "003-acfe-japan-cpe-types-ja.txt",
    "iia-japan-guideline": "004-iia-japan-cpe-guideline-2010-2011-ja.txt",
}

# Cycles that reach every quota a version defines (credentials × the options that change it).
OPTIONS: tuple[Mapping[str, object], ...] = (
    {}, {"practicing": False}, {"retired": True}, {"carryover": False}, {"held_with": "none"},
    {"track": "sscp"})


def normalised(text: str) -> str:
    """Full-width and half-width forms folded (NFKC) and all whitespace dropped (the PDFs wrap anywhere)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def quotas(version: Version) -> Iterator[Quota]:
    program = PROGRAMS[version.program]
    for credential in program.credentials:
        for options in OPTIONS:
            for certified in (None, date(2000, 1, 1)):
                cycle = Cycle(version.program, credential, date(2024, 1, 1), certified=certified,
                              options=options)
                try:
                    yield version.quota(cycle)
                except QuotaError:
                    continue


def cited(value: object) -> Iterator[tuple[Citation, object]]:
    """Every citation in `value` (a version and all it holds), with the rule whose figures it states
    (None where the citation backs no figure of its holder: a version's evidence rule, say)."""
    if isinstance(value, Citation):
        yield value, None
    elif (is_frozen(value) or dataclasses.is_dataclass(value)) and not isinstance(value, type):
        names = fields(value) if is_frozen(value) else [f.name for f in dataclasses.fields(value)]  # type: ignore[arg-type]
        for name in names:
            for c, owner in cited(getattr(value, name)):
                yield c, (value if name == "citation" else owner)
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from cited(v)
    elif isinstance(value, tuple):
        for v in value:
            yield from cited(v)


def every_citation() -> list[tuple[Citation, object]]:
    found: list[tuple[Citation, object]] = []
    for program in PROGRAMS.values():
        found += list(cited(program))
        for version in program.versions:
            for q in quotas(version):
                found += list(cited(q))
    iia_japan = PROGRAMS["iia-japan"]
    found += [*((u.citation, None) for u in PROGRAMS["isc2"].undecided if u.citation),
              *((c, None) for c in (iia_japan.report_citations or {}).values())]
    found += [(c, None) for p in PROGRAMS.values() for v in p.versions
              for _params, c in (v.check_params or {}).values() if c is not None]
    return found


CITATIONS = every_citation()
ISC2_2024 = PROGRAMS["isc2"].version("isc2-2024")
assert ISC2_2024 is not None


def test_every_citation_names_known_sources_and_reads_as_words() -> None:
    assert len(CITATIONS) > 100
    for c, _owner in CITATIONS:
        assert c.passages and all(p.source in SOURCES for p in c.passages), c
        text = words(c)
        assert text and "seed" not in text and "DECISION" not in text, text
        assert all(e.publisher and e.title and e.checked for e in entries(c)), c


def test_each_source_is_defined_once_with_its_checked_date() -> None:
    assert SOURCES["isc2-quick-guide"].checked == date(2026, 11, 21)
    assert SOURCES["isaca-cpe"].checked == date(2026, 12, 4)  # the next programs', compared later
    assert set(DOCUMENTS) <= set(SOURCES)
    assert all(SOURCES[key].language == "ja" for key in DOCUMENTS)


def test_a_citation_reads_publisher_title_and_passage() -> None:
    (uwe,) = [c for c in ISC2_2024.caps]
    assert words(uwe.citation) == (
        "ISC2 · CPE Credit Quick Guide · CPE categories: Unique work experience; A third party · A copy of "
        "the 2020 ISC2 CPE Handbook · Unique work experience — cpetui's reading: at most 10 per cycle; the "
        "quick guide gives no unit (the 2020 handbook said per experience)")


def test_the_cc_group_a_only_finding_cites_the_quick_guide() -> None:
    q = ISC2_2024.quota(Cycle("isc2", "CC", date(2024, 1, 1)))
    assert q.group_citation is not None
    (passage,) = q.group_citation.passages
    assert passage.source == "isc2-quick-guide" and passage.quote == "CC保有者：グループAのみ"


@needs_documents
def test_every_quote_stands_word_for_word_in_its_document() -> None:
    texts = {key: normalised((SHARED / name).read_text(encoding="utf-8")) for key, name in DOCUMENTS.items()}
    quoted = 0
    for c, _owner in CITATIONS:
        for p in c.passages:
            if p.quote is None:
                continue
            assert p.source in texts, f"a quote from {p.source}, which has no document to check it against"
            assert normalised(p.quote) in texts[p.source], f"not in {DOCUMENTS[p.source]}: {p.quote}"
            quoted += 1
    assert quoted > 50
    assert {p.source for c, _o in CITATIONS for p in c.passages if p.quote} == set(texts)


def test_quotes_are_kept_only_for_the_documents_beside_the_project() -> None:
    for c, _owner in CITATIONS:
        for p in c.passages:
            if p.quote is not None:
                assert p.source in DOCUMENTS, p


def _figure(owner: object) -> list[str]:
    """The figures a rule states, as its source would write them."""
    if isinstance(owner, Quota):
        return [f"{owner.total:g}"] if owner.total else []
    if isinstance(owner, Cap):
        return [f"{owner.amount:g}"]
    if isinstance(owner, DateRule):
        if owner.days == 1 and not owner.months:
            return []  # the day after the previous key date: no figure of its own
        if owner.days:
            return [str(owner.days)]
        if owner.months:
            years = f"{owner.months // 12}年"
            return [str(owner.months)] if owner.months % 12 else [years, str(owner.months)]
    return []


@needs_documents
def test_each_requirement_figure_stands_in_its_quote_or_passage() -> None:
    checked = 0
    for c, owner in CITATIONS:
        figures = _figure(owner)
        from_documents = [p for p in c.passages if p.source in DOCUMENTS]
        if not figures or not from_documents:
            continue
        stated = normalised(" ".join((p.quote or "") + p.section for p in from_documents))
        assert any(normalised(f) in stated for f in figures), f"{figures} not in {stated} ({owner})"
        checked += 1
    assert checked >= 20


@needs_documents
def test_the_per_activity_maximum_and_arithmetic_figures_stand_in_their_quotes() -> None:
    assert "40" in normalised(ISC2_2024.limits_citation.passages[0].quote or "")  # type: ignore[union-attr]
    for version in (v for p in PROGRAMS.values() for v in p.versions):
        for t in version.types.values():
            fixed = re.findall(r"(?<![\d.])(\d+) CPE (?:per book|per article|for the first)", t.how)
            quotes = normalised(" ".join(p.quote or "" for p in t.citation.passages))
            for figure in fixed:
                assert figure in quotes, (t.id, figure, quotes)


def test_findings_cite_the_document_that_states_their_rule() -> None:
    from cpetui.rules.registry import PROGRAMS as programs

    offsec = programs["offsec"].version("offsec-2024")
    acfe = programs["acfe"].version("acfe-2024")

    # ACFE: nothing before certification counts — the earlier FAQ says so, not the credit types page.
    (passage,) = acfe.before_certification_citation.passages  # type: ignore[union-attr]
    assert passage.source == "acfe-older"
    # OffSec: the same rule, from support's dated answer and the handbook.
    assert [p.source for p in offsec.before_certification_citation.passages] == [  # type: ignore[union-attr]
        "offsec-zenn", "offsec-handbook"]
    # ISC2: the grace period's activities — the quick guide's end-date rule, with cpetui's reading.
    grace = ISC2_2024.grace_activities_citation
    assert grace is not None and grace.reading and grace.passages[0].source == "isc2-quick-guide"
