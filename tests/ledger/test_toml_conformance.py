"""Every invalid file of the TOML conformance suite gives a clean, located error; valid ones parse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cpetui.ledger.load import read_ledger
from cpetui.ledger.report import format_problem
from tests.conftest import TOML_TEST

LISTING = TOML_TEST / "files-toml-1.0.0"

pytestmark = pytest.mark.skipif(
    not LISTING.exists(), reason="../shared/toml-test is not beside this checkout"
)


def _listed(prefix: str) -> list[str]:
    if not LISTING.exists():
        return []
    return [
        line.strip()
        for line in LISTING.read_text().splitlines()
        if line.startswith(prefix) and line.strip().endswith(".toml")
    ]


INVALID = _listed("invalid/")
VALID = _listed("valid/")


def test_the_suite_is_there_and_large() -> None:
    # toml-test 1.0.0 lists about 500 invalid files; a broken path would silently test nothing.
    assert len(INVALID) > 400
    assert len(VALID) > 150


@pytest.mark.parametrize("name", INVALID)
def test_invalid_file_gives_a_located_error(name: str) -> None:
    path = TOML_TEST / name
    ledger = read_ledger(path)
    errors = [p for p in ledger.problems if p.severity == "error"]
    assert errors, f"{name} was accepted"
    first = errors[0]
    assert first.source.path == str(path)
    n_lines = max(1, len(path.read_bytes().splitlines()) + 1)
    assert 1 <= first.source.line <= n_lines
    assert first.source.col >= 1
    text = format_problem(first)
    assert text.startswith(f"{path}:{first.source.line}:{first.source.col}: error: ")
    assert first.hint, "every error says what to do"


@pytest.mark.parametrize("name", VALID)
def test_valid_toml_is_read_without_a_syntax_error(name: str) -> None:
    # Valid TOML that is not a ledger is reported as such (no [cycle]) — never as a syntax error.
    ledger = read_ledger(TOML_TEST / name)
    assert not any(p.code in ("toml-syntax", "not-utf8") for p in ledger.problems)


def test_check_on_the_whole_invalid_suite_prints_no_traceback(tmp_path: Path) -> None:
    folder = TOML_TEST / "invalid"
    proc = subprocess.run(
        [sys.executable, "-m", "cpetui", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.rstrip().splitlines()[-1].endswith("warnings")


@pytest.mark.parametrize("name", VALID)
def test_the_fast_reader_gives_exactly_tomllib_s_answer(name: str) -> None:
    import math
    import tomllib

    from cpetui.ledger.fastread import loads

    text = (TOML_TEST / name).read_bytes().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]

    def same(a: object, b: object) -> bool:
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
            return math.isnan(b)
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
        return type(a) is type(b) and a == b

    assert same(loads(text), tomllib.loads(text))


@pytest.mark.parametrize("quote", ['"""', "'''"])
def test_the_fast_reader_gives_tomllib_s_newlines_in_crlf_multiline_strings(quote: str) -> None:
    import tomllib

    from cpetui.ledger.fastread import loads

    text = f"notes = {quote}\r\nfirst line\r\nsecond\r\n{quote}\r\n"
    assert loads(text) == tomllib.loads(text) == {"notes": "first line\nsecond\n"}
