"""The command line prepares the app while Textual loads: language, ledger folder, the watcher's first
look and the first read, in a second process; the app opens on exactly what it would have prepared
itself, whether that process answers, fails, or cannot be started."""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator

import pytest

from cpetui import forked
from cpetui.i18n import install
from cpetui.ledger.session import Session
from cpetui.ui import preread
from tests.ui.conftest import AS_OF, CFE, CISSP, SIZE, settle


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CPETUI_LEDGERS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CPETUI_CONFIG", str(tmp_path / "no-config.toml"))
    yield
    install(gettext.NullTranslations(), "en")  # a preparation done here installs its language here


def test_the_second_process_reads_what_the_app_would_read(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    pending = preread.start([str(folder)], AS_OF, watch=False)
    assert pending.reading is not None or not forked.can_fork()
    first = pending.settle()
    assert first.first == Session([str(folder)], AS_OF).read_first(None)
    assert (first.lang, first.paths, first.as_of, first.watcher) == ("en", [str(folder)], AS_OF, None)


def test_the_language_is_chosen_there_from_the_flag_or_the_config(ledgers, tmp_path, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP)
    assert preread.start([str(folder)], AS_OF, watch=False, lang="ja").settle().lang == "ja"
    config = tmp_path / "config.toml"
    config.write_text('lang = "ja"\n', encoding="utf-8")
    monkeypatch.setenv("CPETUI_CONFIG", str(config))
    assert preread.start([str(folder)], AS_OF, watch=False).settle().lang == "ja"


def test_with_no_paths_the_configured_folder_is_found_there(ledgers, tmp_path, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP)
    monkeypatch.setenv("CPETUI_LEDGERS", str(folder))
    first = preread.start([], AS_OF, watch=False).settle()
    assert first.paths == [str(folder)] and str(folder / "cissp.toml") in first.first[0]


def test_a_failed_second_process_is_done_again_here(ledgers, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    real, here = preread.prepare, os.getpid()

    def broken_there(*args: object) -> preread.Prepared:
        if os.getpid() != here:
            raise OSError("disk gone")  # in the second process only (it inherited this patch)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(preread, "prepare", broken_there)
    first = preread.start([str(folder)], AS_OF, watch=False).settle()
    entries, missing, rest = first.first
    assert sorted(entries) == sorted([str(folder / "cfe.toml"), str(folder / "cissp.toml")])
    assert missing == [] and rest == [str(folder / "cissp.toml")]


def test_without_fork_it_is_all_done_here(ledgers, monkeypatch) -> None:
    folder = ledgers(cissp=CISSP)
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    pending = preread.start([str(folder)], AS_OF, watch=False)
    assert pending.reading is None
    entries, _missing, _rest = pending.settle().first
    assert entries[str(folder / "cissp.toml")].status is not None


def test_the_watcher_looks_before_the_read_so_an_edit_meanwhile_is_seen(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    first = preread.start([str(folder)], AS_OF, watch=True).settle()
    path = folder / "cissp.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited while the app loads\n", encoding="utf-8")
    assert str(path) in first.watcher.poll().changed


async def test_the_app_opens_on_what_was_prepared(ledgers) -> None:
    from cpetui.ui.app import CpetuiApp

    folder = ledgers(cissp=CISSP, cfe=CFE)
    first = preread.start([str(folder)], AS_OF, watch=True).settle()
    app = CpetuiApp(first=first)
    assert app.session.paths == [str(folder)] and app.session.as_of == AS_OF
    assert app.watcher is first.watcher and app.watching
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.loading
        assert app.entry is not None and app.entry.path == str(folder / "cfe.toml")
        assert app.session.entries[str(folder / "cissp.toml")].status.total.counted == 20
