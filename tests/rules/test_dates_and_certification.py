"""Dates beyond the cycle's end: the IIA's reporting window, and cycles checked against `certified`."""

from __future__ import annotations

from datetime import date

from cpetui.ledger.parse import parse_text
from cpetui.status import evaluate


def test_the_iia_report_window_is_a_key_date() -> None:
    # The IIA: report between 1 October and 31 December (The IIA · CPE requirements and reporting policy).
    ledger = parse_text('[cycle]\nprogram = "iia"\ncredential = "CIA"\nstart = 2026-01-01\n', "cia.toml")
    dates = {k.id: k for k in evaluate(ledger, date(2026, 6, 1)).key_dates}
    assert dates["report-window"].date == date(2026, 10, 1)
    assert dates["report-window"].label == "Reporting opens (report by 31 December)"
    assert dates["report-window"].explanation.citation.startswith("The IIA · ")


def _warnings(text: str, as_of: date = date(2026, 12, 1)) -> list:  # type: ignore[type-arg]
    status = evaluate(parse_text(text, "x.toml"), as_of)
    return [f for f in status.findings if f.code in ("first-cycle", "cycle-rhythm")]


def test_a_cycle_inside_the_exempt_years_says_when_the_first_period_starts() -> None:
    # IIA-Japan: the certification year and the next are exempt, then 2-year periods from 1 January
    # (IIA-Japan · CPE guideline for 2010-2011).
    found = _warnings('[cycle]\nprogram = "iia-japan"\ncredential = "CCSA"\nstart = 2009-06-01\n'
                      'certified = 2009-06-01\n', date(2010, 6, 1))
    assert [(f.message, f.hint, f.source.line) for f in found] == [
        ("certified 2009-06-01: no CPE is needed until 2011-01-01, when the first period starts; this one "
         "starts 2009-06-01", "write start = 2011-01-01", 4)]


def test_a_cycle_off_the_rhythm_from_certification_says_where_it_should_start() -> None:
    # ISC2: 3-year cycles from the certification date (ISC2 · CPE Credit Quick Guide).
    found = _warnings('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2025-01-01\n'
                      'certified = 2012-07-01\n')
    assert [f.hint for f in found] == ["write start = 2024-07-01 (or correct `certified`)"]
    assert _warnings('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'
                     'certified = 2012-07-01\n') == []
    before = _warnings('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2011-07-01\n'
                       'certified = 2012-07-01\n', date(2012, 1, 1))
    assert [f.message for f in before] == [
        "this cycle starts 2011-07-01, before the certification date 2012-07-01"]
