"""The sources a status cites, listed for reports: publisher, title, address and the day last compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpetui.export.cells import md
from cpetui.i18n import _, format_date
from cpetui.model import Status

if TYPE_CHECKING:
    from cpetui.rules.sources import Citation


def status_citations(status: Status) -> list[Citation | None]:
    """Every citation behind the status's figures and findings, in the order a report shows them."""
    explanations = [status.total.explanation, *(r.explanation for r in status.requirements),
                    status.carryover_explanation, *(k.explanation for k in status.key_dates)]
    if status.pace is not None:
        explanations.append(status.pace.explanation)
    explanations += [c.explanation for c in status.activities]
    return [e.cite for e in explanations] + [f.cite for f in status.findings]


def sources_section(status: Status) -> list[str]:
    """A Markdown section listing the documents the report's citations name."""
    from cpetui.rules.sources import Citation, Passage, entries, sources_of

    found = sources_of(status_citations(status))
    if not found:
        return []
    lines = ["## " + _("Sources"), ""]
    for s in found:
        (e,) = entries(Citation((Passage(s.key),)))
        where = f"<{s.url}>" if s.url else _("no address known")  # the addresses are cpetui's own data
        lines.append("- " + _("{publisher} · {title} — {address} (checked {date})").format(
            publisher=md(e.publisher), title=md(e.title), address=where, date=format_date(s.checked)))
    return lines + [""]
