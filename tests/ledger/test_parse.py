"""Reading ledgers: model objects with their lines, and every problem located with a hint."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cpetui.ledger.load import discover, read_ledger
from cpetui.ledger.parse import parse_bytes, parse_text
from cpetui.ledger.report import format_problem

HEADER = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01
"""


def problems(text: str) -> list[str]:
    return [format_problem(p) for p in parse_text(text, "cissp.toml").problems]


def test_a_clean_ledger_gives_model_objects_that_know_their_lines() -> None:
    ledger = parse_text(
        HEADER
        + """
# ISC2 chapter meeting
[[activity]]
id = "2024-08-01-chapter"
date = 2024-08-01
title = "ISC2 Tokyo chapter: ゼロトラスト入門"
provider = "ISC2 Japan Chapter"
type = "education"
group = "A"
minutes = 90          # two talks
evidence = ["certificates/chapter-aug.pdf"]
""",
        "cissp.toml",
    )
    assert ledger.ok and ledger.problems == ()
    assert ledger.cycle is not None
    assert (ledger.cycle.program, ledger.cycle.credential) == ("isc2", "CISSP")
    assert ledger.cycle.start == date(2024, 7, 1)
    (a,) = ledger.activities
    assert a.source.line == 7
    assert a.line_of("minutes") == 14
    assert a.title.endswith("ゼロトラスト入門")
    assert a.measure.minutes == 90 and a.measure.given() == {"minutes": 90}
    assert a.evidence == ("certificates/chapter-aug.pdf",)


def test_hours_written_with_a_decimal_comma_is_a_wrong_type_with_the_fix() -> None:
    out = problems(HEADER + '\n[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "x"\nhours = "1,5"\n')
    assert out == [
        'cissp.toml:10:9: error: hours must be a number, got text "1,5"\n'
        '   10 | hours = "1,5"\n'
        "      |         ^\n"
        "      hint: write hours = 1.5 (a number, without quotes)"
    ]


def test_an_unquoted_decimal_comma_is_a_located_syntax_error() -> None:
    (p,) = parse_text(HEADER + "[[activity]]\nhours = 1,5\n", "c.toml").problems
    assert (p.code, p.source.line, p.source.col) == ("toml-syntax", 6, 10)
    assert "1.5" in p.hint


def test_an_impossible_date_is_located_and_explained() -> None:
    (p,) = parse_text(HEADER + "[[activity]]\ndate = 2024-13-01\n", "c.toml").problems
    assert p.code == "toml-syntax" and p.source.line == 6
    assert p.message == "2024-13-01 is not a date: there is no month 13"
    assert p.hint == "write the month as 01 to 12, e.g. 2026-11-20"


def test_a_quoted_date_is_a_wrong_type_with_the_unquoted_form_as_hint() -> None:
    ledger = parse_text(
        HEADER + '[[activity]]\nid = "a"\ndate = "2024-08-01"\ntitle = "x"\nhours = 1\n', "c.toml"
    )
    (p,) = ledger.problems
    assert p.message == 'date must be a date, got text "2024-08-01"'
    assert p.hint == "write date = 2024-08-01 (a date, without quotes)"
    assert ledger.activities == ()


def test_a_duplicated_cycle_table_is_a_syntax_error_at_the_second() -> None:
    (p,) = parse_text(HEADER + "\n[cycle]\nprogram = \"acfe\"\n", "c.toml").problems
    assert p.code == "toml-syntax" and p.source.line == 6
    assert "single [cycle]" in p.hint


def test_a_stray_activities_table_is_an_error_because_its_credits_would_vanish() -> None:
    ledger = parse_text(HEADER + '\n[[activities]]\nid = "x"\n', "c.toml")
    (p,) = ledger.problems
    assert (p.severity, p.code, p.source.line) == ("error", "unknown-table", 6)
    assert p.hint == "did you mean [[activity]]?"


def test_unknown_keys_are_kept_and_reported_as_warnings() -> None:
    ledger = parse_text(
        HEADER + '[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "x"\nhours = 2\nhour = 1\n',
        "c.toml",
    )
    (p,) = ledger.problems
    assert (p.severity, p.code, p.source.line) == ("warning", "unknown-key", 10)
    assert p.hint == "did you mean 'hours'?"
    assert ledger.activities[0].extra == {"hour": 1}
    assert ledger.ok


