"""The model's records cross from the second process by their class and fields' values: made again whole."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

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


def _two_then_fail() -> Iterator[int]:
    yield 1
    yield 2
    raise RuntimeError("the second process breaks")


@pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")
def test_a_stream_sends_each_item_as_it_is_made() -> None:
    stream = forked.start_stream(lambda: iter(range(500)))
    assert stream is not None
    got = []
    while len(got) < 100:  # items arrive while the process is still at work
        got += stream.ready()
    got += stream.rest()
    assert got == list(range(500)) and stream.ended_well


@pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")
def test_a_stream_that_fails_keeps_what_it_sent_and_says_it_failed() -> None:
    stream = forked.start_stream(_two_then_fail)
    assert stream is not None
    assert stream.rest() == [1, 2]
    assert not stream.ended_well
    assert stream.rest() == [] and stream.ready() == []


@pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")
def test_an_item_that_does_not_pickle_ends_the_stream_there() -> None:
    stream = forked.start_stream(lambda: iter([1, lambda: None, 3]))
    assert stream is not None
    assert stream.rest() == [1]
    assert not stream.ended_well


@pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")
def test_an_abandoned_stream_is_reaped() -> None:
    stream = forked.start_stream(lambda: iter(range(100_000)))  # more than the pipe holds
    assert stream is not None
    stream.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(stream.pid, os.WNOHANG)
