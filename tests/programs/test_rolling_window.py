"""The rolling-window example of docs/program-format.md (the 公認会計士 CPE shape, rules-facts 5.6: fiscal
years April–March, 120 over the current fiscal year and the two before, at least 20 each year, minima
by subject), written only with the documented vocabulary: read from the docs and run on ledgers."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from cpetui.cli import main
from cpetui.ledger.programs import use_programs
from cpetui.rules.programfile import read_program_text
from tests.rules.helpers import activity

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "program-format.md").read_text(encoding="utf-8")
PROGRAM = next(block for block in re.findall(r"```toml\n(.*?)```", DOC, re.S)
               if 'id = "cpa-cpe-example"' in block)
LEDGER = next(block for block in re.findall(r"```toml\n(.*?)```", DOC, re.S)
              if 'program = "cpa-cpe-example"' in block)

# FY2026: 2 ethics, 2 tax, 6 audit quality, 25 other = 35 units.
YEAR = (activity("ethics", "2026-05-20", type="training", subject="ethics", hours=2)
        + activity("tax", "2026-06-10", type="training", subject="tax", hours=2)
        + activity("audit", "2026-07-01", type="training", subject="audit-quality", hours=6)
        + activity("other", "2026-09-15", type="training", subject="other", hours=25))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "cpa.toml").write_text(PROGRAM, encoding="utf-8")
    yield tmp_path
    use_programs()


def status_of(capsys, path: Path, as_of: str = "2026-12-01") -> dict:  # type: ignore[type-arg]
    assert main(["status", str(path), "--as-of", as_of, "--json"]) == 0, capsys.readouterr().err
    (doc,) = json.loads(capsys.readouterr().out)["ledgers"]
    return doc


def row(doc: dict, rid: str) -> dict:  # type: ignore[type-arg]
    return next(r for r in doc["requirements"] if r["id"] == rid)


def test_the_example_reads_cleanly_and_is_marked_as_an_example() -> None:
    read = read_program_text(PROGRAM, "docs/program-format.md")
    assert read.ok and read.problems == ()
    assert "not JICPA's complete rules" in DOC and "An EXAMPLE of a rolling window" in PROGRAM
    assert tomllib.loads(PROGRAM)["version"][0]["requirement"][1]["period"] == "rolling"


def test_the_window_adds_the_two_years_before_from_earlier(folder: Path, capsys) -> None:
    ledger = folder / "cpa-2026.toml"
    ledger.write_text(LEDGER + "\n" + YEAR, encoding="utf-8")
    doc = status_of(capsys, ledger)
    # This year: 35 of the 20 required each fiscal year (JICPA: at least 20 a year).
    assert (doc["total"]["counted"], doc["total"]["required"], doc["total"]["met"]) == (35, 20, True)
    window = row(doc, "window")
    # 40 (FY2024) + 35 (FY2025) + 35 this year = 110 of 120 over the three fiscal years.
    assert (window["counted"], window["required"], window["met"]) == (110, 120, False)
    assert window["label"] == "Units over three fiscal years · 2024-04-01 – 2027-03-31"
    assert "35 counted in this cycle + 75 in the 2 cycles before it (2024-04-01: 40, 2025-04-01: 35)" in (
        window["explanation"])
    assert [row(doc, s)["met"] for s in ("ethics", "tax", "audit-quality")] == [True, True, True]
    # The window needs 10 more this year although this year's 20 are done: the pace says so.
    assert doc["pace"]["remaining"] == 10 and doc["state"] != "complete"


def test_a_year_missing_from_earlier_is_said_where_earlier_stands_and_counts_0(folder: Path, capsys) -> None:
    text = LEDGER.replace("{ start = 2024-04-01, credits = 40 }, ", "") + "\n" + YEAR
    ledger = folder / "cpa-2026.toml"
    ledger.write_text(text, encoding="utf-8")
    doc = status_of(capsys, ledger)
    assert row(doc, "window")["counted"] == 70
    (f,) = [f for f in doc["findings"] if f["code"] == "earlier-missing"]
    assert f["line"] == 5 and "2024-04-01" in f["message"] and "cpetui new --from" in f["hint"]


def test_new_from_last_year_writes_the_window_for_the_next(folder: Path, capsys) -> None:
    ledger = folder / "cpa-2026.toml"
    ledger.write_text(LEDGER + "\n" + YEAR, encoding="utf-8")
    assert main(["new", "--from", str(ledger), "--as-of", "2027-04-02"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    made = (folder / "cpa-2027-2028.toml").read_text(encoding="utf-8")
    # The next window: FY2025 (35, as recorded) and FY2026 (35, computed from its ledger).
    assert "start = 2027-04-01" in made
    assert "earlier = [{ start = 2025-04-01, credits = 35 }, { start = 2026-04-01, credits = 35 }]" in made
    doc = status_of(capsys, folder / "cpa-2027-2028.toml", "2027-05-01")
    assert row(doc, "window")["counted"] == 70 and doc["pace"]["remaining"] == 50


def test_a_rolling_requirement_with_a_select_or_without_years_is_refused() -> None:
    from cpetui.rules.build import build_program

    for broken in (PROGRAM.replace("years = 3\n", ""),
                   PROGRAM.replace("years = 3\n", 'years = 3\nselect = { subject = ["tax"] }\n')):
        read = read_program_text(broken, "cpa.toml")
        program, problems = build_program(read, broken, "")
        assert program is None
        (p,) = [p for p in problems if p.severity == "error"]
        assert "a rolling requirement needs years = 2 or more" in p.message
        assert broken.splitlines()[p.source.line - 1].startswith("period")


@pytest.mark.parametrize(("written", "instead", "said"), [
    # credits as text: the wrong shape
    ("credits = 40", 'credits = "40"', "earlier must list the cycles before this one"),
    # the same cycle twice: which of the two would count?
    ("2025-04-01", "2024-04-01", "earlier lists the cycle starting 2024-04-01 twice"),
], ids=["wrong-shape", "listed-twice"])
def test_a_mistake_in_earlier_is_a_located_error(folder: Path, capsys, written: str, instead: str,
                                                 said: str) -> None:
    ledger = folder / "cpa-2026.toml"
    ledger.write_text(LEDGER.replace(written, instead), encoding="utf-8")
    assert main(["check", str(ledger)]) == 1
    out = capsys.readouterr().out
    assert "cpa-2026.toml:5:" in out and said in out


def test_cpetui_programs_names_the_window(folder: Path, capsys) -> None:
    assert main(["programs", "cpa-cpe-example", "--ledgers", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Units over three fiscal years at least 120 over this cycle and the 2 before it" in out
