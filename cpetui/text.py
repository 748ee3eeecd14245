"""Makes untrusted ledger text safe to print: control, escape and bidi characters made visible."""

from __future__ import annotations

import re
import unicodedata

_BIDI = {
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
# Text made only of these characters needs no escaping (the common case, checked at C speed).
_SAFE = re.compile(
    "[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u061c"
    "\ud800-\udfff]*"
)


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every character that could steer a terminal replaced by a visible escape.

    ESC, C0/C1 controls, DEL, bidirectional overrides and zero-width characters become `\\xNN` /
    `\\u202e`-style escapes, so ANSI, OSC (clipboard, hyperlink) and bidi tricks print as plain text.
    """
    if _SAFE.fullmatch(text):
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif ch in _BIDI or ch in _ZERO_WIDTH:
            out.append(f"\\u{code:04x}")
        elif unicodedata.category(ch) == "Cs":  # lone surrogates cannot be encoded for output
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def same_words(text: str | None) -> str:
    """Text as a person compares it: full-width folded, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())
