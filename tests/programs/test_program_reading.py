"""Program files are read by the compiled reader only where it answers exactly as tomllib (TOML 1.0, the
spec) would: on every file of the TOML conformance suite, it either declines or gives tomllib's answer."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cpetui.ledger.programs import SHIPPED, _read_fast
from tests.conftest import TOML_TEST

LISTING = TOML_TEST / "files-toml-1.0.0"
ROOT = Path(__file__).resolve().parents[2]


def _listed(prefix: str) -> list[str]:
    if not LISTING.exists():
        return []
    return [line.strip() for line in LISTING.read_text().splitlines()
            if line.startswith(prefix) and line.strip().endswith(".toml")]


@pytest.mark.skipif(not LISTING.exists(), reason="../shared/toml-test is not beside this checkout")
def test_the_fast_reader_never_accepts_what_toml_1_0_rejects() -> None:
    accepted = []
    for name in _listed("invalid/"):
        try:
            text = (TOML_TEST / name).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _read_fast(text) is not None:
            accepted.append(name)
    assert accepted == []


@pytest.mark.skipif(not LISTING.exists(), reason="../shared/toml-test is not beside this checkout")
def test_the_fast_reader_gives_tomllibs_answer_or_none_on_valid_toml() -> None:
    differs = []
    for name in _listed("valid/"):
        text = (TOML_TEST / name).read_bytes().decode("utf-8")
        fast = _read_fast(text)
        if fast is not None and repr(fast) != repr(tomllib.loads(text)):  # repr: nan is not nan
            differs.append(name)
    assert differs == []


@pytest.mark.parametrize("path", [*sorted(SHIPPED.glob("*.toml")), ROOT / "ledgers" / "programs" /
                                  "company-training.toml"], ids=lambda p: p.name)
def test_every_shipped_program_is_read_fast_and_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = _read_fast(text)
    assert fast is not None and fast == tomllib.loads(text)
