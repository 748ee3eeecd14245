"""The words of the rules that a display translates without the rules' tables: fields of study."""

from __future__ import annotations

from cpetui.i18n import N_, _

FIELD_WORDS = {"fraud": N_("fraud"), "ethics": N_("ethics"), "general": N_("general")}


def field_label(field: str) -> str:
    """A field of study (ACFE / IIA) in the interface language; anything else as written."""
    return _(FIELD_WORDS[field]) if field in FIELD_WORDS else field
