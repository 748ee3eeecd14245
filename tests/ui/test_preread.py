"""The command line begins the first read before Textual loads; the app shows exactly what it would
have read itself, whether the second process answers, fails, or cannot be started."""

from __future__ import annotations

from cpetui import forked
from cpetui.ui import preread
from cpetui.ui.session import Session
from tests.ui.conftest import AS_OF, CFE, CISSP, SIZE, settle


def test_the_second_process_reads_what_the_app_would_read(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    first = preread.start([str(folder)], AS_OF, watch=False)
    assert first.reading is not None or not forked.can_fork()
    here = Session([str(folder)], AS_OF).read_first(None)
    assert first.result(Session([str(folder)], AS_OF)) == here


def test_a_failed_second_process_is_read_again_here(ledgers, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)

    def broken(paths: list[str], as_of: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(preread, "_read", broken)  # the child inherits it and fails
    first = preread.start([str(folder)], AS_OF, watch=False)
    entries, missing, rest = first.result(Session([str(folder)], AS_OF))
    assert sorted(entries) == sorted([str(folder / "cfe.toml"), str(folder / "cissp.toml")])
    assert missing == [] and rest == [str(folder / "cissp.toml")]


def test_without_fork_the_app_reads_in_its_own_process(ledgers, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP)
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    first = preread.start([str(folder)], AS_OF, watch=False)
    assert first.reading is None
    entries, _missing, _rest = first.result(Session([str(folder)], AS_OF))
    assert entries[str(folder / "cissp.toml")].status is not None


def test_the_watcher_is_made_before_the_read_so_an_edit_meanwhile_is_seen(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    first = preread.start([str(folder)], AS_OF, watch=True)
    path = folder / "cissp.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited while the app loads\n", encoding="utf-8")
    first.result(Session([str(folder)], AS_OF))
    assert str(path) in first.watcher.poll().changed


async def test_the_app_opens_on_a_preread_with_its_paths_day_and_watcher(ledgers) -> None:
    from cpetui.ui.app import CpetuiApp

    folder = ledgers(cissp=CISSP, cfe=CFE)
    first = preread.start([str(folder)], AS_OF, watch=True)
    app = CpetuiApp(first=first)
    assert app.session.paths == [str(folder)] and app.session.as_of == AS_OF
    assert app.watcher is first.watcher and app.watching
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.loading
        assert app.entry is not None and app.entry.path == str(folder / "cfe.toml")
        assert app.session.entries[str(folder / "cissp.toml")].status.total.counted == 20
