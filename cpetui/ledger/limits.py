"""The values a ledger may hold: finite numbers up to a stated largest, dates 1900-01-01 … 2999-12-31."""

from __future__ import annotations

import datetime as dt
import math

from cpetui.i18n import _

# The largest sensible value of each number, far beyond any real activity (10,000 hours is five
# years of full-time study) yet small enough that no sum, rounding or conversion can overflow.
LARGEST: dict[str, int] = {
    "hours": 10_000,
    "credits": 10_000,
    "preparation_hours": 10_000,
    "semester_hours": 1_000,
    "ceus": 1_000,
    "minutes": 600_000,  # 10,000 hours
    "sessions": 600_000,  # each session, in minutes
    "period_minutes": 600_000,
    "periods": 10_000,
    "months": 1_200,
    "authors": 1_000,
    "carryover_in": 10_000,
}
# Dates cpetui reads: a cycle's end and its successors (years later) stay inside Python's calendar.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


def number_problem(key: str, value: float) -> tuple[str, str, str] | None:
    """(code, message, hint) when the number `value` of `key` is negative, not finite or too large."""
    top = LARGEST[key]
    if value >= 0 and value <= top:  # False for nan
        return None
    if value < 0 and not math.isinf(value):
        return ("negative", _("{key} must be zero or more, got {value}").format(key=key, value=value),
                _("write the amount actually spent"))
    return ("out-of-range",
            _("{key} must be a number from 0 to {top}, got {value}").format(
                key=key, top=f"{top:,}", value=value),
            _("cpetui accepts {key} up to {top}; write the amount actually spent").format(
                key=key, top=f"{top:,}"))


def date_problem(key: str, value: dt.date) -> tuple[str, str, str] | None:
    """(code, message, hint) when the date `value` of `key` lies outside FIRST_DAY … LAST_DAY."""
    if FIRST_DAY <= value <= LAST_DAY:
        return None
    return ("out-of-range",
            _("{key} must be a date from {first} to {last}, got {value}").format(
                key=key, first=FIRST_DAY, last=LAST_DAY, value=value),
            _("cpetui reads dates from {first} to {last}; check the year").format(
                first=FIRST_DAY, last=LAST_DAY))
