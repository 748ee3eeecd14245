"""The model's records cross from the second process by their class and fields' values: made again whole."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

from cpetui import forked
from cpetui.frozen import frozen
from cpetui.ledger.evidence import evidence_present
from cpetui.ledger.load import read_ledger
from cpetui.model import Problem, SourceRef
from cpetui.status import evaluate

ROOT = Path(__file__).resolve().parents[1]


def test_problems_come_back_equal_and_of_their_class() -> None:
    problems = [Problem("error", "bad-value", "field must be text", SourceRef("a.toml", 3, 9), "x", "hint",
                        "2024-01-01-a"), Problem("info", "condition", "m", SourceRef("a.toml"))]
    back = pickle.loads(forked.dumps(problems))
    assert back == problems
    assert [type(p) for p in back] == [Problem, Problem]
    assert type(back[0].source) is SourceRef


def test_every_sample_ledger_and_its_status_come_back_equal() -> None:
    for path in sorted((ROOT / "ledgers").glob("*.toml")):
        ledger = read_ledger(path)
        if ledger.cycle is None:
            continue
        status = evaluate(ledger, date(2026, 11, 22), evidence_present=evidence_present(ledger))
        assert pickle.loads(forked.dumps((ledger, status))) == (ledger, status), path.name


@frozen
class _OwnInit:
    a: int
    b: int = 0

    def __init__(self, total: int) -> None:  # a class that writes its own __init__ takes other arguments
        object.__setattr__(self, "a", total)
        object.__setattr__(self, "b", total)


def test_a_record_with_its_own_init_is_not_made_again_by_its_fields() -> None:
    assert not forked._is_frozen_record(_OwnInit)
    assert forked._is_frozen_record(Problem)
