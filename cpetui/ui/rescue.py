"""Keeps what the user typed into an open form when the app ends on an unexpected error."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from cpetui.i18n import _


def rescue_folder() -> Path:
    """Where unsaved form input goes: the platform's state folder (`~/.local/state/cpetui/unsaved`)."""
    from platformdirs import user_state_path

    return user_state_path("cpetui") / "unsaved"


def form_text(ledger: str, activity_id: str, raw: dict[str, str]) -> str:
    """The form's fields as typed, with where they were meant to go: plain text a person reads back."""
    lines = [
        "# " + _("cpetui ended on an unexpected error while this form was open; nothing of it was saved."),
        "# " + _("Ledger: {path}").format(path=ledger),
        "# " + _("Activity: {id}").format(id=activity_id),
        "# " + _("The fields as you typed them (add them again with a, or paste them into the ledger):"),
    ]
    lines += [f"{key}: {value}" for key, value in raw.items() if value.strip()]
    return "\n".join(lines) + "\n"


def save_forms(screens: Iterable[object], folder: Path | None = None) -> list[str]:
    """Write every open activity form's input to a file of its own; the files written.

    Runs while the app is failing, so it never raises: a form it cannot read or a folder it cannot
    write is passed over (the error the user sees is the original one).
    """
    from cpetui.ui.screens.form import ActivityForm

    written: list[str] = []
    for n, screen in enumerate(screens):
        if not isinstance(screen, ActivityForm):
            continue
        try:
            raw = screen.raw()
            if not any(v.strip() for v in raw.values()):
                continue
            target = folder or rescue_folder()
            target.mkdir(parents=True, exist_ok=True)
            path = target / f"form-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{n}.txt"
            text = form_text(screen.cycle.source.path, screen.activity_id, raw)
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(text)
            written.append(str(path))
        except Exception:  # noqa: BLE001 - a rescue must never hide the error that called it
            continue
    return written
