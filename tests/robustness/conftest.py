"""Each robustness test says which class of fault it proves and how many cases it tried (junit XML)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.robustness.classes import CLASSES
from tests.ui.conftest import ledgers  # noqa: F401 - the UI tests' folder of inline ledgers


@pytest.fixture
def cases(record_property: Callable[[str, object], None]) -> Callable[[str, int], None]:
    """`cases(class_name, n)`: this test tried `n` cases of the class (tools/robustness_report.py adds up)."""

    def record(name: str, n: int) -> None:
        assert name in CLASSES, f"unknown robustness class {name!r}"
        assert n > 0, "a test that tried nothing proves nothing"
        record_property("robustness_class", name)
        record_property("robustness_cases", n)

    return record
