"""`@frozen` (cpetui/frozen.py): the model, the rules and start-up records; the app uses stock dataclasses."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest

import cpetui.ui
from cpetui import model
from cpetui.frozen import frozen

UI_MODULES = sorted(m.name for m in pkgutil.walk_packages(cpetui.ui.__path__, "cpetui.ui."))


def _made_by_frozen(cls: type) -> bool:
    return getattr(cls.__setattr__, "__qualname__", "") == "_frozen_setattr"


def test_the_model_classes_are_made_by_frozen() -> None:
    classes = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    assert classes and all(_made_by_frozen(c) for c in classes)
    assert model.frozen is frozen  # one decorator, in its own module


@pytest.mark.parametrize("name", UI_MODULES)
def test_no_record_of_the_app_is_made_by_frozen(name: str) -> None:
    module = importlib.import_module(name)
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    assert "@frozen" not in source
    own = [c for c in vars(module).values()
           if isinstance(c, type) and c.__module__ == name and dataclasses.is_dataclass(c)]
    assert not [c.__name__ for c in own if _made_by_frozen(c)]
