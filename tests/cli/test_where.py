"""`cpetui where` and the order ledgers are found in (issue 5): the command line, `$CPETUI_LEDGERS`, the
config file, the folder found from the current one (the `.cpetui` marker, ledgers in it, `./ledgers`;
issue 19), the platform's data folder — each one winning over those after it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The platform's folders are pointed at temporary ones through the XDG variables, which platformdirs
# follows on Linux only.
xdg_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                              reason="platformdirs follows XDG_CONFIG_HOME / XDG_DATA_HOME on Linux")


@dataclass
class Home:
    """A user with nothing set up: a home, config and data folders, and a working folder, all empty."""

    home: Path
    config_home: Path
    data_home: Path
    cwd: Path
    env: dict[str, str]

    @property
    def config_file(self) -> Path:
        """Where platformdirs puts the config file on Linux."""
        return self.config_home / "cpetui" / "config.toml"

    @property
    def data_ledgers(self) -> Path:
        return self.data_home / "cpetui" / "ledgers"

    def write_config(self, text: str, path: Path | None = None) -> Path:
        path = path or self.config_file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def where(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.cpetui("where", *args)

    def cpetui(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cpetui", *args], cwd=cwd or self.cwd, env=self.env,
                              capture_output=True, text=True, timeout=60)


@pytest.fixture
def user(tmp_path: Path) -> Home:
    # the working folder is inside the home folder, where the search for a ledger folder ends: what
    # lies above the test's folder cannot change the answer
    home, config_home, data_home = (tmp_path / n for n in ("home", "config", "data"))
    cwd = home / "work"
    for folder in (home, config_home, data_home, cwd):
        folder.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(config_home),
        "XDG_DATA_HOME": str(data_home),
        "LANG": "C.UTF-8",  # English messages; no CPETUI_LEDGERS, no CPETUI_CONFIG
    }
    return Home(home, config_home, data_home, cwd, env)


def chosen(result: subprocess.CompletedProcess[str]) -> tuple[list[str], str]:
    """The paths `cpetui where` printed (the lines before `why:`) and the reason it gave."""
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    why = next(i for i, line in enumerate(lines) if line.startswith("  why: "))
    return lines[:why], lines[why].removeprefix("  why: ")


def everything_set_up(user: Home) -> None:
    """Every level has an answer: $CPETUI_LEDGERS, a config file, ./ledgers."""
    user.env["CPETUI_LEDGERS"] = str(user.home / "from-env")
    user.write_config(f'ledgers = "{user.home / "from-config"}"\n')
    (user.cwd / "ledgers").mkdir()


@xdg_only
def test_with_nothing_set_up_the_ledgers_are_in_the_platforms_data_folder(user: Home):
    result = user.where()
    assert chosen(result) == ([str(user.data_ledgers)],
                              "default: the platform's data folder (nothing else was configured)")
    assert f"  config file: {user.config_file}" in result.stdout.splitlines()
    assert "  ledger files found: 0" in result.stdout.splitlines()


@xdg_only
def test_dot_ledgers_in_the_current_folder_wins_over_the_data_folder(user: Home):
    (user.cwd / "ledgers").mkdir()
    (user.cwd / "ledgers" / "cissp.toml").write_text('[cycle]\nprogram = "isc2"\n', encoding="utf-8")
    result = user.where()
    assert chosen(result) == (["ledgers"], "./ledgers exists in the current folder")
    assert "  ledger files found: 1" in result.stdout.splitlines()


@xdg_only
def test_a_dot_ledgers_file_rather_than_folder_does_not_count(user: Home):
    (user.cwd / "ledgers").write_text("not a folder")
    assert chosen(user.where())[0] == [str(user.data_ledgers)]


@xdg_only
def test_the_config_file_in_the_platforms_config_folder_wins_over_dot_ledgers(user: Home):
    (user.cwd / "ledgers").mkdir()
    config = user.write_config(f'ledgers = "{user.home / "cpe"}"\n')
    assert chosen(user.where()) == ([str(user.home / "cpe")], f"from the config file {config}")


@xdg_only
def test_a_config_file_without_ledgers_leaves_the_choice_to_the_levels_after_it(user: Home):
    (user.cwd / "ledgers").mkdir()
    user.write_config('lang = "en"\n')
    assert chosen(user.where()) == (["ledgers"], "./ledgers exists in the current folder")


def test_cpetui_config_names_another_config_file_which_then_decides(user: Home):
    user.write_config(f'ledgers = "{user.home / "ignored"}"\n')
    other = user.write_config(f'ledgers = ["{user.home / "a"}", "{user.home / "b.toml"}"]\n',
                              user.home / "elsewhere" / "my-cpetui.toml")
    user.env["CPETUI_CONFIG"] = str(other)
    result = user.where()
    assert chosen(result) == ([str(user.home / "a"), str(user.home / "b.toml")],
                              f"from the config file {other}")
    assert f"  config file: {other}" in result.stdout.splitlines()


def test_a_tilde_in_the_configs_ledgers_is_the_home_folder(user: Home):
    # README: ledgers = "~/cpe"
    user.env["CPETUI_CONFIG"] = str(user.write_config('ledgers = ["~/cpe", "~/old/cissp.toml"]\n',
                                                      user.home / "c.toml"))
    assert chosen(user.where())[0] == [str(user.home / "cpe"), str(user.home / "old" / "cissp.toml")]


def test_a_relative_path_in_the_config_file_is_taken_from_the_config_files_folder(user: Home):
    config = user.write_config('ledgers = "cpe"\n', user.home / "settings" / "config.toml")
    user.env["CPETUI_CONFIG"] = str(config)
    assert chosen(user.where())[0] == [str(user.home / "settings" / "cpe")]


def test_cpetui_ledgers_wins_over_the_config_file_and_dot_ledgers(user: Home):
    everything_set_up(user)
    user.env["CPETUI_CONFIG"] = str(user.write_config(f'ledgers = "{user.home / "from-config"}"\n',
                                                      user.home / "c.toml"))
    assert chosen(user.where()) == ([str(user.home / "from-env")], "from $CPETUI_LEDGERS")


def test_cpetui_ledgers_takes_several_paths_separated_by_colons_with_tilde_expanded(user: Home):
    user.env["CPETUI_LEDGERS"] = os.pathsep.join(["~/cpe", "", str(user.cwd / "x.toml")])
    assert chosen(user.where()) == ([str(user.home / "cpe"), str(user.cwd / "x.toml")],
                                    "from $CPETUI_LEDGERS")


def test_an_empty_cpetui_ledgers_counts_as_unset(user: Home):
    (user.cwd / "ledgers").mkdir()
    user.env["CPETUI_LEDGERS"] = ""
    assert chosen(user.where())[1] == "./ledgers exists in the current folder"


def test_paths_on_the_command_line_win_over_everything_else(user: Home):
    everything_set_up(user)
    (user.cwd / "mine.toml").write_text('[cycle]\nprogram = "isc2"\n', encoding="utf-8")
    result = user.where("mine.toml", "other")
    assert chosen(result) == (["mine.toml", "other"], "given on the command line")
    assert "  ledger files found: 1" in result.stdout.splitlines()
    assert "  missing: other" in result.stdout.splitlines()


@pytest.mark.parametrize("text, says", [
    ('ledgers = "~/cpe\n', "fix the file or remove it"),
    ("ledgers = 3\n", "ledgers must be a folder path or a list of paths"),
    ('ledgers = ["~/cpe", 3]\n', "ledgers must be a folder path or a list of paths"),
    ('lang = "fr"\n', 'lang must be "en" or "ja"'),
    (b"\xff\xfe not utf-8\n", "fix the file or remove it"),
], ids=["toml-syntax", "ledgers-number", "ledgers-list-of-mixed", "unknown-lang", "not-utf-8"])
def test_a_bad_config_file_exits_2_with_a_message_naming_the_file(user: Home, text: str | bytes, says: str):
    config = user.home / "bad config.toml"
    if isinstance(text, bytes):
        config.write_bytes(text)
    else:
        user.write_config(text, config)
    user.env["CPETUI_CONFIG"] = str(config)
    (user.cwd / "ledgers").mkdir()  # a bad config is reported, not passed over for the next level
    result = user.where()
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {config}: ")
    assert says in result.stderr


def test_a_config_path_that_cannot_be_read_exits_2_naming_it(user: Home):
    folder = user.home / "config-is-a-folder"
    folder.mkdir()
    user.env["CPETUI_CONFIG"] = str(folder)
    result = user.where()
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {folder}: ")


def test_a_config_file_that_does_not_exist_is_no_error(user: Home):
    user.env["CPETUI_CONFIG"] = str(user.home / "none.toml")
    (user.cwd / "ledgers").mkdir()
    assert chosen(user.where())[1] == "./ledgers exists in the current folder"


# --- the folder found from the current one (issue 19): `init` tells the user to `cd` into the folder
# and put it in git; `check` and `status` run there must use it.

CISSP = '#:schema ./ledger.schema.json\n[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'


def initialised(user: Home) -> Path:
    """A folder made by `cpetui init` with a first ledger, inside the working folder."""
    folder = user.cwd / "cpe"
    made = user.cpetui("init", str(folder), "--program", "isc2", "--credential", "CISSP",
                       "--start", "2024-07-01")
    assert made.returncode == 0, made.stderr
    assert (folder / ".cpetui").is_file()
    return folder


@xdg_only
def test_inside_an_initialised_folder_check_and_status_use_it(user: Home):
    folder = initialised(user)
    assert chosen(user.cpetui("where", cwd=folder)) == (
        ["."], f"{folder} has the .cpetui file that 'cpetui init' writes")
    check = user.cpetui("check", cwd=folder)
    assert check.returncode == 0, check.stdout + check.stderr
    status = user.cpetui("status", "--as-of", "2025-01-01", cwd=folder)
    assert status.returncode == 0, status.stderr
    assert "CISSP" in status.stdout


@xdg_only
def test_in_a_folder_below_an_initialised_folder_it_is_found_as_git_finds_its_repository(user: Home):
    folder = initialised(user)
    below = folder / "evidence" / "2025"
    below.mkdir(parents=True)
    result = user.cpetui("where", cwd=below)
    assert chosen(result) == ([os.path.join("..", "..")],
                              f"{folder} has the .cpetui file that 'cpetui init' writes")
    assert "  ledger files found: 1" in result.stdout.splitlines()
    assert user.cpetui("check", cwd=below).returncode == 0


@xdg_only
def test_a_plain_folder_of_ledgers_is_used_when_the_current_folder_is_it(user: Home):
    (user.cwd / "cissp-2024-2027.toml").write_text(CISSP, encoding="utf-8")
    result = user.where()
    assert chosen(result) == (["."], "the current folder holds ledgers")
    assert "  ledger files found: 1" in result.stdout.splitlines()


@xdg_only
def test_a_folder_above_holding_ledgers_is_used_from_below(user: Home):
    (user.cwd / "cissp-2024-2027.toml").write_text(CISSP, encoding="utf-8")
    (user.cwd / "notes").mkdir()
    assert chosen(user.cpetui("where", cwd=user.cwd / "notes")) == (
        [".."], f"{user.cwd}, above the current folder, holds ledgers")


@xdg_only
def test_a_ledgers_folder_above_is_used_from_below(user: Home):
    (user.cwd / "ledgers").mkdir()
    (user.cwd / "src").mkdir()
    assert chosen(user.cpetui("where", cwd=user.cwd / "src")) == (
        [os.path.join("..", "ledgers")], f"{user.cwd / 'ledgers'} exists in a folder above the current one")


@xdg_only
def test_an_unrelated_folder_still_gets_the_platforms_data_folder(user: Home):
    # TOML that is no ledger (no [cycle] table) does not make a ledger folder
    (user.cwd / "pyproject.toml").write_text('[project]\nname = "x"\n# [cycle]\n', encoding="utf-8")
    (user.cwd / "src").mkdir()
    for cwd in (user.cwd, user.cwd / "src"):
        assert chosen(user.cpetui("where", cwd=cwd))[0] == [str(user.data_ledgers)]


@xdg_only
def test_the_search_ends_at_the_home_folder(user: Home):
    # a ledger folder above the home folder is someone else's business
    (user.home.parent / "ledgers").mkdir()
    assert chosen(user.where())[0] == [str(user.data_ledgers)]


@xdg_only
def test_the_marker_wins_over_ledgers_in_a_folder_above(user: Home):
    (user.cwd / "cissp-2024-2027.toml").write_text(CISSP, encoding="utf-8")
    inner = user.cwd / "inner"
    inner.mkdir()
    (inner / ".cpetui").write_text("", encoding="utf-8")
    assert chosen(user.cpetui("where", cwd=inner))[0] == ["."]


def test_the_config_file_and_cpetui_ledgers_still_win_over_the_folder_found(user: Home):
    folder = initialised(user)
    config = user.write_config(f'ledgers = "{user.home / "from-config"}"\n', user.home / "c.toml")
    user.env["CPETUI_CONFIG"] = str(config)
    assert chosen(user.cpetui("where", cwd=folder))[0] == [str(user.home / "from-config")]
    user.env["CPETUI_LEDGERS"] = str(user.home / "from-env")
    assert chosen(user.cpetui("where", cwd=folder))[0] == [str(user.home / "from-env")]


def test_the_app_opens_the_folder_where_names(user: Home, monkeypatch: pytest.MonkeyPatch):
    from cpetui.ledger.where import app_paths, locate

    folder = initialised(user)
    below = folder / "evidence"
    monkeypatch.chdir(below)
    monkeypatch.delenv("CPETUI_LEDGERS", raising=False)
    monkeypatch.setenv("CPETUI_CONFIG", str(user.home / "none.toml"))
    monkeypatch.setenv("HOME", str(user.home))
    assert app_paths([]) == list(locate(()).paths) == [".."]
    # a broken config file does not keep the app from the folder found
    monkeypatch.setenv("CPETUI_CONFIG", str(user.write_config("ledgers = 3\n", user.home / "bad.toml")))
    assert app_paths([]) == [".."]
