"""The main screen in Japanese, as a snapshot. Bindings' descriptions are read when the app's module is
imported, so the screenshot is taken in a fresh interpreter that installs Japanese first, as `cpetui`
itself does; this process compares it with the stored SVG like `snap_compare` would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension

ROOT = Path(__file__).resolve().parents[2]

SCREENSHOT = """
import asyncio, sys
from cpetui.locale import setup
setup("ja")  # before cpetui.ui is imported: BINDINGS are built at import
from textual._doc import take_svg_screenshot
from tests.ui.conftest import SIZE, make_app

async def run_before(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.query_one("#ledgers").focus()
    await pilot.press("down")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.query_one("#activities").focus()
    await pilot.pause()

sys.stdout.write(take_svg_screenshot(app=make_app("ledgers"), terminal_size=SIZE, run_before=run_before))
"""


def screenshot_in_japanese(folder: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(PYTHONPATH=str(ROOT), NO_COLOR="", CPETUI_CONFIG=str(folder / "no-config.toml"),
               PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-c", SCREENSHOT], cwd=folder, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    from tests.ui.conftest import CFE, CISSP

    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    (ledgers / "cissp.toml").write_text(CISSP.replace("Chapter meeting", "勉強会 Chapter meeting"),
                                        encoding="utf-8")
    (ledgers / "cfe.toml").write_text(CFE, encoding="utf-8")
    return tmp_path


def test_main_screen_in_japanese(snapshot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    svg = screenshot_in_japanese(folder)
    text = svg.replace("&#160;", " ")
    # State first: the footer's bindings, the table's headings and the status read in Japanese.
    for word in ("追加", "編集", "削除", "戻す", "ヘルプ", "終了", "日付", "タイトル", "活動", "指摘事項",
                 "証跡"):  # the evidence heading whole, not "証…"
        assert word in text, word
    for english in ("Add", "Delete", "Undo", "Quit", "Activities", "Findings"):
        assert f">{english}" not in text and f" {english} " not in text, english
    assert snapshot.use_extension(SVGImageExtension) == svg


OVERVIEW = """
import sys
from cpetui.locale import setup
setup("ja")
from textual._doc import take_svg_screenshot
from cpetui.ui.app import CpetuiApp
from tests.ui.conftest import AS_OF

async def run_before(pilot):
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

app = CpetuiApp(["ledgers"], as_of=AS_OF, watch=False, overview=True)
size = tuple(int(n) for n in sys.argv[1].split("x"))
sys.stdout.write(take_svg_screenshot(app=app, terminal_size=size, run_before=run_before))
"""


@pytest.mark.parametrize("size", ["80x24", "120x40"])
def test_overview_in_japanese(snapshot, folder: Path, size: str) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(PYTHONPATH=str(ROOT), NO_COLOR="", CPETUI_CONFIG=str(folder / "no-config.toml"),
               PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-c", OVERVIEW, size], cwd=folder, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    text = result.stdout.replace("&#160;", " ")
    for word in ("全資格の一覧", "遅れ", "残り", "サイクル終了", "Enter で台帳を開く"):
        assert word in text, word
    assert snapshot.use_extension(SVGImageExtension) == result.stdout
