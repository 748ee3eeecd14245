"""What reading program files costs `check` and the app's first paint: `python bench/programs.py`.

A fresh process imports the program-file machinery and reads every program cpetui ships plus the
sample user program (more than any one folder of ledgers needs: a ledger's program file is read only
when a ledger names it); that time is set against `cpetui check ledgers` and the app's first paint on
the sample ledgers, each the median of interleaved runs. Target: under 5 % of each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.run import interleaved  # noqa: E402

LOAD = """
import time, sys
t = time.perf_counter()
from pathlib import Path
from cpetui.ledger.programs import FolderFinder
finder = FolderFinder([Path("ledgers/programs").resolve()])
programs = finder.all()
assert len(programs) >= 6, [p.id for p in programs]
print(time.perf_counter() - t)
"""
# The same process without the program files: what the rest of a command imports anyway.
BASE = """
import time
t = time.perf_counter()
import cpetui.rules.registry, cpetui.status, cpetui.ledger.parse
print(time.perf_counter() - t)
"""


def _seconds(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    # The cost of the program files is what loading them adds to what a command imports anyway.
    load = statistics.median(_seconds(BASE + LOAD) for _ in range(args.runs))
    probe = [sys.executable, str(HERE / "app_probe.py")]
    times = interleaved({"check": [sys.executable, "-m", "cpetui", "check", "--as-of", "2026-11-22",
                                   str(ROOT / "ledgers")],
                         "paint": [*probe, "paint", str(ROOT / "ledgers")]}, args.runs)
    rows = [
        ("reading every program file (import, parse, build)", load, None),
        ("cpetui check, sample ledgers", times["check"], load / times["check"]),
        ("app first paint, sample ledgers", times["paint"], load / times["paint"]),
    ]
    t = time.strftime("%Y-%m-%d")
    print(f"program files, {t}, median of {args.runs}")
    ok = True
    for name, seconds, share in rows:
        line = f"  {name:<52} {seconds * 1000:8.1f} ms"
        if share is not None:
            good = share < 0.05
            ok &= good
            line += f"   program files {share * 100:4.1f} %  (target < 5 %: {'ok' if good else 'MISSED'})"
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
