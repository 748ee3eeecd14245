"""`cpetui completion SHELL`: the shell code that completes cpetui's commands, options and files."""

from __future__ import annotations

import argparse

from cpetui.i18n import _

SHELLS = ("bash", "zsh", "fish")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help=_("the shell to complete in"))
    parser.epilog = _("Install: bash: cpetui completion bash > ~/.local/share/bash-completion/completions/"
                      "cpetui · zsh: cpetui completion zsh > \"${fpath[1]}/_cpetui\" · fish: cpetui "
                      "completion fish > ~/.config/fish/completions/cpetui.fish")


def run(args: argparse.Namespace) -> int:
    # argcomplete writes the shell side; at completion time the shell runs `cpetui` with _ARGCOMPLETE
    # set, and `cpetui.cli.main` answers from the same parser the commands use (see `complete`).
    import argcomplete

    print(argcomplete.shellcode(["cpetui"], shell=args.shell), end="")
    return 0
