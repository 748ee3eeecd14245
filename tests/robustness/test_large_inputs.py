"""Very large inputs: refused at once with a located message, or read without freezing anything.

The limit is 4 MiB (cpetui.ledger.load.MAX_LEDGER_BYTES): a whole career's ledger is under 1 MB,
15,000 realistic activities fit, and a file just under the limit still reads in a few seconds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from cpetui.ledger.load import MAX_LEDGER_BYTES, read_ledger
from cpetui.ui.widgets.activities import ActivityTable
from tests.robustness.apphelp import assert_app_locates, write_good
from tests.ui.conftest import SIZE, make_app, settle

HEAD = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'


def block(i: int) -> str:
    return (f'\n[[activity]]\nid = "a{i:06d}"\ndate = 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n'
            f'title = "Webinar {i}"\ntype = "education"\ngroup = "A"\nhours = 0.25\n')


def activities(n: int) -> str:
    return HEAD + "".join(block(i) for i in range(n))


def fifty_megabytes() -> bytes:
    one = block(0).encode()
    return HEAD.encode() + one * (50_000_000 // len(one) + 1)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("big")
    files = {"fifty-mb": folder / "fifty-mb.toml", "100k-activities": folder / "100k-activities.toml"}
    files["fifty-mb"].write_bytes(fifty_megabytes())
    files["100k-activities"].write_text(activities(100_000), encoding="utf-8")
    return files


def test_the_sizes_are_what_they_claim(big: dict[str, Path]) -> None:
    assert big["fifty-mb"].stat().st_size >= 50_000_000
    assert big["100k-activities"].read_text(encoding="utf-8").count("[[activity]]") == 100_000
    assert big["100k-activities"].stat().st_size > MAX_LEDGER_BYTES


@pytest.mark.parametrize("command", ["check", "status"])
def test_the_commands_refuse_big_files_at_once_with_a_located_message(
    big: dict[str, Path], command: str, cases
) -> None:
    cases("very large inputs", len(big))
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "cpetui", command, "--as-of", "2026-11-22",
                           *map(str, big.values())], capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 10  # refused by its size: nothing is parsed
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out
    for path in big.values():
        assert f"{path}:1:1: error: the file is " in out
        assert "cpetui reads ledgers up to 4 MB" in out
    assert "split it into one ledger per certification cycle" in out


async def test_the_app_refuses_big_files_and_keeps_the_good_ledger(big: dict[str, Path], cases) -> None:
    cases("very large inputs", len(big))
    folder = next(iter(big.values())).parent
    write_good(folder)
    try:
        await assert_app_locates(folder, {str(p): f"{p}:1:1: error: the file is " for p in big.values()})
    finally:
        (folder / "good.toml").unlink()


def just_under_the_limit() -> tuple[str, int]:
    n = (MAX_LEDGER_BYTES - len(HEAD) - 1000) // len(block(50_000))
    return activities(n), n


def test_a_ledger_just_under_the_limit_reads_in_seconds(tmp_path: Path, cases) -> None:
    cases("very large inputs", 1)
    text, n = just_under_the_limit()
    path = tmp_path / "huge.toml"
    path.write_text(text, encoding="utf-8")
    assert MAX_LEDGER_BYTES * 0.99 < path.stat().st_size <= MAX_LEDGER_BYTES
    started = time.monotonic()
    ledger = read_ledger(path)
    assert time.monotonic() - started < 15  # ~1 s here; slow CI machines get room
    assert ledger.ok and len(ledger.activities) == n


async def test_the_app_opens_a_ledger_just_under_the_limit_and_pages_it(tmp_path: Path, cases) -> None:
    cases("very large inputs", 1)
    text, n = just_under_the_limit()
    (tmp_path / "huge.toml").write_text(text, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        started = time.monotonic()
        await settle(pilot)
        assert time.monotonic() - started < 30
        table = app.query_one(ActivityTable)
        assert len(table.matching) == n
        assert table.table.row_count == 200  # paged: a DataTable of 30,000 rows would freeze
        assert app.entry.status is not None
        assert app.entry.status.total.counted == n * 0.25  # every quarter hour counted, no cap on A
