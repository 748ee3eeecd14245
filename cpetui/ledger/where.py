"""Decides where the ledgers are: command line, $CPETUI_LEDGERS, the config file, the folder found from
the current one (marked by `cpetui init`, holding ledgers, or with a `ledgers` folder), the data folder."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cpetui.frozen import frozen
from cpetui.i18n import _

ENV_LEDGERS = "CPETUI_LEDGERS"
ENV_CONFIG = "CPETUI_CONFIG"
# `cpetui init` leaves this file in the ledger folder: cpetui run there, or in a folder below it, uses
# that folder, as git finds its repository from any folder inside it.
MARKER = ".cpetui"
MARKER_TEXT = (
    "# This folder holds cpetui ledgers: cpetui commands run here or in a folder below use it.\n"
    "# `cpetui where` shows which ledger folder is used and why. Keep this file (it may stay empty).\n"
)
# A ledger's [cycle] table; read from the start of each .toml file only, never parsed whole.
_CYCLE_TABLE = re.compile(rb"^[ \t]*\[[ \t]*cycle[ \t]*\][ \t]*(#.*)?\r?$", re.MULTILINE)
_HEAD_BYTES = 64 * 1024


@frozen
class Location:
    """The ledger paths chosen and, in words, why; `config_path` the config file consulted."""

    paths: tuple[str, ...]
    reason: str
    env: Mapping[str, str] | None = None

    @property
    def config_path(self) -> str:
        # Found when asked (`cpetui where`): a command given its paths never looks for the platform's
        # config folder, nor imports what finds it.
        return str(config_path(self.env))


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file: $CPETUI_CONFIG, else `config.toml` in the platform's config folder."""
    env = os.environ if env is None else env
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG])
    folder = _plain_linux_config_dir()
    if folder is None:
        from platformdirs import user_config_dir

        folder = user_config_dir("cpetui", appauthor=False)
    return Path(folder) / "config.toml"


def _plain_linux_config_dir() -> str | None:
    """platformdirs' user config folder for cpetui where every version of it gives the same answer (Linux,
    an absolute $XDG_CONFIG_HOME or else an absolute $HOME), found without importing it: every command
    asks (does a config file choose the language?) and most need nothing else from it. None elsewhere
    (Android, another system, a relative or missing home…): platformdirs answers then.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    environ = os.environ  # platformdirs reads the process's environment, whatever `env` says
    if environ.get("ANDROID_DATA") or environ.get("ANDROID_ROOT"):
        return None
    xdg = environ.get("XDG_CONFIG_HOME", "")
    if xdg:
        # Versions differ on a relative or padded value (used as given, or ignored): theirs to decide.
        return os.path.join(xdg, "cpetui") if xdg == xdg.strip() and os.path.isabs(xdg) else None
    if not os.path.isabs(environ.get("HOME", "")):
        return None
    return os.path.join(os.path.expanduser("~/.config"), "cpetui")


def data_ledgers() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("cpetui", appauthor=False)) / "ledgers"


class ConfigError(Exception):
    """The config file exists but cannot be used; the message names file, line and the fix."""


def read_config(path: Path) -> dict[str, Any]:
    """The config file's settings ({} when it does not exist)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from exc
    import tomllib  # only when there is a config file to read

    try:
        config = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("{path}: {detail}; fix the file or remove it").format(path=path, detail=exc)
        ) from exc
    ledgers = config.get("ledgers")
    if ledgers is not None and not (
        isinstance(ledgers, str)
        or (isinstance(ledgers, list) and all(isinstance(x, str) for x in ledgers))
    ):
        raise ConfigError(
            _('{path}: ledgers must be a folder path or a list of paths, e.g. ledgers = "~/cpe"').format(
                path=path
            )
        )
    lang = config.get("lang")
    if lang is not None and lang not in ("en", "ja"):
        raise ConfigError(_('{path}: lang must be "en" or "ja"').format(path=path))
    return config


