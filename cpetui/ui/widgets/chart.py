"""The chart: cumulative credits per month or year, with a mark where the pace line says they should be."""

from __future__ import annotations

from rich.text import Text

from cpetui.i18n import _
from cpetui.ledger.session import Entry
from cpetui.ui.chart import marker_line, periods
from cpetui.ui.format import color, num
from cpetui.ui.widgets.scrolltext import ScrollText

BAR_WIDTH = 30
MIN_BAR, MAX_BAR = 8, 60
LABEL = 8  # "2025-07 "


def chart_text(entry: Entry | None, width: int = BAR_WIDTH, room: int | None = None) -> Text:
    """The chart with bars `width` cells wide, or as wide as fits in `room` cells (one line a period)."""
    if entry is None or entry.status is None:
        return Text(_("No status to chart."), style="dim")
    status = entry.status
    rows = periods(entry.ledger, status)
    scale = max([status.total.required] + [p.cumulative for p in rows] + [1.0])
    tails = [f" +{num(p.credits):<5} {num(p.cumulative):>6}" for p in rows]
    if room is not None:
        width = max(MIN_BAR, min(MAX_BAR, room - LABEL - max(map(len, tails), default=0)))
    out = Text()
    out.append(_("Credits so far (bar) against the pace to {required} (│)").format(
        required=num(status.total.required)), "bold")
    for p, tail in zip(rows, tails, strict=True):
        out.append("\n" + p.label.ljust(LABEL))
        bar, col = marker_line(p.cumulative, p.target, scale, width)
        style = "dim" if p.future else color("good" if p.cumulative >= p.target else "warn")
        cells = list(bar)
        for i, ch in enumerate(cells):
            if i == col:
                out.append("│" if ch == " " else "┃", "bold magenta")
            else:
                out.append(ch, style)
        out.append(tail, "dim" if p.future else "")
    return out


class CreditChart(ScrollText):
    """Renders the chart of the entry the app hands it, bars sized to the width; scrolls by keys."""

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.entry: Entry | None = None

    def show(self, entry: Entry | None) -> None:
        self.entry = entry
        self.rerender()

    def content(self, width: int) -> Text:
        return chart_text(self.entry, room=width)
