"""Gathers one file's located problems, each with its excerpt taken from the text."""

from __future__ import annotations

from cpetui.ledger.report import clip_excerpt
from cpetui.model import Problem, Severity, SourceRef


class Collector:
    """The problems found in one file so far, located by line and column."""

    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        line: int,
        col: int = 1,
        hint: str = "",
        activity_id: str | None = None,
    ) -> None:
        excerpt = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if col == 1 and excerpt:
            col = len(excerpt) - len(excerpt.lstrip()) + 1
        excerpt = clip_excerpt(excerpt, col)
        self.problems.append(
            Problem(
                severity=severity,
                code=code,
                message=message,
                source=SourceRef(self.path, line, col),
                excerpt=excerpt,
                hint=hint,
                activity_id=activity_id,
            )
        )

    def value_col(self, line: int) -> int:
        """Column of the value on a `key = value` line (1-based)."""
        if 0 < line <= len(self.lines):
            text = self.lines[line - 1]
            eq = text.find("=")
            if eq >= 0:
                rest = text[eq + 1 :]
                return eq + 2 + (len(rest) - len(rest.lstrip()))
        return 1

    def add_at_value(self, severity: Severity, code: str, message: str, line: int, hint: str,
                     activity_id: str | None = None) -> None:
        """A problem with the value of the `key = value` on `line`, pointed at the value."""
        self.add(severity, code, message, line, self.value_col(line), hint, activity_id)
