"""`@frozen`: the model's immutable records (`cpetui.model`, the rules' program data), quick to build;
`replace` and `fields` to read and copy them.

For the data types that are made by the thousand when ledgers and programs are read, and for the few
records a headless command builds on its way in (where the ledgers are, which files were found, what an
evidence entry is). Every command that reads a ledger defines these classes at start-up, so they are
made without the `dataclasses` module (whose import brings `inspect` and its own imports) and compile
one method each. The app's records and messages use a stock `@dataclass(frozen=True, slots=True)`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")

# Default values that would be one object shared by every record: as dataclass, refused.
_MUTABLE = (list, dict, set, bytearray)
_MISSING = object()


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class _Factory:
    """A field's default made anew for each record (`default_factory`)."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


def default_factory(make: Any) -> Any:
    """The default of a field that must not be shared between records: `make()` for each one."""
    return _Factory(make)


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def fields(record: Any) -> tuple[str, ...]:
    """The field names of a frozen record or class, in the order `__init__` takes them."""
    names: tuple[str, ...] = record.__frozen_fields__
    return names


def is_frozen(obj: Any) -> bool:
    """Whether `obj` is a record made by `@frozen`, or such a class."""
    cls = obj if isinstance(obj, type) else type(obj)
    return "__frozen_fields__" in cls.__dict__


def replace(record: _T, /, **changes: Any) -> _T:
    """A copy of `record` with `changes` (field name → value), made by its class's `__init__`; a stock
    dataclass's by `dataclasses.replace`."""
    cls = type(record)
    names = cls.__dict__.get("__frozen_fields__")
    if names is None:
        import dataclasses  # the app's records, whose readers have imported it already

        return dataclasses.replace(record, **changes)  # type: ignore[type-var]
    unknown = [name for name in changes if name not in names]
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {unknown[0]!r}")
    return cls(*[changes[name] if name in changes else getattr(record, name) for name in names])


def frozen(cls: type[_T]) -> type[_T]:
    """An immutable record with slots: `__init__` taking each annotated field in order (a class
    attribute of that name is its default), `__repr__`, `__eq__` and `__hash__` over the fields'
    values, immutability and pickling; `__match_args__` for `match`.

    Only `__init__` is compiled; the others compare and hash through one C `attrgetter`, and `__init__`
    sets the slots through their descriptors instead of `object.__setattr__` per field (reading a
    large ledger builds an Activity per activity: `bench/run.py` measures it). A class written with
    `from __future__ import annotations` has string annotations: none is evaluated.
    """
    own = cls.__dict__
    if any(is_frozen(base) for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a frozen record does not extend another; give it its own fields")
    names = tuple(name for name, kind in own.get("__annotations__", {}).items()
                  if not str(kind).startswith(("ClassVar", "typing.ClassVar")))
    defaults: dict[str, Any] = {}
    for name in names:
        value = own.get(name, _MISSING)
        if value is _MISSING:
            if defaults:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one with it")
            continue
        if isinstance(value, _MUTABLE):
            raise ValueError(f"{cls.__name__}.{name}: a {type(value).__name__} default would be shared "
                             "by every record; use default_factory")
        defaults[name] = value
    if cls.__doc__ is None:
        cls.__doc__ = f"{cls.__name__}({', '.join(names)})"
    # A new class with slots for the fields (as dataclass's slots=True): the defaults leave the class
    # body, where they would clash with the slots' descriptors.
    body = {key: value for key, value in own.items()
            if key not in defaults and key not in ("__dict__", "__weakref__")}
    body["__slots__"] = names
    new = type(cls)(cls.__name__, cls.__bases__, body)
    new.__qualname__ = cls.__qualname__

    setters = [getattr(new, name).__set__ for name in names]
    params: list[str] = []
    lines: list[str] = []
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    for name, put in zip(names, setters, strict=True):
        scope[f"_set_{name}"] = put
        default = defaults.get(name, _MISSING)
        if isinstance(default, _Factory):
            scope[f"_f_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            lines.append(f"    if {name} is _MISSING:\n        {name} = _f_{name}()")
        elif default is not _MISSING:
            scope[f"_d_{name}"] = default
            params.append(f"{name}=_d_{name}")
        else:
            params.append(name)
        lines.append(f"    _set_{name}(self, {name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(lines) or "    pass"), scope)  # noqa: S102
    # A tuple of every field's value, in order (one field: a 1-tuple still, so that records compare
    # as tuples whatever their number of fields).
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),)) if names \
        else (lambda obj: ())

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

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
        if name in own and name not in ("__setattr__", "__delattr__"):
            continue  # the class wrote its own (as dataclass keeps a class's own __repr__ …)
        if method is not _frozen_setattr and method is not _frozen_delattr:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(new, name, method)
    new.__match_args__ = names  # type: ignore[attr-defined]
    new.__frozen_fields__ = names  # type: ignore[attr-defined]
    return new
