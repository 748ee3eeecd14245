"""The explanation of the selected activity's credits, with the rule it cites."""

from __future__ import annotations

from rich import get_console
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from cpetui.i18n import _, format_date
from cpetui.model import Activity, ActivityCredit
from cpetui.ui.format import color, num, safe

WHY_LINES = 2  # the credits and why may take two lines, and so may the citation; the title and notes one each
CITE_LINES = 2


def explain_text(activity: Activity | None, credit: ActivityCredit | None, width: int = 0,
                 unit: str = "cpe", renews: tuple[str, ...] = ()) -> Text:
    """Title, then the credits and why, then the cited rule, then notes; in `width` cells (0: any) the
    title and notes take one line each and the citation at most two, so it is never pushed out of the
    panel."""
    if activity is None:
        return Text(_("No activity selected."), style="dim")
    out = Text(no_wrap=False)
    title = Text(safe(activity.title, 200), "bold")
    # What a narrow table leaves out is still here, beside the title.
    facts = [safe(activity.provider, 60)] if activity.provider else []
    facts.append(_("submitted {day}").format(day=format_date(activity.submitted)) if activity.submitted
                 else _("not submitted"))
    title.append("  " + " · ".join(facts), "dim")
    out.append_text(_fit(title, width, 1))
    why = Text()
    if credit is None:
        why.append(_("No credits computed for this activity."), "dim")
    else:
        if unit == "completions":
            why.append(_("counts as {n} completed").format(n=num(credit.counted)), "bold")
        else:
            why.append(_("{counted} CPE counted").format(counted=num(credit.counted)), "bold")
        if credit.earned != credit.counted:
            why.append(" " + _("of {earned} earned").format(earned=num(credit.earned)), color("bold warn"))
        why.append(": " + safe(credit.explanation.text, 400))
    out.append("\n")
    out.append_text(_fit(why, width, WHY_LINES))
    if credit is not None and credit.explanation.citation:
        out.append("\n")
        # Publisher · title · passage: two lines where the panel is narrow, so the passage stays in view.
        out.append_text(_fit(Text(safe(credit.explanation.citation, 200), "dim italic"), width, CITE_LINES))
    for line in renews:  # a certification earned: each open ledger it renews (CompTIA's table)
        out.append("\n")
        out.append_text(_fit(Text("↻ " + safe(line, 200), color("good")), width, 1))
    if activity.notes:
        notes = Text(_("Notes: "), "dim")
        notes.append(safe(activity.notes, 300))
        out.append("\n")
        out.append_text(_fit(notes, width, 1))
    return out


def _fit(text: Text, width: int, lines: int) -> Text:
    """`text` wrapped to `width` cells, at most `lines` lines, the last cut with … when more is left."""
    if width <= 0:
        return text
    wrapped = text.wrap(get_console(), width, justify="default", overflow="fold") if lines > 1 \
        else [text]
    kept = list(wrapped)[:lines]
    cut_short = len(wrapped) > lines
    if cut_short or kept[-1].cell_len > width:
        last = kept[-1]
        if cut_short:
            last.truncate(max(0, width - 1))
            last.rstrip()
            last.append("…")
        else:
            last.truncate(width, overflow="ellipsis")
    return Text("\n").join(kept)


class ExplainPanel(Widget):
    """The explanation of the selected row, laid out for the panel's width (see `explain_text`).

    Laid out when measured and drawn, at the width it is given then: a resize needs no second pass.
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.shown: tuple[Activity | None, ActivityCredit | None, str, tuple[str, ...]] = (
            None, None, "cpe", ())
        self._laid: tuple[object, int, Text] | None = None

    def show(self, activity: Activity | None, credit: ActivityCredit | None, unit: str = "cpe",
             renews: tuple[str, ...] = ()) -> None:
        if (activity is self.shown[0] and credit is self.shown[1] and unit == self.shown[2]
                and renews == self.shown[3]):
            return  # the same row highlighted again: nothing to lay out (a theme change repaints)
        self.shown = (activity, credit, unit, renews)
        self.refresh(layout=True)

    def restyle(self) -> None:
        """Lay the explanation out again (after a theme change: new colours)."""
        self._laid = None
        self.refresh()

    def _text(self, width: int) -> Text:
        # Measured, then drawn, at the same width: laid out once for both.
        laid = self._laid
        if laid is None or laid[0] is not self.shown or laid[1] != width:
            activity, credit, unit, renews = self.shown
            laid = self._laid = (self.shown, width, explain_text(activity, credit, width, unit, renews))
        return laid[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._text(width).plain.count("\n") + 1

    def render(self) -> Text:
        return self._text(self.content_size.width)
