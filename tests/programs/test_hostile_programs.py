"""A program file with values of every wrong shape never gives a traceback: each mutation of the sample
program is read into a located problem or a program, and a ledger of it evaluates or says why."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest

from cpetui.ledger.parse import parse_text
from cpetui.ledger.programs import read_file
from cpetui.rules.errors import RulesError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "ledgers" / "programs" / "company-training.toml").read_text(encoding="utf-8")
# The values a hand-editor might leave: wrong types, huge and negative numbers, empty tables.
VALUES = ['"x"', "inf", "nan", "-5", "1e308", "[]", "{}", "true", "2026-01-01", '""', "999999", "0"]
ASSIGNMENT = re.compile(r"^(\w+) = (.+)$", re.M)


def mutations(n: int) -> list[str]:
    rng = random.Random(20261205)  # seeded: the same mutations every run
    spots = list(ASSIGNMENT.finditer(SAMPLE))
    out = []
    for _ in range(n):
        m = rng.choice(spots)
        value = rng.choice(VALUES)
        out.append(SAMPLE[:m.start(2)] + value + SAMPLE[m.end(2):])
    return out


@pytest.mark.parametrize("text", mutations(60))
def test_a_mutated_program_is_read_or_refused_at_a_line_never_a_traceback(tmp_path: Path, text: str) -> None:
    path = tmp_path / "company-training.toml"
    path.write_text(text, encoding="utf-8")
    read = read_file(path, "")
    if read.program is None:
        assert read.problems and all(p.source.path == str(path) and p.source.line >= 1 for p in read.problems)
        # each said by a check of its own, not by the last-resort catch that names the exception
        assert not [p for p in read.problems if "cannot be used" in p.message]
        return
    from cpetui.rules.registry import PROGRAMS
    from cpetui.rules.sources import add_sources

    saved = dict(PROGRAMS._known)  # the mutated program is known for this test only
    add_sources(read.program.sources)
    PROGRAMS.add(read.program)
    try:
        _evaluate_one(read.program)
    finally:
        PROGRAMS._known = saved


def _evaluate_one(program) -> None:  # type: ignore[no-untyped-def]
    from cpetui.status import evaluate

    read_program = program
    ledger = parse_text(f'[cycle]\nprogram = "{read_program.id}"\ncredential = '
                        f'"{read_program.credentials[0] if read_program.credentials else "X"}"\n'
                        'start = 2026-01-01\n\n[[activity]]\nid = "a"\ndate = 2026-02-01\ntitle = "A"\n'
                        'hours = 2\n', "l.toml")
    try:
        evaluate(ledger, date(2026, 6, 1))
    except RulesError:
        pass  # said at its line, like any ledger the rules cannot evaluate
