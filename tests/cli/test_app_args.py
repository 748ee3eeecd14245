"""`cpetui [PATH…] [--lang L]` opens the app: plain arguments go straight to the start-up (no parser
to load), anything else is parsed by argparse and a mistake is said in the user's language."""

from __future__ import annotations

import subprocess
import sys

from cpetui.cli import _app_paths


def test_plain_paths_and_a_language_need_no_parser() -> None:
    assert _app_paths([]) == []
    assert _app_paths(["ledgers", "old/cissp.toml"]) == ["ledgers", "old/cissp.toml"]
    assert _app_paths(["--lang", "ja", "ledgers"]) == ["ledgers"]
    assert _app_paths(["ledgers", "--lang=en"]) == ["ledgers"]


def test_anything_else_goes_to_the_parser() -> None:
    assert _app_paths(["--bogus"]) is None
    assert _app_paths(["--lang", "fr", "ledgers"]) is None  # argparse names the choices
    assert _app_paths(["--", "-odd-name.toml"]) is None
    assert _app_paths(["--lang"]) is None


def test_a_wrong_option_is_reported_in_the_chosen_language() -> None:
    run = [sys.executable, "-m", "cpetui", "--lang", "ja", "--bogus"]
    proc = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "認識できない引数: --bogus" in proc.stderr and "使い方: cpetui" in proc.stderr
