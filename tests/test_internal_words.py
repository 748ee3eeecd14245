"""No internal label reaches a user: not in the package's data and catalogues, the README, the docs, the
sample ledgers, the golden files, nor in what the commands print in either language."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The words the project's notes use among themselves; a user can look none of them up.
INTERNAL = re.compile(
    r"\bseed\b|(?-i:\bDECISION\b)|\[official\]|\[older official\]|facts sheet|§"
    r"|(?<![\d,.\w])00[0-4](?![\d\w])",  # the source documents' file numbers
    re.IGNORECASE)
# The files a user reads: the package's data (catalogues, styles, schemas …), docs, samples, goldens.
SCANNED = ("*.po", "*.tcss", "*.toml", "*.md", "*.json", "*.txt", "*.svg", "*.csv")


def user_files() -> list[Path]:
    found = [ROOT / "README.md", *sorted((ROOT / "cpetui").rglob("*.py"))]  # the installed package whole
    for folder in ("cpetui", "docs", "ledgers", "tests/cli/golden", "tests/ui/__snapshots__",
                   "tests/i18n/__snapshots__"):
        for pattern in SCANNED:
            found += sorted((ROOT / folder).rglob(pattern))
    return [p for p in found if p.is_file()]


def internal_words(text: str) -> list[str]:
    return [m.group(0) for m in INTERNAL.finditer(text)]


def test_the_scan_finds_the_labels_it_is_meant_to_find() -> None:
    assert internal_words("ISC2 CPE quick guide (seed 000); DECISION: 10 per cycle [official] §1") == [
        "seed", "000", "DECISION", "[official]", "§"]
    assert internal_words("10,000 activities in 2.000 s, 1000 lines; 0.25 steps") == []


@pytest.mark.parametrize("path", user_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_internal_words_in_what_users_read(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = [f"{n}: {line[:160]}" for n, line in enumerate(text.splitlines(), 1) if internal_words(line)]
    assert not lines, "\n".join(lines)


def _run(*args: str, lang: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CPETUI_LEDGERS")}
    env.update(CPETUI_CONFIG=str(ROOT / "tests" / "no-such-config.toml"), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "cpetui", "--lang", lang, *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, check=False)
    return done.stdout + done.stderr


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_internal_words_in_what_the_commands_print(lang: str) -> None:
    samples = sorted(str(p) for p in (ROOT / "ledgers").glob("*.toml"))
    outputs = {
        "status": _run("status", "--as-of", "2026-11-22", *samples, lang=lang),
        "status --json": _run("status", "--as-of", "2026-11-22", "--json", *samples, lang=lang),
        "check": _run("check", *samples, lang=lang),
    }
    for program in ("isc2", "offsec", "acfe", "iia-japan", "iia"):
        outputs[f"programs {program}"] = _run("programs", program, lang=lang)
        outputs[f"programs {program} --sources"] = _run("programs", program, "--sources", lang=lang)
    for sample in samples:
        for fmt in ("markdown", "csv"):
            outputs[f"export {fmt} {sample}"] = _run("export", sample, "--format", fmt, "--as-of",
                                                     "2026-11-22", lang=lang)
    ccsa = str(ROOT / "ledgers" / "ccsa-2025-2026.toml")
    outputs["export iia-japan"] = _run("export", ccsa, "--format", "iia-japan", "--as-of", "2026-11-22",
                                       lang=lang)
    # Quotes are the sources' own words: a file number cannot be in them, but a year like 2025 can.
    found = {what: internal_words(text) for what, text in outputs.items() if internal_words(text)}
    assert found == {}
    assert json.loads(outputs["status --json"])["ledgers"]
