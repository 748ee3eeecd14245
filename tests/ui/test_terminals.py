"""Terminals and themes: NO_COLOR, every Textual theme, and the form's Select driven by keys alone."""

from __future__ import annotations

import re

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.filter import ANSIToTruecolor
from textual.widgets import Select

from cpetui.ui.format import state_label
from cpetui.ui.screens.form import ActivityForm
from cpetui.ui.widgets.explain import ExplainPanel, explain_text
from cpetui.ui.widgets.sidebar import LedgerList, _prompt
from cpetui.ui.widgets.status_panel import StatusPanel
from tests.ui.conftest import CFE, CISSP, SIZE, make_app, settle

BAR = set("█▉▊▋▌▍▎▏")
SVG_FRAME = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}  # the screenshot's window, not the app


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def ratio(fg: Color, bg: Color) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def badge_and_bar_segments(app) -> list[Segment]:  # type: ignore[no-untyped-def]
    """The status panel's state badge and progress bars as the terminal gets them (theme colours)."""
    panel = app.query_one(StatusPanel)
    state = state_label(app.entry.status.state)
    to_rgb = ANSIToTruecolor(app.ansi_theme)
    out = []
    for y in range(panel.size.height):
        for seg in to_rgb.apply(list(panel.render_line(y)), Color.parse("black")):
            text = seg.text.strip()
            if text and (BAR & set(text) or text == state):
                out.append(seg)
    return out


async def test_every_theme_applies_and_keeps_badges_and_bars_readable(ledgers) -> None:
    folder = ledgers(cissp=CISSP)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        themes = sorted(app.available_themes)
        assert "textual-light" in themes and "nord" in themes
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert app.theme == theme
            segments = badge_and_bar_segments(app)
            assert any(BAR & set(s.text) for s in segments), theme
            assert any(s.text.strip() == state_label(app.entry.status.state) for s in segments), theme
            for seg in segments:
                fg, bg = seg.style.color, seg.style.bgcolor
                if seg.style.reverse:
                    fg, bg = bg, fg
                assert fg is not None and bg is not None
                r = ratio(Color.from_rich_color(fg), Color.from_rich_color(bg))
                assert r >= 3.0, f"{theme}: {seg.text!r} has contrast {r:.2f}"
            # Lines kept from before (sidebar prompts, the explanation) are laid out in the new colours.
            sidebar = app.query_one(LedgerList)
            kept = sidebar.get_option(app.entry.path).prompt
            fresh = _prompt(app.entry)
            assert kept.plain == fresh.plain and kept.spans == fresh.spans, theme
            explain = app.query_one(ExplainPanel)
            width = explain.content_size.width
            activity, credit, unit, renews = explain.shown
            assert explain.render() == explain_text(activity, credit, width, unit, renews), theme


@pytest.mark.parametrize("no_color", [False, True])
async def test_no_color_drops_colour_but_keeps_every_meaning_in_text(ledgers, monkeypatch, no_color) -> None:
    text = CISSP.replace("hours = 2\n", 'hours = 2\nevidence = ["certs/nowhere.pdf"]\n')
    folder = ledgers(cissp=text, cfe=CFE)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(folder / "cissp.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.no_color is no_color
        svg = app.export_screenshot()
        colours = set(re.findall(r"#[0-9a-f]{6}", svg)) - SVG_FRAME
        grey = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
        # NO_COLOR: every colour on screen is a grey; without it the state and bars are coloured.
        assert (colours == grey) is no_color
        # The meaning never depended on colour: the state is a word, bars are glyphs, evidence a mark.
        screen = "".join(app.query_one(StatusPanel).render_line(y).text
                         for y in range(app.query_one(StatusPanel).size.height))
        assert state_label(app.entry.status.state) in screen and "█" in screen
        table = app.query_one("#activities")
        assert table.get_cell("2025-01-15-chapter", "evidence").plain == "✗"
        assert table.get_cell("2025-06-01-leadership", "evidence").plain == "–"


async def test_the_activity_type_is_chosen_from_the_select_by_keyboard(ledgers) -> None:
    folder = ledgers(cfe=CFE)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        await pilot.press(*"Fraud seminar")
        await pilot.press("tab", "tab")  # title → provider → type
        select = form.query_one("#in-type", Select)
        assert select.has_focus
        shown_before = {k for k in ("minutes", "semester_hours") if form.query_one(f"#row-{k}").display}
        await pilot.press("enter")  # open the list
        await pilot.pause()
        options = [value for _label, value in select._options if value is not Select.NULL]  # noqa: SLF001
        target = "college"
        assert target in options
        steps = options.index(target) - options.index(select.value) if select.value in options else None
        assert steps is not None
        await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
        await pilot.pause()
        assert select.value == target
        # ACFE college credit is measured in semester hours: the form shows that field now.
        assert form.query_one("#row-semester_hours").display
        assert shown_before != {k for k in ("minutes", "semester_hours")
                                if form.query_one(f"#row-{k}").display}
