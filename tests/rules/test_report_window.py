"""Key dates a user acts on that the cycle's end alone does not give: the IIA's reporting window."""

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
