"""Calendar arithmetic the rules need: whole months and years added, month ends (pure, no today())."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def month_end(d: date) -> date:
    """The last day of `d`'s month."""
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months; a day the target month lacks becomes its last day (Jan 31 + 1 → Feb 28)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def add_days(d: date, days: int) -> date:
    return d + timedelta(days=days)


def months_between(a: date, b: date) -> float:
    """Months from `a` to `b` as a fraction (mean month of 30.4375 days)."""
    return (b - a).days / 30.4375
