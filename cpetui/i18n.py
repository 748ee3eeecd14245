"""Translation of user-facing strings through stdlib gettext, and dates and numbers in the chosen language."""

from __future__ import annotations

import gettext as _gettext
import unicodedata
from datetime import date

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"
# Texts program files bring with them (their labels in Japanese), by language: read after the catalogue.
_program_texts: dict[str, dict[str, str]] = {}


# Translations looked up so far in the installed catalogue: the rules translate the same few messages
# for every activity (a dictionary hit instead of gettext's lookups and fallback each time).
_looked_up: dict[str, str] = {}


def _(message: str) -> str:
    """Translate `message` into the interface language chosen by `install` (identity by default)."""
    found = _looked_up.get(message)
    if found is None:
        if len(_looked_up) >= 8192:  # only the catalogue's messages come here; a bound all the same
            _looked_up.clear()
        # gettext("") is the catalogue's header: an empty citation must stay empty.
        found = _translations.gettext(message) if message else message
        if found is message and _language in _program_texts:
            found = _program_texts[_language].get(message, message)
        _looked_up[message] = found
    return found


def add_texts(language: str, texts: dict[str, str]) -> None:
    """Translations a program file brings for its own words (labels, sections, hints)."""
    _program_texts.setdefault(language, {}).update(texts)
    _looked_up.clear()


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` as meant in `context`, for a word that reads differently elsewhere."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now (tables defined at import time)."""
    return message


def install(translations: _gettext.NullTranslations, language: str = "en") -> None:
    """Make `translations` the catalogue every `_` call reads from."""
    global _translations, _language
    _translations = translations
    _language = language
    _looked_up.clear()


def language() -> str:
    """The interface language in force: "en" or "ja"."""
    return _language


def format_date(value: date) -> str:
    """A date as people of the interface language write it: 2024-07-01 / 2024年7月1日."""
    if _language == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal cells (never cut)."""
    return text + " " * max(0, width - cell_width(text))


def format_credits(value: float) -> str:
    """Credits without float noise: 12, 12.5, 12.25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
