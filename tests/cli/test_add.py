"""`cpetui add`: one activity appended by the surgical writer; its credits explained; bad flags named."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CISSP = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

# my first course, kept as I wrote it
[[activity]]
id = "first"
date = 2024-08-01
title = "First course"
type = "education"
group = "A"
hours = 2   # two hours
"""

CFE = """\
[cycle]
program = "acfe"
credential = "CFE"
start = 2025-07-01
"""


@pytest.fixture
def cissp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cissp.toml"
    path.write_text(CISSP, encoding="utf-8")
    return path


def test_an_activity_is_added_after_the_others_and_its_credits_explained(cli, cissp: Path):
    r = cli("add", str(cissp), "--title", "OWASP meetup", "--date", "2024-09-12", "--hours", "1.5",
            "--type", "education", "--group", "a", "--provider", "OWASP Tokyo",
            "--evidence", "evidence/owasp.pdf", "--evidence", "https://owasp.org/x", "--submitted",
            "2024-09-13", "--notes", "great talk")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == f"added 2024-09-12-owasp-meetup to {cissp}"
    # ISC2: 1 hour = 1 CPE, in quarter hours (seed 000)
    assert lines[1] == "  credits: 1.5 earned, 1.5 counted"
    assert lines[2].startswith("  1.5 h × 1 CPE per hour = 1.5 CPE")
    text = cissp.read_text(encoding="utf-8")
    assert text.startswith(CISSP)  # nothing the user wrote was touched
    added = tomllib.loads(text)["activity"][1]
    assert added == {
        "id": "2024-09-12-owasp-meetup", "date": __import__("datetime").date(2024, 9, 12),
        "title": "OWASP meetup", "provider": "OWASP Tokyo", "type": "education", "group": "A",
        "hours": 1.5, "evidence": ["evidence/owasp.pdf", "https://owasp.org/x"],
        "submitted": __import__("datetime").date(2024, 9, 13), "notes": "great talk",
    }
    assert cli("check", str(cissp)).code == 0


def test_an_earlier_activity_goes_before_and_keeps_the_comment_with_its_owner(cli, cissp: Path):
    r = cli("add", str(cissp), "--title", "Early", "--date", "2024-07-15", "--minutes", "90",
            "--id", "early", "--group", "A")
    assert r.code == 0, r.err
    text = cissp.read_text(encoding="utf-8")
    assert text.index('id = "early"') < text.index("# my first course") < text.index('id = "first"')
    assert "hours = 2   # two hours" in text


def test_acfe_special_measures_and_field(cli, tmp_path: Path):
    path = tmp_path / "cfe.toml"
    path.write_text(CFE, encoding="utf-8")
    r = cli("add", str(path), "--title", "Evening college course", "--date", "2025-12-01",
            "--type", "college", "--field", "fraud", "--periods", "14", "--period-minutes", "100")
    assert r.code == 0, r.err
    # 14 × 100 min in 60-minute periods, floored = 23 CPE (ACFE college credit, seed 003)
    assert "  credits: 23 earned, 23 counted" in r.out.splitlines()
    r = cli("add", str(path), "--title", "Taught", "--date", "2025-12-02", "--type", "instructor",
            "--field", "fraud", "--minutes", "50", "--preparation-hours", "2")
    # a 50-minute lecture with 2 hours of preparation = 1 + 2 = 3 (seed 003)
    assert "  credits: 3 earned, 3 counted" in r.out.splitlines()


@pytest.mark.parametrize(("flags", "message"), [
    (["--hours", "1,5"], "argument --hours: '1,5' is not a number; write 1.5"),
    (["--hours", "-2"], "argument --hours: '-2' must be zero or more"),
    (["--minutes", "1.5"], "argument --minutes: '1.5' is not a whole number; write e.g. 90"),
    (["--hours", "1", "--submitted", "2024-02-30"],
     "argument --submitted: 2024-02-30 is not a date: February 2024 has 29 days"),
    (["--sessions", "30", "x"], "argument --sessions: 'x' is not a whole number"),
])
def test_bad_values_are_refused_by_the_parser_naming_the_flag(cli, cissp: Path, flags, message):
    r = cli("add", str(cissp), "--title", "t", "--date", "2024-09-01", *flags)
    assert r.code == 2
    assert message in r.err
    assert cissp.read_text(encoding="utf-8") == CISSP


