"""Date mistakes are explained in words about dates: how a date is written, how long the month is."""

from __future__ import annotations

import pytest

from cpetui.ledger.datewords import date_words
from cpetui.ledger.parse import parse_text

HEAD = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'
ACTIVITY = ('[[activity]]\nid = "x"\ndate = {date}\ntitle = "Talk"\ntype = "education"\ngroup = "A"\n'
            'hours = 2\n')


@pytest.mark.parametrize(("written", "message", "hint"), [
    ("2025/05/02", "2025/05/02 is not how a date is written",
     "write 2025-05-02 (year-month-day with hyphens, no quotes)"),
    ("2025.5.2", "2025.5.2 is not how a date is written",
     "write 2025-05-02 (year-month-day with hyphens, no quotes)"),
    ("2025-11-31", "2025-11-31 is not a date: November 2025 has 30 days", "write a day from 01 to 30"),
    ("2026-02-29", "2026-02-29 is not a date: February 2026 has 28 days", "write a day from 01 to 28"),
    ("2025-13-01", "2025-13-01 is not a date: there is no month 13",
     "write the month as 01 to 12, e.g. 2026-11-20"),
    ("2024-2-29", "2024-2-29 is not how a date is written",
     "write 2024-02-29 (two digits for month and day)"),
])
def test_a_date_written_by_hand_is_explained_as_a_date(written: str, message: str, hint: str) -> None:
    ledger = parse_text(HEAD + ACTIVITY.format(date=written), "cissp.toml")
    [problem] = [p for p in ledger.problems if p.severity == "error"]
    assert (problem.source.line, problem.source.col) == (8, 8)  # the value after `date = `
    assert problem.message == message
    assert problem.hint == hint


def test_a_quoted_slash_date_gets_the_same_fix() -> None:
    """The form quotes what is not a date; the hint still shows the date to write."""
    ledger = parse_text(HEAD + ACTIVITY.format(date='"2026/11/20"'), "cissp.toml")
    [problem] = [p for p in ledger.problems if p.severity == "error"]
    assert "write 2026-11-20 (year-month-day with hyphens, no quotes)" in problem.hint


def test_day_first_dates_are_not_guessed() -> None:
    assert date_words("02/05/2025") == (
        "02/05/2025 is not how a date is written",
        "write the year first, then month and day with hyphens, e.g. 2026-11-20")


@pytest.mark.parametrize("text", ["2025-05-02", "hello", "", "12"])
def test_real_dates_and_non_dates_get_no_date_words(text: str) -> None:
    assert date_words(text) is None
