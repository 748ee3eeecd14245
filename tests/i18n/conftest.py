"""Every i18n test leaves English installed, whatever it switched to, so later tests read English."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest

from cpetui.i18n import install


@pytest.fixture(autouse=True)
def _back_to_english(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CPETUI_LEDGERS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CPETUI_CONFIG", str(tmp_path / "no-config.toml"))
    yield
    install(gettext.NullTranslations(), "en")
