"""docs/robustness.md's table names exactly the classes the tests record, and the tool counts them right.

Regenerating the table needs the whole robustness run (`python tools/robustness_report.py`, and
`--check` to compare; run it whenever tests/robustness changes); here the cheap half: the committed
table against the classes, each class against its tests, and the tool's arithmetic on a small junit
report.
"""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.robustness.classes import CLASSES
from tools.robustness_report import DOC, classes_in, table, tally, with_table

XML = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
  <testcase classname="tests.robustness.test_x" name="test_a">
    <properties><property name="robustness_class" value="hostile text"/>
    <property name="robustness_cases" value="14"/></properties>
  </testcase>
  <testcase classname="tests.robustness.test_x" name="test_b">
    <properties><property name="robustness_class" value="hostile text"/>
    <property name="robustness_cases" value="3"/></properties>
    <failure message="boom"/>
  </testcase>
  <testcase classname="tests.ledger.test_toml_conformance" name="test_invalid_file_gives_a_located_error[x]"/>
  <testcase classname="tests.ledger.test_toml_conformance" name="test_invalid_file_gives_a_located_error[y]"/>
  <testcase classname="tests.ledger.test_store" name="test_a_read_only_folder_is_reported">
    <skipped message="root may write anywhere"/>
  </testcase>
  <testcase classname="tests.ledger.test_parse" name="test_unrelated"/>
</testsuite></testsuites>
"""


def test_the_committed_table_names_every_class_once_in_order() -> None:
    assert classes_in(DOC.read_text(encoding="utf-8")) == list(CLASSES)


def test_the_committed_table_reports_no_failure_and_no_empty_class() -> None:
    doc = DOC.read_text(encoding="utf-8")
    body = doc.split("robustness-table:start")[1].split("robustness-table:end")[0]
    rows = [r for r in body.splitlines() if r.startswith("| ") and not r.startswith("| Class")]
    assert len(rows) == len(CLASSES) + 1
    for row in rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        assert int(cells[1]) > 0 and int(cells[2].replace(",", "")) > 0, row
        assert cells[3].startswith("all passed"), row


def test_every_class_has_tests_that_record_it() -> None:
    recorded: set[str] = set()
    for path in (ROOT / "tests" / "robustness").glob("test_*.py"):
        recorded |= set(re.findall(r'cases\(\s*"([^"]+)"', path.read_text(encoding="utf-8")))
    assert recorded == set(CLASSES)


def test_the_tool_adds_up_cases_failures_skips_and_tests_found_elsewhere() -> None:
    t = tally(XML)
    assert (t["hostile text"].tests, t["hostile text"].cases, t["hostile text"].failed) == (2, 17, 1)
    assert (t["toml-test invalid files"].tests, t["toml-test invalid files"].cases) == (2, 2)
    assert t["interrupted saves"].skipped == 1
    assert sum(x.tests for x in t.values()) == 5  # the unrelated test is not counted
    text = table(t)
    assert "| hostile text | 2 | 17 | **1 failed** |" in text
    assert "| toml-test invalid files | 2 | 2 | all passed |" in text
    assert "| interrupted saves | 1 | 1 | skipped |" in text
    assert "| two writers | 0 | 0 | **no tests** |" in text


def test_the_table_goes_between_the_markers_and_nothing_else_changes() -> None:
    doc = DOC.read_text(encoding="utf-8")
    new = with_table(doc, "| new |")
    before, after = doc.split("robustness-table:start"), new.split("robustness-table:start")
    assert before[0] == after[0]
    assert before[1].split("robustness-table:end")[1] == after[1].split("robustness-table:end")[1]
    assert "| new |" in new
