"""`cpetui audit-pack`: every evidence file with its sha256, missing and outside ones listed, never unsafe."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

LEDGER = """\
[cycle]
program = "acfe"
credential = "CFE"
start = 2025-07-01

[[activity]]
id = "seminar"
date = 2025-09-10
title = "Fraud risk seminar"
type = "participant"
field = "fraud"
minutes = 100
evidence = ["evidence/seminar.pdf", "https://example.org/cert?id=1;rm -rf /", "evidence/gone.pdf"]

[[activity]]
id = "ethics"
date = 2025-10-01
title = "=Ethics webinar"
type = "participant"
field = "ethics"
minutes = 120
evidence = ["../secret.txt", "/etc/hostname", "evidence/link-out.pdf", "evidence/seminar.pdf"]

[[activity]]
id = "no-proof"
date = 2025-11-01
title = "Reading"
type = "self-study"
field = "general"
credits = 2
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cpe"
    (root / "evidence").mkdir(parents=True)
    (root / "evidence" / "seminar.pdf").write_bytes(b"%PDF seminar certificate")
    (tmp_path / "secret.txt").write_text("not for the auditor")
    os.symlink(tmp_path / "secret.txt", root / "evidence" / "link-out.pdf")
    (root / "cfe.toml").write_text(LEDGER, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _manifest(pack: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(pack) as zf:
        return list(csv.DictReader(io.StringIO(zf.read("manifest.csv").decode("utf-8"))))


def test_the_pack_holds_ledger_evidence_manifest_and_report(cli, folder: Path):
    r = cli("audit-pack", "cfe.toml", "--output", "pack.zip", "--as-of", "2026-06-30")
    # The pack is written, and the exit status says that cited evidence is missing from it.
    assert r.code == 1 and "1 cited evidence file is missing" in r.err, r.err
    with zipfile.ZipFile("pack.zip") as zf:
        assert sorted(zf.namelist()) == ["cfe.toml", "evidence/seminar.pdf", "manifest.csv", "report.md"]
        assert zf.read("evidence/seminar.pdf") == b"%PDF seminar certificate"
        assert zf.read("report.md").decode().startswith("# CFE CPE report\n")
    rows = _manifest(Path("pack.zip"))
    by = [(row["activity_id"], row["evidence"], row["status"]) for row in rows]
    assert by == [
        ("seminar", "evidence/seminar.pdf", "found"),
        ("seminar", "https://example.org/cert?id=1;rm -rf /", "url"),
        ("seminar", "evidence/gone.pdf", "missing"),
        ("ethics", "../secret.txt", "outside"),
        ("ethics", "/etc/hostname", "outside"),
        ("ethics", "evidence/link-out.pdf", "outside"),
        ("ethics", "evidence/seminar.pdf", "found"),
        ("no-proof", "", "none"),
    ]
    found = rows[0]
    assert found["sha256"] == hashlib.sha256(b"%PDF seminar certificate").hexdigest()
    assert found["file"] == "evidence/seminar.pdf"
    # ACFE participant: 100 min ÷ 50 = 2 CPE (seed 003)
    assert found["credits"] == "2"
    assert rows[3]["title"] == "'=Ethics webinar"  # formula defused in the manifest too
    assert all(row["file"] == "" for row in rows if row["status"] != "found")
    assert "1 missing" in r.out and "3 outside" in r.out
    assert "missing: seminar: evidence/gone.pdf" in r.out
    assert "not packed (--allow-outside packs it)" in rows[3]["note"]


def test_outside_files_are_packed_only_when_allowed_and_never_under_unsafe_names(cli, folder: Path):
    r = cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "pack.zip", "--allow-outside")
    assert r.code == 0, r.err
    with zipfile.ZipFile("pack.zip") as zf:
        names = zf.namelist()
        for name in names:
            assert not name.startswith("/") and ".." not in name.split("/"), name
        outside = sorted(n for n in names if n.startswith("outside/"))
        # ../secret.txt and the link to it are the same file: packed once
        assert outside == ["outside/1-secret.txt", "outside/2-hostname"]
        assert zf.read("outside/1-secret.txt") == b"not for the auditor"
    rows = _manifest(Path("pack.zip"))
    link = next(row for row in rows if row["evidence"] == "evidence/link-out.pdf")
    assert (link["status"], link["file"]) == ("outside", "outside/1-secret.txt")
    assert "a path through a link" in link["note"]


def test_it_refuses_to_overwrite_unless_forced(cli, folder: Path):
    Path("pack.zip").write_bytes(b"earlier pack")
    r = cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "pack.zip")
    assert r.code == 1 and "already exists" in r.err
    assert Path("pack.zip").read_bytes() == b"earlier pack"
    assert cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "pack.zip", "--force").code == 0
    assert zipfile.is_zipfile("pack.zip")
    r = cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "cfe.toml", "--force")
    assert r.code == 1 and "looks like a ledger" in r.err
    assert Path("cfe.toml").read_text(encoding="utf-8") == LEDGER


