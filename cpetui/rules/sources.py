"""The public sources the rules rest on, each once, and citations of their passages (pure data)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from cpetui.frozen import frozen
from cpetui.i18n import N_, _, language

# The dates the rules were last compared with their sources.
COMPARED = date(2026, 11, 21)
COMPARED_NEXT = date(2026, 12, 4)  # the next programs' bodies


@frozen
class Source:
    """One public document: who publishes it, its title as published (and in English), where it is."""

    key: str
    publisher: str  # as published, in the source's language
    title: str  # as published, in the source's language; a msgid when the source is in English
    language: str  # "ja" or "en"
    url: str | None
    checked: date  # the day the rules were last compared with it
    publisher_en: str = ""  # English rendering of a Japanese publisher's name
    title_en: str = ""  # English rendering of a Japanese title


@frozen
class Passage:
    """The section or passage of one source that states a rule, and its exact words where kept."""

    source: str  # a key of SOURCES
    section: str = ""  # msgid: the section or passage, as a reader finds it
    quote: str | None = None  # the exact words, in the source's language


@frozen
class Citation:
    """What a rule rests on: passages of sources, and cpetui's reading where it settles a point."""

    passages: tuple[Passage, ...]
    reading: str = ""  # msgid: cpetui's reading where the sources leave it open or disagree
    option: str = ""  # the ledger option that changes the reading, where it is a real choice
    unconfirmed: str = ""  # msgid: why a figure is not yet confirmed by the body's own document


def cite(source: str, section: str = "", quote: str | None = None, *more: Passage, reading: str = "",
         option: str = "") -> Citation:
    """A citation of one passage (and any more), with cpetui's reading if it settles something."""
    return Citation((Passage(source, section, quote), *more), reading, option)


def _source(key: str, publisher: str, title: str, lang: str, url: str | None, checked: date = COMPARED,
            **more: str) -> Source:
    return Source(key, publisher, title, lang, url, checked, **more)


_KNOWN: dict[str, Source] = {s.key: s for s in (
    _source("isc2-quick-guide", "ISC2", "CPEクレジット クイックガイド", "ja", "https://www.isc2.org/",
            title_en="CPE Credit Quick Guide"),
    _source("offsec-handbook", "OffSec", N_("OffSec CPE Program and Annual Maintenance Handbook"), "en",
            "https://help.offsec.com/hc/en-us/articles/35366391096596"),
    _source("offsec-zenn", "Zenn", "Offsec の CPE を 貯める", "ja", "https://zenn.dev/",
            title_en="Collecting OffSec CPE (2025, with OffSec support's dated answers)"),
    _source("isc2-japan-cpe", "ISC2 Japan", "CPEクレジット", "ja", "https://japan.isc2.org/member_cpecredit.html",
            title_en="CPE credits"),
    _source("acfe-japan-cpe-types", "ACFE JAPAN", "CPEの種類", "ja", None, title_en="CPE credit types"),
    _source("iia-japan-guideline", "社団法人日本内部監査協会",
            "2010-2011年用・継続的専門能力開発制度ガイドライン", "ja", "http://www.iiajapan.com/system/CPE.htm",
            publisher_en="IIA-Japan", title_en="CPE guideline for 2010-2011"),
    _source("isc2-policies", "ISC2", N_("Member policies and CPE FAQ"), "en", "https://www.isc2.org/"),
    _source("isc2-japan-fees", "ISC2 Japan", N_("Annual maintenance fee page"), "en",
            "https://japan.isc2.org/"),
    _source("isc2-handbook-2020", N_("A third party"), N_("A copy of the 2020 ISC2 CPE Handbook"), "en",
            None),
    _source("acfe-faq", "ACFE", N_("CPE requirements FAQ, ethics and fields-of-study pages"), "en",
            "https://www.acfe.com/cfe-credential/continuing-professional-education-cpe-requirements/"
            "faq-cpe-compliance"),
    _source("acfe-older", "ACFE", N_("CPE requirements FAQ (an earlier version)"), "en",
            "https://www.acfe.com/cpe-compliance.aspx"),
    _source("iia-cpe", "The IIA", N_("CPE requirements and reporting policy"), "en", "https://www.theiia.org/"),
    _source("iia-older", "The IIA", N_("CPE policy, an earlier version (as the Swedish institute "
                                      "published it)"), "en", None),
    _source("iia-affiliates", N_("IIA affiliates"), N_("Pages quoting the IIA CPE policy"), "en", None),
    _source("iia-third-party", N_("Third parties"), N_("Older pages on non-practicing figures"), "en", None),
    _source("isaca-cpe", "ISACA", N_("Continuing Professional Education Policy"), "en",
            "https://www.isaca.org/", COMPARED_NEXT),
    _source("comptia-ce", "CompTIA", N_("Continuing Education Program"), "en", "https://www.comptia.org/",
            COMPARED_NEXT),
    _source("giac-renewal", "GIAC", N_("Certification renewal"), "en", "https://www.giac.org/",
            COMPARED_NEXT),
    _source("pmi-ccr", "PMI", N_("Continuing Certification Requirements (CCR) Handbook"), "en",
            "https://www.pmi.org/", COMPARED_NEXT),
    _source("eccouncil-ece", "EC-Council", N_("Continuing Education (ECE) Policy"), "en",
            "https://cert.eccouncil.org/", COMPARED_NEXT),
    _source("ipa-riss-courses", "独立行政法人情報処理推進機構 (IPA)", "講習の目的と概要", "ja",
            "https://www.ipa.go.jp/jinzai/riss/forriss/koushu/overview.html", date(2026, 12, 5),
            publisher_en="IPA (Information-technology Promotion Agency, Japan)",
            title_en="Courses for Registered Information Security Specialists: purpose and overview"),
)}
# The sources cpetui knows: its own, and those program files declare (added as their programs load).
SOURCES: Mapping[str, Source] = MappingProxyType(_KNOWN)


