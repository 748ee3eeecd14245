"""The status panel: requirements as labelled bars, key dates with days left, pace and carryover."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from cpetui.i18n import _, cell_width, format_date, pad
from cpetui.ledger.session import Entry
from cpetui.model import Requirement, Status
from cpetui.ui.format import color, days_left, num, progress, safe, state_label, state_style
from cpetui.ui.widgets.scrolltext import ScrollText

MIN_LABEL = 24  # below this a label is cut, the figures never
BAR_WIDTH = 16
MAX_DATES = 4
URGENT_DAYS = 90  # a key date this close is shown first


def requirement_line(req: Requirement, label_width: int = 24, bar_width: int = BAR_WIDTH,
                     unit: str = "cpe") -> Text:
    """`label  ████░░  counted / required` styled by kind: a failure, guidance, or a limit; a program
    counting completions says `1 of 1 completed`."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(pad(safe(req.label, label_width), label_width) + " ")
    if req.kind == "maximum":
        style = color("bad" if req.earned > req.required else "info")
        line.append(progress(req.counted, req.required, bar_width), style)
        line.append(" " + _("{counted} of at most {limit}").format(
            counted=num(req.counted), limit=num(req.required)))
        if req.earned > req.counted:
            line.append(" " + _("({earned} earned, capped)").format(earned=num(req.earned)), "dim")
        return line
    if req.met:
        style = color("good")
    elif req.kind == "recommended":
        style = color("guide")  # guidance, never shown as a failure
    else:
        style = color("warn")
    line.append(progress(req.counted, req.required, bar_width), style)
    if unit == "completions":
        line.append(" " + _("{counted} of {required} completed").format(
            counted=num(req.counted), required=num(req.required)))
    else:
        line.append(f" {num(req.counted)} / {num(req.required)}")
    if req.earned != req.counted:
        # A reduced figure says why where it is shown ("Group A only", "at most 10 of Group B count").
        why = safe(req.explanation.text, 200)
        line.append(" " + (_("({earned} earned: {why})").format(earned=num(req.earned), why=why) if why
                           else _("({earned} earned)").format(earned=num(req.earned))), "dim")
    if req.kind == "recommended":
        line.append(" " + _("recommended"), color("italic guide"))
    elif req.met:
        line.append(" ✓", color("good"))
    return line


def status_text(entry: Entry, as_of: date, width: int = 80) -> Text:
    status = entry.status
    out = Text()
    cycle = entry.ledger.cycle
    if status is None:
        if cycle is not None:
            out.append(safe(cycle.credential, 30), "bold")
            out.append("  " + _("program {program}").format(program=safe(cycle.program, 20)))
        if entry.pending:
            out.append("\n" + _("Reading its activities…"), "dim")
        elif entry.rules_error:
            out.append("\n" + _("The rules cannot evaluate this ledger: {why}").format(
                why=safe(entry.rules_error)), color("warn"))
        elif cycle is None:
            out.append(_("This file could not be read; see the errors above."), color("bad"))
        return out
    return _status_text(status, as_of, width)


def _status_text(status: Status, as_of: date, width: int) -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(safe(status.credential, 20), "bold")
    out.append(f"  {format_date(status.cycle_start)} → {format_date(status.cycle_end)}  ")
    out.append(" " + state_label(status.state) + " ", "reverse " + state_style(status.state))
    out.append("  " + safe(status.rules_version, 20), "dim")
    # A date at most URGENT_DAYS ahead goes right under the heading: on a small terminal the panel
    # shows only its first lines, and "grace period ends in 26 days" must not be the part cut off.
    ordered = sorted(status.key_dates, key=lambda k: k.date)
    ahead = [k for k in ordered if k.date >= as_of]
    urgent = next((k for k in ahead if (k.date - as_of).days <= URGENT_DAYS), None)
    if urgent is not None:
        out.append("\n")
        # Date and days first: a narrow panel cuts the end of the line, never the figures.
        out.append(f"{format_date(urgent.date)} ({days_left(urgent.date, as_of)})  {safe(urgent.label, 200)}",
                   "bold " + color("warn"))
    shown = [status.total, *(r for r in status.requirements if r.id != status.total.id)]
    bar_width = BAR_WIDTH if width >= 70 else 8
    # What is left beside the bar and "12.5 / 120 recommended" goes to the label: whole where the
    # terminal is wide enough, cut (never the figures) where it is not.
    room = max(MIN_LABEL, width - bar_width - 24)
    label_width = min(room, max(cell_width(safe(r.label, 200)) for r in shown))
    # Each requirement names its source, as a reader looks it up: a mark after the row, the source in
    # words at the end of the panel (one line each; `i` shows passages, quotes and addresses).
    sources: list[str] = []
    for req in shown:
        out.append("\n")
        line = requirement_line(req, label_width, bar_width, status.unit)
        cited = req.explanation.citation
        if cited:
            if cited not in sources:
                sources.append(cited)
            line.append(f" [{sources.index(cited) + 1}]", "dim")
        out.append_text(line)
    facts: list[str] = []
    if status.pace is not None and status.pace.remaining > 0:
        facts.append(_("pace {per_month}/month for {months} months").format(
            per_month=num(round(status.pace.per_month, 2)), months=num(round(status.pace.months_left, 1))))
    if status.unit != "completions" or status.carryover_in or status.carryover_out:
        facts.append(_("carryover in {cin}, out {cout}").format(
            cin=num(status.carryover_in), cout=num(status.carryover_out)))
    if facts:
        out.append("\n" + "  ·  ".join(facts), "")
    # The dates still ahead matter; once all have passed, the last few say what happened.
    for key in (ahead or ordered[-2:])[:MAX_DATES]:
        out.append("\n")
        style = "dim" if key.date < as_of else ""
        # Days left before the label: a narrow panel cuts the end of the line, never the figures.
        out.append(f"{format_date(key.date)} ({days_left(key.date, as_of)})  {safe(key.label, 200)}", style)
        if key.clears and key.date <= as_of:  # a suspension's way out, once it has begun
            out.append("\n  " + _("to clear it: {what}").format(what=safe(key.clears, 300)), "dim")
    for n, cited in enumerate(sources, 1):
        out.append("\n" + _("[{n}] {source}").format(n=n, source=safe(cited, 300)), "dim")
    return out


class StatusPanel(ScrollText):
    """Where the selected ledger stands; the app hands it the entry to show. It takes the focus (Tab)
    and scrolls, so every key date stays reachable when the panel is shorter than what it says."""

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.shown: tuple[Entry | None, date] | None = None

    def show(self, entry: Entry | None, as_of: date) -> None:
        self.shown = (entry, as_of)
        self.rerender()

    def content(self, width: int) -> Text:
        if self.shown is None or self.shown[0] is None:
            return Text(_("No ledger selected."))
        return status_text(self.shown[0], self.shown[1], width)
