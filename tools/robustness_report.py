"""Runs the robustness tests and writes their per-class case counts as the table in docs/robustness.md.

    python tools/robustness_report.py           # run the tests, rewrite the table
    python tools/robustness_report.py --check   # run the tests, fail if the committed table differs

Each robustness test records its class and the cases it tried (`cases(...)` in tests/robustness);
the tests proven elsewhere that the report leans on are mapped to a class by name below, one case each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.robustness.classes import CLASSES  # noqa: E402

DOC = ROOT / "docs" / "robustness.md"
START = "<!-- robustness-table:start (tools/robustness_report.py writes this part) -->"
END = "<!-- robustness-table:end -->"

# Tests outside tests/robustness that prove a class too: (module, test name prefix) → class.
ELSEWHERE: dict[tuple[str, str], str] = {
    ("tests.ledger.test_toml_conformance", "test_invalid_file_gives_a_located_error"):
        "toml-test invalid files",
    ("tests.ledger.test_store", "test_a_failing_save_leaves_the_original"): "interrupted saves",
    ("tests.ledger.test_store", "test_a_crash_between_writing_and_replacing"): "interrupted saves",
    ("tests.ledger.test_store", "test_a_read_only_"): "interrupted saves",
    ("tests.ledger.test_store", "test_a_move_whose_second_write_fails"): "interrupted saves",
    ("tests.ledger.test_store", "test_a_save_over_an_outside_edit"): "two writers",
    ("tests.ledger.test_store", "test_an_outside_edit_of_the_same_size"): "two writers",
    ("tests.ledger.test_store", "test_a_ledger_deleted_since_it_was_read"): "two writers",
    ("tests.ledger.test_store_properties", "test_"): "random edit sequences",
    ("tests.ledger.test_evidence", "test_"): "evidence paths",
}
TARGETS = [
    "tests/robustness",
    "tests/ledger/test_toml_conformance.py",
    "tests/ledger/test_store.py",
    "tests/ledger/test_store_properties.py",
    "tests/ledger/test_evidence.py",
]


@dataclass
class Tally:
    tests: int = 0
    cases: int = 0
    failed: int = 0
    skipped: int = 0


def run_tests(xml_path: Path) -> int:
    """Run the tests with a junit XML report (the xunit1 family keeps the recorded properties)."""
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1",
            f"--junitxml={xml_path}", *TARGETS]
    return subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL).returncode


def tally(xml_text: str) -> dict[str, Tally]:
    """Per class: how many tests, how many cases they tried, how many failed or were skipped."""
    out = {name: Tally() for name in CLASSES}
    for case in ET.fromstring(xml_text).iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        name = props.get("robustness_class") or _elsewhere(case.get("classname", ""), case.get("name", ""))
        if name is None:
            continue
        t = out.setdefault(name, Tally())
        t.tests += 1
        t.cases += int(props.get("robustness_cases") or 1)
        if case.find("failure") is not None or case.find("error") is not None:
            t.failed += 1
        elif case.find("skipped") is not None:
            t.skipped += 1
    return out


def _elsewhere(classname: str, test: str) -> str | None:
    for (module, prefix), name in ELSEWHERE.items():
        if classname == module and test.startswith(prefix):
            return name
    return None


def table(tallies: dict[str, Tally]) -> str:
    """The Markdown table: one row per class, in CLASSES order."""
    rows = ["| Class of fault or bad input | Tests | Cases tried | Result | What passing means |",
            "|---|---:|---:|---|---|"]
    for name, meaning in CLASSES.items():
        t = tallies.get(name, Tally())
        rows.append(f"| {name} | {t.tests} | {t.cases:,} | {_result(t)} | {meaning} |")
    total = Tally(*(sum(getattr(t, f) for t in tallies.values()) for f in ("tests", "cases", "failed",
                                                                            "skipped")))
    rows.append(f"| **all classes** | {total.tests} | {total.cases:,} | {_result(total)} | |")
    return "\n".join(rows)


def _result(t: Tally) -> str:
    if t.tests == 0:
        return "**no tests**"
    if t.failed:
        return f"**{t.failed} failed**"
    if t.skipped == t.tests:
        return "skipped"
    return "all passed" + (f" ({t.skipped} skipped)" if t.skipped else "")


def with_table(doc: str, new_table: str) -> str:
    """`doc` with the text between the markers replaced by `new_table`."""
    head, sep, rest = doc.partition(START)
    if not sep or END not in rest:
        raise SystemExit(f"{DOC}: the table markers are missing")
    return head + START + "\n" + new_table + "\n" + END + rest.partition(END)[2]


def classes_in(doc: str) -> list[str]:
    """The class names of the committed table's rows (the total row left out)."""
    body = doc.partition(START)[2].partition(END)[0]
    return [line.split("|")[1].strip() for line in body.splitlines()
            if line.startswith("| ") and not line.startswith(("| Class", "| **"))]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/robustness.md is out of date")
    args = parser.parse_args(list(argv) if argv is not None else None)
    with tempfile.TemporaryDirectory() as tmp:
        xml_path = Path(tmp) / "robustness.xml"
        code = run_tests(xml_path)
        if not xml_path.exists():
            print("pytest wrote no report", file=sys.stderr)
            return 2
        new = with_table(DOC.read_text(encoding="utf-8"), table(tally(xml_path.read_text())))
    if args.check:
        if new != DOC.read_text(encoding="utf-8"):
            print(f"{DOC.relative_to(ROOT)} is out of date: run python tools/robustness_report.py",
                  file=sys.stderr)
            return 1
        return code
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}" + ("" if code == 0 else " (some tests failed)"))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
