"""Small text helpers shared by the widgets: numbers, days, progress bars, safe ledger text."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from cpetui.i18n import _, cell_width
from cpetui.text import printable

# Colours by role, not by name: the app fills them from the Textual theme's text colours
# (`$text-success` …), which each theme makes readable on its own background; these ANSI names are
# what a plain terminal shows before the app has a theme (and what tests of pure functions see).
PALETTE: dict[str, str] = {
    "good": "green",
    "warn": "yellow",
    "bad": "red",
    "info": "blue",
    "guide": "cyan",
    "grace": "magenta",
}
_THEME_VARIABLES = {
    "good": "text-success",
    "warn": "text-warning",
    "bad": "text-error",
    "info": "text-primary",
    "guide": "text-secondary",
    "grace": "text-accent",
}
_STATE_ROLES = {
    "complete": "bold good",
    "on-track": "good",
    "behind": "bold warn",
    "in-grace": "bold grace",
    "suspended": "bold bad",
    "lapsed": "bold bad",
    "error": "bold bad",
}


def use_theme(variables: dict[str, str]) -> None:
    """Take the role colours from a Textual theme's CSS variables (`App.get_css_variables()`)."""
    for role, name in _THEME_VARIABLES.items():
        value = variables.get(name, "")
        if value.startswith("ansi_"):  # the ANSI themes: the terminal's own colours
            value = value.removeprefix("ansi_")
        if value and value != "default" and " " not in value:
            PALETTE[role] = value


def color(spec: str) -> str:
    """A Rich style from roles and modifiers: `color("bold warn")` → "bold #A86D1C"."""
    return " ".join(PALETTE.get(word, word) for word in spec.split())


def state_style(state: str) -> str:
    return color(_STATE_ROLES.get(state, ""))


def state_label(state: str) -> str:
    return {
        "complete": _("complete"),
        "on-track": _("on track"),
        "behind": _("behind"),
        "in-grace": _("in grace"),
        "suspended": _("suspended"),
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
    if limit and len(s) > limit // 2 and cell_width(s) > limit:
        s = cut(s, limit - 1) + "…"
    return s


def cut(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells` terminal cells (a wide character is never split)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_width(ch)
        if used > cells:
            return text[:i]
    return text


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


BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, scale: float, width: int) -> str:
    """`value` as a bar of eighth-blocks, `width` cells at `scale`."""
    if scale <= 0 or width <= 0:
        return " " * max(0, width)
    eighths = max(0, min(width * 8, round(value / scale * width * 8)))
    full, part = divmod(eighths, 8)
    text = "█" * full + (BLOCKS[part] if part else "")
    return text.ljust(width)


def progress(value: float, total: float, width: int) -> str:
    """A progress bar of `width` cells, eighth-block precision."""
    if total <= 0:
        return "█" * width if value > 0 else "░" * width
    filled = bar(min(value, total), total, width).rstrip()
    return filled + "░" * (width - len(filled))


def fold(text: str, width: int, indent: str = "") -> str:
    """`text` with line breaks where wide (CJK) text reaches `width` cells.

    Rich wraps at spaces only, so a Japanese sentence — one "word" to it — would jump to a line of
    its own, leaving its prefix alone above it. Text without wide characters is left to Rich.
    `indent` starts each continuation line (the hint's two spaces, say).
    """
    if width <= 4 or text.isascii():
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        out, used = [], 0
        for ch in line:
            w = cell_width(ch)
            if used + w > width:
                lines.append("".join(out))
                out, used = [indent], cell_width(indent)
            out.append(ch)
            used += w
        lines.append("".join(out))
    return "\n".join(lines)
