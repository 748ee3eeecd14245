"""The registry of programs the rules know, by the `program` key a ledger's [cycle] uses.

The built-in programs are here from the start; programs read from program files (shipped ones and a
user's own) are handed in by the ledger layer, which does the reading: the rules never open a file.
A lookup of an id not yet known asks the finder the ledger layer installed, so that a program file is
read only when a ledger names it (or when every program is listed)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cpetui.model import Problem
from cpetui.rules.spec import Program

# Programs written as Python data (none now: every program is a file in cpetui/programs/); kept so
# that a program can still be given to the rules directly, as tests do.
BUILT_IN: tuple[Program, ...] = ()


class Finder:
    """What the ledger layer offers: one program by id, every program, and what keeps one from loading."""

    def one(self, program_id: str) -> Program | None:
        return None

    def all(self) -> tuple[Program, ...]:
        return ()

    def broken(self, program_id: str) -> Problem | None:
        return None


class Registry(Mapping[str, Program]):
    """Programs by id: the built-in ones, then those the finder reads from program files."""

    def __init__(self, built_in: tuple[Program, ...]) -> None:
        self._known: dict[str, Program] = {p.id: p for p in built_in}
        self._built_in = frozenset(self._known)
        self.finder: Finder = Finder()
        self._complete = False

    def use(self, finder: Finder) -> None:
        """Install the ledger layer's finder (again when the folders it reads change)."""
        self.finder = finder
        self._known = {k: p for k, p in self._known.items() if k in self._built_in}
        self._complete = False

    def refresh(self) -> None:
        """The finder reads more folders now: list every program again when asked."""
        self._complete = False

    def add(self, program: Program) -> None:
        if program.id not in self._built_in:
            self._known[program.id] = program

    def __getitem__(self, key: str) -> Program:
        found = self._known.get(key)
        if found is None:
            found = self.finder.one(key)
            if found is None or found.id in self._built_in:
                raise KeyError(key)
            self._known[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def _everything(self) -> dict[str, Program]:
        if not self._complete:
            for p in self.finder.all():
                if p.id not in self._built_in:
                    self._known.setdefault(p.id, p)
            self._complete = True
        return self._known

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._everything()))

    def __len__(self) -> int:
        return len(self._everything())

    def broken(self, program_id: str) -> Problem | None:
        """The mistake in the program file that would define `program_id`, if one keeps it from loading."""
        return self.finder.broken(program_id)

    def is_built_in(self, program_id: str) -> bool:
        return program_id in self._built_in


PROGRAMS: Registry = Registry(BUILT_IN)
