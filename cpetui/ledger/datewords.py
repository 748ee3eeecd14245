"""Says what is wrong with text meant as a date, in words about dates: the form, month lengths, the fix."""

from __future__ import annotations

import calendar
import re

from cpetui.i18n import N_, _

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))

_ISO_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.年]\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})\s*日?")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def date_words(text: str) -> tuple[str, str] | None:
    """(what is wrong, what to write) for `text` meant as a date; None when it is one or looks like none."""
    text = text.strip().strip("\"'")
    m = _ISO_LIKE.fullmatch(text)
    if m:
        return _impossible(text, int(m[1]), int(m[2]), int(m[3]), width=True)
    m = _YEAR_FIRST.fullmatch(text)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        wrong = _impossible(text, year, month, day, width=False)
        if wrong is not None:
            return wrong
        return (_("{text} is not how a date is written").format(text=text),
                _("write {date} (year-month-day with hyphens, no quotes)").format(
                    date=f"{year:04d}-{month:02d}-{day:02d}"))
    if _YEAR_LAST.fullmatch(text):
        return (_("{text} is not how a date is written").format(text=text),
                _("write the year first, then month and day with hyphens, e.g. 2026-11-20"))
    return None


def _impossible(text: str, year: int, month: int, day: int, *, width: bool) -> tuple[str, str] | None:
    """Words for a year-month-day that no calendar has (with `width`, also one written without leading
    zeros); None when the day exists, or for year 0, which the range check reports."""
    if year < 1:
        return None
    if not 1 <= month <= 12:
        return (_("{text} is not a date: there is no month {month}").format(text=text, month=month),
                _("write the month as 01 to 12, e.g. 2026-11-20"))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (_("{text} is not a date: {month} {year} has {days} days").format(
                    text=text, month=_(MONTHS[month - 1]), year=year, days=days),
                _("write a day from 01 to {days}").format(days=days))
    if width and len(text) != 10:  # 2026-1-5: a real day, written without the leading zeros TOML needs
        return (_("{text} is not how a date is written").format(text=text),
                _("write {date} (two digits for month and day)").format(
                    date=f"{year:04d}-{month:02d}-{day:02d}"))
    return None
