"""The evidence column, the `missing` / `noevidence` filters and the status, from real files."""

from __future__ import annotations

from cpetui.ui.rows import parse_filter
from cpetui.ui.widgets.activities import ActivityTable
from tests.ui.conftest import CISSP, SIZE, make_app, settle

# The chapter meeting lists a certificate that exists, the book one that does not (a typo in the
# path), the workshop lists none.
EVIDENCE = (
    CISSP.replace("hours = 2\n", 'hours = 2\nevidence = ["certs/chapter.pdf", "https://example.org/x"]\n')
    .replace("hours = 12\n", 'hours = 12\nevidence = ["certs/bok.pdf"]\n')
)


def ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.query_one(ActivityTable).shown_ids)


def test_missing_and_noevidence_are_different_terms() -> None:
    assert parse_filter("missing").missing_evidence and not parse_filter("missing").no_evidence
    assert parse_filter("noevidence").no_evidence and not parse_filter("noevidence").missing_evidence


async def test_evidence_column_filters_and_findings_follow_the_files(ledgers) -> None:
    folder = ledgers(cissp=EVIDENCE)
    (folder / "certs").mkdir()
    (folder / "certs" / "chapter.pdf").write_bytes(b"%PDF")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(ActivityTable).table
        assert table.get_cell("2025-01-15-chapter", "evidence").plain == "✓"  # file and URL present
        assert table.get_cell("2025-03-10-book", "evidence").plain == "✗"  # certs/bok.pdf not found
        assert table.get_cell("2025-06-01-leadership", "evidence").plain == "–"  # none listed
        codes = {(f.code, f.activity_id) for f in app.entry.status.findings}
        assert ("evidence-not-found", "2025-03-10-book") in codes
        assert ("evidence-not-found", "2025-01-15-chapter") not in codes

        await pilot.press("slash", *"missing")
        await pilot.pause()
        assert ids(app) == ["2025-03-10-book"]
        await pilot.press("escape", "slash", *"noevidence")
        await pilot.pause()
        assert ids(app) == ["2025-06-01-leadership"]
        await pilot.press("escape")

        # The user puts the certificate where the ledger says it is: ctrl+r reads again.
        (folder / "certs" / "bok.pdf").write_bytes(b"%PDF")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.query_one(ActivityTable).table.get_cell("2025-03-10-book", "evidence").plain == "✓"
        assert not [f for f in app.entry.status.findings if f.code == "evidence-not-found"]
