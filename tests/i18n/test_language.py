"""The interface language: --lang, then the config file's `lang`, then LC_ALL/LC_MESSAGES/LANG; English
fills whatever the chosen catalogue lacks. Dates and credits read naturally in each language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cpetui.i18n import _, cell_width, format_credits, format_date, language, ngettext, pad, pgettext
from cpetui.locale import choose, setup


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),  # LC_ALL overrides LANG
    ({"LC_MESSAGES": "ja_JP.eucJP", "LANG": "C"}, "ja"),
    ({"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # no German catalogue: English
    ({}, "en"),
])
def test_environment_chooses(env: dict[str, str], expected: str) -> None:
    assert choose(env=env) == expected


def test_flag_beats_config_beats_environment() -> None:
    env = {"LANG": "ja_JP.UTF-8"}
    assert choose("en", env=env, config_lang="ja") == "en"
    assert choose(None, env=env, config_lang="en") == "en"
    assert choose(None, env={"LANG": "C"}, config_lang="ja") == "ja"


def test_config_file_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('lang = "ja"\n', encoding="utf-8")
    monkeypatch.setenv("CPETUI_CONFIG", str(config))
    assert setup() == "ja"
    assert _("Cancel") == "キャンセル"
    assert setup("en") == "en"  # --lang en beats the config file
    assert _("Cancel") == "Cancel"


def test_japanese_installed_and_english_fills_the_gaps() -> None:
    setup("ja")
    assert language() == "ja"
    assert _("Cycle total") == "サイクル合計"
    assert _("a sentence no catalogue has") == "a sentence no catalogue has"
    assert _("") == ""  # not the catalogue's header
    assert ngettext("{n} ledger", "{n} ledgers", 2).format(n=2) == "台帳 2 件"
    assert pgettext("IIA-Japan report", "date") == "参加日時"  # seed 004 III.3, the report's column
    assert _("date") == "日付"


def test_translated_templates_take_the_figures() -> None:
    # Figures go into a translated template, never glued to English.
    setup("ja")
    text = _("{earned} earned / {counted} counted / {required} {kind}").format(
        earned="21.5", counted="21.5", required="45", kind=_("required"))
    assert text == "取得 21.5 / 算入 21.5 / 必要 45"


@pytest.mark.parametrize("lang, day, expected", [
    ("en", date(2025, 3, 12), "2025-03-12"),
    ("ja", date(2025, 3, 12), "2025年3月12日"),
    ("ja", date(2027, 12, 31), "2027年12月31日"),
])
def test_dates(lang: str, day: date, expected: str) -> None:
    setup(lang)
    assert format_date(day) == expected


@pytest.mark.parametrize("value, expected", [
    (0.1 + 0.2, "0.3"), (12.0, "12"), (12.5, "12.5"), (1.25, "1.25"), (-0.0, "0"), (2 / 3, "0.67"),
])
def test_credits_without_float_noise(value: float, expected: str) -> None:
    assert format_credits(value) == expected


def test_cells_count_wide_characters_twice() -> None:
    assert cell_width("CPE") == 3
    assert cell_width("カテゴリⅠ 教育・研修") == 20  # Ⅰ is ambiguous width: one cell, as terminals draw it
    assert cell_width("e\u0301") == 1  # a combining accent takes no cell
    assert pad("日付", 6) + "|" == "日付  |"
    assert pad("long text", 3) == "long text"



def test_a_new_catalogue_is_read_at_once_whatever_was_looked_up_before() -> None:
    from cpetui.i18n import _
    from cpetui.locale import setup

    setup("en")
    assert _("not submitted") == "not submitted"
    setup("ja")
    assert _("not submitted") == "未提出"  # the Japanese, not the English remembered before
    setup("en")
    assert _("not submitted") == "not submitted"
