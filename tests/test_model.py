"""The model's classes are frozen dataclasses whose fast `__init__` behaves exactly as dataclass's own."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from datetime import date
from types import MappingProxyType

import pytest

from cpetui import model
from cpetui.model import EMPTY, Activity, Measure, SourceRef

CLASSES = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]


def _dataclass_twin(cls: type) -> type:
    """The same fields under dataclass's own generated `__init__` (no slots: the descriptors differ)."""
    spec = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            spec.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            spec.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            spec.append((f.name, f.type))
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_same_parameters_and_defaults_as_the_dataclass_init(cls: type) -> None:
    twin = _dataclass_twin(cls)
    ours = list(inspect.signature(cls).parameters.values())
    theirs = list(inspect.signature(twin).parameters.values())
    assert [p.name for p in ours] == [p.name for p in theirs]
    assert [p.kind for p in ours] == [p.kind for p in theirs]
    for p, q in zip(ours, theirs, strict=True):
        if q.default is inspect.Parameter.empty:
            assert p.default is inspect.Parameter.empty, p.name
    required = {p.name: f"value-{p.name}" for p in theirs if p.default is inspect.Parameter.empty}
    built, expected = cls(**required), twin(**required)
    names = [f.name for f in dataclasses.fields(cls)]
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
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, dataclasses.fields(cls)[0].name, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(built, dataclasses.fields(cls)[0].name)
    if required:
        with pytest.raises(TypeError):
            cls()
    with pytest.raises(TypeError):
        cls(**required, no_such_field=1)


def test_an_activity_by_position_and_by_keyword_is_the_same_activity() -> None:
    day = date(2024, 8, 1)
    by_position = Activity("a1", day, "Title", SourceRef("x.toml", 7), "ISC2", "education", "A", None,
                           Measure(hours=1.5), ("e.pdf",))
    by_keyword = Activity(id="a1", date=day, title="Title", source=SourceRef("x.toml", 7), provider="ISC2",
                          type="education", group="A", measure=Measure(hours=1.5), evidence=("e.pdf",))
    assert by_position == by_keyword
    assert by_keyword.key_lines is EMPTY and by_keyword.index == 0 and by_keyword.measure.hours == 1.5
    assert dataclasses.replace(by_keyword, title="Other").title == "Other"


def test_a_status_names_its_types_without_the_rules_tables() -> None:
    from cpetui.ledger.parse import parse_text
    from cpetui.status import evaluate

    ledger = parse_text(
        '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n', "cissp.toml")
    status = evaluate(ledger, date(2026, 11, 22))
    assert status.type_label("education") == "Education"  # the ISC2 handbook's word, untranslated
    assert status.type_label("no-such-type") is None
