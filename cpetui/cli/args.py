"""Argument types for the headless commands: each bad value is refused with what to write instead."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date

from cpetui.i18n import _
from cpetui.ledger.datewords import date_words
from cpetui.ledger.limits import FIRST_DAY, LARGEST, LAST_DAY

_LARGEST_NUMBER = LARGEST["hours"]  # hours, credits, preparation hours; the others allow less
_LARGEST_WHOLE = LARGEST["minutes"]  # minutes; months, periods and authors allow less


def add_format(parser: argparse.ArgumentParser, what: str) -> None:
    """`--format text|json` and its short form `--json`, the same in every command that prints JSON."""
    parser.add_argument("--format", choices=["text", "json"], default="text", help=_("output format"))
    parser.add_argument("--json", dest="format", action="store_const", const="json",
                        help=_("the same as --format json: {what}").format(what=what))


def date_arg(text: str) -> date:
    """A calendar date written YYYY-MM-DD, within the dates a ledger may hold."""
    try:
        when = date.fromisoformat(text.strip())
    except ValueError:
        about_date = date_words(text)
        if about_date is not None:
            raise argparse.ArgumentTypeError(f"{about_date[0]}; {about_date[1]}") from None
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date; write YYYY-MM-DD, e.g. 2024-07-01").format(value=text)
        ) from None
    if not FIRST_DAY <= when <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            _("'{value}' is outside the dates cpetui reads ({first} … {last})").format(
                value=text, first=FIRST_DAY, last=LAST_DAY))
    return when


def number_arg(text: str) -> float:
    """A non-negative number written with a dot for decimals."""
    cleaned = text.strip()
    if re.fullmatch(r"\d+,\d+", cleaned):
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number; write {fixed}").format(
                value=text, fixed=cleaned.replace(",", "."))
        )
    try:
        value = float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number; write e.g. 1.5").format(value=text)) from None
    if value != value:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number; write e.g. 1.5").format(value=text))
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("'{value}' must be zero or more").format(value=text))
    if value > _LARGEST_NUMBER:  # also inf; the ledger holds each key to its own largest value
        _too_large(text, _LARGEST_NUMBER)
    return int(value) if value == int(value) else value


def whole_arg(text: str) -> int:
    """A non-negative whole number (minutes, months, periods, authors)."""
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number; write e.g. 90").format(value=text))
    if len(cleaned) > 9 or int(cleaned) > _LARGEST_WHOLE:  # 4,300 digits would not even convert
        _too_large(text, _LARGEST_WHOLE)
    return int(cleaned)


def _too_large(text: str, top: int) -> None:
    raise argparse.ArgumentTypeError(
        _("'{value}' is too large; cpetui accepts at most {top}").format(value=text.strip(), top=f"{top:,}"))


def error(message: str) -> None:
    """One error line on stderr, prefixed like argparse's own messages."""
    print(_("cpetui: error: {message}").format(message=message), file=sys.stderr)
