"""The findings list: what the rules noticed; choosing one jumps to its activity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cpetui.i18n import _
from cpetui.model import Finding
from cpetui.ui.format import color, fold, safe

SEVERITY_ROLES = {"error": "bold bad", "warning": "warn", "info": "guide"}


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def in_order(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Errors first, then warnings, then notes; in file order within each."""
    return tuple(sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3)))


def finding_prompt(finding: Finding, width: int = 0, title: str = "") -> Text:
    """One finding: mark, line and the activity's title, message, then hint and citation indented;
    wide text folded at `width`."""
    mark = {"error": "✗ ", "warning": "! ", "info": "i "}.get(finding.severity, "· ")
    where = _("line {line}: ").format(line=finding.source.line) if finding.source is not None else ""
    if title:
        where = _("line {line} “{title}”: ").format(line=finding.source.line if finding.source else "?",
                                                   title=safe(title, 40))
    if width and not (finding.message + where).isascii():
        # Folded as one line with its prefix, then split back into the styled parts.
        first = fold(mark + where + safe(finding.message, 300), width, "  ")
        message = first[len(mark) + len(where):]
    else:
        message = safe(finding.message, 300)
    text = Text()
    text.append(mark, color(SEVERITY_ROLES.get(finding.severity, "")))
    text.append(where, "dim")
    text.append(message)
    if finding.hint:
        text.append("\n" + fold("  " + safe(finding.hint, 300), width, "  "), "dim italic")
    if finding.citation:
        text.append("\n" + fold("  " + safe(finding.citation, 200), width, "  "), "dim")
    return text


class FindingsList(OptionList):
    """The selected ledger's findings; posts `FindingsList.Jump` with the activity to show."""

    class Jump(Message):
        """Show activity `activity_id` (a finding about it was chosen)."""

        def __init__(self, activity_id: str) -> None:
            super().__init__()
            self.activity_id = activity_id

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] | None = None  # None: nothing shown yet; in the order shown
        self.titles: dict[str, str] = {}

    def show(self, findings: Sequence[Finding], titles: Mapping[str, str] | None = None) -> None:
        """Show `findings`, errors first; `titles` names each finding's activity (id → title)."""
        findings = in_order(findings)
        if self.findings is not None and findings == self.findings:
            return
        self.findings = findings
        self.titles = dict(titles or {})
        keep = self.highlighted
        self.clear_options()
        if not findings:
            self.add_option(Option(Text(_("No findings."), style="dim"), disabled=True))
            return
        width = max(0, self.scrollable_content_region.width - 2)
        self.add_options([Option(finding_prompt(f, width, self.titles.get(f.activity_id or "", "")),
                                 id=str(i)) for i, f in enumerate(findings)])
        if keep is not None and keep < len(findings):
            self.highlighted = keep

    def on_resize(self) -> None:
        # Wide text is folded for the width shown: a new width folds it again.
        if self.findings:
            findings, self.findings = self.findings, None
            self.show(findings, self.titles)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        assert self.findings is not None
        finding = self.findings[int(event.option.id)]
        if finding.activity_id:
            self.post_message(self.Jump(finding.activity_id))
        else:
            self.notify(_("This finding is about the whole ledger, not one activity."))
