"""The ledger JSON Schema: valid JSON, describes exactly the keys cpetui reads, and every sample obeys it."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cpetui.ledger.limits import LARGEST
from cpetui.model import ACTIVITY_KEYS, CYCLE_KEYS, MEASURE_KEYS
from cpetui.schema import SCHEMA_PATH, load_schema

LEDGERS = Path(__file__).resolve().parent.parent / "ledgers"
SAMPLES = sorted(LEDGERS.glob("*.toml"))

# ----------------------------------------------------------------- a checker for the subset we use
# Only what the schema uses; test_the_schema_uses_only_keywords_the_checker_knows keeps the two in step,
# so a keyword added to the schema cannot be silently ignored here.

ANNOTATIONS = {"$schema", "title", "description", "examples", "x-taplo"}
CHECKED = {
    "type", "required", "properties", "additionalProperties", "items", "allOf", "anyOf",
    "if", "then", "const", "enum", "minimum", "maximum", "minLength", "format", "pattern",
}
_JSON_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Every way `value` breaks `schema`, as 'where: what' strings (empty when it conforms)."""
    out: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_JSON_TYPES[t](value) for t in types):
            return [f"{where}: expected {'/'.join(types)}, got {value!r}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if "minimum" in schema and _JSON_TYPES["number"](value) and value < schema["minimum"]:
        out.append(f"{where}: {value!r} is below {schema['minimum']}")
    if "maximum" in schema and _JSON_TYPES["number"](value) and value > schema["maximum"]:
        out.append(f"{where}: {value!r} is above {schema['maximum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "minLength" in schema and isinstance(value, str) and len(value) < schema["minLength"]:
        out.append(f"{where}: shorter than {schema['minLength']}")
    if schema.get("format") == "date" and isinstance(value, str) and not _is_date(value):
        out.append(f"{where}: {value!r} is not a date")
    if isinstance(value, dict):
        out += [f"{where}: '{key}' is required" for key in schema.get("required", ()) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                out += errors(value[key], sub, f"{where}.{key}")
        if schema.get("additionalProperties", True) is False:
            out += [f"{where}: '{k}' not allowed" for k in value if k not in schema.get("properties", {})]
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            out += errors(item, schema["items"], f"{where}[{i}]")
    for sub in schema.get("allOf", ()):
        out += errors(value, sub, where)
    if "anyOf" in schema and all(errors(value, sub, where) for sub in schema["anyOf"]):
        out.append(f"{where}: matches none of {schema['anyOf']}")
    if "if" in schema and not errors(value, schema["if"], where) and "then" in schema:
        out += errors(value, schema["then"], where)
    return out


def subschemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = [schema]
    for key in ("items", "if", "then"):
        if key in schema:
            found += subschemas(schema[key])
    for key in ("allOf", "anyOf"):
        for sub in schema.get(key, ()):
            found += subschemas(sub)
    for sub in schema.get("properties", {}).values():
        found += subschemas(sub)
    return found


def as_json(value: Any) -> Any:
    """tomllib's values as a TOML-aware editor hands them to a JSON Schema: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


SCHEMA = load_schema()
CYCLE = SCHEMA["properties"]["cycle"]
ACTIVITY = SCHEMA["properties"]["activity"]["items"]


def per_program(program: str) -> dict[str, Any]:
    (rule,) = [r for r in SCHEMA["allOf"] if r["if"]["properties"]["cycle"]["properties"]["program"]
               == {"const": program}]
    return rule["then"]


def check(text: str) -> list[str]:
    return errors(as_json(tomllib.loads(text)), SCHEMA)


# ---------------------------------------------------------------------------------- the schema itself


def test_the_schema_is_valid_json_declaring_a_draft() -> None:
    raw = SCHEMA_PATH.read_text(encoding="utf-8")
    assert json.loads(raw) == SCHEMA
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_the_schema_uses_only_keywords_the_checker_knows() -> None:
    used = {k for sub in subschemas(SCHEMA) for k in sub}
    assert used - ANNOTATIONS - CHECKED == set()


def test_cycle_keys_are_exactly_the_models_each_with_a_description() -> None:
    assert set(CYCLE["properties"]) == set(CYCLE_KEYS)
    assert all(len(p["description"]) > 20 for p in CYCLE["properties"].values())
    assert CYCLE["required"] == ["program", "credential", "start"]


def test_activity_keys_are_exactly_the_models_each_with_a_description() -> None:
    assert set(ACTIVITY["properties"]) == set(ACTIVITY_KEYS)
    assert all(len(p["description"]) > 20 for p in ACTIVITY["properties"].values())
    # the parser's rule: a date, a title and at least one measure
    assert ACTIVITY["required"] == ["date", "title"]
    assert [s["required"] for s in ACTIVITY["anyOf"]] == [[k] for k in MEASURE_KEYS]


def test_per_program_rules_mention_only_keys_the_model_knows() -> None:
    for rule in SCHEMA["allOf"]:
        then = rule["then"]["properties"]
        assert set(then["cycle"]["properties"]) <= set(CYCLE_KEYS)
        # the model's keys, and the dimensions a program declares of its own (PMI's skill `area`)
        from tools.derive import shipped

        program = rule["if"]["properties"]["cycle"]["properties"]["program"]["const"]
        declared = {k for p in shipped() if p.id == program for k in (p.dimensions or {})}
        assert set(then["activity"]["items"]["properties"]) <= set(ACTIVITY_KEYS) | declared


def test_unknown_keys_are_allowed_because_cpetui_keeps_them() -> None:
    assert SCHEMA["additionalProperties"] is True
    assert CYCLE["additionalProperties"] is True and ACTIVITY["additionalProperties"] is True


def test_numbers_have_the_largest_value_the_reader_accepts() -> None:
    props = {**CYCLE["properties"], **ACTIVITY["properties"]}
    for key, top in LARGEST.items():
        limited = props[key]["items"] if key == "sessions" else props[key]
        assert limited["maximum"] == top, key


def test_dates_are_formatted_as_dates() -> None:
    dated = [k for k, t in {**CYCLE_KEYS, **ACTIVITY_KEYS}.items() if dt.date in t]
    props = {**CYCLE["properties"], **ACTIVITY["properties"]}
    assert dated and all(props[k]["format"] == "date" for k in dated)


def test_activity_types_per_program_are_the_canonical_ones() -> None:
    # The canonical identifiers the rules module owns (see docs/ledger-format.md).
    assert per_program("offsec")["properties"]["activity"]["items"]["properties"]["type"]["enum"] == [
        "courses-seminars", "public-speaking", "white-paper", "lab-submission", "webinar", "ctf",
        "exam-renewal"]  # the exam passed again: a renewal by other means
    acfe = per_program("acfe")["properties"]["activity"]["items"]["properties"]["type"]["enum"]
    assert "college" in acfe and "fraud-magazine-quiz" in acfe and "webinar" not in acfe
    isc2 = per_program("isc2")
    assert isc2["properties"]["cycle"]["properties"]["rules"]["enum"] == [
        "isc2-2012", "isc2-2015", "isc2-2024"]
    assert "preparing-training" in isc2["properties"]["activity"]["items"]["properties"]["type"]["enum"]
    assert {"isc2", "offsec", "acfe", "iia-japan", "iia"} <= set(CYCLE["properties"]["program"]["examples"])


# ------------------------------------------------------------------- the checker catches what it should

GOOD = """
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "a"
date = 2024-08-01
title = "Chapter meeting"
type = "education"
group = "A"
hours = 1.5
"""


def test_a_good_ledger_conforms() -> None:
    assert check(GOOD) == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (('type = "education"', 'type = "webinar"'), "$.activity[0].type: 'webinar' is not one of"),
        (('group = "A"', 'group = "C"'), "$.activity[0].group: 'C' is not one of"),
        (("hours = 1.5", "hours = -1"), "$.activity[0].hours: -1 is below 0"),
        (("hours = 1.5", 'notes = "no measure"'), "$.activity[0]: matches none of"),
        # Any id may name a user's own program (`cpetui check` says when none is found); not any text.
        (('program = "isc2"', 'program = "ISC 2"'), "$.cycle.program: 'ISC 2' does not match"),
        (('credential = "CISSP"\n', ""), "$.cycle: 'credential' is required"),
        (("date = 2024-08-01", 'date = "2024-13-01"'), "$.activity[0].date: '2024-13-01' is not a date"),
        (("start = 2024-07-01", 'start = 2024-07-01\nrules = "isc2-2099"'), "$.cycle.rules: 'isc2-2099'"),
    ],
)
def test_the_checker_reports_a_broken_ledger(change: tuple[str, str], complaint: str) -> None:
    found = check(GOOD.replace(*change))
    assert any(e.startswith(complaint) for e in found), found


def test_unknown_keys_pass_the_schema() -> None:
    assert check(GOOD + 'submission_id = "CPE-1"\n') == []


# ------------------------------------------------------------------------------------ the samples


def test_there_are_samples_to_check() -> None:
    assert len(SAMPLES) >= 9


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_ledger_satisfies_the_schema(path: Path) -> None:
    assert check(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_ledger_points_its_editor_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "#:schema ../cpetui/schema/ledger.schema.json"
    assert (path.parent / first.split(" ", 1)[1]).resolve() == SCHEMA_PATH.resolve()


def test_the_schema_offers_what_the_rules_know() -> None:
    from tools.derive import shipped

    programs = shipped()  # built in and shipped as program files; a user's own are not in the schema
    assert list(CYCLE["properties"]["program"]["examples"]) == [p.id for p in programs]
    for program in programs:
        then = per_program(program.id)["properties"]
        versions = [v.id for v in program.versions]
        types = list(dict.fromkeys(t for v in program.versions for t in v.types))
        assert then["cycle"]["properties"]["rules"]["enum"] == versions
        assert then["cycle"]["properties"]["credential"]["examples"] == list(program.credentials)
        assert then["activity"]["items"]["properties"]["type"]["enum"] == types


def test_the_derived_schema_and_programs_document_are_what_the_generator_makes() -> None:
    # The per-program parts of the schema and docs/programs.md come from the programs themselves:
    # a program changed without `python tools/derive.py` leaves a stale copy, which fails here.
    from tools.derive import PROGRAMS_DOC, SCHEMA, programs_doc, schema_text

    assert SCHEMA.read_text(encoding="utf-8") == schema_text()
    assert PROGRAMS_DOC.read_text(encoding="utf-8") == programs_doc()


def test_a_ledger_of_a_users_own_program_satisfies_the_schema() -> None:
    assert check(GOOD.replace('program = "isc2"', 'program = "company-training"')) == []


def test_the_format_document_names_every_key_type_and_version() -> None:
    doc = (SCHEMA_PATH.parents[2] / "docs" / "ledger-format.md").read_text(encoding="utf-8")
    # Each program's types and versions are in the document made from the programs themselves.
    programs = (SCHEMA_PATH.parents[2] / "docs" / "programs.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9_+-]+)`", doc + programs))
    types = {t for rule in SCHEMA["allOf"]
             for t in rule["then"]["properties"]["activity"]["items"]["properties"]["type"]["enum"]}
    versions = set(CYCLE["properties"]["rules"]["examples"])
    assert (set(CYCLE_KEYS) | set(ACTIVITY_KEYS) | types | versions) - named == set()
    assert "#:schema" in doc
