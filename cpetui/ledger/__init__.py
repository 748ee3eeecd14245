"""Ledger files: parse, locate, edit, atomic save and watch (no Textual here)."""

from cpetui.rules.registry import PROGRAMS, Finder


class _FirstUse(Finder):
    """Reads the shipped program files only when a program that is not built in is first looked up:
    a command on built-in programs never loads the program-file machinery."""

    def _real(self) -> Finder:
        from cpetui.ledger.programs import current

        return current()  # installs itself in the registry in place of this one

    def one(self, program_id: str):  # type: ignore[no-untyped-def]
        return self._real().one(program_id)

    def all(self):  # type: ignore[no-untyped-def]
        return self._real().all()

    def broken(self, program_id: str):  # type: ignore[no-untyped-def]
        return self._real().broken(program_id)


if type(PROGRAMS.finder) is Finder:  # nothing installed yet (the ledger layer installs the real one)
    PROGRAMS.use(_FirstUse())
