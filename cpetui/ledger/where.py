"""Decides where the ledgers are: command line, $CPETUI_LEDGERS, the config file, ./ledgers, data folder."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpetui.i18n import _

ENV_LEDGERS = "CPETUI_LEDGERS"
ENV_CONFIG = "CPETUI_CONFIG"


@dataclass(frozen=True)
class Location:
    """The ledger paths chosen and, in words, why."""

    paths: tuple[str, ...]
    reason: str
    config_path: str


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file: $CPETUI_CONFIG, else `config.toml` in the platform's config folder."""
    env = os.environ if env is None else env
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG])
    from platformdirs import user_config_dir

    return Path(user_config_dir("cpetui", appauthor=False)) / "config.toml"


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
) -> Location:
    """Where the ledgers are, in the documented order of precedence, and why."""
    env = os.environ if env is None else env
    cfg_path = config_path(env)
    if cli_paths:
        return Location(tuple(cli_paths), _("given on the command line"), str(cfg_path))
    if env.get(ENV_LEDGERS):
        parts = [p for p in env[ENV_LEDGERS].split(os.pathsep) if p]
        return Location(
            tuple(os.path.expanduser(p) for p in parts),
            _("from ${name}").format(name=ENV_LEDGERS),
            str(cfg_path),
        )
    config = read_config(cfg_path)
    if config.get("ledgers"):
        raw = config["ledgers"]
        paths = [raw] if isinstance(raw, str) else list(raw)
        base = cfg_path.parent
        resolved = tuple(str(base / os.path.expanduser(p)) for p in paths)
        return Location(resolved, _("from the config file {path}").format(path=cfg_path), str(cfg_path))
    here = Path(cwd or os.getcwd()) / "ledgers"
    if here.is_dir():
        return Location(("ledgers",) if cwd is None else (str(here),),
                        _("./ledgers exists in the current folder"), str(cfg_path))
    return Location(
        (str(data_ledgers()),),
        _("default: the platform's data folder (nothing else was configured)"),
        str(cfg_path),
    )
