"""The explanation of the selected activity's credits, with the rule it cites."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from cpetui.i18n import _, format_date
from cpetui.model import Activity, ActivityCredit
from cpetui.ui.format import color, num, safe


def explain_text(activity: Activity | None, credit: ActivityCredit | None) -> Text:
    if activity is None:
        return Text(_("No activity selected."), style="dim")
    out = Text(no_wrap=False)
    out.append(safe(activity.title, 200), "bold")
    # What a narrow table leaves out is still here, beside the title.
    facts = [safe(activity.provider, 60)] if activity.provider else []
    facts.append(_("submitted {day}").format(day=format_date(activity.submitted)) if activity.submitted
                 else _("not submitted"))
    out.append("  " + " · ".join(facts) + "\n", "dim")
    if credit is None:
        out.append(_("No credits computed for this activity."), "dim")
    else:
        out.append(_("{counted} CPE counted").format(counted=num(credit.counted)), "bold")
        if credit.earned != credit.counted:
            out.append(" " + _("of {earned} earned").format(earned=num(credit.earned)), color("bold warn"))
        out.append(": " + safe(credit.explanation.text, 400))
        if credit.explanation.citation:
            out.append("\n" + safe(credit.explanation.citation, 200), "dim italic")
    if activity.notes:
        out.append("\n" + _("Notes: "), "dim")
        out.append(safe(activity.notes, 300))
    return out


class ExplainPanel(Static):
    def show(self, activity: Activity | None, credit: ActivityCredit | None) -> None:
        self.update(explain_text(activity, credit))
