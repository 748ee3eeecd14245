"""Translatable words shared by the report formats: states, requirement kinds, severities."""

from __future__ import annotations

from cpetui.i18n import N_, _

_STATES = {
    "complete": N_("complete"),
    "on-track": N_("on track"),
    "behind": N_("behind"),
    "in-grace": N_("in grace"),
    "suspended": N_("suspended"),
    "lapsed": N_("lapsed"),
    "error": N_("error"),
}
_KINDS = {
    "required": N_("required"),
    "recommended": N_("recommended"),
    "maximum": N_("maximum"),
}
_SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def state(value: str) -> str:
    return _(_STATES[value]) if value in _STATES else value


def kind(value: str) -> str:
    return _(_KINDS[value]) if value in _KINDS else value


def severity(value: str) -> str:
    return _(_SEVERITIES[value]) if value in _SEVERITIES else value
