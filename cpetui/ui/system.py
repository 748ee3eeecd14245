"""Hands files to other programs: the user's editor at a line, the system's opener; never through a shell."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from urllib.parse import urlparse

from cpetui.i18n import _
from cpetui.text import printable

# Editors known to read `--` as "only file names follow" and to take `+LINE` before it (vi's family;
# nano and micro parse their options with getopt). For the others the absolute path alone is the guard.
_DASHDASH = frozenset({"vi", "vim", "nvim", "view", "gvim", "vim.basic", "vim.tiny", "nano", "micro",
                       "kak", "hx", "helix"})


def editor_argv(path: str, line: int, env: dict[str, str] | None = None) -> list[str]:
    """`$VISUAL` / `$EDITOR` (split like a shell would, but never run by one) + `+LINE path`.

    The ledger's name reaches the editor only as an absolute path, so a file called `+!cmd.toml` or
    `-c.toml` can never be read as a command or an option (vim runs `+…` as an Ex command).
    """
    env = dict(os.environ) if env is None else env
    command = shlex.split(env.get("VISUAL") or env.get("EDITOR") or "vi")
    path = os.path.abspath(path)
    name = os.path.basename(command[0]).removesuffix(".exe") if command else ""
    if name in ("code", "codium"):
        return [*command, "--wait", "--goto", f"{path}:{max(1, line)}"]
    if name in _DASHDASH:
        return [*command, f"+{max(1, line)}", "--", path]
    return [*command, f"+{max(1, line)}", path]


def is_url(target: str) -> bool:
    return urlparse(target).scheme in ("http", "https", "ftp", "mailto")


def resolve_evidence(ledger_path: str, item: str) -> str:
    """An evidence item as something to open: URLs as they are, paths relative to the ledger's folder."""
    if is_url(item):
        return item
    folder = os.path.dirname(os.path.abspath(ledger_path))
    return os.path.normpath(os.path.join(folder, os.path.expanduser(item)))


def evidence_target(ledger_path: str, item: str) -> tuple[str | None, str]:
    """What to hand the opener for an evidence item, or None and a message saying why it is not opened.

    Files are opened only inside the ledger's folder: a path with '..', an absolute path elsewhere or
    a link leading out is named as such and left alone (a ledger may come from someone else).
    """
    from cpetui.ledger.evidence import classify

    ref = classify(ledger_path, item)
    if ref.kind == "url" or (ref.kind == "missing" and is_url(item.strip())):  # mailto: too
        return item.strip(), ""
    if ref.kind == "file" and ref.path is not None:
        return ref.path, ""
    if ref.kind == "outside":
        return None, _("Not opened: {item} is outside the ledger's folder ({reason}).").format(
            item=printable(item), reason=printable(ref.reason))
    return None, _("Evidence not found: {item} ({reason})").format(
        item=printable(item), reason=printable(ref.reason))


def opener_argv(target: str) -> list[str]:
    """The system's opener for a URL or a file; a file is named by its absolute path (never an option)."""
    if not is_url(target):
        target = os.path.abspath(target)
    opener = os.environ.get("CPETUI_OPENER")
    if opener:
        return [*shlex.split(opener), target]
    if sys.platform == "darwin":
        return ["open", target]
    if sys.platform.startswith("win"):
        return ["explorer", target]
    return ["xdg-open", target]


def open_detached(argv: list[str]) -> str | None:
    """Start `argv` without a shell and without waiting; returns why it failed, or None."""
    if argv and argv[-1].startswith(("-", "+")):
        return _("refusing to open {target}: it looks like an option").format(target=argv[-1])
    try:
        subprocess.Popen(  # noqa: S603 - an argv list, no shell
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        return _("could not start {program}: {reason}").format(program=argv[0], reason=exc.strerror or exc)
    return None
