"""Comments and docstrings say why, not how long: figures go stale, and `bench/run.py` is where they live."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cpetui"
# "12 ms", "~3 µs", "8x faster", "a tenth of the first paint", "7% of the run", "half the cost"
TIMING = re.compile(
    r"\d\s?(ms|µs|us|ns|milliseconds?|seconds?)\b|\d(\.\d+)?\s?[x×]\s?(faster|slower|quicker)"
    r"|\b(a|one) (tenth|third|quarter|fifth|half) of (the|a|its|every|checking)\b|\d\s?% of\b"
    r"|half the (cost|time)|twice as (fast|slow)|times (faster|slower)", re.IGNORECASE)


def _prose(path: Path) -> list[tuple[int, str]]:
    """Every comment and docstring line of a module, with its line number."""
    source = path.read_text(encoding="utf-8")
    lines = [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(source).readline)
             if t.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                lines += [(node.body[0].lineno + i, text) for i, text in enumerate(doc.splitlines())]
    return sorted(lines)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_comment_quotes_a_timing(path: Path) -> None:
    quoted = [f"{path.name}:{n}: {text.strip()}" for n, text in _prose(path) if TIMING.search(text)]
    assert not quoted


def test_the_check_finds_a_quoted_timing(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Reads fast (~3 µs a file)."""\n\nx = 1  # a tenth of the first paint\n'
                      "y = 2  # 8x faster than tomllib\n", encoding="utf-8")
    assert [n for n, text in _prose(module) if TIMING.search(text)] == [1, 3, 4]
