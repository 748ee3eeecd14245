"""The one app factory the UI tests share, and small ledgers written inline into a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cpetui.ui.app import CpetuiApp

AS_OF = date(2026, 11, 22)
SIZE = (100, 32)

CISSP = """\
# CISSP, third cycle
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01
end = 2027-06-30

# A chapter meeting
[[activity]]
id = "2025-01-15-chapter"
date = 2025-01-15
title = "Chapter meeting: zero trust"
provider = "ISC2 Japan Chapter"
type = "education"
group = "A"
hours = 2

[[activity]]
id = "2025-03-10-book"
date = 2025-03-10
title = "Book: Threat Modeling"
provider = "Wiley"
type = "education"
group = "A"
hours = 12
submitted = 2025-03-20

[[activity]]
id = "2025-06-01-leadership"
date = 2025-06-01
title = "Leadership workshop"
type = "professional-development"
group = "B"
hours = 6
"""

CFE = """\
[cycle]
program = "acfe"
credential = "CFE"
start = 2026-01-01

[[activity]]
id = "2026-03-05-fraud"
date = 2026-03-05
title = "Fraud risk assessment seminar"
provider = "ACFE Japan"
type = "participant"
field = "fraud"
minutes = 100
"""


@pytest.fixture
def ledgers(tmp_path: Path) -> Callable[..., Path]:
    """Write ledgers as {file name: text} into a fresh folder and return it."""

    def write(**files: str) -> Path:
        folder = tmp_path / "ledgers"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / f"{name}.toml").write_text(text, encoding="utf-8")
        return folder

    return write


def make_app(*paths: Path | str, **kwargs) -> CpetuiApp:  # type: ignore[no-untyped-def]
    """The app on `paths` on a fixed day; the watcher is off unless a test turns it on."""
    kwargs.setdefault("as_of", AS_OF)
    kwargs.setdefault("watch", False)
    return CpetuiApp([str(p) for p in paths], **kwargs)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def add_form(pilot, **fields: str):  # type: ignore[no-untyped-def]
    """Press `a` and fill the form's fields in order (`type` and `group` first: they choose the
    measure fields shown); returns the form, still open."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    form = pilot.app.screen
    for key, value in fields.items():
        form.query_one(f"#in-{key}").value = value
        await pilot.pause()
    return form
