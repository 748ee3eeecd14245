"""The undo and redo history: inverse edits, each naming the ledger it changes, undone per ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # session.py holds the history; Edit is only named here
    from cpetui.ledger.session import Edit


class History(list["Edit"]):
    """The undo stack (inverse edits, oldest first); `redo_stack` holds what undo took back.

    Each edit names the one ledger file it changes (`Edit.path`; a copy's inverse deletes from the
    ledger copied into), so undo and redo can act on the ledger in view and leave the others alone.
    A new change clears the redo steps of its own ledger only.
    """

    def __init__(self) -> None:
        super().__init__()
        self.redo_stack: list[Edit] = []

    def last_undo(self, path: str | None = None) -> Edit | None:
        """The newest step to undo: of the ledger `path`, or of any ledger when None."""
        return _last(self, path)

    def last_redo(self, path: str | None = None) -> Edit | None:
        return _last(self.redo_stack, path)

    def did(self, inverse: Edit) -> None:
        """A new change was saved; `inverse` undoes it."""
        self.append(inverse)
        self.redo_stack[:] = [e for e in self.redo_stack if e.path != inverse.path]

    def undid(self, step: Edit, inverse: Edit | None) -> None:
        """`step` was undone; `inverse` (what the save handed back) redoes it."""
        _remove(self, step)
        if inverse is not None:
            self.redo_stack.append(inverse)

    def redid(self, step: Edit, inverse: Edit | None) -> None:
        """`step` was redone; `inverse` undoes it again (the redo steps of other changes stay)."""
        _remove(self.redo_stack, step)
        if inverse is not None:
            self.append(inverse)

    def drop(self, step: Edit) -> None:
        """Forget a step that can never succeed, so that the ones before it stay reachable."""
        _remove(self, step)
        _remove(self.redo_stack, step)


def _last(steps: list[Edit], path: str | None) -> Edit | None:
    for step in reversed(steps):
        if path is None or step.path == path:
            return step
    return None


def _remove(steps: list[Edit], step: Edit) -> None:
    for i in range(len(steps) - 1, -1, -1):
        if steps[i] is step:
            del steps[i]
            return
