"""`cpetui export`: CSV for portals, Markdown and JSON reports, the IIA-Japan layout; stable and harmless."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

# A small CISSP ledger whose titles try to be formulas, markup and terminal escapes.
HOSTILE = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "formula"
date = 2024-09-01
title = "=HYPERLINK(\\"http://evil\\",\\"click\\")"
provider = "@attacker"
type = "education"
group = "A"
hours = 1.5
evidence = ["-evidence.pdf"]

[[activity]]
id = "markup"
date = 2024-08-01
title = "**bold** [link](http://x) | pipe <script> \\u001b[31mred\\u001b]52;c;aGk=\\u0007 \\u202eevil"
type = "education"
group = "B"
minutes = 90
notes = "+1 line\\nsecond line"
"""

# An IIA-Japan CCSA period with the organiser's address and phone the report asks for.
CCSA = """\
[cycle]
program = "iia-japan"
credential = "CCSA"
start = 2025-01-01

[[activity]]
id = "kenshu"
date = 2025-02-13
title = "内部監査研修会：IT全般統制の評価実務"
provider = "一般社団法人日本内部監査協会"
type = "education"
minutes = 300
organizer_address = "東京都中央区京橋2-3-19"
organizer_phone = "03-6214-2231"

[[activity]]
id = "membership"
date = 2025-04-01
title = "個人会員 更新"
provider = "一般社団法人日本内部監査協会"
type = "membership"
credits = 10

[[activity]]
id = "zenkoku"
date = 2025-11-14
title = "第59回 内部監査推進全国大会"
provider = "一般社団法人日本内部監査協会"
type = "event"
hours = 5.5
"""


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("cissp.toml").write_text(HOSTILE, encoding="utf-8")
    return "cissp.toml"


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json"])
def test_each_format_matches_its_golden_file(cli, golden, hostile: str, fmt: str):
    r = cli("export", hostile, "--format", fmt, "--as-of", "2025-01-01")
    assert r.code == 0, r.err
    golden(f"hostile.{ {'markdown': 'md'}.get(fmt, fmt) }", r.out)


