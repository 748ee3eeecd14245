"""Hostile text in a ledger renders harmlessly: in `status`, in every export format, and in the app.

Harmless means: no raw ESC, C0/C1 control, bidi or zero-width character reaches the output or the
screen (so no ANSI/OSC sequence — colour, clipboard, hyperlink, title — can act), console markup is
shown as the characters the user typed, and nothing crashes on a 100,000-character title or arrays
nested 60 deep (5,000 deep: a located error instead of a RecursionError).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cpetui.ledger.load import read_ledger
from cpetui.ui.screens.confirm import Confirm
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.problems import ProblemsBanner
from tests.robustness.hostile import (
    HOSTILE,
    LONG_TITLE,
    deeply_nested_ledger,
    hostile_ledger,
    leaks,
)
from tests.ui.conftest import make_app, settle

AS_OF = "2026-11-22"


def cpetui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cpetui", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "cissp.toml").write_text(hostile_ledger("isc2"), encoding="utf-8")
    (folder / "ccsa.toml").write_text(hostile_ledger("iia-japan"), encoding="utf-8")
    return folder


def test_the_hostile_ledgers_read_and_keep_every_byte(folder: Path, cases) -> None:
    cases("hostile text", len(HOSTILE) + 2)
    for name in ("cissp.toml", "ccsa.toml"):
        ledger = read_ledger(folder / name)
        assert ledger.ok, [p.message for p in ledger.problems if p.severity == "error"]
        titles = {a.title for a in ledger.activities}
        assert set(HOSTILE.values()) | {LONG_TITLE} == titles  # read as written, nothing stripped
        assert all(a.extra for a in ledger.activities)  # the odd keys are kept


@pytest.mark.parametrize("argv", [
    ["status"], ["status", "--json"], ["check"],
    ["export", "--format", "csv"], ["export", "--format", "json"],
    ["export", "--format", "markdown"], ["export", "--format", "iia-japan"],
])
def test_command_output_carries_no_terminal_control(folder: Path, argv: list[str], cases) -> None:
    cases("hostile text", len(HOSTILE) + 2)
    ledger = folder / ("ccsa.toml" if "iia-japan" in argv else "cissp.toml")
    extra = [] if argv[0] == "check" else ["--as-of", AS_OF]
    proc = cpetui(*argv, *extra, str(ledger))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout + proc.stderr
    assert leaks(out) == [], f"{argv}: raw control characters in the output"
    if "--json" in argv or "json" in argv:
        data = json.loads(proc.stdout)
        ids = {a["id"] for led in data["ledgers"] for a in led["activities"]}
        assert "h00 " + HOSTILE["rich markup"] in ids  # JSON escapes: the exact text survives for scripts


def test_nesting_too_deep_is_a_located_error_not_a_crash(tmp_path: Path, cases) -> None:
    cases("hostile text", 1)
    path = tmp_path / "deep.toml"
    path.write_text(deeply_nested_ledger(), encoding="utf-8")
    proc = cpetui("check", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{path}:13:" in proc.stdout  # the line where the nesting is
    assert "nests too deeply" in proc.stdout


# ------------------------------------------------------------------------------------------- app


def screen_text(app: Any) -> str:
    """Every character the app would send for the current screen (toasts included)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def links(app: Any) -> list[str]:
    """Hyperlinks on screen (an OSC 8 sequence when drawn); ledger text must not make any."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None and style.link:
                found.append(style.link)
    return found


def shown(app: Any, where: str) -> None:
    text = screen_text(app)
    assert leaks(text) == [], f"{where}: raw control characters on screen"
    assert not links(app), f"{where}: a hyperlink made from ledger text"


async def test_the_app_shows_hostile_text_literally_and_stays_up(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cases
) -> None:
    cases("hostile text", len(HOSTILE) + 2)
    (tmp_path / "deep.toml").write_text(deeply_nested_ledger(), encoding="utf-8")
    (tmp_path / "cissp.toml").write_text((folder / "cissp.toml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    opened: list[Any] = []
    monkeypatch.setattr("subprocess.Popen", lambda *a, **k: opened.append((a, k)))
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        deep = str(tmp_path / "deep.toml")
        app.selected = deep
        app.render_selected()
        await pilot.pause()
        banner = app.query_one(ProblemsBanner)
        assert banner.display and f"{deep}:13:" in str(banner.render())
        shown(app, "the nesting error")

        app.selected = str(tmp_path / "cissp.toml")
        app.render_selected()
        await settle(pilot)
        assert app.entry.status is not None
        table = app.query_one(ActivityTable)
        assert len(table.shown_ids) == len(HOSTILE) + 1
        shown(app, "the main screen")
        text = screen_text(app)
        assert "[bold red]Loud[/]" in text  # markup shown as typed
        assert "[@click=app.quit]click" in text
        for _ in table.shown_ids:  # every row's explanation, evidence and notes
            shown(app, f"row {table.current_id!r}")
            await pilot.press("o")  # evidence: missing files are named, URLs handed to the opener
            await pilot.pause()
            shown(app, f"evidence notices of {table.current_id!r}")
            await pilot.press("down")
            await pilot.pause()
        for tab in ("2", "3", "1"):
            await pilot.press(tab)
            await pilot.pause()
            shown(app, f"tab {tab}")
        await pilot.press("home", "enter")  # the form shows the text, escaped
        await settle(pilot)
        assert isinstance(app.screen, ActivityForm)
        shown(app, "the edit form")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        shown(app, "the delete question")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert opened, "the web addresses were handed to the opener"
    assert all(isinstance(a[0], list) and not k.get("shell") for a, k in opened)  # argv, no shell