@pytest.mark.parametrize(("flags", "message"), [
    (["--hours", "1", "--type", "webinar"],
     "--type: 'webinar' is not an activity type of isc2-2024; choose one of: education, contribution"),
    (["--hours", "1", "--group", "C"], "--group: 'C' is not allowed for education; write A or B"),
    (["--hours", "1", "--type", "professional-development", "--group", "A"],
     "--group: 'A' is not allowed for professional-development; write B"),
    (["--hours", "1", "--field", "fraud"], "--field: isc2 activities have no field; leave it out"),
    ([], "education reads --hours, --minutes, --credits; give one of them"),
    (["--hours", "1", "--minutes", "600"],
     "--hours, --minutes: give one measure (education would count --hours and ignore the rest)"),
    (["--hours", "1", "--semester-hours", "2"], "--semester-hours: education does not read it; leave it out"),
    (["--title", " ", "--hours", "1"], "--title: the title is empty"),
])
def test_flags_that_do_not_fit_the_program_are_named(cli, cissp: Path, flags, message):
    base = ["--title", "t"] if "--title" not in flags else []
    r = cli("add", str(cissp), *base, "--date", "2024-09-01", *flags)
    assert r.code == 2
    assert message in r.err
    assert cissp.read_text(encoding="utf-8") == CISSP


def test_a_taken_id_a_missing_file_and_a_broken_ledger_are_refused(cli, cissp: Path, tmp_path: Path):
    r = cli("add", str(cissp), "--title", "t", "--date", "2024-09-01", "--hours", "1", "--id", "first")
    assert r.code == 1 and "already has an activity with id 'first'" in r.err
    assert cissp.read_text(encoding="utf-8") == CISSP
    r = cli("add", str(tmp_path / "nope.toml"), "--title", "t", "--date", "2024-09-01", "--hours", "1")
    assert r.code == 1 and "nope.toml: no such ledger file" in r.err
    broken = tmp_path / "broken.toml"
    broken.write_text(CISSP.replace("hours = 2", "hours = 1,5"), encoding="utf-8")
    r = cli("add", str(broken), "--title", "t", "--date", "2024-09-01", "--hours", "1")
    assert r.code == 1 and f"{broken}:13:10: error: TOML syntax" in r.err and "nothing was written" in r.err


def test_hostile_titles_are_stored_verbatim_and_printed_harmlessly(cli, cissp: Path):
    title = "\x1b]52;c;aGk=\x07 evil \u202e"
    r = cli("add", str(cissp), "--title", title, "--date", "2024-09-01", "--hours", "1", "--id", "h")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out and "\u202e" not in r.out
    assert tomllib.loads(cissp.read_text(encoding="utf-8"))["activity"][1]["title"] == title


def test_adding_to_each_sample_ledger(cli, samples: Path):
    for ledger in sorted(samples.glob("*.toml")):
        cycle = tomllib.loads(ledger.read_text(encoding="utf-8"))["cycle"]
        # A course completed is counted once: its type reads no measure (IPA's registered specialists).
        measure = [] if cycle["program"] == "ipa-riss" else ["--credits", "1"]
        r = cli("add", str(ledger), "--title", "Added by the CLI test", "--date",
                cycle["start"].isoformat(), *measure, "--id", "cli-test")
        assert r.code == 0, (ledger.name, r.err)
        assert "added cli-test" in r.out
    assert cli("check", str(samples)).code == 0


def test_no_measure_is_one_error_line_naming_what_the_type_reads(cli, cissp: Path):
    r = cli("add", str(cissp), "--title", "t", "--date", "2024-09-01")
    assert r.code == 2
    assert [line for line in r.err.splitlines() if line.strip()] == [
        "cpetui: error: education reads --hours, --minutes, --credits; give one of them"]