def known_source(key: str) -> bool:
    return key in _KNOWN


def add_sources(sources: tuple[Source, ...]) -> None:
    """Make the sources a program file declares citable (each keyed by its program: no clash)."""
    for s in sources:
        _KNOWN[s.key] = s


@frozen
class Entry:
    """One passage as a reader sees it, in the interface language (JSON, the sources view)."""

    publisher: str
    title: str
    section: str
    url: str | None
    checked: date
    quote: str | None
    reading: str | None


def publisher_of(s: Source) -> str:
    """The publisher's name: as published for a Japanese source read in Japanese, else in English."""
    if s.language == "ja":
        return s.publisher if language() == "ja" else (s.publisher_en or s.publisher)
    return _(s.publisher)


def title_of(s: Source) -> str:
    """The title: as published (「…」) for a Japanese source read in Japanese; translated otherwise."""
    if s.language == "ja" and language() == "ja":
        return f"「{s.title}」"
    if s.language == "ja":
        return s.title_en or s.title
    return _(s.title)


def reading_words(c: Citation) -> str | None:
    """"cpetui's reading: …" with the ledger option that changes it, or None."""
    if not c.reading and not c.unconfirmed:
        return None
    parts = []
    if c.reading:
        words = _("cpetui's reading: {reading}").format(reading=_(c.reading))
        if c.option:
            words += _(" (the ledger option {option} changes it)").format(option=c.option)
        parts.append(words)
    if c.unconfirmed:
        parts.append(_("unconfirmed: {why}").format(why=_(c.unconfirmed)))
    return "; ".join(parts)


def source_words(c: Citation) -> str:
    """The sources alone: "ISC2 · CPE Credit Quick Guide · General CPE rules and guidelines; …"."""
    parts: list[str] = []
    last = ""
    for p in c.passages:
        s = SOURCES[p.source]
        section = _(p.section) if p.section else ""
        if p.source == last and section:
            parts[-1] += ", " + section  # the same document again: its next passage only
            continue
        head = f"{publisher_of(s)} · {title_of(s)}"
        parts.append(f"{head} · {section}" if section else head)
        last = p.source
    return "; ".join(parts)


_rendered: dict[tuple[Citation, str], str] = {}


def words(c: Citation | None) -> str:
    """A citation as users read it: its sources, then cpetui's reading where there is one."""
    if c is None:
        return ""
    key = (c, language())
    found = _rendered.get(key)
    if found is None:
        found = source_words(c)
        reading = reading_words(c)
        if reading:
            found += " — " + reading
        if len(_rendered) > 4096:
            _rendered.clear()
        _rendered[key] = found
    return found


def entries(c: Citation | None) -> tuple[Entry, ...]:
    """Each passage of `c` with its source's publisher, title, address and checked date."""
    if c is None:
        return ()
    reading = reading_words(c)
    out = []
    for p in c.passages:
        s = SOURCES[p.source]
        out.append(Entry(publisher_of(s), title_of(s), _(p.section) if p.section else "", s.url, s.checked,
                         p.quote, reading))
    return tuple(out)


def entry_json(e: Entry) -> dict[str, object]:
    """An entry as `cpetui status --json` writes it."""
    return {"publisher": e.publisher, "title": e.title, "section": e.section, "url": e.url,
            "checked": e.checked.isoformat(), "quote": e.quote, "reading": e.reading}


def sources_of(citations: list[Citation | None]) -> tuple[Source, ...]:
    """The distinct sources `citations` name, in the order first named."""
    seen: dict[str, Source] = {}
    for c in citations:
        for p in c.passages if c else ():
            seen.setdefault(p.source, SOURCES[p.source])
    return tuple(seen.values())
