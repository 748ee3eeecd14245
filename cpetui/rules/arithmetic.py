"""Pure credit arithmetic: the few ways programs turn minutes, hours and works into credits."""

from __future__ import annotations

import math
from collections.abc import Iterable


def r2(x: float) -> float:
    """Rounded to 2 decimals without float noise (0.1 + 0.2 → 0.3); -0.0 becomes 0.0."""
    return round(x, 2) + 0.0


def num(x: float) -> str:
    """A figure as people write it: 23, 1.5, 0.25."""
    if x == int(x):
        return str(int(x))
    x = r2(x)
    if x == int(x):
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def floor_clean(x: float) -> int:
    """floor(), robust to float noise just below a whole number (0.8333… × 60 = 49.99999…)."""
    return math.floor(round(x, 6))


def quarter_floor(hours: float) -> float:
    """Hours down to the 0.25 step ISC2 accepts (claims in 0.25, 0.50, 0.75)."""
    return floor_clean(hours * 4) / 4


def is_quarter(hours: float) -> bool:
    return abs(hours * 4 - round(hours * 4)) < 1e-9


def fifty_minute_units(minutes: float) -> int:
    """1 CPE per full 50 minutes: 100 min = 2, 50–99 min = 1 (ACFE, IIA-Japan)."""
    return floor_clean(minutes / 50)


def session_units(sessions: Iterable[int]) -> tuple[int, int, int]:
    """(credits, minutes of short sessions summed, credits from long sessions).

    Sessions of 50 minutes or more each count on their own; shorter ones in the same course are
    summed first (5 × 30 min = 150 min = 3; IIA-Japan, ACFE).
    """
    short = sum(s for s in sessions if s < 50)
    long_units = sum(fifty_minute_units(s) for s in sessions if s >= 50)
    return long_units + fifty_minute_units(short), short, long_units


def college_periods(periods: int, period_minutes: int) -> tuple[int, bool]:
    """ACFE college credit: (CPE, US-style period?) — 1 per 50–60-minute period, else minutes ÷ 60 floored."""
    if 50 <= period_minutes <= 60:
        return periods, True
    return floor_clean(periods * period_minutes / 60), False


def instructor_credit(taught_minutes: float, preparation_hours: float, repeat: bool) -> tuple[int, int]:
    """ACFE instructor: (taught CPE, preparation CPE).

    Taught: minutes ÷ 50 floored; preparation: 1 per hour, at most 2 hours per CPE taught, first
    delivery only, floored (ACFE: a 50-minute lecture with 2 hours of preparation = 1 + 2 = 3).
    """
    taught = fifty_minute_units(taught_minutes)
    if repeat:
        return taught, 0
    return taught, floor_clean(min(preparation_hours, 2 * taught))


def talk_credit(hours: float, repeat: bool, iia_japan_venue: bool) -> float:
    """IIA-Japan speaking: a new talk × 4 (talk + 3 × preparation), a repeat × 1, × 2 at IIA-Japan events."""
    factor = (1 if repeat else 4) * (2 if iia_japan_venue else 1)
    return r2(hours * factor)


def correspondence_credit(months: int) -> int | None:
    """IIA-Japan correspondence course by standard length: 1–3 months 10, ≤ 6 months 15, ≥ 7 months 20.

    None under 1 month: the guideline gives no figure (cpetui asks for explicit credits).
    """
    if months < 1:
        return None
    if months <= 3:
        return 10
    if months <= 6:
        return 15
    return 20


def split(amount: float, authors: int) -> float:
    """A co-authored work's credits shared equally among its authors."""
    return r2(amount / max(1, authors))
