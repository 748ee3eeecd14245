"""One template for every new ledger (issue 19, item 7): `cpetui new`, `cpetui init` and the app's `n`
write the same text, with the `#:schema` line, a space before every comment, and a teaching example
that is itself a valid activity."""

from __future__ import annotations

import re
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest

from cpetui.rules import PROGRAMS
from tests.cli.conftest import SAMPLES

# a `#` right after a value (`…pdf"]# proof`): what a hand-editor copying the example would inherit
COMMENT_WITHOUT_SPACE = re.compile(r"[^\s#]#")


@pytest.fixture
def folder(cli, tmp_path: Path) -> Path:
    """A ledger folder as `cpetui init` makes it (the schema file included), without a ledger."""
    made = tmp_path / "cpe"
    assert cli("init", str(made), "--no-ledger").code == 0
    return made


def uncommented_example(text: str) -> str:
    """The ledger with its commented-out example activity made real (the `# ` marks removed)."""
    head, example = text.split("# Each activity is one [[activity]] table", 1)
    lines = example.split("\n")[2:]  # past the explanation and the lone "#"
    return head + "\n".join(line.removeprefix("# ") for line in lines)


@pytest.mark.parametrize("program, credential", [(p, info.credentials[0]) for p, info in PROGRAMS.items()]
                         + [("offsec", "OSCP+")])
def test_every_programs_template_is_clean_and_names_the_schema(cli, folder: Path, program: str,
                                                               credential: str):
    r = cli("new", "--program", program, "--credential", credential, "--start", "2025-01-01",
            "--dir", str(folder))
    assert r.code == 0, r.err
    (path,) = folder.glob("*.toml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./ledger.schema.json\n")
    assert not [line for line in text.splitlines() if COMMENT_WITHOUT_SPACE.search(line)]
    assert tomllib.loads(text)["cycle"]["program"] == program
    assert cli("check", str(path)).code == 0
    # the example, uncommented, is an activity the rules accept
    path.write_text(uncommented_example(text), encoding="utf-8")
    assert len(tomllib.loads(path.read_text(encoding="utf-8"))["activity"]) == 1
    r = cli("check", "--as-of", "2025-06-01", str(path))
    assert r.code == 0, r.out + r.err


def test_the_oscp_example_keeps_a_space_before_its_comment(cli, folder: Path):
    cli("new", "--program", "offsec", "--credential", "OSCP+", "--start", "2025-01-01", "--dir", str(folder))
    (path,) = folder.glob("*.toml")
    assert '"]# ' not in path.read_text(encoding="utf-8")
    assert '# evidence = ["evidence/2025-03-12-webinar.pdf"] # proof of attendance is required' in \
        path.read_text(encoding="utf-8").splitlines()


def test_the_first_ledger_of_init_is_the_template_new_writes(cli, tmp_path: Path):
    flags = ["--program", "isc2", "--credential", "CISSP", "--start", "2024-07-01"]
    assert cli("init", str(tmp_path / "a"), *flags).code == 0
    assert cli("init", str(tmp_path / "b"), "--no-ledger").code == 0
    assert cli("new", *flags, "--dir", str(tmp_path / "b")).code == 0
    name = "cissp-2024-2027.toml"
    assert (tmp_path / "a" / name).read_text(encoding="utf-8") == \
        (tmp_path / "b" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.toml")))
def test_the_apps_next_cycle_is_what_new_from_writes(cli, tmp_path: Path, sample: str):
    from cpetui.ledger.session import Session, next_cycle_text

    as_of = date(2030, 1, 1)  # every sample's cycle over: the carryover is final
    app_folder, cli_folder = tmp_path / "app", tmp_path / "cli"
    for made in (app_folder, cli_folder):
        shutil.copytree(SAMPLES, made)
    entry = Session([str(app_folder)], as_of).refresh(str(app_folder / sample))
    assert entry.status is not None
    start = entry.status.cycle_end.fromordinal(entry.status.cycle_end.toordinal() + 1)
    r = cli("new", "--from", str(cli_folder / sample), "--output", str(cli_folder / "next.toml"),
            "--as-of", as_of.isoformat())
    assert r.code == 0, r.err
    written = (cli_folder / "next.toml").read_text(encoding="utf-8")
    made_by_app = next_cycle_text(entry, start)
    assert made_by_app.replace(str(app_folder), "") == written.replace(str(cli_folder), "")
    assert made_by_app.startswith("#:schema ")


def test_in_a_folder_without_the_schema_the_previous_ledgers_reference_is_kept(cli, tmp_path: Path):
    (tmp_path / "prev.toml").write_text(
        '#:schema ../schema/ledger.schema.json\n[cycle]\nprogram = "acfe"\ncredential = "CFE"\n'
        "start = 2024-01-01\n", encoding="utf-8")
    assert cli("new", "--from", str(tmp_path / "prev.toml"), "--as-of", "2025-01-01",
               "--dir", str(tmp_path)).code == 0
    (made,) = (p for p in tmp_path.glob("*.toml") if p.name != "prev.toml")
    assert made.read_text(encoding="utf-8").startswith("#:schema ../schema/ledger.schema.json\n")
    # written elsewhere, a relative reference would point at nothing: none then
    assert cli("new", "--from", str(tmp_path / "prev.toml"), "--as-of", "2025-01-01",
               "--dir", str(tmp_path / "other")).code == 0
    (other,) = (tmp_path / "other").glob("*.toml")
    assert not other.read_text(encoding="utf-8").startswith("#:schema")
