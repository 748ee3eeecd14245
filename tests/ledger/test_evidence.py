"""Evidence entries: files next to the ledger, URLs, paths that lead away, and missing files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpetui.ledger.evidence import classify, evidence_present
from cpetui.ledger.load import discover
from cpetui.ledger.parse import parse_text


@pytest.fixture
def ledger_path(tmp_path: Path) -> str:
    (tmp_path / "ledgers" / "certs").mkdir(parents=True)
    (tmp_path / "ledgers" / "certs" / "course.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "secret.txt").write_text("not evidence")
    return str(tmp_path / "ledgers" / "cissp.toml")


def test_a_file_next_to_the_ledger_is_a_file(ledger_path: str) -> None:
    ref = classify(ledger_path, "certs/course.pdf")
    assert (ref.kind, ref.exists) == ("file", True)
    assert ref.path == os.path.realpath(os.path.join(os.path.dirname(ledger_path), "certs", "course.pdf"))


def test_a_missing_file_is_missing_and_says_where_it_looked(ledger_path: str) -> None:
    ref = classify(ledger_path, "certs/owasp.pdf")
    assert (ref.kind, ref.exists) == ("missing", False)
    assert "owasp.pdf" in ref.reason and "relative to the ledger's folder" in ref.reason


@pytest.mark.parametrize(
    "url", ["https://www.isc2.org/cpe?id=1&x=$(rm -rf ~)", "http://example.com/a;b|c`d`", "ftp://x/y"]
)
def test_web_addresses_are_urls_however_odd_and_are_never_fetched(ledger_path: str, url: str) -> None:
    ref = classify(ledger_path, url)
    assert (ref.kind, ref.exists, ref.path) == ("url", True, None)


def test_dot_dot_paths_leading_away_are_outside(ledger_path: str) -> None:
    ref = classify(ledger_path, "../secret.txt")
    assert ref.kind == "outside" and "'..'" in ref.reason and ref.exists
    assert classify(ledger_path, "../../../../../../etc/passwd").kind == "outside"


def test_an_absolute_path_elsewhere_is_outside_but_one_inside_the_folder_is_a_file(ledger_path: str) -> None:
    assert classify(ledger_path, "/etc/passwd").kind == "outside"
    assert "absolute path" in classify(ledger_path, "/etc/passwd").reason
    inside = os.path.join(os.path.dirname(ledger_path), "certs", "course.pdf")
    assert classify(ledger_path, inside).kind == "file"


def test_a_symlink_pointing_out_of_the_folder_is_outside(ledger_path: str, tmp_path: Path) -> None:
    link = Path(ledger_path).parent / "certs" / "sneaky.pdf"
    link.symlink_to(tmp_path / "secret.txt")
    ref = classify(ledger_path, "certs/sneaky.pdf")
    assert ref.kind == "outside" and "link" in ref.reason and ref.path == str(tmp_path / "secret.txt")


def test_file_urls_are_paths_and_other_schemes_are_not_followed(ledger_path: str) -> None:
    assert classify(ledger_path, "file:///etc/passwd").kind == "outside"
    inside = Path(ledger_path).parent / "certs" / "course.pdf"
    assert classify(ledger_path, inside.as_uri()).kind == "file"
    assert classify(ledger_path, "smb://server/share/cert.pdf").kind == "outside"


def test_empty_and_impossible_paths_are_missing_without_a_crash(ledger_path: str) -> None:
    assert classify(ledger_path, "  ").kind == "missing"
    assert classify(ledger_path, "certs/a\x00b.pdf").kind == "missing"
    assert classify(ledger_path, "x" * 5000).kind == "missing"


def test_evidence_present_maps_each_entry_of_the_ledger(ledger_path: str) -> None:
    text = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "a"
date = 2024-08-01
title = "t"
hours = 1
evidence = ["certs/course.pdf", "https://example.com/c", "certs/gone.pdf", "../secret.txt"]
"""
    ledger = parse_text(text, ledger_path)
    assert evidence_present(ledger) == {
        "certs/course.pdf": True,
        "https://example.com/c": True,
        "certs/gone.pdf": False,
        "../secret.txt": True,  # there, but classify() says it is outside
    }


@pytest.mark.parametrize("walked", [False, True], ids=["looked up", "with the walk's listing"])
def test_presence_follows_links_and_the_file_system_for_every_spelling_of_a_path(
    ledger_path: str, tmp_path: Path, walked: bool
) -> None:
    certs = tmp_path / "ledgers" / "certs"
    for i in range(10):
        (certs / f"c{i}.pdf").write_bytes(b"%PDF")
    (certs / "sub").mkdir()
    os.symlink(certs / "c0.pdf", certs / "link-ok.pdf")
    os.symlink(certs / "nowhere.pdf", certs / "link-broken.pdf")
    os.symlink(tmp_path / "secret.txt", certs / "link-out.txt")
    entries = [f"certs/c{i}.pdf" for i in range(10)] + [
        "certs/sub", "certs/sub/", "certs/link-ok.pdf", "certs/link-broken.pdf", "certs/link-out.txt",
        "certs/gone.pdf", "certs/../certs/c1.pdf", "certs/./c2.pdf", "certs/C3.PDF", " certs/c4.pdf ",
    ]
    text = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n' + "".join(
        f'[[activity]]\nid = "a{i}"\ndate = 2024-08-01\ntitle = "t"\nhours = 1\nevidence = ["{e}"]\n\n'
        for i, e in enumerate(entries)
    )
    ledger = parse_text(text, ledger_path)
    folder = os.path.dirname(ledger_path)
    seen: set[str] = set()
    if walked:  # as `cpetui check` does: what the walk of the ledgers' folder passed
        discover([folder], seen)
        assert str(certs / "c0.pdf") in seen and str(certs / "link-ok.pdf") not in seen
    present = evidence_present(ledger, seen)
    one_stat_each = {e: os.path.exists(os.path.join(folder, e.strip())) for e in entries}
    assert present == one_stat_each
    assert present["certs/link-broken.pdf"] is False and present["certs/link-ok.pdf"] is True
