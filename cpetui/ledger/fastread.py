"""TOML 1.0 reading at compiled speed: rtoml when it gives exactly tomllib's answer, else tomllib."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

try:  # rtoml is a compiled reader, much faster than tomllib; cpetui works without it.
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _rtoml = None

# rtoml reads TOML 1.1, which accepts a few things TOML 1.0 (and tomllib, the reference here) rejects:
# inline tables over several lines or with a trailing comma, \x and \e escapes, times without seconds.
# Text that could hold any of them goes to tomllib, whose verdict and located errors are the spec.
_TIME = re.compile(r":[0-9][0-9]")


def _maybe_toml_1_1(text: str) -> bool:
    # A backslash looked for first: one character is found by a plain scan, a pair by a slower search,
    # and ledgers rarely hold one.
    return ("{" in text or ("\\" in text and ("\\x" in text or "\\e" in text))
            or _TIME.search(text) is not None)


def _crlf_in_multiline_string(text: str) -> bool:
    # rtoml keeps a CRLF inside a multi-line string where tomllib gives "\n".
    return "\r" in text and ('"""' in text or "\'\'\'" in text)


# The same text is read several times around one save (the ledger as read, the edit's before and
# after, the re-read of what was written): the last few answers are kept. Callers treat them as
# read-only.
_RECENT: OrderedDict[str, dict[str, Any]] = OrderedDict()
_RECENT_MAX = 4


class TooDeep(ValueError):
    """The text nests brackets, or dots a key, deeper than a reader should follow; where it starts."""

    def __init__(self, line: int, col: int, *, dotted: bool) -> None:
        super().__init__(f"nested too deeply at line {line}, column {col}")
        self.line, self.col, self.dotted = line, col, dotted


MAX_DEPTH = 100  # brackets nested, or parts of one dotted key: a ledger needs three or four
# A dot followed by MAX_DEPTH - 1 more key parts, each ending in a dot: found by a literal search for
# dots, so a ledger's ordinary dots (1.5, cert.pdf) cost one failed step each (possessive: no retries).
_PART = r"[ \t]*+(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+"
_DEEP_KEY = re.compile(r"\.(?:" + _PART + r"\.){" + str(MAX_DEPTH - 1) + "}")


def loads(text: str) -> dict[str, Any]:
    """Parse TOML 1.0 `text` (no BOM) exactly as `tomllib.loads` would; raises TOMLDecodeError.

    Text nested past MAX_DEPTH raises TooDeep: a key of 20,000 dotted parts takes tomllib gigabytes,
    so it is refused before parsing. The result may be shared with other callers: never mutate it.
    """
    doc = _RECENT.get(text)
    if doc is not None:
        _RECENT.move_to_end(text)
        return doc
    _refuse_deep_keys(text)
    try:
        doc = _parse(text)
    except RecursionError:
        line, col = _deep_brackets(text)
        raise TooDeep(line, col, dotted=False) from None
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


def _refuse_deep_keys(text: str) -> None:
    for m in _DEEP_KEY.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if _outside_strings(text[start : m.start()]):
            raise TooDeep(text.count("\n", 0, start) + 1, 1, dotted=True)


def _outside_strings(before: str) -> bool:
    """Whether the end of `before` (the start of a line) lies outside any one-line string."""
    quote = ""
    for ch in before:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return False
    return not quote


def _deep_brackets(text: str) -> tuple[int, int]:
    """Line and column where brackets first nest past MAX_DEPTH (quotes and comments skipped roughly)."""
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        quote = ""
        for col, ch in enumerate(line, 1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number, col
            elif ch in "]}":
                depth = max(0, depth - 1)
    return 1, 1