def test_the_same_ledger_gives_the_same_pack_byte_for_byte(cli, folder: Path):
    cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "a.zip", "--as-of", "2026-06-30")
    cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "b.zip", "--as-of", "2026-06-30")
    assert Path("a.zip").read_bytes() == Path("b.zip").read_bytes()


def test_the_same_ledger_packed_from_two_clones_gives_the_same_pack(cli, tmp_path: Path):
    # Two copies of one ledger folder, at different depths; every path the pack shows (the manifest's
    # notes, the report, the summary) is relative to the ledger's folder or absolute as the ledger writes it.
    packs, outputs = [], []
    for n, clone in enumerate((tmp_path / "one" / "cpe", tmp_path / "two" / "deeper" / "cpe")):
        (clone / "evidence").mkdir(parents=True)
        (clone / "evidence" / "seminar.pdf").write_bytes(b"%PDF seminar certificate")
        (clone.parent / "secret.txt").write_text("not for the auditor")
        os.symlink(os.path.join("..", "..", "secret.txt"), clone / "evidence" / "link-out.pdf")
        (clone / "cfe.toml").write_text(LEDGER, encoding="utf-8")
        pack = tmp_path / f"pack-{n}.zip"
        r = cli("audit-pack", "--allow-missing", str(clone / "cfe.toml"), "--output", str(pack),
                "--as-of", "2026-06-30", "--allow-outside")
        assert r.code == 0, r.err
        packs.append(pack.read_bytes())
        outputs.append(r.out.replace(str(pack), "PACK"))
    assert packs[0] == packs[1]
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "pack-0.zip") as zf:
        for name in zf.namelist():
            assert str(tmp_path).encode() not in zf.read(name), name
    notes = {row["evidence"]: row["note"] for row in _manifest(tmp_path / "pack-0.zip")}
    assert notes["evidence/gone.pdf"].startswith("no file at evidence/gone.pdf ")
    assert notes["../secret.txt"].endswith("leads outside the ledger's folder, to ../secret.txt")
    assert notes["evidence/link-out.pdf"].endswith("leads outside the ledger's folder, to ../secret.txt")
    assert "to /etc/hostname" in notes["/etc/hostname"]  # written as an absolute path: kept as written


def _many_files(folder: Path, n: int = 120) -> None:
    for i in range(n):
        (folder / "evidence" / f"f{i:03}.txt").write_text(str(i))
    evidence = ", ".join(f'"evidence/f{i:03}.txt"' for i in range(n))
    with open("cfe.toml", "a", encoding="utf-8") as fh:
        fh.write(f'\n[[activity]]\nid = "bulk"\ndate = 2025-12-01\ntitle = "Bulk"\ntype = "other"\n'
                 f'field = "general"\ncredits = 1\nevidence = [{evidence}]\n')


