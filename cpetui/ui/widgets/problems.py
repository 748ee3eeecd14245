"""The error banner: why the selected file does not read, shown the way `cpetui check` prints it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from cpetui.i18n import _
from cpetui.ledger.report import format_problem
from cpetui.model import Problem

MAX_SHOWN = 3


def problems_text(problems: Sequence[Problem], has_data: bool) -> Text:
    out = Text()
    if has_data:
        out.append(_("The file changed on disk and no longer reads. Showing the last good data, "
                     "read-only, until it is fixed (E opens the editor at the line)."), "bold")
    else:
        out.append(_("This file cannot be read (E opens the editor at the line)."), "bold")
    for p in problems[:MAX_SHOWN]:
        out.append("\n" + format_problem(p))
    if len(problems) > MAX_SHOWN:
        out.append("\n" + _("… and {n} more").format(n=len(problems) - MAX_SHOWN), "dim")
    return out


class ProblemsBanner(Static):
    def show(self, problems: Sequence[Problem], has_data: bool) -> None:
        self.display = bool(problems)
        if problems:
            self.update(problems_text(problems, has_data))
