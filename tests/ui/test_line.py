"""One-line widgets (key bar, tab bar, table summary): cut with … at their width, styles kept."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text

from cpetui.ui.widgets.line import text_strip


def test_a_line_is_cut_at_its_width_with_an_ellipsis_wide_characters_whole() -> None:
    strip = text_strip(Text("勉強会のまとめ"), 9, Console())
    assert strip.text == "勉強会の…" and strip.cell_length == 9


def test_the_texts_own_style_is_kept_with_and_without_spans() -> None:
    plain = text_strip(Text("6 of 6 activities", style="dim"), 40, Console())
    assert all(segment.style and segment.style.dim for segment in plain)
    mixed = Text("total ", style="dim")
    mixed.append("12", Style(bold=True))
    strip = text_strip(mixed, 40, Console())
    assert [(s.text, bool(s.style.dim), bool(s.style.bold)) for s in strip] == [
        ("total ", True, False), ("12", True, True)]
