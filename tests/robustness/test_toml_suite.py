"""Every invalid file of the TOML conformance suite gives a located error in `status` and in the app.

`check`'s reader is proven file by file in tests/ledger/test_toml_conformance.py; here the same files
go through the commands end to end and through the app, beside a good ledger that must keep working.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TOML_TEST
from tests.robustness.apphelp import assert_app_locates, first_error_at, write_good

LISTING = TOML_TEST / "files-toml-1.0.0"

pytestmark = pytest.mark.skipif(
    not LISTING.exists(), reason="../shared/toml-test is not beside this checkout"
)


def invalid_names() -> list[str]:
    return [
        line.strip()
        for line in LISTING.read_text().splitlines()
        if line.startswith("invalid/") and line.strip().endswith(".toml")
    ]


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The listed invalid files copied into one folder (flat names), and where each one's error is."""
    folder = tmp_path_factory.mktemp("toml-invalid")
    expected = {}
    for name in invalid_names():
        flat = name.removeprefix("invalid/").replace("/", "--")
        path = folder / flat
        shutil.copyfile(TOML_TEST / name, path)
        expected[str(path)] = first_error_at(path)
    assert len(expected) > 400  # toml-test 1.0.0 lists about 500: a broken path must not test nothing
    return folder, expected


@pytest.mark.parametrize("command", ["check", "status"])
def test_the_commands_locate_every_invalid_file(command: str, suite, cases) -> None:
    folder, expected = suite
    cases("toml-test invalid files", len(expected))
    proc = subprocess.run(
        [sys.executable, "-m", "cpetui", command, "--as-of", "2026-11-22", str(folder)],
        capture_output=True, text=True, timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    assert proc.returncode == 1
    missing = [where for where in expected.values() if f"{where}: error: " not in out]
    assert not missing, f"{len(missing)} files without a located error in {command}, e.g. {missing[:3]}"


async def test_the_app_shows_every_invalid_file_located_beside_a_good_ledger(suite, cases) -> None:
    folder, expected = suite
    cases("toml-test invalid files", len(expected))
    write_good(folder)
    try:
        await assert_app_locates(folder, {p: where + ":" for p, where in expected.items()})
    finally:
        (folder / "good.toml").unlink()
