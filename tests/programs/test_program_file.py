"""A program file is data: it names checks only from cpetui's registry, and its mistakes are located."""

from __future__ import annotations

import sys

import pytest

from cpetui.rules.programfile import ARITHMETIC, read_program_text

GOOD = """\
id = "company"
label = "Company training"
credentials = ["Internal"]

[dimensions]
format = ["classroom", "e-learning"]

[[version]]
id = "company-2026"
checks = ["duplicate-courses"]

[[version.type]]
id = "course"
kind = "per-hour"

[[version.requirement]]
kind = "maximum"
amount = 8
period = "year"
select = { format = ["e-learning"] }
"""


def _one(text: str, path: str = "programs/company.toml"):
    read = read_program_text(text, path)
    assert not read.ok
    assert len(read.problems) == 1, read.problems
    return read.problems[0]


def test_a_well_formed_program_file_has_no_problems() -> None:
    read = read_program_text(GOOD, "programs/company.toml")
    assert read.ok and read.problems == ()
    assert read.data is not None and read.data["dimensions"]["format"] == ["classroom", "e-learning"]


@pytest.mark.parametrize("name", ["os.system", "cpetui.rules.assess.duplicate_courses",
                                  "/tmp/evil.py", "../checks/evil.py", "pkg.module:func"])
def test_a_check_naming_code_or_a_file_is_refused_at_its_line(name: str) -> None:
    text = GOOD.replace('checks = ["duplicate-courses"]', f'checks = ["duplicate-courses", "{name}"]')
    before = set(sys.modules)
    p = _one(text)
    assert p.code == "unknown-check" and p.severity == "error"
    assert str(p.source) == "programs/company.toml:10:1"
    assert name in p.message and "never imports or runs" in p.message
    assert "duplicate-courses" in p.hint and name in p.excerpt
    # Nothing the file names was imported: no module appeared whose name it holds.
    assert not {m for m in set(sys.modules) - before if m.split(".")[0] in ("os", "pkg", "evil")}


def test_an_unknown_plain_check_name_says_which_exist() -> None:
    p = _one(GOOD.replace('"duplicate-courses"]', '"no-such-check"]'))
    assert p.message == "unknown check 'no-such-check'"
    assert p.source.line == 10 and p.hint == "checks a program may name: duplicate-courses"


def test_a_toml_syntax_error_is_located_with_a_hint() -> None:
    read = read_program_text(GOOD.replace('kind = "per-hour"', 'kind = per-hour'), "p.toml")
    assert read.data is None and not read.ok
    (p,) = read.problems
    assert p.code == "toml-syntax" and p.source.path == "p.toml" and p.source.line == 14
    assert p.excerpt == "kind = per-hour" and p.hint and "line" not in p.message


def test_an_unknown_arithmetic_kind_is_located() -> None:
    p = _one(GOOD.replace('"per-hour"', '"per-fortnight"'))
    assert p.code == "unknown-kind" and p.source.line == 14
    assert "'per-fortnight'" in p.message and "per-50-minutes" in p.hint


def test_a_selector_naming_an_undeclared_dimension_is_located() -> None:
    p = _one(GOOD.replace("select = { format =", "select = { delivery ="))
    assert p.code == "undeclared-dimension" and p.source.line == 20
    assert "'delivery'" in p.message and "[dimensions]" in p.hint and "format" in p.hint


