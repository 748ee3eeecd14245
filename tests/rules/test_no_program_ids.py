"""The engine never asks which program it is running: what differs between bodies is in their data."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "cpetui"
# A program's own module states its data; everything else reads that data.
OWN: set[str] = set()  # every program is a file now: no module of the engine is a program's own
IDS = ("isc2", "offsec", "acfe", "iia-japan", "iia")
# `program == "isc2"`, `program.id != "offsec"`, `status.program == "iia-japan"`, `in ("acfe", …)`
_NAMES = "|".join(re.escape(i) for i in IDS)
ASKS = re.compile(r"""(program(\.id)?|\.program)\s*(==|!=|in|not in)\s*[\(\[]?\s*["']("""
                  + _NAMES + r""")["']""")


def test_no_module_outside_a_programs_own_asks_which_program_it_runs() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in OWN:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ASKS.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == [], "move what differs into the program's data:\n" + "\n".join(found)


def test_the_check_finds_what_it_looks_for() -> None:
    assert ASKS.search('    if program.id == "offsec":')
    assert ASKS.search('if status.program != "iia-japan":')
    assert not ASKS.search('at_iia = (m.venue or "").strip().lower() == "iia-japan"')  # a ledger value


def test_every_check_a_program_names_is_in_the_registry() -> None:
    from cpetui.rules.assess import CHECKS
    from cpetui.rules.registry import PROGRAMS

    named = {(v.id, name) for p in PROGRAMS.values() for v in p.versions for name in v.checks}
    assert named and all(name in CHECKS for _v, name in named)
    assert ("iia-japan-2010", "duplicate-courses") in named  # IIA-Japan: the same course counts once
