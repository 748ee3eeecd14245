"""ISC2 after a missed cycle (rules-facts 1.6; ISC2 · CPE Credit Quick Guide · Grace period): 90 days'
grace, then suspended for 2 years until the credential lapses — the status and `cpetui due` say when,
and what ends the suspension."""

from __future__ import annotations

from datetime import date

import pytest

from cpetui.cli import main
from cpetui.ledger.programs import use_programs
from tests.rules.helpers import activity, status

CISSP = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2022-07-01\n\n'
SHORT = CISSP + activity("w", "2023-03-01", type="education", group="A", hours=40)


@pytest.fixture(autouse=True)
def shipped_programs() -> None:
    use_programs()


def test_suspended_after_the_grace_period_says_what_clears_it() -> None:
    s = status(SHORT, date(2025, 11, 1))  # the cycle ended 2025-06-30, grace ended 2025-09-28
    assert s.state == "suspended"
    dates = {k.id: k for k in s.key_dates}
    assert (dates["grace-end"].date, dates["suspension"].date, dates["lapse"].date) == (
        date(2025, 9, 28), date(2025, 9, 29), date(2027, 9, 29))
    assert dates["suspension"].clears.startswith("the missing CPE submitted and the AMF paid")
    assert "お問い合わせください" in (dates["suspension"].explanation.cite.passages[1].quote or "")
    assert "cpetui's reading: the guide does not say what ends a suspension" in (
        dates["suspension"].explanation.citation)


def test_due_says_it_while_the_suspension_lasts(tmp_path, capsys) -> None:
    path = tmp_path / "cissp.toml"
    path.write_text(SHORT, encoding="utf-8")
    main(["due", str(path), "--as-of", "2025-11-01"])
    out = capsys.readouterr().out
    assert "suspended" in out and "to clear it: the missing CPE submitted and the AMF paid" in out