def test_reading_a_program_file_imports_no_check_it_names() -> None:
    import subprocess

    code = ("import sys; from cpetui.rules.programfile import read_program_text as r; "
            "r('checks = [\"os.system\", \"subprocess.run\"]', 'p.toml'); "
            "print('subprocess' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_program_schema_names_the_kinds_and_checks_cpetui_knows() -> None:
    import json
    from pathlib import Path

    from cpetui.rules.assess import CHECKS

    schema = json.loads((Path(__file__).resolve().parents[2] / "cpetui" / "schema" /
                         "program.schema.json").read_text(encoding="utf-8"))
    version = schema["properties"]["version"]["items"]["properties"]
    assert set(version["type"]["items"]["properties"]["kind"]["enum"]) == ARITHMETIC
    assert set(version["checks"]["items"]["enum"]) == set(CHECKS)
    assert set(schema["properties"]["checks"]["items"]["enum"]) == set(CHECKS)


def test_the_documented_example_reads_cleanly_and_obeys_the_schema() -> None:
    import json
    import re
    import tomllib
    from pathlib import Path

    from tests.test_schema import as_json, errors

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "program-format.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", doc, re.S)
    assert example is not None
    read = read_program_text(example.group(1), "docs/program-format.md")
    assert read.ok and read.problems == ()
    schema = json.loads((root / "cpetui" / "schema" / "program.schema.json").read_text(encoding="utf-8"))
    assert errors(as_json(tomllib.loads(example.group(1))), schema) == []
    # The example is the sample program beside the sample ledgers, word for word.
    sample = (root / "ledgers" / "programs" / "company-training.toml").read_text(encoding="utf-8")
    assert example.group(1) == sample
    for kind in sorted(ARITHMETIC):
        assert f"`{kind}`" in doc  # every arithmetic kind is listed in the docs


def test_a_kind_s_parameters_are_checked_and_make_its_computer() -> None:
    from cpetui.rules import computers
    from cpetui.rules.kinds import make_computer

    fixed = GOOD.replace('kind = "per-hour"', 'kind = "fixed"\nparams = { amount = 5 }')
    assert read_program_text(fixed, "p.toml").problems == ()
    p = _one(GOOD.replace('kind = "per-hour"', 'kind = "fixed"'))
    assert p.code == "missing-parameter" and p.source.line == 14 and "amount" in p.hint
    p = _one(GOOD.replace('kind = "per-hour"', 'kind = "per-hour"\nparams = { factor = 2 }'))
    assert p.code == "unknown-parameter" and p.source.line == 15 and "'factor'" in p.message
    assert make_computer("per-hour", {}) is computers.hourly
    assert callable(make_computer("fixed", {"amount": 5, "first_time_only": True}))


def test_the_readme_example_program_reads_and_builds_cleanly() -> None:
    import re
    from pathlib import Path

    from cpetui.rules.build import build_program

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### A program of your own"):]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example is not None
    program, problems = build_program(read_program_text(example.group(1), "README.md"), example.group(1),
                                      "README.md")
    assert problems == () and program is not None and program.id == "company-training"


def test_cycle_totals_may_come_in_several_tables_by_credential_and_option() -> None:
    # Two credentials cited from two passages, and a lower total under a ledger option: the first
    # table whose credential and `when` fit is the cycle total; a credential none names is told so.
    from datetime import date
    from types import MappingProxyType

    import pytest

    from cpetui.model import Cycle
    from cpetui.rules.build import build_program
    from cpetui.rules.spec import QuotaError

    text = """id = "two"
label = "Two"
credentials = ["AA", "BB"]
source = "isaca-cpe"

[[version]]
id = "two-1"

[version.options]
part_time = false

[[version.type]]
id = "course"
label = "Course"
kind = "per-hour"

[[version.requirement]]
kind = "required"
amount = { AA = 5 }
when = { part_time = true }
note = "part time"

[[version.requirement]]
kind = "required"
amount = { AA = 10 }

[[version.requirement]]
kind = "required"
amount = { BB = 20 }
"""
    program, problems = build_program(read_program_text(text, "two.toml"), text, "")
    assert problems == () and program is not None
    quota = program.versions[0].quota
    assert quota(Cycle("two", "AA", date(2026, 1, 1))).total == 10
    assert quota(Cycle("two", "BB", date(2026, 1, 1))).total == 20
    part = quota(Cycle("two", "AA", date(2026, 1, 1), options=MappingProxyType({"part_time": True})))
    assert (part.total, part.note) == (5, "part time")
    with pytest.raises(QuotaError) as err:
        quota(Cycle("two", "CC", date(2026, 1, 1)))
    assert "AA, BB" in err.value.message
