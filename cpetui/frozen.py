"""`@frozen`: the model's immutable records (`cpetui.model`, the rules' program data), quick to build.

For the data types that are made by the thousand when ledgers and programs are read, and for the few
records a headless command builds on its way in (where the ledgers are, which files were found, what an
evidence entry is), whose stock methods would be compiled at every start; everything else (the app's
records, its messages) uses a stock `@dataclass(frozen=True, slots=True)`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def frozen(cls: type[_T]) -> type[_T]:
    """`@dataclass(frozen=True, slots=True)`, made quicker to build and to instantiate.

    The same class to every reader (`dataclasses.fields`, `replace`, `asdict`, `match`), the same
    `__init__` parameters and defaults, `__repr__`, `__eq__`, `__hash__`, immutability and pickling;
    but only `__init__` is compiled (dataclass compiles six methods a class, paid at start-up for
    every model class), the others compare and hash through one C `attrgetter`, and `__init__` sets
    the slots through their descriptors instead of `object.__setattr__` per field (reading a large
    ledger builds an Activity per activity: `bench/run.py` measures it).
    """
    if cls.__doc__ is None:
        # dataclass would write one from inspect.signature, whose first use compiles tokenize's
        # patterns: start-up time spent on a docstring nobody reads.
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__dict__.get('__annotations__', {}))})"
    cls = dataclass(slots=True, init=False, repr=False, eq=False)(cls)  # fields, slots; methods below
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = tuple(f.name for f in fields)
    params: list[str] = []
    body: list[str] = []
    scope: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    for f in fields:
        scope[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default is not dataclasses.MISSING:
            scope[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"    if {f.name} is _MISSING:\n        {f.name} = _f_{f.name}()")
        else:
            params.append(f.name)
        body.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass"), scope)  # noqa: S102
    # A tuple of every field's value, in order (one field: a 1-tuple still, as dataclass compares).
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),)) if names \
        else (lambda obj: ())
    shown = tuple(f.name for f in fields if f.repr)
    setters = [getattr(cls, n).__set__ for n in names]

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)  # type: ignore[no-any-return]
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    def __getstate__(self: Any) -> list[Any]:
        return list(values(self))

    def __setstate__(self: Any, state: list[Any]) -> None:
        for put, value in zip(setters, state, strict=True):
            put(self, value)

    methods = {"__init__": scope["__init__"], "__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__,
               "__setattr__": _frozen_setattr, "__delattr__": _frozen_delattr,
               "__getstate__": __getstate__, "__setstate__": __setstate__}
    for name, method in methods.items():
        if name in cls.__dict__ and name not in ("__setattr__", "__delattr__"):
            continue  # the class wrote its own (as dataclass keeps a class's own __repr__ …)
        if method.__qualname__ != "_frozen_setattr" and method.__qualname__ != "_frozen_delattr":
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    return cls
