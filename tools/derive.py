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
                parts = [f"{_num(q.total)} per cycle"]
                for n in q.needs:
                    word = "at most" if n.kind == "maximum" else "at least"
                    per = " a year" if n.period != "cycle" else ""
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
            out += ["| type | label | credits |", "|---|---|---|"]
            out += [f"| `{t.id}` | {t.label} | {t.how} |" for t in v.types.values()]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only say which committed copy differs")
    args = parser.parse_args(argv)
    made = {SCHEMA: schema_text(), PROGRAMS_DOC: programs_doc()}
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
