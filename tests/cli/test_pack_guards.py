"""The audit pack and exports under hostile evidence and output paths (issue 21, items 8 and 10–13).

Each test names what went wrong before: a FIFO hung the pack, `.git/config` was packed, two files
shared one zip name, an export replaced a ledger written `.TOML`, and formula cells slipped through.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cpetui.export.cells import csv_text

HEAD = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2025-07-01\n\n'


def _ledger(folder: Path, evidence: list[str], title: str = "Fraud risk seminar") -> Path:
    items = ", ".join(f'"{e}"' for e in evidence)
    path = folder / "cfe.toml"
    path.write_text(HEAD + f'[[activity]]\nid = "seminar"\ndate = 2025-09-10\ntitle = "{title}"\n'
                    f'type = "participant"\nfield = "fraud"\nminutes = 100\nevidence = [{items}]\n',
                    encoding="utf-8")
    return path


def _pack(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cpetui", "audit-pack", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def _manifest(pack: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(pack) as zf:
        return list(csv.DictReader(io.StringIO(zf.read("manifest.csv").decode())))


# ------------------------------------------------------------------ 13: formula cells


@pytest.mark.parametrize("cell", [" =1+1", "＝1+1", "＋SUM(A1)", "＠cmd", "－2", "\u3000=1", "  @x",
                                  "\u2003=1", "\u2028+1", "\n\n-1", "\xa0\u3000＝1"])
def test_formula_cells_behind_spaces_or_written_full_width_are_neutralised(cell: str) -> None:
    assert csv_text(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["\u200b=1+1", "\ufeff=HYPERLINK(1)", "\u2060 @x"])
def test_formula_cells_behind_invisible_characters_are_neutralised(cell: str) -> None:
    # the invisible character is shown escaped, after the defusing quote
    assert csv_text(cell).startswith("'") and csv_text(cell).endswith(cell[-3:])


def test_the_packs_manifest_neutralises_formula_cells_and_keeps_the_text(tmp_path: Path) -> None:
    (tmp_path / "=cmd.pdf").write_text("certificate")
    _ledger(tmp_path, ["=cmd.pdf", " +gone.pdf"], title=" ＝HYPERLINK(1)")
    r = _pack("cfe.toml", "--output", "pack.zip", "--allow-missing", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = _manifest(tmp_path / "pack.zip")
    assert {row["title"] for row in rows} == {"' ＝HYPERLINK(1)"}
    assert sorted(row["evidence"] for row in rows) == ["' +gone.pdf", "'=cmd.pdf"]
    [found] = [row for row in rows if row["status"] == "found"]
    assert found["file"] == "'=cmd.pdf"  # the cell; the zip member itself keeps its name
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        assert "=cmd.pdf" in zf.namelist()


@pytest.mark.parametrize("cell", ["Fraud seminar", " plain text", "2 hours", "ｆｕｌｌ-width words"])
def test_ordinary_text_is_left_alone(cell: str) -> None:
    assert csv_text(cell) == cell


def test_the_csv_export_neutralises_a_title_starting_with_a_full_width_equals(tmp_path: Path) -> None:
    _ledger(tmp_path, [], title="＝HYPERLINK(1)")
    r = subprocess.run([sys.executable, "-m", "cpetui", "export", "cfe.toml", "--format", "csv"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "'＝HYPERLINK(1)" in r.stdout


# ------------------------------------------------------------------ 12: never over a ledger


@pytest.mark.parametrize("command", [["export", "cfe.toml", "--format", "csv", "--output"],
                                     ["audit-pack", "cfe.toml", "--force", "--output"]])
@pytest.mark.parametrize("target", ["OTHER.TOML", "cfe.toml", "CFE.Toml", "other-ledger.txt"])
def test_an_output_that_is_or_reads_as_a_ledger_is_refused(tmp_path: Path, command: list[str],
                                                           target: str) -> None:
    _ledger(tmp_path, [])
    other = HEAD + "# someone's other ledger\n"
    (tmp_path / "OTHER.TOML").write_text(other, encoding="utf-8")
    (tmp_path / "other-ledger.txt").write_text(other, encoding="utf-8")  # a ledger by content
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    r = subprocess.run([sys.executable, "-m", "cpetui", *command, target], cwd=tmp_path, capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1
    assert "ledger" in r.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("command", [["export", "cfe.toml", "--format", "csv", "--output"],
                                     ["audit-pack", "cfe.toml", "--force", "--output"]])
@pytest.mark.parametrize("link", ["symlink", "hard link"])
def test_an_output_that_is_a_link_to_the_ledger_is_refused(tmp_path: Path, command: list[str],
                                                           link: str) -> None:
    _ledger(tmp_path, [])
    if link == "symlink":
        os.symlink("cfe.toml", tmp_path / "report.csv")
    else:
        os.link(tmp_path / "cfe.toml", tmp_path / "report.csv")
    before = (tmp_path / "cfe.toml").read_bytes()
    r = subprocess.run([sys.executable, "-m", "cpetui", *command, "report.csv"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1 and "ledger" in r.stderr
    assert (tmp_path / "cfe.toml").read_bytes() == before
    assert (tmp_path / "report.csv").read_bytes() == before
    assert (tmp_path / "report.csv").is_symlink() == (link == "symlink")


# ------------------------------------------------------------------ 11: unique zip names


def test_two_files_never_share_a_zip_name_and_the_manifest_is_exactly_the_zip(tmp_path: Path) -> None:
    (tmp_path / "evidence-files").mkdir()
    (tmp_path / "manifest.csv").write_text("a cited file that shares the pack's manifest name")
    (tmp_path / "evidence-files" / "manifest.csv").write_text("another file")
    (tmp_path / "Report.MD").write_text("differs only in case from report.md")
    _ledger(tmp_path, ["manifest.csv", "evidence-files/manifest.csv", "Report.MD"])
    r = _pack("cfe.toml", "--output", "pack.zip", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        names = zf.namelist()
        assert len(names) == len({n.casefold() for n in names})
        digests = {n: hashlib.sha256(zf.read(n)).hexdigest() for n in names}
    rows = [row for row in _manifest(tmp_path / "pack.zip") if row["file"]]
    own = {"cfe.toml", "manifest.csv", "report.md"}
    assert sorted(row["file"] for row in rows) == sorted(set(names) - own)
    for row in rows:
        assert row["sha256"] == digests[row["file"]]
    sources = {row["evidence"]: row["file"] for row in rows}
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        assert zf.read(sources["manifest.csv"]) == (tmp_path / "manifest.csv").read_bytes()
        assert zf.read(sources["evidence-files/manifest.csv"]) == b"another file"


# ------------------------------------------------------------------ 10: hidden folders


def test_files_in_hidden_folders_are_packed_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote] url = https://token@example.org/")
    (tmp_path / "proof").mkdir()
    (tmp_path / "proof" / "cert.pdf").write_text("certificate")
    (tmp_path / "proof" / ".env").write_text("SECRET=1")
    _ledger(tmp_path, [".git/config", "proof"])
    r = _pack("cfe.toml", "--output", "pack.zip", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        assert sorted(zf.namelist()) == ["cfe.toml", "manifest.csv", "proof/cert.pdf", "report.md"]
    assert "--allow-hidden" in r.stdout
    [hidden] = [row for row in _manifest(tmp_path / "pack.zip") if row["evidence"] == ".git/config"]
    assert hidden["status"] == "hidden" and not hidden["file"]
    r = _pack("cfe.toml", "--output", "all.zip", "--allow-hidden", cwd=tmp_path)
    with zipfile.ZipFile(tmp_path / "all.zip") as zf:
        assert {".git/config", "proof/.env"} <= set(zf.namelist())


def test_a_link_in_a_cited_folder_to_a_hidden_file_is_not_packed_and_each_left_out_file_is_named(
        tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote] url = https://token@example.org/")
    (tmp_path / "proof").mkdir()
    (tmp_path / "proof" / "cert.pdf").write_text("certificate")
    (tmp_path / "proof" / ".env").write_text("SECRET=1")
    (tmp_path / "proof" / ".cache").mkdir()
    (tmp_path / "proof" / ".cache" / "token").write_text("t")
    os.symlink("../.git/config", tmp_path / "proof" / "settings.txt")  # a plain name leading to .git
    os.mkfifo(tmp_path / "proof" / "pipe")
    _ledger(tmp_path, ["proof"])
    r = _pack("cfe.toml", "--output", "pack.zip", "--allow-missing", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        assert sorted(zf.namelist()) == ["cfe.toml", "manifest.csv", "proof/cert.pdf", "report.md"]
    rows = {row["note"].split(" ")[0]: row["status"] for row in _manifest(tmp_path / "pack.zip")
            if row["status"] != "found"}
    assert rows == {"proof/.cache": "hidden", "proof/.env": "hidden", "proof/settings.txt": "hidden",
                    "proof/pipe": "missing"}
    for name in rows:
        assert name in r.stdout
    assert "not a regular file" in r.stdout and "--allow-hidden" in r.stdout


# ------------------------------------------------------------------ 8: FIFOs, Ctrl-C, missing


def test_a_fifo_cited_as_evidence_is_not_packed_and_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "cert.pdf")
    _ledger(tmp_path, ["cert.pdf"])
    r = _pack("cfe.toml", "--output", "pack.zip", "--allow-missing", cwd=tmp_path, timeout=20)
    assert r.returncode == 0, r.stderr
    assert "not a regular file" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cert.pdf", "cfe.toml", "pack.zip"]
    check = subprocess.run([sys.executable, "-m", "cpetui", "check", "cfe.toml"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=20)
    assert "Traceback" not in check.stderr


# Runs `cpetui` with the cited file swapped for a FIFO after the pack was planned, before it is read.
SWAP = """\
import os, sys
import cpetui.cli.audit_pack as pack

