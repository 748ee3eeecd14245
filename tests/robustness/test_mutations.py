"""Mutations of the sample ledgers never crash a command: numbers, dates, keys, nesting, encodings and
control characters changed at random (seeded), run through check, status, every export and the audit
pack in a subprocess limited to 512 MiB. Each result is a clean run or located errors; never a traceback.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "ledgers").glob("*.toml"))
MIB = 1024**2
EXAMPLES = 30  # seeded (derandomize): the same 30 mutations every run
DRIVER = Path(__file__).with_name("mutate_driver.py")

# What a hand edit, a bad merge or an attacker can put in place of a value or a line.
VALUES = ["inf", "-inf", "nan", "1e308", "-1", "0", "99999999999999999999", "1.5e-300", "0x7fffffff",
          "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "1979-05-27T07:32:00Z", "07:32:00",
          '""', '"\\u0000\\u001b[2J"', "[]", "[[[[[[1]]]]]]", "{}", "{ a = 1 }", "true",
          '"' + "x" * 5000 + '"',
          "[" + ", ".join(["inf"] * 50) + "]", '"\\u202e\\u200b"', "'''\nmulti\n'''"]
LINES = ["[cycle]", "[[activity]]", "[activity]", "a." * 150 + "b = 1", "[" * 80 + "1" + "]" * 80,
         "id = \"dup\"", "x = \"\x7f\"", "\ufeff[cycle]", "date =", "= 1", "[[cycle]]", "evidence = " +
         "[" + ", ".join(f'"f{i}.pdf"' for i in range(300)) + "]"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp932", "latin-1"]


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (512 * MIB, 512 * MIB))


mutation = st.tuples(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["value", "line", "delete", "control"]),
                       st.integers(0, len(VALUES) + len(LINES))), min_size=1, max_size=4),
    st.sampled_from(ENCODINGS),
)


def _mutate(text: str, edits: list[tuple[int, str, int]]) -> str:
    lines = text.split("\n")
    for at, kind, pick in edits:
        i = at % len(lines)
        if kind == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {VALUES[pick % len(VALUES)]}"
        elif kind == "line":
            lines.insert(i, LINES[pick % len(LINES)])
        elif kind == "delete":
            del lines[i]
            if not lines:
                lines = [""]
        else:
            cut = pick % (len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + chr(pick % 32) + lines[i][cut:]
    return "\n".join(lines)


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutation)
def test_a_mutated_sample_ledger_never_crashes_a_command(tmp_path_factory, cases, case) -> None:
    cases("mutated sample ledgers", EXAMPLES)
    sample, edits, encoding = case
    folder = tmp_path_factory.mktemp("mutated")
    text = _mutate(sample.read_text(encoding="utf-8"), edits)
    path = folder / sample.name
    path.write_bytes(text.encode(encoding, errors="replace"))
    proc = subprocess.run([sys.executable, str(DRIVER), str(path), str(folder)], capture_output=True,
                          text=True, timeout=60, preexec_fn=_limit, cwd=ROOT)
    assert proc.returncode == 0, (f"{sample.name} {edits} {encoding}\n"
                                  f"{proc.stdout[-4000:]}{proc.stderr[-2000:]}")
