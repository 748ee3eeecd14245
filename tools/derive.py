"""Writes what is derived from the programs: the ledger JSON Schema's per-program parts and docs/programs.md.

`python tools/derive.py` rewrites both from the shipped programs (built in and cpetui/programs/*.toml);
`--check` says which committed copy differs (the test suite runs it)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHEMA = ROOT / "cpetui" / "schema" / "ledger.schema.json"
PROGRAM_SCHEMA = ROOT / "cpetui" / "schema" / "program.schema.json"
PROGRAMS_DOC = ROOT / "docs" / "programs.md"


def shipped() -> list[Any]:
    """Every program cpetui ships, built-in ones first, in the order `cpetui programs` lists them."""
    from cpetui.ledger.programs import FolderFinder
    from cpetui.rules.registry import BUILT_IN

    return [*BUILT_IN, *FolderFinder([]).all()]


def _type_words(program: Any) -> str:
    seen: dict[str, str] = {}
    for v in program.versions:
        for t in v.types.values():
            seen.setdefault(t.id, f"{t.label}: {t.how}")
    listed = "; ".join(f"{tid} ({label})" for tid, label in seen.items())
    return f"{program.label} activity type (which ones apply depends on the rules version): {listed}."


def ledger_schema(base: dict[str, Any]) -> dict[str, Any]:
    """The ledger schema with its per-program parts made from the programs."""
    programs = shipped()
    schema = json.loads(json.dumps(base))
    cycle = schema["properties"]["cycle"]["properties"]
    ids = [p.id for p in programs]
    cycle["program"] = {
        "type": "string",
        "pattern": "^[a-z0-9][a-z0-9-]*$",
        "examples": ids,
        "description": "The program whose rules apply: one cpetui ships (" + ", ".join(ids) + ") or the id "
                       "of a program file in a programs/ folder beside the ledgers.",
    }
    cycle["rules"]["examples"] = [v.id for p in programs for v in p.versions]
    activity = schema["properties"]["activity"]["items"]["properties"]
    activity["type"] = {
        "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
        "examples": list(dict.fromkeys(t for p in programs for v in p.versions for t in v.types)),
        "description": "The program's activity type (a lower-case id); which ones apply depends on the "
                       "cycle's program and rules version.",
    }
    for key in ("group", "field"):  # the values a program declares: checked per program below
        activity[key].pop("enum", None)
    schema["allOf"] = [{
        "if": {"properties": {"cycle": {"properties": {"program": {"const": p.id}}, "required": ["program"]}},
               "required": ["cycle"]},
        "then": {"properties": {
            "cycle": {"properties": {"credential": {"examples": list(p.credentials)},
                                     "rules": {"enum": [v.id for v in p.versions]}}},
            "activity": {"items": {"properties": {
                "type": {"enum": list(dict.fromkeys(t for v in p.versions for t in v.types)),
                         "description": _type_words(p)},
                **{key: {"enum": list(values)} for key, values in (p.dimensions or {}).items()}}}}}},
    } for p in programs]
    return schema


def schema_text() -> str:
    base = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return json.dumps(ledger_schema(base), ensure_ascii=False, indent=2) + "\n"


def _obj(description: str, properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "description": description, "properties": properties,
                           "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def program_schema() -> dict[str, Any]:
    """The JSON Schema of a program file: every key the reader takes, with the arithmetic kinds, checks
    and keys as the code has them (cpetui.rules.kinds, cpetui.rules.assess, cpetui.rules.build)."""
    from cpetui.rules.assess import CHECKS
    from cpetui.rules.build import ANCHORS, EVIDENCE, KEYS, PERIODS
    from cpetui.rules.kinds import KINDS

    ident = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
    date_ = {"type": "string", "format": "date"}
    passage = _obj("A passage of a source: which document, the section as a reader finds it, the exact "
                   "words, and cpetui's reading or why a figure is unconfirmed.", {
                       "source": _text("a document's id: one of cpetui's or of this file's [[document]]"),
                       "section": _text("the section or passage"),
                       "quote": _text("the exact words, in the document's language"),
                       "reading": _text("cpetui's reading, where the document leaves a point open"),
                       "option": _text("the ledger option that changes the reading"),
                       "unconfirmed": _text("why the figure is not yet confirmed by the body's own document"),
                   }, ["source"])
    citation = {"anyOf": [{"type": "string"}, passage, {"type": "array", "items": passage}],
                "description": "What a rule rests on: a document id, a passage, or several passages."}
    checks = {"type": "array", "items": {"type": "string", "enum": sorted(CHECKS)},
              "description": "Rules data cannot say, by name, from cpetui's own list (never code)."}
    select = {"type": "object", "description": "Which activities: values of a declared dimension, "
              "category or type (lists), or all = true.", "additionalProperties": {
                  "anyOf": [{"type": "string"}, {"type": "boolean"},
                            {"type": "array", "items": {"type": "string"}}]}}
    number = {"type": "number", "minimum": 0, "maximum": 100000}
    amount = {"anyOf": [number, {"type": "object", "additionalProperties": number}],
              "description": "One amount, or one per credential ({ CISA = 120, … })."}
    carryover = _obj("A carryover rule.", {
        "cap": amount, "select": select, "window_months": {"type": "integer", "minimum": 1},
        "source": citation, "when": {"type": "object"}, "note": _text("said when it applies"),
        "words": _text("the credits that may carry over, in words (since, pool)"),
        "credentials": {"type": "array", "items": {"type": "string"},
                        "description": "the credentials it is for (all when absent)"}})
    version = _obj("One set of rules, by id.", {
        "id": ident, "label": _text("the version's name"), "source": citation,
        "applies_from": date_, "applies_to": date_,
        "default": {"type": "boolean", "description": "chosen from the dates when a ledger pins none"},
        "default_type": ident, "claim_step": {"type": "number", "enum": [0.25]},
        "per_activity_max": number, "limits_source": citation,
        "evidence": {"type": "string", "enum": list(EVIDENCE)}, "evidence_source": citation,
        "before_certification_ineligible": {"type": "boolean"}, "before_certification_source": citation,
        "yearly_deadline": _text("what falls due at the end of each year of the cycle"),
        "yearly_source": citation, "checks": checks, "grace": ident,
        "cycle": _obj("The cycle's shape.", {
            "months": {"type": "integer", "minimum": 1, "maximum": 120},
            "anchor": {"type": "string", "enum": list(ANCHORS)},
            "first_start": {"type": "string", "enum": ["certified", "january"]},
            "exempt_years": {"type": "integer", "minimum": 0, "maximum": 10},
            "early_hours_count": {"type": "boolean"}, "first_source": citation}),
        "type": {"type": "array", "items": _obj("An activity type.", {
            "id": ident, "label": _text("its name"),
            "kind": {"type": "string", "enum": sorted(KINDS), "description": "the built-in arithmetic"},
            "params": {"type": "object", "description": "the kind's parameters"},
            "category": {"type": "string"}, "measures": {"type": "array", "items": {"type": "string"}},
            "how": _text("the arithmetic in words"), "source": citation,
            "condition": _text("what must hold for it to count that a ledger cannot show"),
            "ineligible_reason": _text("why it never counts (kind = \"never\")"),
            "renews_for": {"type": "object", "additionalProperties": {"type": "array",
                                                                      "items": {"type": "string"}},
                           "description": "by credential, the values of renews_dimension that renew it"},
            "renews_dimension": _text("the dimension naming what was earned (kind = \"renewal\")"),
            "next_cycle": {"type": "string", "enum": ["that-day", "cycle-end"],
                           "description": "with kind = \"renewal\": the next cycle starts that day, or when "
                                          "this one ends"},
            "groups": {"type": "array", "items": {"type": "string"},
                       "description": "the groups it may be claimed in (one: always that group)"},
            "offered": {"type": "boolean", "description": "false: retired, read but not offered"},
            "max_credentials": {"type": "integer", "minimum": 1,
                                "description": "the most of the body's credentials one such activity "
                                               "(the same id in several ledgers) counts for"}},
            ["id", "label", "kind"])},
        "requirement": {"type": "array", "items": _obj("A requirement or a cap, as a record.", {
            "id": {"type": "string"}, "label": _text("its name"),
            "short": _text("what it selects, in a word or two"),
            "kind": {"type": "string", "enum": ["required", "recommended", "maximum"]},
            "amount": amount, "period": {"type": "string", "enum": list(PERIODS)}, "select": select,
            "source": citation, "carryover_counts": {"type": "boolean"},
            "always_shown": {"type": "boolean"},
            "when": {"type": "object",
                     "description": "the ledger options it applies under ({ practicing = false })"},
            "note": _text("said beside the cycle total when this requirement is the one chosen"),
            "unit": {"type": "string", "enum": ["credits", "activities"],
                     "description": "a maximum of credits, or of activities (each counted in full)"},
            "words": _text("the explanation's words (counted, earned, carry, min, max)"),
            "lost_words": _text("a maximum's finding when it takes credits"),
            "lost_code": {"type": "string"}, "remark": _text("said beside each activity it cuts"),
            "of_which_at_most": {"type": "object", "description": "a yearly amount's share that may be "
                                                                  "Group B ({ select, amount })"},
            "cycle_months": {"type": "integer", "minimum": 1, "maximum": 120},
            "group_source": citation,
            "reported_as": {"type": "string", "enum": ["requirement"],
                            "description": "a maximum shown as a requirement row, not a cap"},
            "by": {"type": "string", "description": "in a version counting completions: the key date a "
                                                    "period's completions are due by, when earlier than "
                                                    "the period's end"}},
            ["kind", "amount"])},
        "carryover": {"anyOf": [carryover, {"type": "array", "items": carryover}],
                      "description": "Credits above the total that carry into the next cycle; several "
                                     "tables: the first whose `when` the ledger's options meet."},
        "options": {"type": "object", "description": "Each ledger option's value when a ledger does not "
                                                     "set it ({ practicing = true })."},
        "pace_advice": _text("the body's own advice on pace"), "pace_source": citation,
        "grace_activities_warned": {"type": "boolean", "description": "warn of activities dated in the "
                                                                       "grace period: they count next cycle"},
        "grace_activities_source": citation,
        "unit": {"type": "string", "enum": ["cpe", "completions"],
                 "description": "what the figures count: CPE credits, or completions of a kind of course"},
        "check": {"type": "array", "items": _obj("A named check with its parameters.", {
            "name": {"type": "string", "enum": sorted(CHECKS)}, "params": {"type": "object"},
            "source": citation}, ["name"])},
        "key_date": {"type": "array", "items": _obj("A key date after the cycle.", {
            "id": ident, "label": _text("its name"), "months": {"type": "integer"},
            "days": {"type": "integer"}, "after": ident, "source": citation,
            "clears": _text("what ends the state this date begins (a suspension's way out)")},
            ["id", "label"])},
        "note": {"type": "array", "items": _obj("Something a holder should know, said at the cycle.", {
            "text": _text("the words"), "source": citation}, ["text"])},
    }, ["id", "type", "requirement"])
    schema = _obj("A cpetui program file: one body's CPE rules as data (docs/program-format.md).", {
        "id": ident, "label": _text("the program's name"),
        "credentials": {"type": "array", "items": {"type": "string"}},
        "credential_hint": _text("said after the list of credentials when one is not known"),
        "aliases": {"type": "object", "additionalProperties": {"type": "string"}},
        "source": citation,
        "document": {"type": "array", "items": _obj("A document the rules rest on.", {
            "id": ident, "publisher": _text("who publishes it"), "title": _text("its title as published"),
            "url": _text("where it is"), "checked": date_,
            "language": {"type": "string", "enum": ["en", "ja"]},
            "publisher_en": _text("the publisher in English"), "title_en": _text("the title in English")},
            ["id", "publisher", "title"])},
        "dimensions": {"type": "object",
                       "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "description": "Each dimension an activity may carry, with its values."},
        "version": {"type": "array", "items": version},
        "checks": checks,
        "undecided": {"type": "array", "items": _obj("Cycle start dates no version is chosen for.", {
            "first": date_, "last": date_, "message": _text("why, with {start}"), "source": citation},
            ["first", "last", "message"])},
        "report": {"type": "array", "items": _obj("An export format made for this program's ledgers.", {
            "id": ident, "source": citation}, ["id"])},
        "becomes": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    "description": "Which credentials become which others (Associate → CISSP): a ledger's "
                                   "`became` ends its cycle and requirement at its end."},
        "becomes_source": citation,
        "example": {"type": "array", "description": "The example activity a new ledger shows, line by line.",
                    "items": _obj("A line of the example.", {"line": _text("the TOML line"),
                                                            "note": _text("its comment")}, ["line"])},
        "translations": {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": {"type": "string"}},
            "description": "The file's words in other languages: "
                           "[translations.ja] \"English\" = \"日本語\"."},
    }, ["id", "label", "credentials", "version"])
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "cpetui program file",
              **schema}
    assert set(schema["properties"]) == KEYS["program"] and set(version["properties"]) == KEYS["version"]
    return schema


def program_schema_text() -> str:
    return json.dumps(program_schema(), ensure_ascii=False, indent=2) + "\n"


def _num(x: float) -> str:
    return f"{x:g}"


def programs_doc() -> str:
    """docs/programs.md: each shipped program's credentials, requirements, caps and activity types."""
    from cpetui.model import Cycle
    from cpetui.rules.sources import source_words
    from cpetui.rules.spec import QuotaError

    out = ["# The programs cpetui ships", "",
           "Made by `python tools/derive.py` from the programs themselves (never edited by hand): what",
           "`cpetui programs PROGRAM` shows, as tables. A program of your own is described in",
           "[program-format.md](program-format.md).", ""]
    for p in shipped():
        out += [f"## {p.label} (`{p.id}`)", "", "Credentials: " + ", ".join(p.credentials) + ".", ""]
        for v in p.versions:
            out += [f"### `{v.id}` — {v.label}", "", f"Source: {source_words(v.citation)}.", "",
                    f"Cycle: {v.cycle_months} months.", "",
                    "| credential | requirements |", "|---|---|"]
            start = v.applies_from or v.applies_to or date(2024, 1, 1)
            for credential in p.credentials:
                try:
                    q = v.quota(Cycle(p.id, credential, start))
                except QuotaError:
                    continue
                unit = " completions" if v.unit == "completions" else ""
                parts = [f"{_num(q.total)}{unit} per cycle"]
                for n in q.needs:
                    word = "at most" if n.kind == "maximum" else "at least"
                    per = (f" over this cycle and the {n.years - 1} before it" if n.period == "rolling"
                           else " a year" if n.period != "cycle" else "")
                    parts.append(f"{n.short or n.label} {word} {_num(n.amount)}{per}")
                for cap in (q.caps or ()):
                    per = "a year" if cap.per == "year" else "a cycle"
                    parts.append(f"{cap.label}: at most {_num(cap.amount)} {per}")
                if q.carryover_cap is None:
                    parts.append("carryover (no cap stated)")
                elif q.carryover_cap:
                    parts.append(f"carryover up to {_num(q.carryover_cap)}")
                out.append(f"| {credential} | {'; '.join(parts)} |")
            out.append("")
            if v.caps:
                out += ["| cap | at most | per |", "|---|---|---|"]
                out += [f"| {c.label} | {_num(c.amount)} | {c.per} |" for c in v.caps]
                out.append("")
            out += ["| type | label | counts |" if v.unit == "completions" else "| type | label | credits |",
                    "|---|---|---|"]
            out += [f"| `{t.id}` | {t.label} | {t.how} |" for t in v.types.values()]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only say which committed copy differs")
    args = parser.parse_args(argv)
    made = {SCHEMA: schema_text(), PROGRAM_SCHEMA: program_schema_text(), PROGRAMS_DOC: programs_doc()}
    stale = [path for path, text in made.items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} differs from what tools/derive.py makes: run it",
                  file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(made[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
