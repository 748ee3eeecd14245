"""TOML 1.0 reading at compiled speed: rtoml when it gives exactly tomllib's answer, else tomllib."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

try:  # rtoml is a compiled reader ~8x faster than tomllib; cpetui works without it.
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _rtoml = None

# rtoml reads TOML 1.1, which accepts a few things TOML 1.0 (and tomllib, the reference here) rejects:
# inline tables over several lines or with a trailing comma, \x and \e escapes, times without seconds.
# Text that could hold any of them goes to tomllib, whose verdict and located errors are the spec.
_TIME = re.compile(r":[0-9][0-9]")


def _maybe_toml_1_1(text: str) -> bool:
    return "{" in text or "\\x" in text or "\\e" in text or _TIME.search(text) is not None


def _crlf_in_multiline_string(text: str) -> bool:
    # rtoml keeps a CRLF inside a multi-line string where tomllib gives "\n".
    return "\r" in text and ('"""' in text or "\'\'\'" in text)


# The same text is read several times around one save (the ledger as read, the edit's before and
# after, the re-read of what was written): the last few answers are kept. Callers treat them as
# read-only.
_RECENT: OrderedDict[str, dict[str, Any]] = OrderedDict()
_RECENT_MAX = 4


def loads(text: str) -> dict[str, Any]:
    """Parse TOML 1.0 `text` (no BOM) exactly as `tomllib.loads` would; raises TOMLDecodeError.

    The result may be shared with other callers: never mutate it.
    """
    doc = _RECENT.get(text)
    if doc is not None:
        _RECENT.move_to_end(text)
        return doc
    doc = _parse(text)
    _RECENT[text] = doc
    if len(_RECENT) > _RECENT_MAX:
        _RECENT.popitem(last=False)
    return doc


def _parse(text: str) -> dict[str, Any]:
    if _rtoml is not None and not _maybe_toml_1_1(text) and not _crlf_in_multiline_string(text):
        try:
            return _rtoml.loads(text)
        except Exception:  # noqa: BLE001 - any refusal: let tomllib give the located error
            pass
    import tomllib  # the reference reader, imported only when it is needed

    return tomllib.loads(text)
