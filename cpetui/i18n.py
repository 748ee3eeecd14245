"""Translation of user-facing strings through stdlib gettext; English when no catalogue applies."""

from __future__ import annotations

import gettext as _gettext

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def _(message: str) -> str:
    """Translate `message` into the interface language chosen by `setup` (identity by default)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def install(translations: _gettext.NullTranslations) -> None:
    """Make `translations` the catalogue every `_` call reads from."""
    global _translations
    _translations = translations
