"""The status panel says reduced figures' reasons where they are shown and never cuts what has room."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cpetui.ledger.load import read_ledger
from cpetui.ledger.session import Entry
from cpetui.status import evaluate
from cpetui.ui.widgets.status_panel import status_text

SAMPLES = Path(__file__).resolve().parents[2] / "ledgers"


def panel(name: str, as_of: date, width: int) -> list[str]:
    ledger = read_ledger(str(SAMPLES / name))
    entry = Entry(ledger.path, ledger, evaluate(ledger, as_of))
    return status_text(entry, as_of, width).plain.splitlines()


def test_a_reduced_figure_says_why_beside_it() -> None:
    # ISC2 2012 rules: 20 CPE a year of Group A (ISC2 · CPE Handbook of 2012): year 1 of the sample earned
    # 35, of which the 25 in Group A count.
    lines = panel("cissp-2012-2015.toml", date(2015, 8, 1), 170)
    year1 = next(line for line in lines if line.startswith("Year 1"))
    assert "25 / 20 (35 earned: Group A 25; Group A only" in year1


def test_on_a_wide_terminal_labels_and_key_dates_are_whole() -> None:
    lines = panel("cissp-2024-2027.toml", date(2026, 12, 1), 170)
    text = "\n".join(lines)
    assert "Unique work experience (at most 10) " in text
    assert "Grace period ends (submit CPE, pay the AMF)" in text
    assert "…" not in text


def test_on_a_narrow_panel_the_figures_stay_and_the_labels_give_way() -> None:
    lines = panel("cissp-2024-2027.toml", date(2026, 12, 1), 50)
    work = next(line for line in lines if line.startswith("Unique work"))
    assert "…" in work and "10 of at most 10" in work


def test_every_requirement_row_names_its_source_in_words() -> None:
    lines = panel("cissp-2024-2027.toml", date(2026, 12, 1), 170)
    rows = [line for line in lines if "█" in line or "░" in line]
    assert rows and all(line.rstrip().endswith(("[1]", "[2]")) for line in rows)
    work = next(line for line in rows if line.startswith("Unique work"))
    mark = work.rstrip().rsplit(" ", 1)[1]
    source = next(line for line in lines if line.startswith(mark + " "))
    # ISC2's own guide, by publisher, title and passage, as a reader looks it up.
    assert source.startswith(mark + " ISC2 · CPE Credit Quick Guide · CPE categories: Unique work experience")
    assert "seed" not in "\n".join(lines) and "§" not in "\n".join(lines)
