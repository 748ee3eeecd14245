"""Copy an activity into one or more other ledgers: each target's type, questions and credits shown first."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from cpetui.i18n import _
from cpetui.ledger.transfer import Plan, Preview, plan, preview
from cpetui.model import Activity, Cycle, Ledger
from cpetui.ui.format import color, num, safe

if TYPE_CHECKING:
    from cpetui.ledger.session import Entry

Chosen = list[tuple[str, dict[str, Any]]]  # (target path, the keys the copy changes there)


@dataclass(frozen=True)
class Target:
    """A ledger the activity may be copied into."""

    path: str
    credential: str
    ledger: Ledger
    unavailable: str = ""  # why it cannot be chosen ("already has it"), shown beside it


def targets_for(entries: Iterable[Entry], source: str, activity_id: str) -> list[Target]:
    """The ledgers an activity of `source` may go to, by credential; those that cannot take it say why."""
    out = []
    for e in sorted(entries, key=lambda e: (e.credential.casefold(), e.path)):
        if e.path == source or e.broken or e.ledger.cycle is None:
            continue
        why = ""
        if e.pending:
            why = _("(still being read)")
        elif e.ledger.activity(activity_id) is not None:
            why = _("(already has it)")
        out.append(Target(e.path, e.credential, e.ledger, why))
    return out


class CopyScreen(ModalScreen[Chosen | None]):
    """Dismisses with each chosen ledger and the changes its copy needs, or None on Escape."""

    CSS_PATH = ["dialogs.tcss", "copy.tcss"]  # beside this file; read the first time a dialog opens

    BINDINGS = [
        Binding("ctrl+s", "copy", _("Copy")),
        Binding("escape", "cancel", _("Cancel"), show=False),
    ]

    def __init__(self, activity: Activity, source: Ledger, targets: Sequence[Target], as_of: date) -> None:
        super().__init__()
        assert source.cycle is not None
        self.activity = activity
        self.source: Cycle = source.cycle
        self.source_dir = os.path.dirname(os.path.abspath(source.path)) if source.path else ""
        self.targets = {t.path: t for t in targets}
        self.as_of = as_of
        self.answers: dict[str, dict[str, str]] = {t.path: {} for t in targets}

    # ------------------------------------------------------------------------------ plans

    def plan_for(self, path: str) -> Plan:
        target = self.targets[path]
        assert target.ledger.cycle is not None
        return plan(self.activity, self.source, target.ledger.cycle, self.answers[path],
                    source_dir=self.source_dir,
                    target_dir=os.path.dirname(os.path.abspath(path)))

    def preview_for(self, path: str) -> tuple[Plan, Preview | str]:
        p = self.plan_for(path)
        return p, preview(p, self.targets[path].ledger, self.as_of)

    @property
    def chosen(self) -> list[str]:
        return list(self.query_one("#targets", SelectionList).selected)

    # ------------------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog copy"):
            yield Static(Text(_("Copy “{title}” ({id}) into:").format(
                title=safe(self.activity.title, 60), id=safe(self.activity.id, 40))), classes="question")
            yield Static(Text(_("space picks a ledger · tab moves to its questions · ctrl+s copies · "
                                "esc cancels"), style="dim"), classes="hint")
            yield SelectionList[str](*self._selections(), id="targets")
            yield VerticalScroll(id="plans")
            with Horizontal(classes="buttons"):
                yield Button(_("Copy") + " (ctrl+s)", variant="primary", id="copy", compact=True)
                yield Button(_("Cancel") + " (esc)", id="cancel", compact=True)

    def _selections(self) -> list[Selection[str]]:
        out = []
        for t in self.targets.values():
            label = Text(safe(t.credential, 20), "bold")
            label.append("  " + safe(os.path.basename(t.path), 40))
            if t.unavailable:
                label.append("  " + t.unavailable, "dim")
            out.append(Selection(label, t.path, False, disabled=bool(t.unavailable)))
        return out

    def on_mount(self) -> None:
        targets = self.query_one("#targets", SelectionList)
        targets.focus()
        first = next((i for i, t in enumerate(self.targets.values()) if not t.unavailable), None)
        if first is not None:
            targets.highlighted = first  # space picks something at once

    @on(SelectionList.SelectedChanged, "#targets")
    async def _targets_changed(self) -> None:
        await self._show_plans()

    async def _show_plans(self, focus: str | None = None) -> None:
        box = self.query_one("#plans", VerticalScroll)
        await box.remove_children()
        sections = []
        for n, path in enumerate(self.chosen):
            sections.append(self._section(n, path))
        await box.mount_all(sections)
        if focus is not None:
            found = self.query(f"#{focus}")
            if found:
                found.first().focus()

    def _section(self, n: int, path: str) -> Vertical:
        p, credit = self.preview_for(path)
        target = self.targets[path]
        parts: list[Static | Select[str]] = [
            Static(Text.assemble((safe(target.credential, 20), "bold"),
                                 "  " + safe(os.path.basename(path), 40)), classes="heading")]
        for q in p.questions:
            options = [(Text(c.label + (f" — {c.description}" if c.description else "")), c.value)
                       for c in q.choices]
            parts.append(Static(Text(q.prompt + (" " + _("(suggested first)") if q.suggested else "")),
                                classes="prompt"))
            parts.append(Select(options, value=q.answer if q.answer else Select.NULL,
                                prompt=_("choose…"), id=f"q-{n}-{q.key}", classes="answer"))
        parts.append(Static(details(p, credit), classes="details"))
        section = Vertical(*parts, classes="target")
        section.target_path = path  # type: ignore[attr-defined]
        return section

    @on(Select.Changed, ".answer")
    async def _answered(self, event: Select.Changed) -> None:
        select = event.select
        assert select.id is not None
        _q, n, key = select.id.split("-", 2)
        path = self.chosen[int(n)]
        answer = None if event.value is Select.NULL else str(event.value)
        if self.answers[path].get(key) == answer:
            return  # a new section's Select telling the answer it was made with
        if answer is None:
            self.answers[path].pop(key, None)
        else:
            self.answers[path][key] = answer
        await self._show_plans(focus=select.id)

    # ------------------------------------------------------------------------------ answers

    def result(self) -> tuple[Chosen, list[str]]:
        """What to copy where, and for each chosen ledger that is not ready, why not."""
        chosen: Chosen = []
        missing: list[str] = []
        for path in self.chosen:
            p, credit = self.preview_for(path)
            name = os.path.basename(path)
            if p.problem:
                missing.append(f"{name}: {p.problem}")
            elif not p.ready:
                missing.append(_("{file}: answer its questions first").format(file=name))
            elif isinstance(credit, Preview) and credit.errors:
                missing.append(f"{name}: {credit.errors[0]}")
            else:
                chosen.append((path, dict(p.changes)))
        return chosen, missing

    def action_copy(self) -> None:
        if not self.chosen:
            self.notify(_("Pick at least one ledger with space."), severity="warning")
            return
        chosen, missing = self.result()
        if missing:
            self.notify(_("Not copied yet: {why}").format(why=safe("; ".join(missing), 300)),
                        severity="warning", timeout=8)
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#copy")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def details(p: Plan, credit: Preview | str) -> Text:
    """One target's type and why, what is left out, and what the copy counts there."""
    out = Text()
    if p.type is not None:
        out.append(_("Type: {type}").format(type=p.type_label or p.type))
        if p.type_reason:
            out.append(" — " + p.type_reason, "dim")
        out.append("\n")
    for key, why in p.dropped:
        out.append(_("Not copied: {key} — {why}").format(key=key, why=why) + "\n", "dim")
    for note in p.notes:
        out.append("ℹ " + note + "\n", color("info"))
    if isinstance(credit, str):
        out.append(safe(credit, 300), color("warn"))
        return out
    for error in credit.errors:
        out.append(_("Cannot copy: {why}").format(why=safe(error, 300)) + "\n", color("bold bad"))
    if credit.unit == "completions":
        out.append(_("Counts as {n} completed there").format(n=num(credit.counted)), color("bold good"))
    elif credit.counted < credit.earned:
        out.append(_("Counts {counted} CPE of {earned} there").format(
            counted=num(credit.counted), earned=num(credit.earned)), color("bold warn"))
    else:
        out.append(_("Counts {earned} CPE there").format(earned=num(credit.earned)), color("bold good"))
    out.append("  " + safe(credit.explanation.text, 300))
    if credit.explanation.citation:
        out.append("  (" + safe(credit.explanation.citation, 120) + ")", "dim")
    for warning in credit.warnings:
        out.append("\n⚠ " + safe(warning, 300), color("warn"))
    return out