class Terminal(io.StringIO):
    """A stream that says it is a terminal, keeping what was written to it."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_many_files_show_plain_progress_lines_on_stderr_when_it_is_not_a_terminal(cli, folder: Path):
    _many_files(folder)
    r = cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "pack.zip")
    assert r.code == 0, r.err
    progress = [line for line in r.err.splitlines() if "packing evidence" in line]
    assert progress[-1] == "packing evidence: 121/121 files"  # once, at the end
    assert "\r" not in r.err and "\u2588" not in r.err and "[" not in r.err


def test_many_files_show_a_progress_bar_redrawn_in_place_on_a_terminal(
        cli, folder: Path, monkeypatch: pytest.MonkeyPatch):
    _many_files(folder)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    r = cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "pack.zip")
    assert r.code == 0, r.err
    err = terminal.getvalue()
    assert err.startswith("\r[")
    assert err.endswith("\r[" + "\u2588" * 24 + "] packing evidence: 121/121 files\n")
    assert err.count("\n") == 1  # the bar stays on one line, ended once
    assert "wrote pack.zip: 121 files" in r.out


def test_the_progress_bar_fills_as_files_are_packed_and_ends_with_a_newline():
    from cpetui.cli.audit_pack import Progress

    terminal, clock = Terminal(), Clock()
    progress = Progress(40, terminal, many=10, clock=clock)
    for done in (1, 12, 30, 40):
        clock.now += 1.0
        progress.update(done)
    progress.finish()
    frames = terminal.getvalue().split("\r")
    assert frames == [
        "",
        "[" + "\u2591" * 24 + "] packing evidence: 1/40 files",
        "[" + "\u2588" * 7 + "\u2591" * 17 + "] packing evidence: 12/40 files",
        "[" + "\u2588" * 18 + "\u2591" * 6 + "] packing evidence: 30/40 files",
        "[" + "\u2588" * 24 + "] packing evidence: 40/40 files\n",
    ]


def test_the_progress_bar_is_redrawn_at_most_a_few_times_a_second():
    from cpetui.cli.audit_pack import Progress

    terminal, clock = Terminal(), Clock()
    progress = Progress(1000, terminal, clock=clock)
    for done in range(1, 1001):
        clock.now += 0.001  # a second in all
        progress.update(done)
    frames = terminal.getvalue().split("\r")[1:]
    assert 2 <= len(frames) <= 12
    assert frames[-1].endswith("] packing evidence: 1000/1000 files\n")


def test_a_failed_pack_ends_the_bars_line_before_the_error():
    from cpetui.cli.audit_pack import Progress

    terminal, clock = Terminal(), Clock()
    progress = Progress(40, terminal, many=10, clock=clock)
    progress.update(5)
    progress.abandon()
    assert terminal.getvalue().endswith("packing evidence: 5/40 files\n")
    progress.abandon()
    assert terminal.getvalue().count("\n") == 1


def test_off_a_terminal_progress_is_a_line_every_few_seconds_and_one_at_the_end():
    from cpetui.cli.audit_pack import Progress

    log, clock = io.StringIO(), Clock()
    progress = Progress(40, log, many=10, clock=clock)
    for done in range(1, 41):
        clock.now += 0.25  # ten seconds in all
        progress.update(done)
    progress.finish()
    lines = log.getvalue().splitlines()
    assert lines[0] == "packing evidence: 1/40 files"
    assert 4 <= len(lines) <= 7
    assert lines[-1] == "packing evidence: 40/40 files"
    assert lines.count("packing evidence: 40/40 files") == 1  # finish() does not repeat it


def test_a_quick_small_pack_shows_no_progress():
    from cpetui.cli.audit_pack import Progress

    terminal, clock = Terminal(), Clock()
    progress = Progress(5, terminal, clock=clock)
    for done in range(1, 6):
        progress.update(done)
    progress.finish()
    assert terminal.getvalue() == ""


def test_missing_or_broken_ledger_and_missing_flag(cli, folder: Path):
    r = cli("audit-pack", "--allow-missing", "nope.toml", "--output", "p.zip")
    assert r.code == 1 and "nope.toml: no such ledger file" in r.err
    Path("bad.toml").write_text("[cycle\n")
    r = cli("audit-pack", "--allow-missing", "bad.toml", "--output", "p.zip")
    assert r.code == 1 and "bad.toml:1:" in r.err
    assert not Path("p.zip").exists()
    assert cli("audit-pack", "--allow-missing", "cfe.toml").code == 2  # --output is required


def test_sample_ledgers_pack_with_their_evidence(cli, samples: Path, tmp_path: Path):
    for ledger in sorted(samples.glob("*.toml")):
        pack = tmp_path / f"{ledger.stem}.zip"
        r = cli("audit-pack", "--allow-missing", str(ledger), "--output", str(pack), "--as-of", "2026-12-31")
        assert r.code == 0, (ledger.name, r.err)
        with zipfile.ZipFile(pack) as zf:
            for row in _manifest(pack):
                if row["status"] == "found":
                    assert hashlib.sha256(zf.read(row["file"])).hexdigest() == row["sha256"]


def test_the_manifest_cites_the_rule_each_activitys_credits_rest_on(cli, folder: Path) -> None:
    r = cli("audit-pack", "--allow-missing", "cfe.toml", "--output", "pack.zip", "--as-of", "2026-06-01")
    assert r.code == 0
    rows = _manifest(Path("pack.zip"))
    assert rows and all(row["citation"].startswith("ACFE JAPAN · CPE credit types · ") for row in rows)
