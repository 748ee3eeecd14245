"""The full-screen Textual app: ledgers, status, activities and findings, kept live with the files."""

import gc

# Start-up makes hundreds of thousands of objects that live as long as the app (Textual's classes and
# styles, the ledgers): collecting while they are being made is wasted work (~30 ms of a first paint
# here). The app gives the collector its thresholds back once every ledger is read (`settle_memory`).
_THRESHOLDS = gc.get_threshold()
gc.set_threshold(200_000, 50, 100)


def settle_memory() -> None:
    """After start-up: collect garbage at the usual pace again."""
    gc.set_threshold(*_THRESHOLDS)