def test_a_missing_measure_duplicate_ids_and_missing_keys_are_errors() -> None:
    ledger = parse_text(
        HEADER
        + '[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "x"\n'
        + '[[activity]]\nid = "b"\ndate = 2024-08-01\ntitle = "y"\nhours = 1\n'
        + '[[activity]]\nid = "b"\ndate = 2024-08-02\ntitle = "z"\nhours = 1\n'
        + '[[activity]]\nid = "c"\nhours = 1\n',
        "c.toml",
    )
    codes = [(p.code, p.source.line) for p in ledger.problems]
    assert ("missing-measure", 5) in codes
    assert ("duplicate-id", 15) in codes
    assert codes.count(("missing-key", 19)) == 2  # no date, no title
    assert [a.id for a in ledger.activities] == ["b"]


def test_an_activity_without_id_is_known_by_its_line_and_gets_a_suggestion() -> None:
    ledger = parse_text(
        HEADER + '[[activity]]\ndate = 2024-08-01\ntitle = "OWASP Meetup Tokyo"\nhours = 2\n', "c.toml"
    )
    (p,) = ledger.problems
    assert p.severity == "warning" and p.code == "missing-id"
    assert 'id = "2024-08-01-owasp-meetup-tokyo"' in p.hint
    assert ledger.activities[0].id == "line-5"


def test_missing_cycle_keys_are_named() -> None:
    ledger = parse_text('[cycle]\nprogram = "acfe"\n', "c.toml")
    assert [p.message for p in ledger.problems] == [
        "[cycle] has no 'credential'",
        "[cycle] has no 'start'",
    ]
    assert ledger.cycle is None


def test_group_and_field_values_are_checked() -> None:
    ledger = parse_text(
        HEADER + '[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "x"\nhours = 2\ngroup = "C"\n',
        "c.toml",
    )
    (p,) = ledger.problems
    assert p.code == "bad-value" and p.source.line == 10


def test_a_byte_order_mark_and_crlf_endings_load() -> None:
    data = ("\ufeff" + HEADER + '[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "x"\nhours = 1\n')
    ledger = parse_bytes(data.replace("\n", "\r\n").encode("utf-8"), "bom.toml")
    assert ledger.ok and ledger.activities[0].source.line == 5


def test_non_utf8_bytes_are_located() -> None:
    ledger = parse_bytes(HEADER.encode() + b'notes = "caf\xe9"\n', "latin1.toml")
    (p,) = ledger.problems
    assert (p.code, p.source.line, p.source.col) == ("not-utf8", 5, 13)


def test_an_empty_file_says_how_to_start() -> None:
    (p,) = parse_text("", "e.toml").problems
    assert p.code == "empty" and "[cycle]" in p.hint


def test_tab_indentation_is_valid_toml_and_loads() -> None:
    ledger = parse_text(HEADER + '[[activity]]\n\tid = "a"\n\tdate = 2024-08-01\n'
                        '\ttitle = "x"\n\thours =\t1.5\n', "t.toml")
    assert ledger.ok and ledger.activities[0].measure.hours == 1.5
    assert ledger.activities[0].line_of("hours") == 9


def test_a_control_character_inside_a_string_is_a_located_error() -> None:
    (p,) = parse_text(HEADER + 'notes = "a\x07b"\n', "t.toml").problems
    assert p.code == "toml-syntax" and p.source.line == 5


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    (p,) = parse_text("x = " + "[" * 5000 + "]" * 5000 + "\n", "deep.toml").problems
    assert p.severity == "error"


def test_one_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(HEADER)
    (tmp_path / "b.toml").write_text("[cycle\n")
    files, missing = discover([tmp_path])
    ledgers = [read_ledger(f) for f in files]
    assert [led.ok for led in ledgers] == [True, False]
    assert missing == []


def test_an_oversized_file_is_refused_with_a_message(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (9 * 1024 * 1024) + b"\n")
    (p,) = read_ledger(big).problems
    assert p.code == "too-large" and "split" in p.hint


# TOML breaks lines at LF only; U+2028, U+2029, U+0085 and friends may stand raw inside a string.
SEPARATED = HEADER + '''
[[activity]]
id = "a"
date = 2024-08-01
title = "第一部\u2028第二部\u2029付録\u0085終"
hours = 1

[[activity]]
id = "b"
date = 2024-08-02
title = "t"
hours = 1
group = "Q"
'''


