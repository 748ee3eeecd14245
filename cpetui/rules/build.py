"""Builds a Program from a program file's data: versions, types, requirements, caps, dates and sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from cpetui.i18n import N_, _
from cpetui.model import Problem, SourceRef
from cpetui.rules.kinds import KINDS, make_computer
from cpetui.rules.programfile import ProgramText, _key, _Lines
from cpetui.rules.quotas import ProgramQuota
from cpetui.rules.sources import Citation, Passage, Source, known_source
from cpetui.rules.spec import (
    ActivityType,
    Cap,
    DateRule,
    Need,
    Program,
    Selector,
    Undecided,
    Version,
)

PERIODS = ("cycle", "year", "calendar-year", "rolling")
ANCHORS = ("start", "month-end", "calendar-year")
EVIDENCE = ("required", "audit", "keep")
def _is_id(text: str) -> bool:
    """Lower-case letters, digits and hyphens, not starting with a hyphen."""
    return bool(text) and text[0] != "-" and text.replace("-", "").isalnum() and text.isascii() and (
        text == text.lower())


# The keys each table of a program file may hold (docs/program-format.md): any other is a typo, said.
KEYS: dict[str, frozenset[str]] = {
    "program": frozenset({"id", "label", "credentials", "credential_hint", "aliases", "source", "document",
                          "dimensions", "version", "checks", "translations", "example", "report",
                          "undecided", "becomes", "becomes_source"}),
    "report": frozenset({"id", "source"}),
    "undecided": frozenset({"first", "last", "message", "source"}),
    "version.check": frozenset({"name", "params", "source"}),
    "document": frozenset({"id", "publisher", "title", "url", "checked", "language", "publisher_en",
                           "title_en"}),
    "version": frozenset({"id", "label", "source", "applies_from", "applies_to", "default", "default_type",
                          "claim_step", "per_activity_max", "limits_source", "evidence", "evidence_source",
                          "before_certification_ineligible", "before_certification_source",
                          "yearly_deadline", "yearly_source", "checks", "grace", "cycle", "type",
                          "requirement", "carryover", "key_date", "note", "options", "pace_advice",
                          "pace_source", "check", "grace_activities_warned", "grace_activities_source",
                          "unit"}),
    "version.cycle": frozenset({"months", "anchor", "first_start", "exempt_years", "early_hours_count",
                                "first_source"}),
    "version.type": frozenset({"id", "label", "kind", "params", "category", "measures", "how", "source",
                               "condition", "ineligible_reason", "renews_for", "renews_dimension",
                               "next_cycle", "max_credentials", "groups", "offered"}),
    "version.requirement": frozenset({"id", "label", "short", "kind", "amount", "period", "select", "source",
                                      "carryover_counts", "always_shown", "unit", "when", "note", "words",
                                      "lost_words", "lost_code", "remark", "of_which_at_most",
                                      "cycle_months", "group_source", "reported_as", "by", "years"}),
    "version.carryover": frozenset({"cap", "select", "window_months", "source", "when", "note", "words",
                                    "credentials"}),
    "version.key_date": frozenset({"id", "label", "months", "days", "after", "source", "clears"}),
    "version.note": frozenset({"text", "source"}),
    "source": frozenset({"source", "section", "quote", "reading", "option", "unconfirmed"}),
}


class _Fail(Exception):
    """A mistake that keeps the program from being built, located."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Reads one program file's data into rules objects, each mistake at its line."""

    def __init__(self, text: ProgramText, source_text: str) -> None:
        self.path = text.path
        self.data: Mapping[str, Any] = text.data or {}
        self.lines = _Lines(source_text)
        self.sources: dict[str, Source] = {}  # by the id the file uses
        self.warnings: list[Problem] = []
        self.pid = ""

    # ------------------------------------------------------------------------------ helpers

    def fail(self, key: str, message: str, hint: str) -> _Fail:
        line, excerpt = self.lines.find(_key(key))
        return _Fail(Problem("error", "program-format", message, SourceRef(self.path, line), excerpt, hint))

    def known(self, table: Any, kind: str) -> None:
        """A warning for each key `table` holds that a table of this kind does not take."""
        if not isinstance(table, dict):
            return
        for key in table:
            if key in KEYS[kind]:
                continue
            import difflib  # only a misspelt key gets here

            line, excerpt = self.lines.find(_key(key))
            close = difflib.get_close_matches(key, sorted(KEYS[kind]), n=1, cutoff=0.7)
            self.warnings.append(Problem(
                "warning", "unknown-key", _("unknown key {key} in a [{kind}] table: not read").format(
                    key=repr(key), kind=kind), SourceRef(self.path, line), excerpt,
                _("did you mean {close}?").format(close=close[0]) if close else
                _("keys it takes: {keys}").format(keys=", ".join(sorted(KEYS[kind])))))

    def text(self, table: Mapping[str, Any], key: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, _("{key} must be text in quotes").format(key=key),
                            _('write {key} = "…"').format(key=key))
        return value

    def number(self, value: Any, key: str) -> float:
        if type(value) not in (int, float) or not 0 <= value <= 100_000:
            raise self.fail(key, _("{key} must be a number from 0 to 100000").format(key=key),
                            _("write {key} = 20, say").format(key=key))
        return float(value)

    def choice(self, table: Mapping[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
        value = table.get(key, default)
        if value not in choices:
            raise self.fail(key, _("{key} must be one of: {choices}").format(
                key=key, choices=", ".join(choices)), _('write {key} = "{first}"').format(
                key=key, first=choices[0]))
        return str(value)

    def date(self, table: Mapping[str, Any], key: str) -> dt.date | None:
        value = table.get(key)
        if value is None:
            return None
        if type(value) is not dt.date:
            raise self.fail(key, _("{key} must be a date").format(key=key),
                            _("write {key} = 2024-01-01 (no quotes)").format(key=key))
        return value

    # ------------------------------------------------------------------------------- sources

    def own_sources(self) -> None:
        for table in self.data.get("document", []) or []:
            if not isinstance(table, dict):
                continue
            self.known(table, "document")
            key = self.text(table, "id")
            checked = self.date(table, "checked")
            self.sources[key] = Source(f"{self.pid}/{key}", self.text(table, "publisher"),
                                       self.text(table, "title"),
                                       self.choice(table, "language", ("en", "ja"), "en"),
                                       table.get("url") if isinstance(table.get("url"), str) else None,
                                       checked or dt.date(1970, 1, 1),
                                       publisher_en=str(table.get("publisher_en", "")),
                                       title_en=str(table.get("title_en", "")))

    def citation(self, value: Any, key: str = "source") -> Citation | None:
        """`source = "key"`, a table {source, section, quote, reading, option}, or a list of tables."""
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        passages: list[Passage] = []
        reading = option = unconfirmed = ""
        for item in items:
            if isinstance(item, str):
                item = {"source": item}
            self.known(item, "source")
            if not isinstance(item, dict):
                raise self.fail(key, _("{key} must name a source").format(key=key),
                                _('write {key} = "a source id", or {{ source = "…", section = "…" }}')
                                .format(key=key))
            name = item.get("source")
            if not isinstance(name, str) or (name not in self.sources and not known_source(name)):
                raise self.fail(key, _("unknown source {name}").format(name=repr(name)),
                                _("declare it in a [[document]] table (id, publisher, title, url)"))
            quote = item.get("quote")
            if name in self.sources:
                name = self.sources[name].key
            passages.append(Passage(name, str(item.get("section", "")),
                                    quote if isinstance(quote, str) else None))
            reading = reading or str(item.get("reading", ""))
            option = option or str(item.get("option", ""))
            unconfirmed = unconfirmed or str(item.get("unconfirmed", ""))
        return Citation(tuple(passages), reading, option, unconfirmed)

    # ---------------------------------------------------------------------------- selectors

    def selector(self, value: Any, dimensions: Mapping[str, tuple[str, ...]]) -> Selector:
        if value is None:
            return Selector()
        if not isinstance(value, dict):
            raise self.fail("select", _("select must be a table"),
                            _('write select = { all = true } or select = { category = ["…"] }'))
        dims: list[tuple[str, tuple[str, ...]]] = []
        categories: tuple[str, ...] = ()
        types: tuple[str, ...] = ()
        for key, raw in value.items():
            if key == "all":
                continue
            values = tuple(str(v) for v in (raw if isinstance(raw, list) else [raw]))
            if key == "category":
                categories = values
            elif key == "type":
                types = values
            else:
                unknown = [v for v in values if v not in dimensions.get(key, ())]
                if unknown:
                    raise self.fail(key, _("{key} has no value {value}").format(
                        key=key, value=repr(unknown[0])), _("values declared: {values}").format(
                        values=", ".join(dimensions.get(key, ()))))
                dims.append((key, values))
        return Selector(tuple(dims), categories, types)

    # ------------------------------------------------------------------------------ program

    def program(self, origin: str) -> Program:
        data = self.data
        self.known(data, "program")
        pid = self.pid = self.text(data, "id")
        if not _is_id(pid):
            raise self.fail("id", _("id {id} must be lower-case letters, digits and hyphens").format(
                id=repr(pid)), _('write id = "company-training", say'))
        credentials = data.get("credentials")
        if not isinstance(credentials, list) or not credentials or not all(
                isinstance(c, str) and c.strip() for c in credentials):
            raise self.fail("credentials", _("credentials must be a list of names"),
                            _('write credentials = ["CISA", "CISM"]'))
        raw_dims = self.table(data, "dimensions")
        dimensions = {k: tuple(str(v) for v in vs) for k, vs in raw_dims.items() if isinstance(vs, list)}
        self.own_sources()
        citation = self.citation(data.get("source"))
        versions = data.get("version")
        if not isinstance(versions, list) or not versions:
            raise self.fail("id", _("a program needs at least one [[version]]"),
                            _("add [[version]] with its id, cycle, types and requirements"))
        built = tuple(self.version(pid, v, dimensions, citation) for v in versions if isinstance(v, dict))
        for v in built:  # a credential unknown to one version: which other version names it
            quota = v.quota
            if isinstance(quota, ProgramQuota):
                quota.others = {w.id: w.quota.credentials() for w in built
                                if w is not v and isinstance(w.quota, ProgramQuota)}
        aliases = data.get("aliases")
        becomes = self.becomes(data.get("becomes"), credentials)
        return Program(
            id=pid, label=self.text(data, "label"), credentials=tuple(credentials), versions=built,
            citation=citation,
            aliases=MappingProxyType({k.upper(): v for k, v in aliases.items()}) if isinstance(
                aliases, dict) else None,
            credential_hint=str(data.get("credential_hint", "")),
            example=self.example() or _example(built[0], dimensions),
            dimensions=MappingProxyType(dimensions) if dimensions else None,
            origin=origin, sources=tuple(self.sources.values()), texts=self.texts(),
            undecided=tuple(self.undecided()),
            reports=tuple(r["id"] for r in self.reports()),
            report_citations=MappingProxyType({r["id"]: self.citation(r.get("source")) or Citation(())
                                               for r in self.reports()}) or None,
            becomes=becomes, becomes_citation=self.citation(data.get("becomes_source")) or citation)

    def becomes(self, raw: Any, credentials: list[str]) -> Mapping[str, tuple[str, ...]] | None:
        """Which credentials become which others (`becomes = { Associate = ["CISSP", …] }`)."""
        if raw is None:
            return None
        if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
            raise self.fail("becomes", _("becomes must name, for a credential, the credentials it becomes"),
                            _('write becomes = { "Associate" = ["CISSP", "SSCP"] }'))
        for name in (n for k, vs in raw.items() for n in (k, *vs)):
            if name not in credentials:
                raise self.fail("becomes", _("becomes names {name}, which is not one of the program's "
                                             "credentials").format(name=repr(name)),
                                _("credentials of this program: {names}").format(
                                    names=", ".join(credentials)))
        return MappingProxyType({k: tuple(v) for k, v in raw.items()})

    def undecided(self) -> list[Undecided]:
        """Start dates no version is chosen for, and why (the body's own words leave them open)."""
        out = []
        for t in self.data.get("undecided", []) or []:
            if not isinstance(t, dict):
                continue
            self.known(t, "undecided")
            first, last = self.date(t, "first"), self.date(t, "last")
            if first is None or last is None:
                raise self.fail("first", _("an undecided range needs first and last dates"),
                                _("write first = 2014-12-02 and last = 2014-12-31"))
            out.append(Undecided(first, last, self.text(t, "message"), self.citation(t.get("source"))))
        return out

    def reports(self) -> list[Mapping[str, Any]]:
        """Export formats made for this program's ledgers (a body's own report form), by id."""
        raw = self.data.get("report", [])
        out = [r for r in raw if isinstance(r, dict)] if isinstance(raw, list) else []
        for r in out:
            self.known(r, "report")
            self.text(r, "id")
        return out

    def example(self) -> tuple[tuple[str, str], ...]:
        """The example activity a new ledger shows, where the file gives it line by line."""
        lines = self.data.get("example")
        if lines is None:
            return ()
        if not isinstance(lines, list) or not all(isinstance(x, dict) and isinstance(x.get("line"), str)
                                                  for x in lines):
            raise self.fail("example", _("example must be a list of tables, each with a line and a note"),
                            _('write example = [{ line = "hours = 1", note = "1 CPE per hour" }]'))
        return tuple((x["line"], str(x.get("note", ""))) for x in lines)

    def texts(self) -> Mapping[str, Mapping[str, str]] | None:
        raw = self.data.get("translations")
        if raw is None:
            return None
        if not isinstance(raw, dict) or not all(
                isinstance(t, dict) and all(isinstance(v, str) for v in t.values()) for t in raw.values()):
            raise self.fail("translations", _("translations must be tables of texts by language"),
                            _('write [translations.ja] with lines "English text" = "日本語"'))
        return MappingProxyType({lang: MappingProxyType(dict(t)) for lang, t in raw.items()})

    def version(self, pid: str, table: Mapping[str, Any], dimensions: Mapping[str, tuple[str, ...]],
                program_citation: Citation | None) -> Version:
        vid = self.text(table, "id")
        citation = self.citation(table.get("source")) or program_citation
        if citation is None:
            raise self.fail("id", _("version {id} names no source").format(id=vid),
                            _('add source = "…" to the version or the program'))
        self.known(table, "version")
        cycle = self.table(table, "cycle")
        self.known(cycle, "version.cycle")
        months = cycle.get("months", 36)
        if type(months) is not int or not 1 <= months <= 120:
            raise self.fail("months", _("a cycle's months must be a whole number from 1 to 120"),
                            _("write months = 36"))
        types = {t.id: t for t in (self.activity_type(t, dimensions, citation)
                                   for t in table.get("type", []) if isinstance(t, dict))}
        if not types:
            raise self.fail("id", _("version {id} has no activity types").format(id=vid),
                            _('add [[version.type]] with id, label and kind'))
        needs = self.requirements(table.get("requirement", []), dimensions, types)
        raw_carry = table.get("carryover")
        carries = [c for c in (raw_carry if isinstance(raw_carry, list) else [raw_carry])
                   if isinstance(c, dict)]
        for c in carries:
            self.known(c, "version.carryover")
        carry = carries[0] if carries else None
        options = table.get("options") if isinstance(table.get("options"), dict) else {}
        # The fields a requirement asks a minimum of (ACFE fraud and ethics, IIA ethics): an activity of
        # such a program without a field is said to count as general.
        fields = tuple(dict.fromkeys(v for _t, n in needs if n.kind == "required"
                                     for key, values in n.select.dimensions if key == "field"
                                     for v in values))
        for note in table.get("note", []) or []:
            self.known(note, "version.note")
        key_dates = tuple(self.key_date(k) for k in table.get("key_date", []) if isinstance(k, dict))
        grace = table.get("grace")
        if grace is not None and grace not in {k.id for k in key_dates}:
            raise self.fail("grace", _("grace names no key date of this version"),
                            _("name the id of one of its [[version.key_date]] tables"))
        step = table.get("claim_step")
        for _t, n in needs:
            if n.by and n.by not in {k.id for k in key_dates}:
                raise self.fail("by", _("by = {by} names no key date of this version").format(by=repr(n.by)),
                                _("name the id of one of its [[version.key_date]] tables"))
        quota = ProgramQuota(needs, carries, citation, options, self.whole(cycle, "exempt_years", 0, 10))
        quota.version_id = vid
        for t, _need in needs:
            if t.get("group_source") is not None:
                quota.group_citations[id(t)] = self.citation(t["group_source"])
        # A cap of one amount for every credential, under every option, is listed with the version too;
        # the quota gives every cap in force, in the file's order.
        version_caps = tuple(
            Cap(n.id, float(t["amount"]), "cycle" if n.period == "cycle" else "year", n.label,
                n.citation or citation, bool(t.get("always_shown", False)), select=n.select,
                unit=t.get("unit", "credits"))
            for t, n in needs if n.kind == "maximum" and not isinstance(t.get("amount"), dict)
            and "when" not in t and t.get("reported_as") != "requirement")
        return Version(
            id=vid, program=pid, label=self.text(table, "label", vid), citation=citation,
            applies_from=self.date(table, "applies_from"), applies_to=self.date(table, "applies_to"),
            default=bool(table.get("default", True)), cycle_months=months,
            cycle_anchor=self.choice(cycle, "anchor", ANCHORS, "start"),  # type: ignore[arg-type]
            types=MappingProxyType(types),
            default_type=str(table.get("default_type", next(iter(types)))),
            quota=quota,
            caps=version_caps,
            groups="group" in dimensions,
            grace_activities_warned=bool(table.get("grace_activities_warned", False)),
            grace_activities_citation=self.citation(table.get("grace_activities_source")),
            grace=grace, key_dates=key_dates,
            evidence=self.choice(table, "evidence", EVIDENCE, "keep"),  # type: ignore[arg-type]
            evidence_citation=self.citation(table.get("evidence_source")),
            quarter_steps=step == 0.25, per_activity_max=(
                self.number(table["per_activity_max"], "per_activity_max")
                if "per_activity_max" in table else None),
            limits_citation=self.citation(table.get("limits_source")),
            before_certification_ineligible=bool(table.get("before_certification_ineligible", False)),
            before_certification_citation=self.citation(table.get("before_certification_source")),
            fields=fields,
            pace_advice=str(table.get("pace_advice", "")),
            pace_citation=self.citation(table.get("pace_source")),
            carryover_select=self.selector((carry or {}).get("select"), dimensions),
            carryover_window_months=(self.whole(carry, "window_months", 1, 120, 12)
                                     if carry is not None and "window_months" in carry else None),
            carryover_citation=self.citation((carry or {}).get("source")) or citation,
            carryover_words=str((carry or {}).get("words", "")),
            checks=(*tuple(table.get("checks", ())),
                    *(c["name"] for c in table.get("check", []) if isinstance(c, dict) and "name" in c)),
            check_params=MappingProxyType({
                c["name"]: (MappingProxyType(dict(c.get("params") or {})), self.citation(c.get("source")))
                for c in table.get("check", []) if isinstance(c, dict) and "name" in c}) or None,
            first_start=self.choice(cycle, "first_start", ("certified", "january"),  # type: ignore[arg-type]
                                    "certified"),
            exempt_years=self.whole(cycle, "exempt_years", 0, 10),
            first_citation=self.citation(cycle.get("first_source")),
            early_hours_count=bool(cycle.get("early_hours_count", False)),
            notes=tuple((self.text(n, "text"), self.citation(n.get("source")))
                        for n in table.get("note", []) if isinstance(n, dict)),
            yearly_deadline=str(table.get("yearly_deadline", "")),
            yearly_citation=self.citation(table.get("yearly_source")),
            unit=self.choice(table, "unit", ("cpe", "completions"), "cpe"),  # type: ignore[arg-type]
        )

    def activity_type(self, table: Mapping[str, Any], dimensions: Mapping[str, tuple[str, ...]],
                      version_citation: Citation) -> ActivityType:
        self.known(table, "version.type")
        tid = self.text(table, "id")
        kind = self.text(table, "kind")
        if kind not in KINDS:  # reported by the reader; said again here so a build never guesses
            raise self.fail("kind", _("unknown arithmetic kind {kind}").format(kind=repr(kind)),
                            _("kinds an activity type may name: {choices}").format(
                                choices=", ".join(sorted(KINDS))))
        params = table.get("params") if isinstance(table.get("params"), dict) else {}
        measures = table.get("measures")
        return ActivityType(
            id=tid, label=self.text(table, "label"), category=str(table.get("category", tid)),
            measures=tuple(measures) if isinstance(measures, list) else KINDS[kind].measures,
            compute=make_computer(kind, params or {}),
            how=str(table.get("how", "")) or kind,
            citation=self.citation(table.get("source")) or version_citation,
            fields="field" in dimensions,
            eligible=kind != "never",
            ineligible_reason=str(table.get("ineligible_reason", "")),
            condition=str(table.get("condition", "")),
            groups=tuple(str(g) for g in table.get("groups", ())),
            offered=bool(table.get("offered", True)),
            renews=kind == "renewal",
            renews_for=MappingProxyType({k.upper(): tuple(v) for k, v in table["renews_for"].items()})
            if isinstance(table.get("renews_for"), dict) else None,
            renews_dimension=str(table.get("renews_dimension", "")),
            next_cycle=self.choice(table, "next_cycle", ("that-day", "cycle-end"),  # type: ignore[arg-type]
                                   "that-day"),
            max_credentials=(int(table["max_credentials"]) if type(table.get("max_credentials")) is int
                             else None),
        )

    def requirements(self, tables: Any, dimensions: Mapping[str, tuple[str, ...]],
                     types: Mapping[str, ActivityType]) -> list[tuple[Mapping[str, Any], Need]]:
        """The requirements as Needs, each beside its table: amounts are chosen per credential later."""
        needs: list[tuple[Mapping[str, Any], Need]] = []
        for n, table in enumerate(t for t in (tables or []) if isinstance(t, dict)):
            self.known(table, "version.requirement")
            self.choice(table, "unit", ("credits", "activities"), "credits")
            kind = self.choice(table, "kind", ("required", "recommended", "maximum"), "required")
            period = self.choice(table, "period", PERIODS, "cycle")
            select = self.selector(table.get("select"), dimensions)
            for t in select.types:
                if t not in types:
                    raise self.fail("type", _("select names no activity type {type}").format(type=repr(t)),
                                    _("types of this version: {types}").format(types=", ".join(types)))
            rid = str(table.get("id", f"requirement-{n + 1}"))
            label = str(table.get("label", rid))
            citation = self.citation(table.get("source"))
            amount = table.get("amount")
            for value in (amount.values() if isinstance(amount, dict) else [amount]):
                self.number(value, "amount")
            years = 0
            if period == "rolling":
                years = self.whole(table, "years", 2, 10, 2) if "years" in table else 0
                if years < 2 or kind == "maximum" or not select.everything:
                    raise self.fail("period", _("a rolling requirement needs years = 2 or more, kind "
                                                "required or recommended, and no select (the earlier "
                                                "cycles are recorded as totals)"),
                                    _('write period = "rolling" and years = 3 beside kind and amount'))
            needs.append((table, Need(rid, label, kind, 0.0, select, period,  # type: ignore[arg-type]
                                      citation, bool(table.get("carryover_counts", False)),
                                      words=str(table.get("words", "")),
                                      lost_words=str(table.get("lost_words", "")),
                                      lost_code=str(table.get("lost_code", "cap-reached")),
                                      remark=str(table.get("remark", "")),
                                      short=str(table.get("short", "")),
                                      by=str(table.get("by", "")), years=years)))
        if not any(n.select.everything and n.period == "cycle" and n.kind == "required" for _t, n in needs):
            raise self.fail("requirement", _("no requirement for the whole cycle"),
                            _('add [[version.requirement]] with kind = "required", period = "cycle" and '
                              "the amount to earn"))
        return needs

    def key_date(self, table: Mapping[str, Any]) -> DateRule:
        self.known(table, "version.key_date")
        return DateRule(self.text(table, "id"), self.text(table, "label"),
                        self.whole(table, "months", -1200, 1200), self.whole(table, "days", -36500, 36500),
                        self.citation(table.get("source")), str(table.get("after", "cycle-end")),
                        str(table.get("clears", "")))

    def table(self, holder: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        """A key that holds a table ({} when absent); anything else is a mistake at its line."""
        value = holder.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, _("{key} must be a table").format(key=key),
                            _("write [{key}] with its keys below it, or {key} = {{ … }}").format(key=key))
        return value

    def whole(self, table: Mapping[str, Any], key: str, low: int, high: int, default: int = 0) -> int:
        value = table.get(key, default)
        if type(value) is not int or not low <= value <= high:
            raise self.fail(key, _("{key} must be a whole number from {low} to {high}").format(
                key=key, low=low, high=high),
                _("write {key} = {example}").format(key=key, example=default or 1))
        return value


def _example(version: Version, dimensions: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    """The commented example activity a new ledger of this program shows, made from its default type."""
    t = version.types[version.default_type]
    lines: list[tuple[str, str]] = [
        ("[[activity]]", ""), ('id = "2025-03-12-course"', ""), ("date = 2025-03-12", N_("the day it ended")),
        ('title = "Course title"', ""), ('provider = "Provider"', ""),
        (f'type = "{t.id}"', ", ".join(version.types)),
    ]
    for key, values in dimensions.items():
        lines.append((f'{key} = "{values[0]}"', ", ".join(values)))
    if t.measures:
        lines.append((f"{t.measures[0]} = {_SAMPLE.get(t.measures[0], '1')}", t.how))
    lines.append(('evidence = ["evidence/2025-03-12-certificate.pdf"]', ""))
    return tuple(lines)


_SAMPLE = {"hours": "2", "minutes": "100", "credits": "2", "semester_hours": "1", "ceus": "1",
           "months": "2", "authors": "1", "exam_parts": "1"}


def build_program(text: ProgramText, source_text: str,
                  origin: str) -> tuple[Program | None, tuple[Problem, ...]]:
    """The Program a program file describes, or None and what keeps it from being built, located.
    `origin`: where it came from, as `cpetui programs` shows it."""
    if not text.ok:
        return None, text.problems
    builder = _Builder(text, source_text)
    try:
        program = builder.program(origin)
        return program, (*text.problems, *builder.warnings)
    except _Fail as e:
        return None, (*text.problems, e.problem)
