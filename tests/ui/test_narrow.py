"""At 80×24 (and other small terminals) everything stays reachable: by keys, in one line, or on screen."""

from __future__ import annotations

from typing import Any

from cpetui.i18n import format_date
from cpetui.ui.format import days_left, safe
from cpetui.ui.screens.confirm import Confirm
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.keybar import KeyBar, fit_keys
from cpetui.ui.widgets.status_panel import MAX_DATES, StatusPanel
from tests.ui.conftest import CISSP, make_app, settle

NARROW = (80, 24)


def screen_lines(app: Any) -> list[str]:
    """The characters on screen, a row at a time (a wide character counts once)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def screen_text(app: Any) -> str:
    return "\n".join(screen_lines(app))


def visible(widget: Any) -> list[str]:
    """The rows of `widget` in view (scrolled as it is)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_the_help_scrolls_by_keys_to_its_last_line(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one(".help")
        assert app.screen.focused is box
        assert "noevidence" not in screen_text(app)  # the filter terms are cut at 24 lines
        await pilot.press("end")
        await pilot.pause()
        shown = screen_text(app)
        assert "noevidence" in shown and "within a second" in shown
        await pilot.press("home")
        await pilot.pause()
        assert "noevidence" not in screen_text(app) and "cpetui — keys" in screen_text(app)
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0


def test_the_key_bar_drops_the_least_needed_keys_but_never_help_and_quit() -> None:
    items = [(a, f" {a[0]} {a} ", len(a) + 4) for a in
             ("filter", "add", "edit", "delete", "undo", "submitted", "copy", "evidence", "editor", "help",
              "quit", "command_palette")]
    assert fit_keys(items, 500) == items
    kept = [a for a, _t, _c in fit_keys(items, 60)]
    assert "command_palette" not in kept and "editor" not in kept and kept[-2:] == ["help", "quit"]
    assert [a for a, _t, _c in fit_keys(items, 10)] == ["help", "quit"]


async def test_at_80_columns_the_key_bar_shows_help_and_quit(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for tab in ("1", "3"):  # the table's keys, and the app's alone
            await pilot.press(tab)
            await pilot.pause()
            bar = screen_lines(app)[-1]
            assert " ? Help " in bar and " q Quit " in bar, bar
            assert bar.rstrip().endswith("q Quit"), bar  # nothing cut off at the right
            assert " a Add " in bar and " e Edit " in bar
            if tab == "1":  # copy, evidence, editor, next cycle give up their words, not their keys
                assert "  c  o  E  n  " in bar, bar
            assert str(app.query_one(KeyBar).render()).strip() == bar.strip()


async def test_on_a_wide_terminal_the_next_cycle_key_is_in_the_footer(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert " n Next cycle " in screen_lines(app)[-1]


async def test_at_80x24_the_explanation_shows_the_citation_and_the_table_keeps_its_rows(ledgers) -> None:
    long = "A very long conference title that cannot fit on one line of the explanation panel " * 2
    text = CISSP.replace('title = "Chapter meeting: zero trust"', f'title = "{long.strip()}"')
    text = text.replace("hours = 2\n", 'hours = 2\nnotes = "Asked for the slides afterwards."\n', 1)
    app = make_app(ledgers(cissp=text))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        table = app.query_one(ActivityTable)
        assert table.current_id == "2025-01-15-chapter"
        credit = app.entry.status.credit_of("2025-01-15-chapter")
        shown = screen_text(app)
        # The citation (publisher · title · passage) may wrap onto a second line of the panel.
        panel = " ".join(" ".join(line.split("▕")[-1].split()) for line in shown.splitlines())
        assert credit.explanation.citation and credit.explanation.citation in panel
        assert "2 CPE counted" in shown and "Asked for the slides" in shown
        assert "A very long conference title" in shown
        assert table.table.size.height - 1 >= 5  # the heading and at least five rows


async def test_the_status_panel_is_next_after_the_sidebar_and_scrolls_to_every_key_date(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.query_one(StatusPanel)
        status = app.entry.status
        ahead = sorted((k for k in status.key_dates if k.date >= app.session.as_of), key=lambda k: k.date)
        dates = ahead[:MAX_DATES]
        assert len(dates) == MAX_DATES and panel.max_scroll_y > 0  # more than the panel's height
        as_of = app.session.as_of
        lines = [f"{format_date(k.date)} ({days_left(k.date, as_of)})  {safe(k.label, 200)[:20]}"
                 for k in dates]
        assert all(line in panel.plain for line in lines)
        assert lines[-1] not in "\n".join(visible(panel))
        app.query_one("#ledgers").focus()
        await pilot.press("tab")
        assert app.focused is panel
        await pilot.press("end")
        await pilot.pause()
        shown = "\n".join(visible(panel))
        assert all(line in shown for line in lines[-2:])
        await pilot.press("tab")
        assert app.focused is app.query_one(ActivityTable).table


async def test_the_form_dropdowns_prompt_in_words(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert form.query_one("#in-group").prompt == "choose…"
        assert "choose…" in screen_text(app) and "Select" not in screen_text(app)


async def test_esc_closes_an_unchanged_form_at_once(ledgers) -> None:
    app = make_app(ledgers(cissp=CISSP))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_esc_asks_before_dropping_what_was_typed(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    before = (folder / "cissp.toml").read_text(encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Threat talk")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Discard your changes?" in screen_text(app)
        assert app.screen.focused is app.screen.query_one("#no")  # the default is to keep them
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#in-title").value == "Threat talk"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert (folder / "cissp.toml").read_text(encoding="utf-8") == before


async def test_a_form_reopened_after_a_failed_save_asks_before_esc_drops_it(ledgers) -> None:
    # the form comes back holding what a save could not write: untouched, it is still unsaved input
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        first = app.screen
        again = first.again({"title": "Threat talk", "date": "2024-09-01", "hours": 2})
        first.dismiss(None)
        await pilot.pause()
        app.push_screen(again)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Discard your changes?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is again and again.query_one("#in-title").value == "Threat talk"


async def test_wrapping_from_the_last_ledger_to_the_first_shows_its_heading() -> None:
    # the first ledger sits under the list's first heading; the highlight wraps there from the last
    app = make_app("ledgers")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        listing = app.query_one("#ledgers")
        listing.focus()
        for _ in range(15):  # the sixteen sample ledgers: down to the last one
            await pilot.press("down")
        await pilot.pause()
        assert listing.scroll_y > 0 and app.selected.endswith("security-plus-2025-2028.toml")
        await pilot.press("down")  # wraps to the first
        await settle(pilot)
        assert app.selected.endswith("cc-2025-2028.toml")
        assert listing.scroll_y == 0  # the "CC" heading above it is in view


def test_keys_give_up_their_words_before_they_go() -> None:
    items = [(a, f" {a[0]} {a} ", len(a) + 4) for a in ("add", "copy", "evidence", "editor", "help", "quit",
                                                        "command_palette")]
    short = {a: 3 for a, _t, _c in items}
    del short["command_palette"]
    kept = fit_keys(items, 35, short)
    assert [a for a, _t, _c in kept] == ["add", "copy", "evidence", "editor", "help", "quit"]
    assert [t for a, t, _c in kept if a in ("copy", "evidence", "editor")] == ["", "", ""]
    assert sum(c for _a, _t, c in kept) <= 35
