"""The garbage collector's pace: rare while a process makes objects that live to its end, then usual."""

from __future__ import annotations

import gc

# Start-up makes hundreds of thousands of objects that live as long as the process (Textual's classes
# and styles, the ledgers; a headless command's results): collecting cycles every 700 allocations
# while they are made is wasted work. Set only by the functions that run the app or a command, never
# on import, so that importing cpetui (a test, a script) leaves the collector as it found it.
RARELY = (200_000, 50, 100)

_usual: tuple[int, int, int] | None = None


def collect_rarely() -> None:
    """Collect garbage rarely until `collect_as_usual` (a second call keeps the first usual pace)."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
        gc.set_threshold(*RARELY)


def collect_as_usual() -> None:
    """Give the collector back the pace it had before `collect_rarely` (nothing if it was not called)."""
    global _usual
    if _usual is not None:
        gc.set_threshold(*_usual)
        _usual = None
