"""Formats problems the way compilers do: `path:line:col: error: message`, the line, a caret, a hint."""

from __future__ import annotations

from collections.abc import Callable

from cpetui.i18n import _, cell_width
from cpetui.model import Problem
from cpetui.text import printable

SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "info"}
EXCERPT_MAX = 200  # characters of a line shown under a problem; the caret's column always among them


def clip_excerpt(line: str, col: int = 1) -> str:
    """`line` cut after EXCERPT_MAX characters (or just after column `col`), marked with "…".

    A line of 20,000 evidence entries gets one warning per missing entry: each must not repeat it whole.
    """
    keep = max(EXCERPT_MAX, col + 40)
    return line if len(line) <= keep else line[: keep - 1] + "…"


def format_problem(problem: Problem, *, excerpt: bool = True,
                   paint: Callable[[str, str], str] | None = None) -> str:
    """The problem as lines of plain text (control characters made visible); `paint(text, severity)`
    colours the severity word where the caller colours its output."""
    src = problem.source
    sev = _(SEVERITY_WORDS.get(problem.severity, problem.severity))
    if paint is not None:
        sev = paint(sev, problem.severity)
    lines = [f"{printable(src.path)}:{src.line}:{src.col}: {sev}: {printable(problem.message)}"]
    if excerpt and problem.excerpt:
        text = printable(clip_excerpt(problem.excerpt.rstrip("\r\n"), src.col))
        if len(text) > EXCERPT_MAX:  # control characters made visible take more room
            text = text[: EXCERPT_MAX - 1] + "…"
        gutter = f"{src.line:>5} | "
        lines.append(gutter + text)
        col = max(1, min(src.col, len(text) + 1))
        # Wide characters (Japanese titles) take two cells: the caret counts cells, not characters.
        lines.append(" " * (len(gutter) - 2) + "| " + " " * cell_width(text[: col - 1]) + "^")
    if problem.hint:
        lines.append("      " + _("hint: {hint}").format(hint=printable(problem.hint)))
    return "\n".join(lines)