real = pack.write_pack

def swapped(*args, **kwargs):
    os.unlink("cert.pdf")
    os.mkfifo("cert.pdf")
    return real(*args, **kwargs)

pack.write_pack = swapped
sys.argv = ["cpetui", "audit-pack", "cfe.toml", "--output", "pack.zip"]
from cpetui.cli import run
run()
"""


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "cert.pdf").write_text("certificate")
    _ledger(tmp_path, ["cert.pdf"])
    # bounded: a FIFO opened for reading without O_NONBLOCK would wait here for a writer forever
    r = subprocess.run([sys.executable, "-c", SWAP], cwd=tmp_path, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 1, r.stderr
    assert "not a regular file" in r.stderr and "no pack was written" in r.stderr
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cert.pdf", "cfe.toml"]


# Ctrl-C: tests/cli/test_interrupt.py stops the pack at a known point, then interrupts it.


def test_missing_evidence_writes_the_pack_and_exits_non_zero_unless_allowed(tmp_path: Path) -> None:
    _ledger(tmp_path, ["gone.pdf"])
    r = _pack("cfe.toml", "--output", "pack.zip", cwd=tmp_path)
    assert r.returncode == 1 and "1 cited evidence file is missing" in r.stderr
    assert (tmp_path / "pack.zip").exists() and "gone.pdf" in r.stdout
    r = _pack("cfe.toml", "--output", "pack2.zip", "--allow-missing", cwd=tmp_path)
    assert r.returncode == 0
