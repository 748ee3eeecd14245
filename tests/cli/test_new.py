"""`cpetui new`: a commented ledger for a new cycle; from the previous one, its computed carryover."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest

# A CISSP cycle (isc2-2024) with 135 Group A credits, 15 of them earned in its last 6 months.
PREVIOUS = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2021-07-01
member_id = "123456"

[[activity]]
id = "a1"
date = 2021-10-01
title = "Course one"
type = "education"
group = "A"
hours = 40

[[activity]]
id = "a2"
date = 2022-10-01
title = "Course two"
type = "education"
group = "A"
hours = 40

[[activity]]
id = "a3"
date = 2023-10-01
title = "Course three"
type = "education"
group = "A"
hours = 40

[[activity]]
id = "late"
date = 2024-03-01
title = "Late conference"
type = "education"
group = "A"
hours = 15
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_from_flags_a_new_ledger_named_after_credential_and_years(cli, here: Path):
    r = cli("new", "--program", "acfe", "--credential", "cfe", "--start", "2025-07-01", "--dir", "cpe")
    assert r.code == 0, r.err
    # ACFE: one compliance year ending with the anniversary month → 2025-07-01 … 2026-06-30
    path = here / "cpe" / "cfe-2025-2026.toml"
    assert r.out.splitlines()[0] == f"created {Path('cpe') / 'cfe-2025-2026.toml'}"
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc == {"cycle": {"program": "acfe", "credential": "CFE", "start": date(2025, 7, 1)}}
    assert "# type = \"participant\"" in path.read_text(encoding="utf-8")  # the teaching example
    assert cli("check", str(path)).code == 0


def test_from_the_previous_cycle_the_carryover_and_the_next_start(cli, here: Path):
    Path("prev.toml").write_text(PREVIOUS, encoding="utf-8")
    r = cli("new", "--from", "prev.toml", "--as-of", "2024-07-01")
    assert r.code == 0, r.err
    # isc2-2024: Group A above the 120, earned in the last 6 months (15), capped at 40 → 15 (seed 000)
    path = here / "cissp-2024-2027.toml"
    text = path.read_text(encoding="utf-8")
    cycle = tomllib.loads(text)["cycle"]
    assert cycle["carryover_in"] == 15
    assert cycle["start"] == date(2024, 7, 1)  # the day after 2024-06-30
    assert cycle["member_id"] == "123456"
    line = next(x for x in text.splitlines() if x.startswith("carryover_in"))
    assert line.startswith("carryover_in = 15  # carried over from prev.toml (cycle ending 2024-06-30)")
    assert "carryover in: 15" in r.out


def test_it_never_overwrites_a_ledger(cli, here: Path):
    args = ("new", "--program", "isc2", "--credential", "CISSP", "--start", "2024-07-01",
            "--output", "mine.toml")
    Path("mine.toml").write_text("# my notes\n")
    r = cli(*args)
    assert r.code == 1 and "already exists" in r.err
    assert Path("mine.toml").read_text() == "# my notes\n"


@pytest.mark.parametrize(("flags", "message"), [
    (["--program", "nosuch", "--credential", "CISA", "--start", "2024-01-01"],
     "--program: 'nosuch' is not a program cpetui knows; choose one of: acfe, "),
    (["--program", "offsec", "--credential", "OSEP", "--start", "2024-01-01"],
     "--credential: 'OSEP' is not a credential of offsec"),
    (["--program", "isc2", "--credential", "CISSP"], "--start needed"),
    # seed 002 is silent on cycles starting 2014-12-02 … 2014-12-31: the rules must be pinned
    (["--program", "isc2", "--credential", "CISSP", "--start", "2014-12-15"], "--start: ISC2's guidelines"),
])
def test_bad_flags_are_usage_errors_naming_the_flag(cli, here: Path, flags, message):
    r = cli("new", *flags, "--dir", "out")
    assert r.code == 2
    assert message in r.err
    assert not (here / "out").exists()


def test_a_pinned_version_is_accepted_for_an_undecided_start(cli, here: Path):
    r = cli("new", "--program", "isc2", "--credential", "CISSP", "--start", "2014-12-15",
            "--rules", "isc2-2012", "--output", "c.toml")
    assert r.code == 0, r.err
    assert tomllib.loads(Path("c.toml").read_text())["cycle"]["rules"] == "isc2-2012"


def test_bad_date_and_missing_previous_ledger(cli, here: Path):
    r = cli("new", "--program", "isc2", "--credential", "CISSP", "--start", "01/07/2024")
    assert r.code == 2
    assert "argument --start: 01/07/2024 is not how a date is written; write the year first" in r.err
    r = cli("new", "--from", "nope.toml")
    assert r.code == 1 and "--from: nope.toml: no such ledger file" in r.err
    Path("broken.toml").write_text('[cycle]\nprogram = "isc2"\n')
    r = cli("new", "--from", "broken.toml")
    assert r.code == 1 and "broken.toml:1:" in r.err


def test_continuing_each_sample_ledger(cli, samples: Path, here: Path):
    # The company's own program travels with its ledgers: a programs/ folder beside them.
    shutil.copytree(samples / "programs", here / "next" / "programs")
    for ledger in sorted(samples.glob("*.toml")):
        r = cli("new", "--from", str(ledger), "--dir", str(here / "next"), "--as-of", "2030-01-01")
        assert r.code == 0, (ledger.name, r.err)
    made = sorted((here / "next").glob("*.toml"))
    assert len(made) == len(list(samples.glob("*.toml")))
    assert cli("check", str(here / "next")).code == 0


def test_a_first_cycle_starts_where_the_program_says_after_certification(tmp_path, capsys) -> None:
    from cpetui.cli import main

    # IIA-Japan: the certification year and the next need no CPE; then 2-year periods from 1 January
    # (IIA-Japan · CPE guideline for 2010-2011 · I. CPE needed to keep the certification).
    assert main(["new", "--program", "iia-japan", "--credential", "CCSA", "--certified", "2009-06-01",
                 "--dir", str(tmp_path)]) == 0
    text = (tmp_path / "ccsa-2011-2012.toml").read_text(encoding="utf-8")
    assert "start = 2011-01-01" in text and "certified = 2009-06-01" in text
    # ISC2: the cycle starts on the certification date.
    assert main(["new", "--program", "isc2", "--credential", "CISSP", "--certified", "2024-07-01",
                 "--dir", str(tmp_path)]) == 0
    assert "start = 2024-07-01" in (tmp_path / "cissp-2024-2027.toml").read_text(encoding="utf-8")


def test_without_start_or_certified_the_message_names_both(tmp_path, capsys) -> None:
    from cpetui.cli import main

    assert main(["new", "--program", "isc2", "--credential", "CISSP", "--dir", str(tmp_path)]) == 2
    assert "--start needed (or --certified DATE for a first cycle" in capsys.readouterr().err
