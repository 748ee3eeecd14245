"""情報処理安全確保支援士 (IPA's registered specialists): requirements counted as courses completed, not
hours (rules-facts 5.6; IPA · 講習の目的と概要: オンライン講習を3回(1年につき1回)、実践講習または特定講習を
1回(3年につき1回)、更新期限の60日前(登録更新申請期限)までに)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from cpetui.cli import main
from cpetui.ledger.programs import use_programs
from cpetui.model import Status
from cpetui.overview import due, figure_words
from tests.rules.helpers import activity, ledger, requirement, status


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


# Registered 2024-10-01: the registration period is 2024-10-01 … 2027-09-30, renewal application by
# 2027-08-01 (60 days before the registration expires).
RISS = '[cycle]\nprogram = "ipa-riss"\ncredential = "RISS"\ncertified = 2024-10-01\nstart = 2024-10-01\n\n'
ONLINE_1 = activity("online-1", "2025-02-10", type="online-course", hours=6)
ONLINE_2 = activity("online-2", "2026-03-02", type="online-course")
SPECIFIC = activity("specific", "2025-11-20", type="specific-course", hours=12)


def key(s: Status, kid: str):  # type: ignore[no-untyped-def]
    found = [k for k in s.key_dates if k.id == kid]
    assert found, [k.id for k in s.key_dates]
    return found[0]


def test_each_course_counts_once_whatever_its_length() -> None:
    s = status(RISS + ONLINE_1 + SPECIFIC, date(2026, 1, 1))
    assert s.unit == "completions"
    assert [s.credit_of(i).counted for i in ("online-1", "specific")] == [1, 1]  # 6 h and 12 h: one each
    assert s.credit_of("online-1").explanation.text == "one course completed, whatever its length"


def test_one_online_course_in_each_year_from_the_registration_date() -> None:
    s = status(RISS + ONLINE_1 + SPECIFIC + ONLINE_2, date(2026, 12, 5))
    years = [requirement(s, f"online-year-{n}") for n in (1, 2, 3)]
    assert [(r.period_start, r.period_end) for r in years] == [
        (date(2024, 10, 1), date(2025, 9, 30)), (date(2025, 10, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2027, 9, 30))]
    assert [(r.counted, r.required, r.met) for r in years] == [(1, 1, True), (1, 1, True), (0, 1, False)]
    assert years[0].explanation.text == "IPA online course: 1 completed; at least 1 required"
    # A practical course (IPA's) or a specific course (an approved provider's) once in the three years.
    assert (requirement(s, "practical").counted, requirement(s, "practical").met) == (1, True)
    assert (s.total.label, s.total.counted, s.total.required) == ("Courses in the registration period", 3, 4)


def test_the_missing_online_course_of_the_year_is_the_next_thing_due() -> None:
    s = status(RISS + ONLINE_1 + SPECIFIC + ONLINE_2, date(2026, 12, 5))
    assert s.state == "on-track" and s.pace is None  # no rate a month: courses fall due by dates
    due_3 = key(s, "due-online-year-3")
    # The last year's course falls due at the renewal application deadline, 60 days before 2027-09-30.
    assert due_3.date == date(2027, 8, 1) == key(s, "renewal-application").date
    assert due_3.label == "IPA online course, year 3: to complete"
    d = due(ledger(RISS + ONLINE_1 + SPECIFIC + ONLINE_2), s)
    assert d.deadline is not None and d.deadline.id == "due-online-year-3"  # listed first on that day
    assert figure_words(d) == ["1 to complete"]


def test_a_year_without_its_online_course_makes_the_cycle_behind_and_says_which() -> None:
    s = status(RISS + ONLINE_1 + SPECIFIC, date(2026, 12, 5))  # year 2 ended 2026-09-30 without one
    assert s.state == "behind"
    late = key(s, "due-online-year-2")
    assert (late.date, late.label) == (date(2026, 9, 30), "IPA online course, year 2: not completed in time")
    assert figure_words(due(ledger(RISS + ONLINE_1 + SPECIFIC), s)) == ["1 to complete",
                                                                      "1 not completed in time"]


def test_halfway_with_half_the_courses_is_not_behind() -> None:
    # Completions are due at their periods' ends, not pro rata: 2 of 4 after 2.2 years is on track.
    s = status(RISS + ONLINE_1 + ONLINE_2, date(2026, 12, 5))
    assert s.state == "on-track"
    assert key(s, "due-practical").date == date(2027, 8, 1)


def test_all_courses_done_is_complete_and_nothing_falls_due() -> None:
    third = activity("online-3", "2027-02-01", type="online-course")
    s = status(RISS + ONLINE_1 + SPECIFIC + ONLINE_2 + third, date(2027, 3, 1))
    assert s.state == "complete" and not [k for k in s.key_dates if k.id.startswith("due-")]
    assert figure_words(due(ledger(RISS + ONLINE_1 + SPECIFIC + ONLINE_2 + third), s)) == ["requirement met"]


def test_other_study_is_kept_but_never_counts() -> None:
    s = status(RISS + activity("read", "2026-01-30", type="other-study", hours=2), date(2026, 2, 1))
    assert s.credit_of("read").counted == 0
    assert s.credit_of("read").explanation.text.startswith(
        "not one of the required courses: counts toward none of them")
    (f,) = [f for f in s.findings if f.activity_id == "read" and f.severity == "warning"]
    assert "only the IPA online course and a practical or specific course count" in f.message


def test_status_words_count_courses_in_english_and_japanese(capsys) -> None:
    main(["status", "ledgers/riss-2024-2027.toml", "--as-of", "2026-12-05"])
    out = capsys.readouterr().out
    assert "IPA online course · Year 3 (2026-10-01 – 2027-09-30): 0 completed / 1 required  (open)" in out
    assert "2027-08-01  IPA online course, year 3: to complete" in out
    assert "CPE" not in out and "carryover" not in out and "pace" not in out
    main(["status", "ledgers/riss-2024-2027.toml", "--as-of", "2026-12-05", "--lang", "ja"])
    out = capsys.readouterr().out
    assert "IPAオンライン講習 · 3年目(2026年10月1日 〜 2027年9月30日): 修了 0 / 1 必要  (未達)" in out
    assert "IPAオンライン講習（3年目）：修了期限" in out and "CPE" not in out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_status_json_says_the_unit_and_the_course_due(capsys, lang: str) -> None:
    main(["status", "ledgers/riss-2024-2027.toml", "--as-of", "2026-12-05", "--json", "--lang", lang])
    (doc,) = json.loads(capsys.readouterr().out)["ledgers"]
    assert doc["unit"] == "completions" and doc["pace"] is None and doc["state"] == "on-track"
    first = doc["key_dates"][0]
    assert (first["id"], first["date"]) == ("due-online-year-3", "2027-08-01")
    assert first["sources"][0]["url"] == "https://www.ipa.go.jp/jinzai/riss/forriss/koushu/overview.html"
    assert first["sources"][0]["publisher"] == (
        "独立行政法人情報処理推進機構 (IPA)" if lang == "ja"
        else "IPA (Information-technology Promotion Agency, Japan)")


def test_due_names_the_course_in_words(capsys) -> None:
    main(["due", "ledgers/riss-2024-2027.toml", "--as-of", "2026-12-05"])
    out = capsys.readouterr().out
    assert "1 to complete" in out and "IPA online course, year 3: to complete" in out
    assert "not marked submitted" not in out and "a month" not in out


def test_the_calendar_has_the_course_due_as_an_event(tmp_path: Path) -> None:
    out = tmp_path / "riss.ics"
    assert main(["calendar", "ledgers/riss-2024-2027.toml", "-o", str(out), "--as-of", "2026-12-05"]) == 0
    found = {str(e["summary"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    event = found["RISS: IPA online course, year 3: to complete"]
    assert event["dtstart"].dt == date(2027, 8, 1)
    assert "Courses" in str(event["categories"].to_ical())


def test_add_records_a_course_without_a_measure(tmp_path: Path, capsys) -> None:
    path = tmp_path / "riss.toml"
    path.write_text(RISS + ONLINE_1, encoding="utf-8")
    assert main(["add", str(path), "--title", "オンライン講習（2年目）", "--date", "2026-03-02",
                 "--type", "online-course", "--id", "online-2"]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(RISS + ONLINE_1) and 'id = "online-2"' in text and "hours" not in text.split(
        'id = "online-2"')[1]


# ------------------------------------------------------------------- the vocabulary, in a user's file

COURSES = """\
id = "courses"
label = "Courses"
credentials = ["X"]
source = { source = "ipa-riss-courses" }

