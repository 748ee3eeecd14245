"""`cpetui programs`: what the rules know, each figure with its source."""

from __future__ import annotations

from cpetui.rules import PROGRAMS


def test_the_summary_names_every_program_credential_and_version(cli):
    r = cli("programs")
    assert r.code == 0, r.err
    for program in PROGRAMS.values():
        assert f"{program.id}  " in r.out
        assert ", ".join(program.credentials) in r.out
        for version in program.versions:
            assert f"rules {version.id}" in r.out
    # isc2-2012 applies to cycles that started on or before 2014-12-01 (ISC2 Japan · CPE credits)
    assert "rules isc2-2012: chosen for cycles starting up to 2014-12-01" in r.out
    # Two versions cover cycles from 2015: one line each says which one is chosen (issue 19)
    assert "rules isc2-2024: chosen for cycles starting 2015-01-01 or later" in r.out
    assert 'rules isc2-2015: for cycles starting 2015-01-01 or later only when the ledger pins ' \
        'rules = "isc2-2015"' in r.out
    assert "(default)" not in r.out


def test_a_program_in_detail_lists_types_with_arithmetic_and_citations(cli):
    r = cli("programs", "acfe")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    college = lines.index(next(x for x in lines if x.startswith("    college  ")))
    assert lines[college + 1].startswith("      measures: semester_hours, ceus, periods")
    assert lines[college + 2].startswith("      credits: ")
    assert "ACFE JAPAN · CPE credit types · 2. College credit" in lines[college + 3]
    # CFE: 20 a year, at least 10 fraud and 2 ethics (facts sheet §3)
    assert "CFE: 20 per cycle" in r.out and "fraud at least 10" in r.out and "ethics at least 2" in r.out


def test_isc2_shows_groups_and_the_current_cissp_quota(cli):
    r = cli("programs", "ISC2")
    assert r.code == 0
    assert "    education  " in r.out and "[default, group A/B]" in r.out
    # isc2-2024 CISSP: 120 in the cycle, at least 90 Group A, at most 30 Group B (facts sheet 1.2)
    assert "CISSP: 120 per cycle; Group A at least 90; Group B at most 30" in r.out


def test_an_unknown_program_is_a_usage_error(cli):
    r = cli("programs", "nosuch")
    assert r.code == 2
    assert "'nosuch' is not a program cpetui knows; choose one of: acfe, " in r.err
    assert all(p in r.err for p in ("iia, iia-japan", "isc2", "offsec"))


def test_a_program_ends_with_its_sources_address_and_checked_date(cli) -> None:
    r = cli("programs", "iia-japan")
    assert r.code == 0, r.err
    tail = r.out[r.out.index("sources (compare the rules with them):"):].splitlines()
    assert tail[1:] == ["  IIA-Japan · CPE guideline for 2010-2011",
                        "    http://www.iiajapan.com/system/CPE.htm · checked 2026-11-21"]


def test_programs_sources_prints_every_rule_with_its_passage_and_quote(cli) -> None:
    r = cli("programs", "isc2", "--sources")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    grace = lines.index("  Grace period ends (submit CPE, pay the AMF)")
    assert lines[grace + 1:grace + 3] == [
        "    ISC2 · CPE Credit Quick Guide · Grace period",
        "      “更に90日間、全ての未申請クレジットを提出するための猶予期間があります。”"]
    # The CC Group-A-only rule is the quick guide's, not the member policies'.
    groups = lines.index("  CC: groups allowed")
    assert lines[groups + 1:groups + 3] == ["    ISC2 · CPE Credit Quick Guide · Group A and B CPE credits",
                                            "      “CC保有者：グループAのみ”"]
    assert any(line.startswith("    cpetui's reading: at most 10 per cycle") for line in lines)
