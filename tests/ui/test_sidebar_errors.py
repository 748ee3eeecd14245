"""A ledger whose activities the rules reject shows it in the sidebar, not only its state (issue 19)."""

from __future__ import annotations

from cpetui.ledger.session import Session
from cpetui.ui.widgets.sidebar import _prompt
from tests.ui.conftest import AS_OF, CISSP

UNKNOWN_TYPE = CISSP + ('\n[[activity]]\nid = "odd"\ndate = 2025-02-01\ntitle = "Something"\n'
                        'type = "webinar"\ngroup = "A"\nhours = 1\n')


def test_an_error_finding_is_marked_beside_the_state(ledgers) -> None:
    folder = ledgers(cissp=UNKNOWN_TYPE, clean=CISSP)
    session = Session([str(folder)], AS_OF)
    session.load()
    bad = session.entries[str(folder / "cissp.toml")]
    assert any(f.severity == "error" for f in bad.status.findings)
    assert "✗ error" in _prompt(bad).plain
    assert "✗" not in _prompt(session.entries[str(folder / "clean.toml")]).plain
