"""`cpetui due`: each credential's current cycle, the most urgent first, with documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpetui.cli import main

# ISC2 CISSP, cycle 2024-07-01 – 2027-06-30: 120 CPE in the cycle, 40 a year recommended
# (ISC2 · CPE Credit Quick Guide · General CPE rules and guidelines).
CISSP_BEHIND = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "one"
date = 2024-08-01
title = "One webinar"
type = "education"
group = "A"
hours = 2
evidence = ["https://example.org/one"]
"""

# The same credential's previous cycle: history, not listed.
CISSP_BEFORE = CISSP_BEHIND.replace("start = 2024-07-01", "start = 2021-07-01").replace(
    "2024-08-01", "2021-08-01")

# ACFE CFE, year 2026-04-01 – 2027-03-31: 20 CPE, at least 10 fraud-related and 2 ethics; a participant
# earns minutes ÷ 50 (ACFE · CPE requirements FAQ; ACFE JAPAN · CPE credit types · 1. Participant credit).
CFE_DONE = """\
[cycle]
program = "acfe"
credential = "CFE"
start = 2026-04-01

[[activity]]
id = "fraud"
date = 2026-05-01
title = "Fraud conference"
type = "participant"
field = "fraud"
minutes = 900
submitted = 2026-05-02
evidence = ["https://example.org/fraud"]

[[activity]]
id = "ethics"
date = 2026-06-01
title = "Ethics course"
type = "participant"
field = "ethics"
minutes = 100
evidence = ["https://example.org/ethics"]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "cissp-2021-2024.toml").write_text(CISSP_BEFORE, encoding="utf-8")
    (tmp_path / "cissp-2024-2027.toml").write_text(CISSP_BEHIND, encoding="utf-8")
    (tmp_path / "cfe-2026-2027.toml").write_text(CFE_DONE, encoding="utf-8")
    return tmp_path


def due_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["due", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_current_cycle_of_each_credential_most_urgent_first(folder: Path, capsys) -> None:
    code, doc = due_json(capsys, str(folder), "--as-of", "2026-12-01")
    rows = doc["credentials"]
    # CISSP is behind (2 of 120 in year 3): first; its 2021 cycle is history and not listed.
    assert [(r["credential"], Path(r["path"]).name, r["state"]) for r in rows] == [
        ("CISSP", "cissp-2024-2027.toml", "behind"), ("CFE", "cfe-2026-2027.toml", "complete")]
    cissp, cfe = rows
    assert cissp["remaining"] == 118 and cissp["at_risk"] is True
    assert cissp["deadline"]["date"] == "2027-06-30" and cissp["deadline"]["days_left"] == 211
    assert cissp["deadline"]["citation"].startswith("ISC2")  # where the date comes from, in words
    assert cissp["unsubmitted"] == 2  # counted, not yet marked submitted to ISC2
    # CFE: 20 counted, 18 of them submitted; the ethics course is not.
    assert (cfe["remaining"], cfe["unsubmitted"], cfe["at_risk"]) == (0, 2, False)
    assert cfe["deadline"]["date"] == "2027-03-31"
    assert code == 3  # something is behind


def test_exit_0_when_nothing_is_at_risk(tmp_path: Path, capsys) -> None:
    (tmp_path / "cfe.toml").write_text(CFE_DONE, encoding="utf-8")
    assert main(["due", str(tmp_path), "--as-of", "2026-12-01"]) == 0


def test_a_near_deadline_counts_only_when_the_cycle_is_not_complete(tmp_path: Path, capsys) -> None:
    # OffSec OSCP+: 3-year cycle from 2025-03-14, 120 CPE (OffSec · CPE program); on track in its
    # first weeks, the yearly AMF date 2026-03-13 is 12 days away on 2026-03-01.
    (tmp_path / "oscp.toml").write_text(
        '[cycle]\nprogram = "offsec"\ncredential = "OSCP+"\nstart = 2025-03-14\n\n'
        '[[activity]]\nid = "a"\ndate = 2025-04-01\ntitle = "Course"\ntype = "courses-seminars"\n'
        'hours = 50\n',
        encoding="utf-8")
    code, doc = due_json(capsys, str(tmp_path), "--as-of", "2026-03-01", "--within", "30")
    row = doc["credentials"][0]
    assert row["state"] == "on-track" and row["deadline"]["days_left"] == 12 and code == 3
    code, doc = due_json(capsys, str(tmp_path), "--as-of", "2026-03-01", "--within", "7")
    assert code == 0 and doc["at_risk"] is False


def test_a_ledger_that_does_not_read_exits_1_and_is_listed(folder: Path, capsys) -> None:
    (folder / "broken.toml").write_text("[cycle\n", encoding="utf-8")
    code, doc = due_json(capsys, str(folder), "--as-of", "2026-12-01")
    assert code == 1
    assert [Path(f["path"]).name for f in doc["failed"]] == ["broken.toml"]


def test_text_names_the_deadline_and_marks_what_is_at_risk(folder: Path, capsys) -> None:
    assert main(["due", str(folder), "--as-of", "2026-12-01"]) == 3
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Due as of 2026-12-01, most urgent first:"
    assert out[1].startswith("! CISSP") and "211 days" in out[1] and "118 to go" in out[1]
    assert "Cycle ends" in out[2] and "cissp-2024-2027.toml" in out[2]
    assert out[3].startswith("  CFE") and "requirement met" in out[3] and "2 not marked submitted" in out[3]
    assert "\x1b[" not in "\n".join(out)  # not a terminal: no colour


def test_status_on_several_ledgers_ends_with_the_same_summary(folder: Path, capsys) -> None:
    main(["status", str(folder), "--as-of", "2026-12-01"])
    out = capsys.readouterr().out
    summary = out[out.index("Due as of 2026-12-01"):].splitlines()
    assert summary[1].startswith("! CISSP") and summary[3].startswith("  CFE")


def test_every_sample_ledger_has_its_current_cycle_listed(capsys) -> None:
    code, doc = due_json(capsys, "ledgers", "--as-of", "2026-12-01")
    names = {Path(r["path"]).name for r in doc["credentials"]}
    assert names == {"cc-2025-2028.toml", "ccsa-2025-2026.toml", "ccsp-2025-2028.toml", "cfe-2026-2027.toml",
                     "cia-2026.toml", "cisa-2026-2028.toml", "cissp-2024-2027.toml",
                     "company-training-2026.toml", "oscp-plus-2025-2028.toml", "security-plus-2025-2028.toml",
                     "gcih-2025-2029.toml", "pmp-2024-2027.toml", "ceh-2025-2028.toml", "riss-2024-2027.toml"}
    assert all(r["deadline"] is not None for r in doc["credentials"])
    assert doc["failed"] == [] and code == 3  # the CC ledger is behind, deliberately


def test_each_body_has_one_yearly_line_for_all_its_credentials(capsys) -> None:
    # ISC2: one AMF a year for all ISC2 credentials (ISC2 Japan · Annual maintenance fee page); the
    # samples' ISC2 cycles are CC, CCSP and CISSP, of which CCSP's year ends first.
    code, doc = due_json(capsys, "ledgers", "--as-of", "2026-12-01")
    assert [(y["program"], y["date"], y["credentials"]) for y in doc["yearly"]] == [
        ("isaca", "2026-12-31", ["CISA"]), ("eccouncil", "2027-01-31", ["CEH"]),
        ("isc2", "2027-01-31", ["CCSP"]), ("offsec", "2027-03-13", ["OSCP+"])]
    assert doc["yearly"][2]["citation"].startswith("ISC2 Japan · ")
    main(["due", "ledgers", "--as-of", "2026-12-01"])
    text = capsys.readouterr().out
    assert "  ISC2: Annual CPE year ends (and the AMF is due) on 2027-01-31 (61 days; from CCSP)" in text


def test_a_suspended_credential_says_what_clears_it(tmp_path, capsys) -> None:
    # EC-Council: a missed window suspends the certification for at most 12 months; reinstatement then
    # shortens the next window (EC-Council help centre).
    (tmp_path / "ceh.toml").write_text(
        '[cycle]\nprogram = "eccouncil"\ncredential = "CEH"\nstart = 2024-02-01\n\n[[activity]]\nid = "a"\n'
        'date = 2024-04-18\ntitle = "Workshop"\ntype = "education"\nhours = 16\n', encoding="utf-8")
    code, doc = due_json(capsys, str(tmp_path), "--as-of", "2027-03-01")
    (row,) = doc["credentials"]
    assert row["state"] == "suspended" and "reinstatement within 12 months" in row["clears"]
    main(["due", str(tmp_path), "--as-of", "2027-03-01"])
    assert "suspended since 2027-02-01; to clear it: reinstatement" in capsys.readouterr().out
