"""An unexpected error in the app never takes the user's typing with it: open forms are kept in a file."""

from __future__ import annotations

import pytest

from cpetui.ui.rescue import form_text
from tests.ui.conftest import CISSP, SIZE, make_app, settle


class Boom(RuntimeError):
    pass


async def test_an_error_while_a_form_is_open_keeps_its_input(ledgers, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = ledgers(cissp=CISSP)
    app = make_app(folder / "cissp.toml")
    with pytest.raises(Boom):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            await pilot.press(*"Incident response drill")
            await settle(pilot)

            def boom() -> None:
                raise Boom("a defect")

            app.call_later(boom)
            await pilot.pause()
    assert app.return_code == 1
    [kept] = app.rescued
    assert kept.startswith(str(tmp_path / "state" / "cpetui" / "unsaved"))
    text = open(kept, encoding="utf-8").read()
    assert "title: Incident response drill" in text
    assert str(folder / "cissp.toml") in text


async def test_an_error_without_a_form_writes_nothing(ledgers, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app(ledgers(cissp=CISSP) / "cissp.toml")
    with pytest.raises(Boom):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.call_later(lambda: (_ for _ in ()).throw(Boom("a defect")))
            await pilot.pause()
    assert app.rescued == ()
    assert not (tmp_path / "state").exists()


def test_the_kept_text_names_the_ledger_and_leaves_out_empty_fields() -> None:
    text = form_text("/cpe/cissp.toml", "new-activity", {"title": "Talk", "provider": "", "hours": "2"})
    assert "/cpe/cissp.toml" in text and "title: Talk\n" in text and "hours: 2\n" in text
    assert "provider" not in text
