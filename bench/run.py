"""Prints cpetui's speed and memory figures against the floor and a peer: `python bench/run.py`.

Each figure is the median of several runs; figures that are compared are measured in turns (one run of
each, then again), so a ratio compares runs made under the same conditions.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate, generate_journal  # noqa: E402

AS_OF = "2026-11-22"


@dataclass
class Figure:
    name: str
    seconds: float | None = None
    mib: float | None = None
    target: str = ""
    ok: bool | None = None


def median_time(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def run_process(argv: Sequence[str], env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(argv, capture_output=True, env=env, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")


def cpetui(*args: str) -> list[str]:
    return [sys.executable, "-m", "cpetui", *args]


# ------------------------------------------------------------------------------------------- 1


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median seconds of each command, run in turns (one of each, `runs` times) so that a machine that
    speeds up or slows down during the benchmark moves every figure alike."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            t = time.perf_counter()
            run_process(argv)
            samples[name].append(time.perf_counter() - t)
    return {name: statistics.median(times) for name, times in samples.items()}


def headless_figures(folder: Path, journal: Path, runs: int) -> list[Figure]:
    files = sorted(str(p) for p in folder.glob("*.toml"))
    floor_code = "import sys, tomllib\nfor f in sys.argv[1:]:\n    tomllib.load(open(f, 'rb'))"
    commands = {
        "floor": [sys.executable, "-c", floor_code, *files],
        "check": cpetui("check", "--as-of", AS_OF, str(folder)),
        "status": cpetui("status", "--json", "--as-of", AS_OF, str(folder)),
    }
    hledger = shutil.which("hledger")
    if hledger:
        commands["peer"] = [hledger, "-f", str(journal), "check"]
    times = interleaved(commands, runs)
    floor, check, status = times["floor"], times["check"], times["status"]
    figures = [
        Figure("floor: python -c 'import tomllib' load of the same files", floor),
        Figure("cpetui check, 10,000 activities", check),
        Figure("cpetui status --json, 10,000 activities", status),
        Figure("  check / floor", check / floor),
    ]
    if hledger:
        peer = times["peer"]
        ratio = check / peer
        figures += [
            Figure("peer: hledger check, 10,000 transactions", peer),
            Figure("  check / hledger check", ratio, target="≤ 0.6", ok=ratio <= 0.6),
        ]
    else:
        figures.append(Figure("peer: hledger not installed (apt-get install hledger)", None))
    return figures


# ------------------------------------------------------------------------------------------- 3


def _edit_seconds(size: int, runs: int) -> float:
    from cpetui.ledger.evidence import evidence_present
    from cpetui.ledger.load import read_ledger
    from cpetui.ledger.store import update_activity
    from cpetui.status import evaluate

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 1, size)
        (path,) = Path(tmp).glob("*.toml")
        ledger = read_ledger(path)
        target = ledger.activities[size // 2].id
        samples = []
        for i in range(runs):
            t = time.perf_counter()
            ledger = update_activity(ledger, target, {"title": f"Edited title {i}"})
            evaluate(ledger, date.fromisoformat(AS_OF), evidence_present=evidence_present(ledger))
            samples.append(time.perf_counter() - t)
        return statistics.median(samples)


def rules_figure(folder: Path, runs: int) -> Figure:
    """One rules pass (status.evaluate) over every activity of the folder, in process."""
    from cpetui.ledger.evidence import evidence_present
    from cpetui.ledger.load import read_ledger
    from cpetui.status import evaluate

    ledgers = [read_ledger(p) for p in sorted(folder.glob("*.toml"))]
    present = [evidence_present(led) for led in ledgers]
    as_of = date.fromisoformat(AS_OF)

    def one_pass() -> None:
        for led, ev in zip(ledgers, present, strict=True):
            evaluate(led, as_of, evidence_present=ev)

    n = sum(len(led.activities) for led in ledgers)
    return Figure(f"rules pass over {n:,} activities (in process)", median_time(one_pass, runs))


def edit_figures(runs: int) -> list[Figure]:
    figures = []
    for size, limit in ((200, 0.050), (2000, 0.150)):
        seconds = _edit_seconds(size, runs)
        figures.append(
            Figure(f"edit → saved → recomputed, {size:,} activities", seconds,
                   target=f"< {int(limit * 1000)} ms", ok=seconds < limit)
        )
    return figures


# ------------------------------------------------------------------------------------------ 2, 4, 5


def app_figures(folder: Path, runs: int) -> list[Figure]:
    probe = [sys.executable, str(HERE / "app_probe.py")]
    # Start-up figures are a few hundred milliseconds each: at least 15 turns for a steady median.
    times = interleaved({"bare": [*probe, "bare"], "samples": [*probe, "paint", str(ROOT / "ledgers")],
                         "big": [*probe, "paint", str(folder)]}, max(runs, 15))
    bare, samples, big = times["bare"], times["samples"], times["big"]
    figures = [
        Figure("floor: bare Textual app, exits on mount", bare),
        Figure("app first paint, sample ledgers", samples),
        Figure("  / bare", samples / bare, target="≤ 1.5", ok=samples / bare <= 1.5),
        Figure("app first paint, 10,000 activities", big),
        Figure("  / bare", big / bare, target="≤ 1.6", ok=big / bare <= 1.6),
    ]
    out = subprocess.run([*probe, "outside-edit", str(folder)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode == 0:
        seconds = float(out.stdout.strip().splitlines()[-1])
        figures.append(Figure("outside edit → status shown refreshed", seconds, target="< 1 s",
                              ok=seconds < 1.0))
    else:
        figures.append(Figure(f"outside edit probe failed: {out.stderr.strip()[-300:]}"))
    out = subprocess.run([*probe, "typing", str(ROOT / "ledgers" / "cissp-2024-2027.toml")],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode == 0:
        per_key, burst = (float(v) for v in out.stdout.strip().splitlines()[-1].split())
        # Textual draws at most 60 frames a second: a key shown in the next frame is as fast as it gets.
        figures += [
            Figure("keystroke → shown in the add form (median of 40)", per_key, target="< 20 ms",
                   ok=per_key < 0.020),
            Figure("40 keys typed at once → all shown in the form", burst, target="< 100 ms",
                   ok=burst < 0.100),
        ]
    else:
        figures.append(Figure(f"typing probe failed: {out.stderr.strip()[-300:]}"))
    # The app's own peak, reported by the probe itself: the children's maximum would also hold the
    # headless commands' and the other probes'.
    loaded = subprocess.run([*probe, "loaded", str(folder)], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    mib = int(loaded.stdout.strip().splitlines()[-1]) / 1024
    figures.append(Figure("peak memory of the app, 10,000 activities", mib=mib, target="< 120 MiB",
                          ok=mib < 120))
    return figures


def print_table(figures: list[Figure]) -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
          f" {platform.system()} {platform.release()}")
    print(f"{'figure':<58} {'value':>12}  {'target':<10} ok")
    for f in figures:
        if f.mib is not None:
            value = f"{f.mib:.1f} MiB"
        elif f.seconds is None:
            value = ""
        elif f.name.startswith("  "):
            value = f"{f.seconds:.2f}×"
        else:
            value = f"{f.seconds * 1000:.0f} ms"
        ok = "" if f.ok is None else ("yes" if f.ok else "NO")
        print(f"{f.name:<58} {value:>12}  {f.target:<10} {ok}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["headless", "edit", "app"], action="append")
    args = parser.parse_args()
    parts = args.only or ["headless", "edit", "app"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ledgers"
        journal = Path(tmp) / "cpe.journal"
        n = generate(folder, 50, 200)
        generate_journal(journal, n)
        figures: list[Figure] = []
        if "headless" in parts:
            figures += headless_figures(folder, journal, args.runs)
        if "edit" in parts:
            figures.append(rules_figure(folder, args.runs))
            figures += edit_figures(max(args.runs, 20))
        if "app" in parts:
            figures += app_figures(folder, args.runs)
    print_table(figures)
    return 0 if all(f.ok is not False for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
