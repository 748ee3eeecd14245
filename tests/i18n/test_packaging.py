"""`pip install .` ships the catalogues: setuptools' build of the package holds every .po and .mo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_build_ships_both_catalogues(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copy(ROOT / "README.md", source)
    shutil.copytree(ROOT / "cpetui", source / "cpetui", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "build"
    subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py",
                    "-d", str(out)], cwd=source, check=True, capture_output=True)
    shipped = {p.relative_to(out).as_posix() for p in (out / "cpetui" / "locale").rglob("cpetui.*")}
    assert shipped == {f"cpetui/locale/{lang}/LC_MESSAGES/cpetui.{ext}"
                       for lang in ("en", "ja") for ext in ("po", "mo")}
