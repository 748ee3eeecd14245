"""Every sample ledger's `status --json` at fixed dates equals the committed files in golden/.

The five programs' rules are moving from Python into data files; no figure, explanation or citation may
change on the way. When one changes on purpose (a corrected rule), rewrite the files with
`python tools/golden_status.py` and say why in the commit.
"""

from __future__ import annotations

import gettext
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpetui.i18n import install
from tools.golden_status import DATES, GOLDEN, ROOT, expected, ledgers


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    install(gettext.NullTranslations(), "en")  # the files are in English, whatever ran before
    yield


@pytest.mark.parametrize("ledger", ledgers())
def test_status_json_is_unchanged(ledger: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    want = json.loads((GOLDEN / (Path(ledger).stem + ".json")).read_text(encoding="utf-8"))
    got = json.loads(json.dumps(expected(ledger)))
    assert sorted(got) == [d.isoformat() for d in DATES]
    for day in want:
        assert got[day] == want[day], f"{ledger} on {day}: status changed"


def test_every_sample_ledger_has_its_golden_file() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(Path(p).stem for p in ledgers())
