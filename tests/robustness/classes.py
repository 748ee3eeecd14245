"""The classes of fault and bad input the robustness suite proves, in the order of docs/robustness.md."""

from __future__ import annotations

# class name → what "passed" means for it (the table's result column)
CLASSES: dict[str, str] = {
    "toml-test invalid files": (
        "located error (`path:line:col`, hint) in check, status and the app; no traceback"
    ),
    "hand-editing mistakes": (
        "located error at the right line in check, status and the app; no traceback"
    ),
    "random edit sequences": (
        "no activity or comment lost, every file valid after every step (incl. undo, moves, outside edits)"
    ),
    "interrupted saves": (
        "original file intact, no temporary left, the user told; app state unchanged"
    ),
    "two writers": "the later writer is warned; nothing silently overwritten; the open form kept",
    "hostile text": (
        "no crash; no raw ESC/C1/bidi/zero-width character on screen or in status/export output; "
        "markup shown literally"
    ),
    "hostile values": (
        "infinite or huge numbers, dates at the calendar's end, keys dotted 20,000 deep, thousands of "
        "evidence files: a located error in every command (1 GiB, seconds), exit 1; the other ledgers read"
    ),
    "mutated sample ledgers": (
        "seeded random mutations (numbers, dates, keys, nesting, encodings, control characters) through "
        "check, status, every export and the audit pack in 512 MiB: a clean run or located errors, "
        "no traceback"
    ),
    "evidence paths": (
        "each classified for what it is; opened only with an argv list, never a shell; "
        "audit pack writes nothing outside its zip and names every link out"
    ),
    "very large inputs": (
        "over 4 MiB refused at once with a located message (check, status, app); "
        "just under the limit read in seconds without freezing the app"
    ),
}