def locate(
    cli_paths: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    *,
    use_config: bool = True,
) -> Location:
    """Where the ledgers are, in the documented order of precedence, and why (`use_config` False:
    passing over the config file, for the app that opens even when the file is broken)."""
    env = os.environ if env is None else env
    if cli_paths:
        return Location(tuple(cli_paths), _("given on the command line"), env)
    if env.get(ENV_LEDGERS):
        parts = [p for p in env[ENV_LEDGERS].split(os.pathsep) if p]
        return Location(
            tuple(os.path.expanduser(p) for p in parts),
            _("from ${name}").format(name=ENV_LEDGERS),
            env,
        )
    cfg_path = config_path(env)
    config = read_config(cfg_path) if use_config else {}
    if config.get("ledgers"):
        raw = config["ledgers"]
        paths = [raw] if isinstance(raw, str) else list(raw)
        base = cfg_path.parent
        resolved = tuple(str(base / os.path.expanduser(p)) for p in paths)
        return Location(resolved, _("from the config file {path}").format(path=cfg_path), env)
    found = find_upward(cwd)
    if found is not None:
        return Location((found[0],), found[1], env)
    return Location(
        (str(data_ledgers()),),
        _("default: the platform's data folder (nothing else was configured)"),
        env,
    )


def is_ledger(path: str) -> bool:
    """The file's opening holds a [cycle] table: a ledger, not some other TOML (pyproject.toml…)."""
    try:
        with open(path, "rb") as fh:
            return _CYCLE_TABLE.search(fh.read(_HEAD_BYTES)) is not None
    except OSError:
        return False


def holds_ledgers(folder: str) -> bool:
    """Some `*.toml` file directly in `folder` is a ledger."""
    try:
        with os.scandir(folder) as entries:
            return any(e.name.lower().endswith(".toml") and e.is_file() and is_ledger(e.path)
                       for e in entries)
    except OSError:
        return False


def _ceiling() -> str | None:
    """Where the search upward ends: the home folder, for a search that starts inside it."""
    home = os.path.expanduser("~")
    return os.path.normcase(os.path.abspath(home)) if home != "~" else None


def find_upward(cwd: str | None = None) -> tuple[str, str] | None:
    """The ledger folder found from `cwd` (default: the current folder) and why, or None.

    From the current folder up, the first folder that has the `.cpetui` marker, holds ledgers, or has
    a `ledgers` folder; the search stops after the home folder (when it starts inside it) or at the
    filesystem's root. Paths are relative to the current folder when `cwd` is not given, as git
    prints them.
    """
    try:
        start = os.path.abspath(cwd or os.getcwd())
    except OSError:  # the current folder was deleted
        return None
    ceiling = _ceiling()  # met only by a search that starts inside the home folder
    folder = start
    while True:
        answer = _ledger_folder_at(folder, here=folder == start)
        if answer is not None:
            path, reason = answer
            return (path if cwd is not None else os.path.relpath(path, start)), reason
        parent = os.path.dirname(folder)
        if parent == folder or os.path.normcase(folder) == ceiling:
            return None
        folder = parent


def _ledger_folder_at(folder: str, *, here: bool) -> tuple[str, str] | None:
    """`folder`'s answer to "where are the ledgers?": itself, its `ledgers` folder, or None."""
    if os.path.exists(os.path.join(folder, MARKER)):
        return folder, _("{folder} has the {marker} file that 'cpetui init' writes").format(
            folder=folder, marker=MARKER)
    if holds_ledgers(folder):
        if here:
            return folder, _("the current folder holds ledgers")
        return folder, _("{folder}, above the current folder, holds ledgers").format(folder=folder)
    below = os.path.join(folder, "ledgers")
    if os.path.isdir(below):
        if here:
            return below, _("./ledgers exists in the current folder")
        return below, _("{folder} exists in a folder above the current one").format(folder=below)
    return None


def app_paths(paths: Sequence[str]) -> list[str]:
    """The app's paths: those on the command line, else the folder `cpetui where` names (the app and
    the headless commands choose alike); a broken config file never keeps the app from a folder."""
    if paths:
        return list(paths)
    try:
        return list(locate(()).paths)
    except ConfigError:
        return list(locate((), use_config=False).paths)
