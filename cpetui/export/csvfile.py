"""CSV export: one row per activity, columns in the order a CPE portal's submission form asks for them."""

from __future__ import annotations

import csv
import io

from cpetui.export.cells import csv_text
from cpetui.export.markdown import sorted_activities
from cpetui.i18n import format_credits
from cpetui.model import Ledger, Status

# Column names are a data interface (scripts read them), so they stay English in every language.
# Order: what the portals (ISC2, OffSec, ACFE) ask first — the activity's kind and group, what and who,
# when, how much — then the bookkeeping cpetui adds.
COLUMNS = (
    "type", "group", "field", "title", "provider", "date", "credits", "counted", "submitted",
    "evidence", "notes", "id", "line", "explanation", "citation",
)


def export(ledger: Ledger, status: Status) -> str:
    """The CSV text: comma separated, quoted as needed, LF row ends so exports diff cleanly in git."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in sorted_activities(ledger):
        credit = status.credit_of(a.id)
        writer.writerow([
            csv_text(a.type),
            csv_text(a.group),
            csv_text(a.field),
            csv_text(a.title),
            csv_text(a.provider),
            a.date.isoformat(),
            format_credits(credit.earned) if credit else "",
            format_credits(credit.counted) if credit else "",
            a.submitted.isoformat() if a.submitted else "",
            csv_text("; ".join(a.evidence)),
            csv_text(a.notes),
            csv_text(a.id),
            a.source.line,
            csv_text(credit.explanation.text) if credit else "",
            csv_text(credit.explanation.citation) if credit else "",
        ])
    return buf.getvalue()
