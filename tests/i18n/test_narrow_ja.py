"""At 80×24 in Japanese: the key bar keeps `? ヘルプ` and `q 終了`, and the form's dropdowns prompt in
Japanese. Bindings are translated when the app's module is imported, so the app runs in a fresh
interpreter that installs Japanese first (as in test_snapshot_ja)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import asyncio, json, sys
from cpetui.locale import setup
setup("ja")
from tests.ui.conftest import make_app

def lines(app):
    return ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]

async def main():
    app = make_app("ledgers")
    out = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["table"] = lines(app)[-1]
        await pilot.press("3")
        await pilot.pause()
        out["chart"] = lines(app)[-1]
        await pilot.press("1")
        await pilot.press("a")
        await pilot.pause()
        out["prompt"] = app.screen.query_one("#in-group").prompt
        out["form"] = "\\n".join(lines(app))
        await pilot.press("escape")
        await pilot.pause()
        out["commands"] = sorted(c.title for c in app.get_system_commands(app.screen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.widgets import Input
        out["placeholder"] = app.screen.query_one(Input).placeholder
        await pilot.press(*"zzqx")
        await pilot.pause(1.0)
        from textual.command import CommandList
        out["nomatch"] = [str(o.prompt.renderable) for o in app.screen.query_one(CommandList).options]
    sys.stdout.write(json.dumps(out))

asyncio.run(main())
"""


def test_at_80x24_in_japanese_the_key_bar_keeps_help_and_quit_and_dropdowns_prompt_in_japanese(
        tmp_path: Path) -> None:
    from tests.ui.conftest import CISSP

    (tmp_path / "ledgers").mkdir()
    (tmp_path / "ledgers" / "cissp.toml").write_text(CISSP, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(PYTHONPATH=str(ROOT), CPETUI_CONFIG=str(tmp_path / "no-config.toml"), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    for where in ("table", "chart"):
        bar = shown[where]
        assert " ? ヘルプ " in bar and " q 終了 " in bar, bar
        assert bar.rstrip().endswith("q 終了"), bar
        assert " a 追加 " in bar and " e 編集 " in bar, bar
    assert shown["prompt"] == "選択…"
    assert "選択…" in shown["form"] and "Select" not in shown["form"]
    # Textual's own commands and the palette's prompt read in Japanese too
    assert {"テーマ", "スクリーンショット", "キー"} <= set(shown["commands"]), shown["commands"]
    assert not {"Theme", "Screenshot", "Keys", "Quit"} & set(shown["commands"])
    assert shown["placeholder"] == "コマンドを検索…"
    assert shown["nomatch"] == ["該当するコマンドはありません"], shown["nomatch"]
