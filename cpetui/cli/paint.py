"""Colour for the headless commands' text: on a terminal unless NO_COLOR is set; `--color` decides."""

from __future__ import annotations

import argparse
import os
from typing import IO, Any

from cpetui.i18n import _

_CODES = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36",
          "dim": "2"}


def add_color(parser: argparse.ArgumentParser) -> None:
    """`--color auto|always|never`, the same in every command that colours its text."""
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                        help=_("colour the text: auto (on a terminal, unless NO_COLOR is set), always, "
                               "never"))


def wanted(stream: IO[Any], mode: str = "auto", env: dict[str, str] | None = None) -> bool:
    """Whether to colour what goes to `stream`. `--color always`/`never` wins (no-color.org: a command's
    own option overrides NO_COLOR); otherwise only a terminal, never with NO_COLOR set to anything but
    the empty string, nor on TERM=dumb."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    env = dict(os.environ) if env is None else env
    if env.get("NO_COLOR", "") != "" or env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


class Paint:
    """Wraps text in ANSI colour when enabled; otherwise gives it back unchanged."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @classmethod
    def for_stream(cls, stream: IO[Any], mode: str = "auto") -> Paint:
        return cls(wanted(stream, mode))

    def __call__(self, text: str, color: str | None = None, *, bold: bool = False) -> str:
        if not self.enabled or not text or (color is None and not bold):
            return text
        codes = [c for c in (("1" if bold else None), _CODES.get(color or "")) if c]
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"
