"""`@frozen` (cpetui/frozen.py): the model, the rules and start-up records; the app uses stock dataclasses."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import cpetui.ui
from cpetui import model
from cpetui.frozen import default_factory, fields, frozen, is_frozen, replace

LEDGERS = Path(__file__).resolve().parent.parent / "ledgers"
UI_MODULES = sorted(m.name for m in pkgutil.walk_packages(cpetui.ui.__path__, "cpetui.ui."))


def _made_by_frozen(cls: type) -> bool:
    return getattr(cls.__setattr__, "__qualname__", "") == "_frozen_setattr"


def test_the_model_classes_are_made_by_frozen() -> None:
    classes = [c for c in vars(model).values() if isinstance(c, type) and c.__module__ == model.__name__]
    assert classes and all(_made_by_frozen(c) for c in classes)
    assert model.frozen is frozen  # one decorator, in its own module


def test_a_factory_default_is_made_for_each_record_and_a_shared_mutable_one_refused() -> None:
    @frozen
    class Tally:
        name: str
        seen: dict = default_factory(dict)  # type: ignore[type-arg]

    one, two = Tally("a"), Tally("b")
    assert one.seen == {} and one.seen is not two.seen
    assert Tally("c", {"x": 1}).seen == {"x": 1}
    with pytest.raises(ValueError, match="shared"):
        @frozen
        class Shared:
            seen: list = []  # type: ignore[type-arg]  # noqa: RUF012
    with pytest.raises(TypeError, match="does not extend"):
        @frozen
        class Named(Tally):
            label: str = ""
    with pytest.raises(TypeError, match="without a default"):
        @frozen
        class Unordered:
            first: int = 1
            second: int  # type: ignore[misc]


def test_replace_and_fields_read_frozen_records_and_stock_dataclasses_alike() -> None:
    @frozen
    class Point:
        x: int
        y: int = 0

    @dataclasses.dataclass(frozen=True)
    class Stock:
        x: int

    assert fields(Point) == fields(Point(1)) == ("x", "y")
    assert replace(Point(1, 2), y=5) == Point(1, 5)
    assert replace(Stock(1), x=2) == Stock(2)
    assert is_frozen(Point) and is_frozen(Point(1)) and not is_frozen(Stock)


def test_a_check_imports_no_dataclasses() -> None:
    # Every command that reads a ledger defines the model's records at start-up: made without the
    # dataclasses module, whose import brings inspect and the modules inspect imports.
    code = ("import sys\nfrom cpetui.cli import main\n"
            f"main(['check', '--as-of', '2026-11-22', {str(LEDGERS)!r}])\n"
            "print(sorted(m for m in ('dataclasses', 'inspect') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.splitlines()[-1] == "[]", out.stderr[-2000:]


@pytest.mark.parametrize("name", UI_MODULES)
def test_no_record_of_the_app_is_made_by_frozen(name: str) -> None:
    module = importlib.import_module(name)
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    assert "@frozen" not in source
    own = [c for c in vars(module).values()
           if isinstance(c, type) and c.__module__ == name]
    assert not [c.__name__ for c in own if _made_by_frozen(c)]
