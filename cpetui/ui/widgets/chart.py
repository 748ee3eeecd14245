"""The chart: cumulative credits per month or year, with a mark where the pace line says they should be."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from cpetui.i18n import _
from cpetui.ui.chart import marker_line, periods
from cpetui.ui.format import color, num
from cpetui.ui.session import Entry

BAR_WIDTH = 30


def chart_text(entry: Entry | None, width: int = BAR_WIDTH) -> Text:
    if entry is None or entry.status is None:
        return Text(_("No status to chart."), style="dim")
    status = entry.status
    rows = periods(entry.ledger, status)
    scale = max([status.total.required] + [p.cumulative for p in rows] + [1.0])
    out = Text()
    out.append(_("Credits so far (bar) against the pace to {required} (│)").format(
        required=num(status.total.required)), "bold")
    for p in rows:
        out.append("\n" + p.label.ljust(8))
        bar, col = marker_line(p.cumulative, p.target, scale, width)
        style = "dim" if p.future else color("good" if p.cumulative >= p.target else "warn")
        cells = list(bar)
        for i, ch in enumerate(cells):
            if i == col:
                out.append("│" if ch == " " else "┃", "bold magenta")
            else:
                out.append(ch, style)
        out.append(f" +{num(p.credits):<5} {num(p.cumulative):>6}", "dim" if p.future else "")
    return out


class CreditChart(Static):
    """Renders the chart of the entry the app hands it."""

    def show(self, entry: Entry | None) -> None:
        self.update(chart_text(entry))
