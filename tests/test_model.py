"""The model's classes are frozen records whose fast `__init__` and methods behave exactly as a stock
frozen dataclass's with the same fields and defaults."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from datetime import date
from types import MappingProxyType
from typing import Any

import pytest

from cpetui import model
from cpetui.frozen import FrozenInstanceError, fields, is_frozen, replace
from cpetui.model import EMPTY, Activity, Measure, SourceRef

CLASSES = [c for c in vars(model).values() if isinstance(c, type) and c.__module__ == model.__name__]


def test_every_class_of_the_model_is_a_frozen_record() -> None:
    assert len(CLASSES) >= 14 and all(is_frozen(c) for c in CLASSES)


def _dataclass_twin(cls: type) -> type:
    """The same fields and defaults under dataclass's own generated methods (no slots: the descriptors
    differ). A default dataclass would refuse as shared (a read-only mapping) is given by a factory."""
    parameters = inspect.signature(cls).parameters
    spec: list[Any] = []
    for name in fields(cls):
        default = parameters[name].default
        if default is inspect.Parameter.empty:
            spec.append((name, Any))
        elif type(default).__hash__ is None:
            spec.append((name, Any, dataclasses.field(default_factory=lambda d=default: d)))
        else:
            spec.append((name, Any, dataclasses.field(default=default)))
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_same_parameters_and_defaults_as_the_dataclass_init(cls: type) -> None:
    twin = _dataclass_twin(cls)
    ours = list(inspect.signature(cls).parameters.values())
    theirs = list(inspect.signature(twin).parameters.values())
    assert [p.name for p in ours] == [p.name for p in theirs] == list(cls.__annotations__)
    assert [p.kind for p in ours] == [p.kind for p in theirs]
    for p, q in zip(ours, theirs, strict=True):
        if q.default is inspect.Parameter.empty:
            assert p.default is inspect.Parameter.empty, p.name
    required = {p.name: f"value-{p.name}" for p in theirs if p.default is inspect.Parameter.empty}
    built, expected = cls(**required), twin(**required)
    names = fields(cls)
    assert {n: getattr(built, n) for n in names} == {n: getattr(expected, n) for n in names}
    assert repr(built) == repr(expected)
    assert built == cls(**required) and built != expected  # equal to its own kind only, as dataclass
    try:
        assert hash(built) == hash(expected)
    except TypeError:  # a field holds a mapping: unhashable for the dataclass too
        with pytest.raises(TypeError):
            hash(expected)
    try:
        data = pickle.dumps(built)
    except TypeError:  # a read-only mapping field cannot be pickled, dataclass or not
        assert any(isinstance(getattr(built, n), MappingProxyType) for n in names)
    else:
        assert pickle.loads(data) == built  # how results come back from the second core
    assert copy.copy(built) == built
    assert replace(built) == built
    with pytest.raises(FrozenInstanceError):
        setattr(built, names[0], "changed")
    with pytest.raises(FrozenInstanceError):
        delattr(built, names[0])
    with pytest.raises(AttributeError):  # slots: no attribute beside the fields
        object.__setattr__(built, "no_such_field", 1)
    if required:
        with pytest.raises(TypeError):
            cls()
    with pytest.raises(TypeError):
        cls(**required, no_such_field=1)
    with pytest.raises(TypeError):
        replace(built, no_such_field=1)


def test_an_activity_by_position_and_by_keyword_is_the_same_activity() -> None:
    day = date(2024, 8, 1)
    by_position = Activity("a1", day, "Title", SourceRef("x.toml", 7), "ISC2", "education", "A", None,
                           Measure(hours=1.5), ("e.pdf",))
    by_keyword = Activity(id="a1", date=day, title="Title", source=SourceRef("x.toml", 7), provider="ISC2",
                          type="education", group="A", measure=Measure(hours=1.5), evidence=("e.pdf",))
    assert by_position == by_keyword
    assert by_keyword.key_lines is EMPTY and by_keyword.index == 0 and by_keyword.measure.hours == 1.5
    assert replace(by_keyword, title="Other").title == "Other"
    match by_keyword:
        case Activity("a1", _, title):
            assert title == "Title"
        case _:
            pytest.fail("an activity matches by position, as a dataclass does")


def test_a_status_names_its_types_without_the_rules_tables() -> None:
    from cpetui.ledger.parse import parse_text
    from cpetui.status import evaluate

    ledger = parse_text(
        '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n', "cissp.toml")
    status = evaluate(ledger, date(2026, 11, 22))
    assert status.type_label("education") == "Education"  # the ISC2 handbook's word, untranslated
    assert status.type_label("no-such-type") is None
