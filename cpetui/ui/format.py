"""Small text helpers shared by the widgets: numbers, days, progress bars, safe ledger text."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from cpetui.i18n import _
from cpetui.text import printable

STATE_STYLES = {
    "complete": "bold green",
    "on-track": "green",
    "behind": "bold yellow",
    "in-grace": "bold magenta",
    "lapsed": "bold red",
    "error": "bold red",
}


def state_label(state: str) -> str:
    return {
        "complete": _("complete"),
        "on-track": _("on track"),
        "behind": _("behind"),
        "in-grace": _("in grace"),
        "lapsed": _("lapsed"),
        "error": _("error"),
    }.get(state, state)


def num(value: float | None) -> str:
    """A credit figure as people write it: 12, 12.5, 12.25."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def safe(text: str | None, limit: int = 0) -> str:
    """Ledger text made harmless for one line: controls visible, newlines as ⏎, cut to `limit` cells."""
    s = printable(text or "").replace("\n", "⏎")
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s


def plain(text: str | None, style: str = "", limit: int = 0) -> Text:
    """Ledger text as a Text that is never parsed as markup."""
    return Text(safe(text, limit), style=style, no_wrap=True, overflow="ellipsis")


def days_left(day: date, as_of: date) -> str:
    n = (day - as_of).days
    if n == 0:
        return _("today")
    if n > 0:
        return _("in {n} days").format(n=n) if n != 1 else _("tomorrow")
    return _("{n} days ago").format(n=-n) if n != -1 else _("yesterday")


def progress(value: float, total: float, width: int) -> str:
    """A progress bar of `width` cells, eighth-block precision."""
    from cpetui.ui.chart import bar

    if total <= 0:
        return "█" * width if value > 0 else "░" * width
    filled = bar(min(value, total), total, width).rstrip()
    return filled + "░" * (width - len(filled))
