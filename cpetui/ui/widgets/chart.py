"""The chart: credits counted so far by month as a line, against the pace line and the requirement."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from cpetui.i18n import _
from cpetui.ledger.session import Entry
from cpetui.ui.chart import Series, series
from cpetui.ui.format import num, safe


def ticks(labels: tuple[str, ...], room: int) -> tuple[list[int], list[str]]:
    """Month labels along the x axis, every few months so that they never overlap in `room` cells."""
    if not labels:
        return [], []
    every = 1
    while len(labels) // every * 9 > max(room, 9):  # "2025-07" and a gap
        every = next(n for n in (2, 3, 6, 12, 24, 48) if n > every)
    picked = list(range(0, len(labels), every))
    return [i + 1 for i in picked], [labels[i] for i in picked]


def shares_text(s: Series, groups: bool, carried: float) -> Text:
    """The counted credits by group or field so far (and the carryover in), under the plot."""
    name = (lambda k: _("Group {name}").format(name=k)) if groups else (lambda k: _(k))
    parts = [f"{safe(name(k), 30)} {num(v)}" for k, v in s.shares]
    if carried:
        parts.append(_("carried in {n}").format(n=num(carried)))
    if not parts:
        return Text("")
    return Text(_("So far: {shares}").format(shares=" · ".join(parts)), "dim")


def legend_text(s: Series) -> Text:
    """What the lines are, in the colours the plot draws them."""
    out = Text()
    completions = s.unit == "completions"
    out.append("⣀⣀ ", "green")
    out.append((_("completed so far") if completions else _("counted so far")) + "   ")
    out.append("•• ", "magenta")
    out.append((_("due by then") if completions else _("pace")) + "   ")
    out.append("── ", "cyan")
    out.append((_("{n} to complete in the cycle") if completions else _("required {n}")).format(
        n=num(s.required)) + "   ")
    out.append("│ ", "yellow")
    out.append(_("today"))
    return out


class CreditChart(Vertical, can_focus=True):
    """The chart of the entry the app hands it (`show`); drawn by textual-plotext in the theme's colours."""

    DEFAULT_CSS = """
    CreditChart { height: 1fr; }
    CreditChart PlotextPlot { height: 1fr; }
    CreditChart #shares { height: auto; }
    CreditChart #legend { height: auto; }
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.entry: Entry | None = None
        self.drawn: Series | None = None  # what the plot shows now (tests read it)

    def compose(self) -> ComposeResult:
        # Title and legend are drawn by Rich, not plotext: plotext counts a Japanese character as one
        # cell, so its own title and legend would come out misaligned.
        yield Static(id="legend")
        yield PlotextPlot(id="plot")
        yield Static(id="shares")

    def show(self, entry: Entry | None) -> None:
        self.entry = entry
        if self.is_mounted:
            self.replot()

    def on_mount(self) -> None:
        self.replot()

    def on_resize(self) -> None:
        self.replot()

    def replot(self) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        entry = self.entry
        shares = self.query_one("#shares", Static)
        legend = self.query_one("#legend", Static)
        if entry is None or entry.status is None:
            self.drawn = None
            legend.update(Text(_("No status to chart."), "dim"))
            shares.update("")
            plot.refresh()
            return
        s = self.drawn = series(entry.ledger, entry.status)
        xs = list(range(1, len(s.labels) + 1))
        legend.update(legend_text(s))
        plt.plot(xs, list(s.pace), marker="dot", color="magenta")
        plt.horizontal_line(s.required, color="cyan")
        if s.counted:
            plt.plot(xs[: len(s.counted)], list(s.counted), marker="braille", color="green")
        if 0 < s.today <= len(xs):
            plt.vertical_line(s.today, color="yellow")
        top = max([s.required, *s.counted, *s.pace, 1.0])
        plt.ylim(0, top * 1.05)
        plt.xlim(1, max(2, len(xs)))
        plt.xticks(*ticks(s.labels, self.size.width - 8))
        groups = any(c.group for c in entry.status.activities)
        shares.update(shares_text(s, groups, entry.status.carryover_in))
        plot.refresh()