def test_iia_japan_layout_lists_each_category_with_organiser_address_and_phone(cli, golden, tmp_path,
                                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("ccsa.toml").write_text(CCSA, encoding="utf-8")
    r = cli("export", "ccsa.toml", "--format", "iia-japan", "--as-of", "2026-12-31")
    assert r.code == 0, r.err
    # 300 min ÷ 50 = 6 (cat. I); event 5.5 h = 5.5 (cat. III); membership 10 (cat. VI) — seed 004
    assert ("| 内部監査研修会：IT全般統制の評価実務 | 2025-02-13 | 一般社団法人日本内部監査協会 "
            "| 東京都中央区京橋2-3-19 | 03-6214-2231 | 6 |") in r.out
    assert "Subtotal: 5.5 CPE" in r.out and "Subtotal: 10 CPE" in r.out
    golden("ccsa-iia-japan.md", r.out)


def test_csv_defuses_formulas_and_keeps_one_row_per_activity_in_date_order(cli, hostile: str):
    r = cli("export", hostile, "--format", "csv", "--as-of", "2025-01-01")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [row["id"] for row in rows] == ["markup", "formula"]  # 2024-08-01 before 2024-09-01
    formula = rows[1]
    assert formula["title"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert formula["provider"] == "'@attacker"
    assert formula["evidence"] == "'-evidence.pdf"
    assert formula["credits"] == "1.5"  # 1.5 h = 1.5 CPE (ISC2: 1 hour = 1 CPE, seed 000)
    assert rows[0]["credits"] == "1.5"  # 90 min = 1.5 h
    assert rows[0]["notes"] == "'+1 line\nsecond line"
    assert "\x1b" not in r.out and "\u202e" not in r.out


def test_markdown_shows_hostile_titles_as_literal_text(cli, hostile: str):
    r = cli("export", hostile, "--format", "markdown", "--as-of", "2025-01-01")
    assert "\x1b" not in r.out and "\x07" not in r.out and "\u202e" not in r.out
    row = next(line for line in r.out.splitlines() if "markup" in line)
    assert r"\*\*bold\*\* \[link\](http://x) \| pipe \<script\> \\x1b\[31mred" in row
    assert row.count(" | ") == 10  # the title's pipe did not add a column


def test_json_is_the_status_structure(cli, hostile: str):
    exported = json.loads(cli("export", hostile, "--format", "json", "--as-of", "2025-01-01").out)
    status = json.loads(cli("status", hostile, "--json", "--as-of", "2025-01-01").out)
    assert exported == status
    assert exported["schema_version"] == 1
    (ledger,) = exported["ledgers"]
    assert {a["id"]: a["credits"] for a in ledger["activities"]} == {"markup": 1.5, "formula": 1.5}


def test_output_is_stable_and_timestamped_only_when_asked(cli, hostile: str):
    first = cli("export", hostile, "--format", "markdown", "--as-of", "2025-01-01").out
    assert first == cli("export", hostile, "--format", "markdown", "--as-of", "2025-01-01").out
    assert "Generated" not in first
    stamped = cli("export", hostile, "--format", "markdown", "--as-of", "2025-01-01", "--timestamp").out
    assert stamped.startswith(first) and "Generated 20" in stamped
    data = json.loads(cli("export", hostile, "--format", "json", "--timestamp").out)
    assert data["generated_at"].startswith("20")


def test_output_file_is_written_and_a_ledger_is_never_overwritten(cli, hostile: str):
    r = cli("export", hostile, "--format", "csv", "--output", "out.csv", "--as-of", "2025-01-01")
    assert r.code == 0 and r.out == ""
    assert Path("out.csv").read_text(encoding="utf-8").startswith("type,group,field,title")
    before = Path(hostile).read_bytes()
    r = cli("export", hostile, "--format", "csv", "--output", hostile)
    assert r.code == 1 and "looks like a ledger (a .toml file)" in r.err
    assert Path(hostile).read_bytes() == before


def test_errors_missing_file_broken_ledger_wrong_format(cli, hostile: str):
    r = cli("export", "nope.toml", "--format", "csv")
    assert (r.code, r.err.strip()) == (1, "cpetui: error: nope.toml: no such ledger file")
    Path("broken.toml").write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-13-01\n')
    r = cli("export", "broken.toml", "--format", "markdown")
    assert r.code == 1 and "broken.toml:4:" in r.err and "cannot be evaluated" in r.err
    r = cli("export", hostile, "--format", "iia-japan")
    assert r.code == 1 and "the IIA-Japan report is for iia-japan ledgers" in r.err
    assert cli("export", hostile, "--format", "pdf").code == 2
    assert cli("export", hostile).code == 2  # --format is required


def test_every_sample_ledger_exports_in_every_format(cli, samples: Path):
    for ledger in sorted(samples.glob("*.toml")):
        for fmt in ("csv", "markdown", "json"):
            r = cli("export", str(ledger), "--format", fmt, "--as-of", "2026-12-31")
            assert r.code == 0, (ledger.name, fmt, r.err)
        rows = list(csv.DictReader(io.StringIO(cli("export", str(ledger), "--format", "csv").out)))
        assert len(rows) == len(__import__("tomllib").loads(ledger.read_text())["activity"])


def test_iia_japan_subtotals_add_up_to_the_total_on_the_sample(cli, samples: Path):
    r = cli("export", str(samples / "ccsa-2025-2026.toml"), "--format", "iia-japan", "--as-of", "2026-12-31")
    assert r.code == 0, r.err
    subtotals = [float(line.split()[1]) for line in r.out.splitlines() if line.startswith("Subtotal:")]
    total = next(line for line in r.out.splitlines() if line.startswith("- Total counted:"))
    assert f"{sum(subtotals):g}" == total.split()[3]
