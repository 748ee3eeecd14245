"""Argument types for the headless commands: each bad value is refused with what to write instead."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date

from cpetui.i18n import _


def date_arg(text: str) -> date:
    """A calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date; write YYYY-MM-DD, e.g. 2024-07-01").format(value=text)
        ) from None


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
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(
            _("'{value}' must be zero or more").format(value=text))
    return int(value) if value == int(value) else value


def whole_arg(text: str) -> int:
    """A non-negative whole number (minutes, months, periods, authors)."""
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number; write e.g. 90").format(value=text))
    return int(cleaned)


def error(message: str) -> None:
    """One error line on stderr, prefixed like argparse's own messages."""
    print(_("cpetui: error: {message}").format(message=message), file=sys.stderr)
