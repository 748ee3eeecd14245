"""A job run in a forked second process gives back exactly its result, or says it failed."""

from __future__ import annotations

import os
import pickle
from types import MappingProxyType

import pytest

from cpetui import forked

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")


def test_the_result_comes_back_whole_read_only_mappings_included() -> None:
    value = {"evidence": MappingProxyType({"cert.pdf": True}), "pid": 0}
    job = forked.start(lambda: {**value, "pid": os.getpid()})
    assert job is not None
    got = job.result()
    assert got["pid"] != os.getpid()  # done in the other process
    assert isinstance(got["evidence"], MappingProxyType) and got["evidence"] == {"cert.pdf": True}


def test_a_job_that_raises_is_reported_as_failed_not_raised() -> None:
    def broken() -> None:
        raise ValueError("boom")

    job = forked.start(broken)
    assert job is not None
    with pytest.raises(forked.ChildFailed):
        job.result()


def test_a_result_that_cannot_pickle_is_a_failed_child() -> None:
    job = forked.start(lambda: (lambda: None))  # a lambda does not pickle
    assert job is not None
    with pytest.raises(forked.ChildFailed):
        job.result()


def test_an_abandoned_job_is_reaped() -> None:
    job = forked.start(lambda: 42)
    assert job is not None
    job.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(job.pid, os.WNOHANG)  # already reaped: no such child


def test_read_only_mappings_pickle_as_read_only_mappings() -> None:
    data = forked.dumps(MappingProxyType({"a": 1}))
    assert pickle.loads(data) == MappingProxyType({"a": 1})
    assert isinstance(pickle.loads(data), MappingProxyType)
