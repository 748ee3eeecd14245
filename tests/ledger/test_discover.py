"""Which files a folder of ledgers holds: every *.toml below it, hidden ones left out, links to files
followed and links to folders not, in path order, each real file once — what Path.rglob finds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpetui.ledger.load import discover


def rglob_reference(paths: list[str]) -> list[str]:
    """The definition `discover` keeps: pathlib's rglob, hidden parts dropped, real files once."""
    files: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for found in sorted(p.rglob("*.toml")):
                if not any(part.startswith(".") for part in found.relative_to(p).parts) and found.is_file():
                    files.append(str(found))
        elif p.is_file():
            files.append(str(p))
    seen: set[str] = set()
    return [f for f in files if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for rel in ("a.toml", "A.toml", "b.TOML", "m.toml.bak", "z/c.toml", "z/.e.toml", ".hidden/d.toml",
                "y/x/f.toml", "y/x/.h/i.toml", "y/g.txt", "dir.toml/j.toml", "sp ace/k.toml",
                "勉強会/l.toml"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("[cycle]\n", encoding="utf-8")
    if hasattr(os, "symlink"):
        (tmp_path / "link").symlink_to(tmp_path / "y")  # a link to a folder: not followed
        (tmp_path / "y" / "loop").symlink_to(tmp_path)  # nor a loop
        (tmp_path / "broken.toml").symlink_to(tmp_path / "nowhere")  # a dangling link: not a file
        (tmp_path / "same.toml").symlink_to(tmp_path / "a.toml")  # the same file twice: once
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("args", [["."], ["./"], ["y"], ["./y/"], ["z", "y"], [".", "y"], ["a.toml"]])
def test_discover_finds_what_rglob_finds(tree: Path, args: list[str]) -> None:
    assert discover(args)[0] == rglob_reference(args)
    absolute = [str(tree / a) for a in args]
    assert discover(absolute)[0] == rglob_reference(absolute)


def test_the_walk_skips_hidden_folders_and_follows_no_folder_link(tree: Path) -> None:
    found = discover(["."])[0]
    assert "y/x/f.toml" in found and "勉強会/l.toml" in found and "dir.toml/j.toml" in found
    assert not any(f.startswith((".hidden", "link", "y/loop")) or "/.h/" in f for f in found)


@pytest.mark.parametrize("args", [["."], ["y"], ["./y/"], ["z", "y"]])
def test_the_walk_lists_the_regular_files_and_folders_it_passed_by_their_absolute_paths(
        tree: Path, args: list[str]) -> None:
    seen: set[str] = set()
    assert discover(args, seen)[0] == discover(args)[0]
    expected = {str(tree / rel) for rel in ("y/x", "y/x/f.toml", "y/x/.h", "y/g.txt")}
    assert expected <= seen
    # Links are not listed (their targets are looked up), nor what lies in a folder left unwalked.
    assert not {str(tree / rel) for rel in ("link", "same.toml", "broken.toml", "y/loop", "y/x/.h/i.toml",
                                             ".hidden/d.toml")} & seen
    assert all(os.path.isabs(path) for path in seen)


def test_a_folder_named_through_dot_dot_is_walked_as_named_but_not_listed(tree: Path) -> None:
    seen: set[str] = set()
    assert discover(["y/.."], seen)[0] == rglob_reference(["y/.."])
    assert not seen
