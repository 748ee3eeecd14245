"""For each program and rules version: a requirement met exactly and missed by a quarter credit,
a cap exceeded, carryover at and over its cap, and activities on the cycle's first and last day
and the day after. Figures and their sources sit beside each case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.rules.helpers import activity, codes, requirement, status


@dataclass(frozen=True)
class Case:
    version: str
    cycle: str  # the [cycle] table
    start: date
    end: date
    total: float  # the cycle total required, and its source
    source: str
    claim: dict  # keys of an activity that claims stated credits (plus credits = …)
    per_activity: float = 1e9  # largest single claim the version accepts
    carry_cap: float | None = 0  # carryover cap (0: the program has none; None: no cap stated)
    day_after_code: str = "outside-cycle"

    def activities(self, amount: float, when: date | None = None, prefix: str = "x") -> str:
        """Activities dated `when` claiming `amount` in all, split at the per-activity limit."""
        when = when or self.start
        out, n = [], 0
        while amount > 1e-9:
            part = min(amount, self.per_activity)
            out.append(activity(f"{prefix}{n}", when.isoformat(), credits=part, **self.claim))
            amount -= part
            n += 1
        return "".join(out)


CASES = [
    Case("isc2-2012", '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2012-07-01\n',
         date(2012, 7, 1), date(2015, 6, 30), 120, "seed 002: CISSP 120 per 3 years",
         {"type": "education", "group": "A", "evidence": "e.pdf"}, carry_cap=None,
         day_after_code="in-grace-period"),
    Case("isc2-2015", '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2015-07-01\n'
         'rules = "isc2-2015"\n', date(2015, 7, 1), date(2018, 6, 30), 120, "seed 002: CISSP 120",
         {"type": "education", "group": "A", "evidence": "e.pdf"}, carry_cap=40,
         day_after_code="in-grace-period"),
    Case("isc2-2024", '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n',
         date(2024, 7, 1), date(2027, 6, 30), 120, "member policies: CISSP 120",
         {"type": "education", "group": "A", "evidence": "e.pdf"}, per_activity=40, carry_cap=40,
         day_after_code="in-grace-period"),
    Case("offsec-2024", '[cycle]\nprogram = "offsec"\ncredential = "OSCP+"\nstart = 2025-03-14\n',
         date(2025, 3, 14), date(2028, 3, 13), 120, "seed 001: 120 per 3-year cycle",
         {"type": "courses-seminars", "evidence": "e.pdf"}),
    Case("acfe-2024", '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n',
         date(2024, 5, 1), date(2025, 4, 30), 20, "ACFE FAQ: 20 a year",
         {"type": "self-study", "field": "fraud", "evidence": "e.pdf"}, carry_cap=10),
    Case("iia-japan-2010", '[cycle]\nprogram = "iia-japan"\ncredential = "CCSA"\nstart = 2025-01-01\n',
         date(2025, 1, 1), date(2026, 12, 31), 40, "seed 004: practicing 40 per 2-year period",
         {"type": "jicpa"}),
    Case("iia-2023", '[cycle]\nprogram = "iia"\ncredential = "CIA"\nstart = 2026-01-01\n',
         date(2026, 1, 1), date(2026, 12, 31), 40, "IIA: CIA 40 a calendar year",
         {"type": "education", "field": "ethics"}, carry_cap=20),
]
IDS = [c.version for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_version_is_chosen_and_cycle_end_derived(case: Case) -> None:
    s = status(case.cycle, case.start)
    assert s.rules_version == case.version
    assert s.cycle_end == case.end


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_total_met_exactly(case: Case) -> None:
    s = status(case.cycle + case.activities(case.total), case.end)
    assert s.total.required == case.total, case.source
    assert s.total.counted == case.total
    assert s.total.met and s.total.remaining == 0


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_total_missed_by_a_quarter_credit(case: Case) -> None:
    s = status(case.cycle + case.activities(case.total - 0.25), case.end)
    assert s.total.counted == case.total - 0.25
    assert not s.total.met and s.total.remaining == 0.25
    assert s.state != "complete"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_first_and_last_day_count_and_the_day_after_does_not(case: Case) -> None:
    text = (case.cycle + activity("first", case.start.isoformat(), credits=1, **case.claim)
            + activity("last", case.end.isoformat(), credits=1, **case.claim)
            + activity("after", (case.end + timedelta(days=1)).isoformat(), credits=1, **case.claim))
    s = status(text, case.end + timedelta(days=1))
    assert s.credit_of("first").counted == 1
    assert s.credit_of("last").counted == 1
    assert s.credit_of("after").counted == 0
    assert case.day_after_code in codes(s, "after")
    assert s.total.counted == 2


@pytest.mark.parametrize("case", [c for c in CASES if c.carry_cap], ids=lambda c: c.version)
def test_carryover_in_at_and_over_its_cap(case: Case) -> None:
    at = status(case.cycle + f"carryover_in = {case.carry_cap}\n", case.start)
    assert at.carryover_in == case.carry_cap and "carryover-over-cap" not in codes(at)
    over = status(case.cycle + f"carryover_in = {case.carry_cap + 1}\n", case.start)
    assert over.carryover_in == case.carry_cap
    assert "carryover-over-cap" in codes(over)
    assert over.total.counted == case.carry_cap


@pytest.mark.parametrize("case", [c for c in CASES if c.carry_cap == 0], ids=lambda c: c.version)
def test_carryover_in_refused_where_there_is_none(case: Case) -> None:
    s = status(case.cycle + "carryover_in = 5\n", case.start)
    assert s.carryover_in == 0 and "carryover-not-allowed" in codes(s)


@pytest.mark.parametrize("case", [c for c in CASES if c.carry_cap], ids=lambda c: c.version)
def test_carryover_out_at_and_over_its_cap(case: Case) -> None:
    late = case.end - timedelta(days=30)  # inside ISC2's last 6 months
    exact = status(case.cycle + case.activities(case.total + case.carry_cap, late), case.end)
    assert exact.carryover_out == case.carry_cap
    over = status(case.cycle + case.activities(case.total + case.carry_cap + 5, late), case.end)
    assert over.carryover_out == case.carry_cap
    under = status(case.cycle + case.activities(case.total + 1.5, late), case.end)
    assert under.carryover_out == 1.5


def test_isc2_2012_carryover_has_no_stated_cap() -> None:
    # seed 002: for cycles started on or before 2014-12-01 no cap is stated; counts toward the total only
    case = CASES[0]
    s = status(case.cycle + case.activities(case.total + 50, date(2015, 5, 1)), case.end)
    assert s.carryover_out == 50
    carried = status(case.cycle + "carryover_in = 50\n", case.start)
    assert carried.carryover_in == 50 and not codes(carried)


def test_isc2_carryover_only_group_a_of_the_last_6_months() -> None:
    # seed 000 / 002: only Group A earned in the last 6 months carries over
    case = CASES[2]
    text = (case.cycle + case.activities(120, date(2025, 1, 1))
            + activity("early", "2026-01-01", credits=30, type="education", group="A")
            + activity("late-b", "2027-05-01", credits=10, type="education", group="B")
            + activity("late-a", "2027-05-01", credits=7, type="education", group="A"))
    assert status(text, case.end).carryover_out == 7


@pytest.mark.parametrize(("day", "carried"), [("2027-12-31", 0), ("2028-01-01", 7)])
def test_isc2_the_last_6_months_start_on_the_first_of_the_month_six_before_the_end(
        day: str, carried: float) -> None:
    # seed 000: Group A earned "in the last 6 months of the cycle"; a cycle ending 2028-06-30 has
    # 2028-01-01 … 2028-06-30 as its last 6 months, so the day before does not count
    text = ('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2025-07-01\n\n'
            + activity("early", "2026-01-01", credits=40, type="education", group="A")
            + activity("early2", "2026-02-01", credits=40, type="education", group="A")
            + activity("early3", "2026-03-01", credits=40, type="education", group="A")
            + activity("edge", day, credits=7, type="education", group="A"))
    s = status(text, date(2028, 6, 30))
    assert s.cycle_end == date(2028, 6, 30)
    assert s.carryover_out == carried


# ------------------------------------------------------------------------------ caps exceeded


def test_isc2_2024_cap_unique_work_experience_exceeded() -> None:
    case = CASES[2]
    s = status(case.cycle + activity("u", "2025-01-01", hours=11, type="unique-work-experience"), case.end)
    assert (s.credit_of("u").earned, s.credit_of("u").counted) == (11, 10)  # seed 000: at most 10
    assert "cap-reached" in codes(s, "u")
    assert not requirement(s, "cap-unique-work-experience").met


@pytest.mark.parametrize("case", CASES[:2], ids=IDS[:2])
def test_isc2_older_one_book_a_year(case: Case) -> None:
    # seed 002: reading one book 5, at most one a year; the next year counts again
    y1 = case.start + timedelta(days=30)
    book = {"type": "reading-book", "group": "A", "credits": 5}
    text = (case.cycle + activity("b1", y1.isoformat(), **book)
            + activity("b2", (y1 + timedelta(days=10)).isoformat(), **book)
            + activity("b3", (y1 + timedelta(days=400)).isoformat(), **book))
    s = status(text, case.end)
    assert [s.credit_of(i).counted for i in ("b1", "b2", "b3")] == [5, 0, 5]


def test_isc2_group_b_maximum_exceeded() -> None:
    # member policies: CISSP at most 30 Group B per cycle
    case = CASES[2]
    text = case.cycle + "".join(
        activity(f"b{i}", "2025-01-01", credits=20, type="education", group="B") for i in range(2))
    s = status(text, case.end)
    assert requirement(s, "group-b").earned == 40 and requirement(s, "group-b").counted == 30
    assert s.credit_of("b1").counted == 10 and "group-b-max" in codes(s, "b1")


def test_offsec_has_no_caps() -> None:
    case = CASES[3]
    s = status(case.cycle + case.activities(300), case.end)  # seed 001 names no cap
    assert s.total.counted == 300


def test_acfe_author_cap_exceeded() -> None:
    case = CASES[4]
    s = status(case.cycle + activity("w", "2024-06-01", type="author", field="fraud", hours=12.5), case.end)
    assert (s.credit_of("w").earned, s.credit_of("w").counted) == (12, 10)  # seed 003: floored, ≤ 10 a year


def test_iia_japan_category_cap_exceeded() -> None:
    case = CASES[5]
    s = status(case.cycle + activity("ev", "2025-06-01", type="event", hours=25), case.end)
    assert s.credit_of("ev").counted == 20  # seed 004: category III at most 20 per period
    assert requirement(s, "cap-III").earned == 25


def test_iia_ethics_two_hours_required() -> None:
    case = CASES[6]
    s = status(case.cycle + activity("e", "2026-03-01", type="education", field="ethics", minutes=90),
               case.end)
    assert requirement(s, "ethics").counted == 1 and not requirement(s, "ethics").met  # 90 min = 1
