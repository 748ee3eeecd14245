"""Random edits through the app's Session — add, update, delete, copy, move, undo — among outside edits.

The store alone is proven in tests/ledger/test_store_properties.py; this drives the layer the app uses,
with its undo history and its answer to a collision (read the file again, apply the change again).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpetui.ledger.load import read_ledger
from cpetui.ledger.session import Edit, Session
from cpetui.ledger.store import SaveConflict, SaveError

AS_OF = date(2026, 11, 22)
EXAMPLES = 30


def ledger_text(credential: str, ids: list[str]) -> str:
    head = (
        f'# {credential} ledger\n[cycle]\nprogram = "isc2"\ncredential = "{credential}"\n'
        "start = 2024-07-01\n"
    )
    return head + "".join(
        f'\n# about {aid}\n[[activity]]\nid = "{aid}"\ndate = 2024-{8 + n:02d}-01\ntitle = "{aid}"\n'
        f'type = "education"\ngroup = "A"\nhours = {n + 1}   # inline {aid}\n'
        for n, aid in enumerate(ids)
    )


files = st.integers(0, 1)
days = st.integers(0, 700).map(lambda n: date(2024, 7, 1) + timedelta(days=n))
titles = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), files, days, titles),
        st.tuples(st.just("update"), files, st.integers(0, 9), st.integers(1, 40), titles),
        st.tuples(st.just("delete"), files, st.integers(0, 9)),
        st.tuples(st.just("copy"), files, st.integers(0, 9)),
        st.tuples(st.just("move"), files, st.integers(0, 9)),
        st.tuples(st.just("undo")),
        st.tuples(st.just("outside-comment"), files),
        st.tuples(st.just("outside-activity"), files),
    ),
    max_size=12,
)


class Run:
    """Two ledgers held by a Session as the app holds them, and what must be on disk."""

    def __init__(self, folder: Path) -> None:
        self.paths = [str(folder / "cissp.toml"), str(folder / "ccsp.toml")]
        Path(self.paths[0]).write_text(ledger_text("CISSP", ["c1", "c2", "c3"]), encoding="utf-8")
        Path(self.paths[1]).write_text(ledger_text("CCSP", ["p1", "p2"]), encoding="utf-8")
        self.session = Session([str(folder)], AS_OF)
        self.session.load()
        assert sorted(self.session.entries) == sorted(self.paths)
        self.expected = Counter({(0, "c1"): 1, (0, "c2"): 1, (0, "c3"): 1, (1, "p1"): 1, (1, "p2"): 1})
        self.notes: list[tuple[int, str]] = []
        self.counter = 0

    def ids(self, f: int) -> list[str]:
        return [a.id for a in self.session.entries[self.paths[f]].ledger.activities]

    def apply(self, edit: Edit) -> str | None:
        """Session.apply; on a collision, read the files again and apply once more (the app's 'reapply')."""
        try:
            return self.session.apply(edit)
        except SaveConflict:
            for p in self.paths:
                self.session.refresh(p)
            return self.session.apply(edit)

    def undo(self) -> None:
        if not self.session.history:
            return
        before = [Path(p).read_bytes() for p in self.paths]
        try:
            try:
                inverse = self.session.undo()
            except SaveConflict:
                for p in self.paths:
                    self.session.refresh(p)
                inverse = self.session.undo()
        except SaveError:
            # Refused (e.g. re-adding an id the file has again): nothing written, the step stays.
            assert [Path(p).read_bytes() for p in self.paths] == before
            self.session.history.pop()
            return
        assert inverse is not None
        f = self.paths.index(inverse.path)
        if inverse.kind == "add":
            self.expected[(f, inverse.activity_id)] += 1
        elif inverse.kind == "delete":
            self.expected[(f, inverse.activity_id)] -= 1

    def step(self, s: tuple[Any, ...]) -> None:
        kind = s[0]
        if kind == "undo":
            self.undo()
            return
        f = s[1]
        path = self.paths[f]
        self.counter += 1
        if kind == "outside-comment":
            note = f"# outside note {self.counter}"
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"\n{note}\n")
            self.notes.append((f, note))
            return
        if kind == "outside-activity":
            aid = f"out{self.counter}"
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f'\n[[activity]]\nid = "{aid}"\ndate = 2025-01-02\ntitle = "typed in vi"\n'
                         f'type = "education"\ngroup = "B"\nhours = 1\n')
            self.expected[(f, aid)] += 1
            return
        if kind == "add":
            values = {"date": s[2], "title": s[3], "type": "education", "group": "A", "hours": 1}
            aid = self.apply(Edit("add", path, values=values))
            assert aid is not None
            self.expected[(f, aid)] += 1
            return
        ids = self.ids(f)
        if not ids:
            return
        aid = ids[s[2] % len(ids)]
        other = self.paths[1 - f]
        if kind == "update":
            self.apply(Edit("update", path, aid, {"hours": s[3], "title": s[4]}))
        elif kind == "delete":
            self.apply(Edit("delete", path, aid))
            self.expected[(f, aid)] -= 1
        elif aid not in self.ids(1 - f) and aid not in self.on_disk(1 - f):
            self.apply(Edit("copy", path, aid, target=other))
            self.expected[(1 - f, aid)] += 1
            if kind == "move":  # the app's move: copy, then delete from the source; two undo steps
                self.apply(Edit("delete", path, aid))
                self.expected[(f, aid)] -= 1

    def on_disk(self, f: int) -> list[str]:
        return [a.id for a in read_ledger(self.paths[f]).activities]

    def check(self) -> None:
        ledgers = [read_ledger(p) for p in self.paths]
        for ledger in ledgers:
            assert ledger.ok, [p.message for p in ledger.problems if p.severity == "error"]
        found = Counter((f, a.id) for f, ledger in enumerate(ledgers) for a in ledger.activities)
        assert found == +self.expected
        texts = [Path(p).read_text(encoding="utf-8") for p in self.paths]
        for f, note in self.notes:
            assert note in texts[f], note
        for f, ledger in enumerate(ledgers):
            for a in ledger.activities:
                if a.id[0] in "cp" and a.id[1:].isdigit():  # the originals keep both their comments
                    assert f'# about {a.id}\n[[activity]]\nid = "{a.id}"' in texts[f]
                    assert f"# inline {a.id}" in texts[f]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps)
def run_sequences(plan: list[tuple[Any, ...]]) -> None:
    RAN.append(len(plan))
    with tempfile.TemporaryDirectory() as folder:
        run = Run(Path(folder))
        for s in plan:
            run.step(s)
            run.check()
        while run.session.history:  # undo everything: back to the two files plus the outside edits
            run.undo()
            run.check()


RAN: list[int] = []


def test_session_edits_and_undos_among_outside_edits_lose_nothing(cases) -> None:
    RAN.clear()
    run_sequences()
    assert len(RAN) >= EXAMPLES // 2 and sum(RAN) > EXAMPLES  # sequences were run, with steps
    cases("random edit sequences", len(RAN))
