"""Random saves, moves and undos interleaved with outside edits never lose an activity or a comment."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpetui.ledger import store
from cpetui.ledger.load import read_ledger
from cpetui.ledger.store import SaveConflict
from cpetui.model import Ledger


def ledger_text(credential: str, ids: list[str]) -> str:
    head = (
        f'# {credential} ledger\n[cycle]\nprogram = "isc2"\ncredential = "{credential}"\n'
        "start = 2024-07-01\n"
    )
    blocks = [
        f'\n# about {aid}\n[[activity]]\nid = "{aid}"\ndate = 2024-{8 + n:02d}-01\ntitle = "{aid}"\n'
        f"hours = {n + 1}   # inline {aid}\n"
        for n, aid in enumerate(ids)
    ]
    return head + "".join(blocks)


files = st.integers(0, 1)
days = st.integers(0, 900).map(lambda n: date(2024, 7, 1) + timedelta(days=n))
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), files, days),
        st.tuples(st.just("update"), files, st.integers(0, 9), st.integers(1, 40)),
        st.tuples(st.just("delete"), files, st.integers(0, 9)),
        st.tuples(st.just("move"), files, st.integers(0, 9)),
        st.tuples(st.just("undo")),
        st.tuples(st.just("outside"), files),
    ),
    max_size=10,
)


class Run:
    """Two ledgers, the Ledger objects an app would hold, and the undo stack it would keep."""

    def __init__(self, folder: Path) -> None:
        self.paths = [folder / "cissp.toml", folder / "ccsp.toml"]
        self.paths[0].write_text(ledger_text("CISSP", ["c1", "c2", "c3"]))
        self.paths[1].write_text(ledger_text("CCSP", ["p1", "p2"]))
        self.held = [read_ledger(p) for p in self.paths]
        self.undo: list[tuple[Any, ...]] = []
        self.outside: list[tuple[int, str]] = []
        self.expected = Counter(
            {(0, "c1"): 1, (0, "c2"): 1, (0, "c3"): 1, (1, "p1"): 1, (1, "p2"): 1}
        )
        self.counter = 0

    def retry(self, op: Any) -> Any:
        """Do `op` on the held ledgers; on a conflict, re-read (as the app does) and do it again."""
        try:
            return op()
        except SaveConflict:
            self.held = [read_ledger(p) for p in self.paths]
            return op()

    def ids(self, f: int) -> list[str]:
        return [a.id for a in self.held[f].activities]

    def step(self, s: tuple[Any, ...]) -> None:
        kind = s[0]
        if kind == "outside":
            self.counter += 1
            note = f"# outside edit {self.counter}"
            with open(self.paths[s[1]], "a", encoding="utf-8") as fh:
                fh.write(f"\n{note}\n")
            self.outside.append((s[1], note))
            return
        if kind == "undo":
            if self.undo:
                self.apply(self.undo.pop(), record=False)
            return
        f = s[1]
        if kind == "add":
            self.counter += 1
            values = {"date": s[2], "title": f"new {self.counter}", "hours": 1}
            self.apply(("add", f, values))
            return
        ids = self.ids(f)
        if not ids:
            return
        aid = ids[s[2] % len(ids)]
        if kind == "update":
            self.apply(("update", f, aid, {"hours": s[3]}))
        elif kind == "delete":
            self.apply(("delete", f, aid))
        elif aid not in self.ids(1 - f):
            self.apply(("move", f, aid))

    def apply(self, op: tuple[Any, ...], record: bool = True) -> None:
        kind, f = op[0], op[1]
        if kind == "add":
            def do() -> str:
                self.held[f], new_id = store.add_activity(self.held[f], op[2])
                return new_id

            aid = self.retry(do)
            self.expected[(f, aid)] += 1
            inverse: tuple[Any, ...] = ("delete", f, aid)
        elif kind == "update":
            old = self.retry(lambda: store.activity_values(self.held[f], op[2]))

            def do_update() -> None:
                self.held[f] = store.update_activity(self.held[f], op[2], op[3])

            self.retry(do_update)
            inverse = ("update", f, op[2], {k: old.get(k) for k in op[3]})
        elif kind == "delete":
            def do_delete() -> dict[str, Any]:
                self.held[f], removed = store.delete_activity(self.held[f], op[2])
                return removed

            removed = self.retry(do_delete)
            self.expected[(f, op[2])] -= 1
            inverse = ("add", f, removed)
        else:
            def do_move() -> None:
                src, dst = store.move_activity(self.held[f], op[2], self.held[1 - f])
                self.held[f], self.held[1 - f] = src, dst

            self.retry(do_move)
            self.expected[(f, op[2])] -= 1
            self.expected[(1 - f, op[2])] += 1
            inverse = ("move", 1 - f, op[2])
        if record:
            self.undo.append(inverse)

    def check(self) -> None:
        texts = [p.read_text(encoding="utf-8") for p in self.paths]
        ledgers: list[Ledger] = [read_ledger(p) for p in self.paths]
        for ledger in ledgers:
            assert ledger.ok, [p.message for p in ledger.problems]
        found = Counter((f, a.id) for f, ledger in enumerate(ledgers) for a in ledger.activities)
        assert found == +self.expected
        for f, note in self.outside:
            assert note in texts[f], note
        for f, text in enumerate(texts):
            for a in ledgers[f].activities:
                if a.id[0] in "cp" and a.id[1:].isdigit():  # the originals: their comments went along
                    assert f'# about {a.id}\n[[activity]]\nid = "{a.id}"' in text
                    assert f"# inline {a.id}" in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps)
def test_saves_moves_and_undos_among_outside_edits_lose_nothing(plan: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run = Run(Path(folder))
        for s in plan:
            run.step(s)
            run.check()