def test_unicode_line_separators_inside_a_title_do_not_shift_the_lines_after_it() -> None:
    ledger = parse_text(SEPARATED, "cissp.toml")
    (first,) = ledger.activities
    assert first.title == "第一部\u2028第二部\u2029付録\u0085終"
    assert first.line_of("hours") == 10
    assert problems(SEPARATED)[0].startswith('cissp.toml:17:9: error: group must be "A" or "B"')
    assert '   17 | group = "Q"' in problems(SEPARATED)[0]


def test_check_points_at_the_right_line_after_a_line_separator_and_with_crlf(tmp_path: Path) -> None:
    import subprocess
    import sys

    for name, text in (("lf.toml", SEPARATED), ("crlf.toml", SEPARATED.replace("\n", "\r\n"))):
        path = tmp_path / name
        path.write_bytes(text.encode())
        out = subprocess.run([sys.executable, "-m", "cpetui", "check", str(path)], capture_output=True,
                             text=True, encoding="utf-8", check=False).stdout
        assert f"{path}:17:9: error" in out, out
        assert '   17 | group = "Q"\n' in out, out


# ------------------------------------------------------------------ limits: numbers and dates

ACTIVITY_AT_10 = '\n[[activity]]\nid = "a"\ndate = 2024-08-01\ntitle = "x"\ntype = "education"\n'


def errors(text: str) -> list[str]:
    return [f"{p.source.line}:{p.source.col}: {p.message}"
            for p in parse_text(text, "cissp.toml").problems if p.severity == "error"]


def test_the_largest_sensible_number_is_accepted_and_the_next_refused() -> None:
    assert errors(HEADER + ACTIVITY_AT_10 + "hours = 10000\n") == []
    assert errors(HEADER + ACTIVITY_AT_10 + "hours = 10000.25\n") == [
        "11:9: hours must be a number from 0 to 10,000, got 10000.25"]
    assert errors(HEADER + ACTIVITY_AT_10 + "minutes = 600001\n") == [
        "11:11: minutes must be a number from 0 to 600,000, got 600001"]
    assert errors(HEADER + ACTIVITY_AT_10 + "hours = nan\n") == [
        "11:9: hours must be a number from 0 to 10,000, got nan"]
    assert errors(HEADER + ACTIVITY_AT_10 + "hours = -inf\n") == [
        "11:9: hours must be a number from 0 to 10,000, got -inf"]
    assert errors(HEADER + ACTIVITY_AT_10 + "hours = -2\n") == ["11:9: hours must be zero or more, got -2"]


def test_a_carryover_out_of_range_is_an_error_and_counts_as_none() -> None:
    ledger = parse_text(HEADER + "carryover_in = 1e308\n", "cissp.toml")
    assert [p.message for p in ledger.problems] == [
        "carryover_in must be a number from 0 to 10,000, got 1e+308"]
    assert ledger.cycle is not None and ledger.cycle.carryover_in == 0.0


def test_dates_from_1900_to_2999_are_read_and_others_refused() -> None:
    edge = HEADER.replace("2024-07-01", "1900-01-01") + "end = 2999-12-31\n"
    assert errors(edge + ACTIVITY_AT_10.replace("2024-08-01", "2999-12-31") + "hours = 1\n") == []
    assert errors(HEADER + ACTIVITY_AT_10.replace("2024-08-01", "3000-01-01") + "hours = 1\n") == [
        "8:8: date must be a date from 1900-01-01 to 2999-12-31, got 3000-01-01"]
    assert errors(HEADER + ACTIVITY_AT_10 + "hours = 1\nsubmitted = 1899-12-31\n") == [
        "12:13: submitted must be a date from 1900-01-01 to 2999-12-31, got 1899-12-31"]


