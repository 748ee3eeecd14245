"""The app reads the selected ledger before its first frame, the others after; no paths: `where`'s folder."""

from __future__ import annotations

import pytest

from cpetui.ui.app import CpetuiApp
from tests.ui.conftest import AS_OF, CFE, CISSP, SIZE, settle


async def test_with_no_paths_the_app_opens_the_folder_where_names(ledgers, tmp_path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = ledgers(cissp=CISSP)
    monkeypatch.setenv("CPETUI_LEDGERS", str(folder))
    monkeypatch.setenv("CPETUI_CONFIG", str(tmp_path / "no-config.toml"))
    app = CpetuiApp(as_of=AS_OF, watch=False)
    assert app.session.paths == [str(folder)]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.entry is not None and app.entry.path == str(folder / "cissp.toml")


async def test_the_first_ledger_is_on_the_first_frame_and_the_rest_follow(ledgers) -> None:
    folder = ledgers(cissp=CISSP, cfe=CFE)
    app = CpetuiApp([str(folder)], as_of=AS_OF, watch=False)
    entries, missing, rest = app._first  # read in __init__: nothing to wait for on the first frame
    assert entries[str(folder / "cfe.toml")].status is not None  # first in sidebar order: read whole
    assert entries[str(folder / "cissp.toml")].pending and rest == [str(folder / "cissp.toml")]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.loading
        assert app.session.entries[str(folder / "cissp.toml")].status.total.counted == 20


def test_the_watcher_looks_before_the_read_so_an_edit_meanwhile_is_seen(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = CpetuiApp([str(folder)], as_of=AS_OF, watch=True)
    path = folder / "cissp.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited while the app loads\n", encoding="utf-8")
    assert str(path) in app.watcher.poll().changed
