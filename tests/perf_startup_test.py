"""What a headless command leaves out of its start-up gives the same answers as what it would have used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.ledger import where

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("env", [
    {"HOME": "/home/someone"},
    {"HOME": "/home/someone/"},
    {"HOME": "/"},
    {"HOME": "/home/someone", "XDG_CONFIG_HOME": "/elsewhere/config"},
    {"HOME": "/home/someone", "XDG_CONFIG_HOME": "/elsewhere/config/"},
    {"HOME": "/home/someone", "XDG_CONFIG_HOME": ""},
    {"HOME": "/home/someone", "XDG_CONFIG_HOME": "relative/config"},
    {"HOME": "/home/someone", "XDG_CONFIG_HOME": " /padded"},
    {"HOME": "relative"},
    {"HOME": ""},
    {"HOME": "/home/someone", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"},
])
def test_the_config_file_is_where_platformdirs_puts_it(env: dict[str, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    platformdirs = pytest.importorskip("platformdirs")
    for name in ("HOME", "XDG_CONFIG_HOME", "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(where.ENV_CONFIG, raising=False)
    try:
        expected = Path(platformdirs.user_config_dir("cpetui", appauthor=False)) / "config.toml"
    except RuntimeError:  # platformdirs finds no home: neither may the shortcut
        assert where._plain_linux_config_dir() is None
        return
    assert where.config_path() == expected


def test_the_shortcut_answers_on_an_ordinary_linux_home(monkeypatch: pytest.MonkeyPatch) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the shortcut is for Linux")
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.delenv("ANDROID_ROOT", raising=False)
    assert where._plain_linux_config_dir() == "/home/someone/.config/cpetui"


def test_check_on_named_ledgers_loads_no_platform_folder_finder(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the shortcut is for Linux")
    code = ("import sys\nfrom cpetui.cli import main\n"
            f"main(['check', '--as-of', '2026-11-22', {str(ROOT / 'ledgers')!r}])\n"
            "print('platformdirs' in sys.modules)")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                         timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
