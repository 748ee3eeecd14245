"""What the selected figure rests on: the citations the sources view lists (no Textual here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpetui.i18n import _

if TYPE_CHECKING:
    from cpetui.model import Activity, Finding, Status
    from cpetui.rules.sources import Citation


def selected_citations(status: Status | None, activity: Activity | None,
                       finding: Finding | None = None) -> list[tuple[str, Citation]]:
    """(what, citation) for the figure in view: a finding chosen in the findings list; else the selected
    activity's credits and its findings; else the cycle's requirements and key dates."""
    if status is None:
        return []
    out: list[tuple[str, Citation | None]] = []
    if finding is not None:
        out.append((finding.message, finding.cite))
    elif activity is not None:
        credit = status.credit_of(activity.id)
        if credit is not None:
            out.append((_("{title}: {why}").format(title=activity.title, why=credit.explanation.text),
                        credit.explanation.cite))
        out += [(f.message, f.cite) for f in status.findings if f.activity_id == activity.id]
    else:
        out.append((_("Cycle total: {text}").format(text=status.total.explanation.text),
                    status.total.explanation.cite))
        out += [(r.label, r.explanation.cite) for r in status.requirements]
        out += [(k.label, k.explanation.cite) for k in status.key_dates]
    seen: set[Citation] = set()
    kept: list[tuple[str, Citation]] = []
    for what, citation in out:
        if citation is not None and citation not in seen:
            seen.add(citation)
            kept.append((what, citation))
    return kept
