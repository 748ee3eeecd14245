"""Chooses the interface language (flag, config, environment) and installs its gettext catalogue."""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from cpetui.i18n import _, install, ngettext

DOMAIN = "cpetui"
LOCALE_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "ja")


def choose(lang: str | None = None, env: Mapping[str, str] | None = None,
           config_lang: str | None = None) -> str:
    """The language to use: the flag, else the config file, else LC_ALL/LC_MESSAGES/LANG, else English."""
    if lang in LANGUAGES:
        return lang
    if config_lang in LANGUAGES:
        return config_lang  # type: ignore[return-value]
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            code = value.split(":")[0].split(".")[0].split("_")[0].lower()
            return "ja" if code == "ja" else "en"
    return "en"


def _config_lang() -> str | None:
    try:
        from cpetui.ledger.where import ConfigError, config_path, read_config

        return read_config(config_path()).get("lang")
    except (ConfigError, OSError, ImportError):
        return None


def setup(lang: str | None = None) -> str:
    """Install the catalogue for the chosen language; English (the source strings) fills any gap."""
    chosen = choose(lang, config_lang=None if lang else _config_lang())
    translations = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[chosen], fallback=True)
    install(translations, chosen)
    _translate_argparse()
    return chosen


def _translate_argparse() -> None:
    """argparse looks its words up through its module-level `_`: give it ours (argparse_words.py)."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