def test_the_cycle_and_the_activities_are_checked_by_one_table_of_keys() -> None:
    """A wrong type, an unknown key and a bad value read alike in [cycle] and [[activity]]."""
    text = (HEADER + 'certified = "2020-01-01"\ncolour = "red"\n' + ACTIVITY_AT_10
            + 'hours = 1\nsubmitted = "2024-08-02"\ncolour = "red"\ngroup = "C"\nfield = "x"\n')
    out = [(p.source.line, p.code, p.message) for p in parse_text(text, "cissp.toml").problems]
    assert out == [
        (5, "wrong-type", 'certified must be a date, got text "2020-01-01"'),
        (6, "unknown-key", "unknown key 'colour' in [cycle] (kept, not used)"),
        (14, "wrong-type", 'submitted must be a date, got text "2024-08-02"'),
        (15, "unknown-key", "unknown key 'colour' in activity (kept, not used)"),
        (16, "bad-value", 'group must be "A" or "B", got "C"'),
    ]  # `field` is no dimension of ISC2's: its value is not checked (see the next test)


def test_group_and_field_are_checked_against_the_values_the_program_declares() -> None:
    # ACFE declares fields (fraud, ethics, general: ACFE · CPE requirements FAQ); OffSec no dimension.
    acfe = ('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-04-01\n\n[[activity]]\n'
            'id = "a"\ndate = 2024-05-01\ntitle = "Seminar"\ntype = "participant"\nminutes = 100\n')
    ledger = parse_text(acfe + 'field = "x"\n', "cfe.toml")
    out = [(p.source.line, p.message, p.hint) for p in ledger.problems]
    assert out == [(12, 'field must be "fraud", "ethics" or "general", got "x"',
                    'write field = "fraud", "ethics" or "general"')]
    assert parse_text(acfe + 'field = "Ethics"\n', "cfe.toml").problems == ()
    offsec = acfe.replace('"acfe"', '"offsec"').replace('"CFE"', '"OSCP+"').replace("participant", "webinar")
    assert parse_text(offsec + 'group = "C"\n', "oscp.toml").problems == ()


def test_a_key_of_a_hundred_dotted_parts_reads_and_one_more_is_refused() -> None:
    body = HEADER + ACTIVITY_AT_10 + "hours = 1\n"
    assert errors(body + "x" + ".a" * 99 + " = 1\n") == []
    assert errors(body + "x" + ".a" * 100 + " = 1\n") == ["12:1: the file nests too deeply to read"]
    # dots inside a string are no key: a long dotted title reads
    assert errors(body.replace('title = "x"', 'title = "' + "a." * 500 + '"')) == []


def test_an_activity_entered_twice_is_a_warning_on_the_second(tmp_path) -> None:
    """Same date, same title and provider (case, spacing and full-width aside): likely typed twice."""
    text = HEADER + (
        '[[activity]]\nid = "a"\ndate = 2025-03-01\ntitle = "Zero Trust talk"\nprovider = "ISC2"\n'
        'type = "education"\ngroup = "A"\nhours = 1\n\n'
        '[[activity]]\nid = "a-2"\ndate = 2025-03-01\ntitle = "zero  trust TALK"\nprovider = "ＩＳＣ２"\n'
        'type = "education"\ngroup = "A"\nhours = 1\n\n'
        '[[activity]]\nid = "b"\ndate = 2025-03-02\ntitle = "Zero Trust talk"\nprovider = "ISC2"\n'
        'type = "education"\ngroup = "A"\nhours = 1\n'
    )
    problems = parse_text(text, "c.toml").problems
    [p] = [p for p in problems if p.code == "likely-duplicate"]
    assert p.severity == "warning" and p.activity_id == "a-2"
    # HEADER is 4 lines and a blank, so the first activity's title is on line 8
    assert p.message == ("'zero  trust TALK' looks entered twice: 'a' at line 8 has the same date, title "
                         "and provider")


def test_activities_share_a_measure_only_when_they_state_the_same_keys_of_the_same_types() -> None:
    measures = ["hours = 2", "hours = 2.0", "minutes = 120", "hours = 2\nminutes = 120",
                "minutes = 120\nhours = 2", "sessions = [60, 60]", "hours = 2"]
    text = HEADER + "".join(f'\n[[activity]]\nid = "a{i}"\ndate = 2024-08-01\ntitle = "t{i}"\n{m}\n'
                            for i, m in enumerate(measures))
    read = [a.measure for a in parse_text(text, "cissp.toml").activities]
    assert read[0] is read[6]  # the same statement, one shared Measure
    assert type(read[0].hours) is int and type(read[1].hours) is float
    assert read[3] == read[4] and read[3].given() == {"hours": 2, "minutes": 120}
    assert read[2].given() == {"minutes": 120} and read[5].sessions == (60, 60)
