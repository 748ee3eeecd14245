"""Each headless command runs to the end without importing Textual (they run in git hooks and scripts)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import SAMPLES

LEDGER = "cissp-2024-2027.toml"
COMMANDS = [
    ["programs"],
    ["programs", "iia-japan"],
    ["init", "{tmp}/new-folder", "--program", "isc2", "--credential", "CISSP", "--start", "2024-07-01"],
    ["new", "--from", "{tmp}/ledgers/" + LEDGER, "--dir", "{tmp}/next", "--as-of", "2027-07-01"],
    ["add", "{tmp}/ledgers/" + LEDGER, "--title", "Meetup", "--date", "2025-01-10", "--hours", "2"],
    ["export", "{tmp}/ledgers/" + LEDGER, "--format", "markdown"],
    ["export", "{tmp}/ledgers/ccsa-2025-2026.toml", "--format", "iia-japan"],
    ["audit-pack", "--allow-missing", "{tmp}/ledgers/" + LEDGER, "--output", "{tmp}/pack.zip"],
]

CODE = (
    "import sys; from cpetui.cli import main; rc = main(sys.argv[1:]); "
    "loaded = [m for m in ('textual', 'rich') if m in sys.modules]; "
    "assert not loaded, f'imported {loaded}'; sys.exit(rc)"
)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_command_runs_without_textual(argv: list[str], tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "ledgers")
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    proc = subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, env={"PATH": "", "LANG": "C.UTF-8",
                                                                     "CPETUI_CONFIG": str(tmp_path / "c")})
    assert "imported" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr


def test_json_is_asked_for_the_same_way_in_check_and_status(tmp_path) -> None:
    """`--json` and `--format json` both work in both commands (issue 19: users mixed them up)."""
    import json
    import subprocess
    import sys

    ledger = tmp_path / "cissp.toml"
    ledger.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n',
                      encoding="utf-8")
    for command in ("check", "status"):
        outputs = []
        for flags in (["--json"], ["--format", "json"]):
            r = subprocess.run([sys.executable, "-m", "cpetui", command, str(ledger), "--as-of", "2026-11-22",
                                *flags], capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, r.stderr
            outputs.append(json.loads(r.stdout))
        assert outputs[0] == outputs[1]