[[version]]
id = "courses-1"
label = "Courses 1"
unit = "completions"

[[version.type]]
id = "course"
label = "Course"
kind = "completion"

[[version.requirement]]
kind = "required"
amount = 2
period = "cycle"
"""


def _problems(text: str) -> list:  # type: ignore[type-arg]
    from cpetui.rules.build import build_program
    from cpetui.rules.programfile import read_program_text

    read = read_program_text(text, "programs/courses.toml")
    if not read.ok:
        return list(read.problems)
    program, problems = build_program(read, text, "")
    return list(problems) if program is None or problems else []


def test_a_counting_program_written_with_the_documented_words_reads_cleanly() -> None:
    assert _problems(COURSES) == []


def test_a_kind_computing_credits_in_a_counting_version_is_located() -> None:
    (p,) = _problems(COURSES.replace('kind = "completion"', 'kind = "per-hour"'))
    assert (p.source.line, p.code) == (14, "unit-kind")
    assert "computes credits, but this version counts completions" in p.message
    assert "completion, never, renewal" in p.hint


def test_a_completion_in_a_version_counting_credits_is_located() -> None:
    (p,) = _problems(COURSES.replace('unit = "completions"\n', ""))
    assert (p.source.line, p.code) == (13, "unit-kind") and 'unit = "completions"' in p.hint


def test_by_must_name_a_key_date_of_the_version() -> None:
    (p,) = _problems(COURSES + 'by = "renewal"\n')
    assert p.severity == "error" and "by = 'renewal' names no key date" in p.message
    assert p.source.line == 20


def test_cpetui_programs_says_it_counts_completions(capsys) -> None:
    main(["programs", "ipa-riss"])
    out = capsys.readouterr().out
    assert ("RISS: 4 completions per cycle; online course at least 1 a year; practical course at least 1"
            in out)
    assert "measures: none (the activity itself counts)" in out
    assert "counts: one completion; one is required in each year from the registration date" in out
