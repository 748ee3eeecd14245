"""Makes ledger text safe for the cell or line it lands in: Markdown, CSV, one-line terminal text."""

from __future__ import annotations

import re
import unicodedata

from cpetui.text import printable

# Characters Markdown (CommonMark, GFM tables, autolinks, HTML) reads as syntax anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&$])")
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection); tab and CR
# are on OWASP's list too because some spreadsheets strip them and read the next character.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: str | None) -> str:
    """`text` made printable on one line: control characters escaped, line breaks shown as spaces."""
    if not text:
        return ""
    return printable(" ".join(text.splitlines())).strip()


def md(text: str | None) -> str:
    """`text` as literal Markdown inline text, for after a line's own prefix (cell, heading, list item).

    Constructs that are syntax only at the start of a line (#, -, 1.) need no escape there.
    """
    return _MD_INLINE.sub(r"\\\1", one_line(text))


def csv_text(text: str | None) -> str:
    """A CSV cell from ledger text: controls made visible, and a leading ' defusing would-be formulas."""
    if not text:
        return ""
    if _formula_like(text):
        text = "'" + text
    return printable(text, keep_newlines=True)


def _formula_like(text: str) -> bool:
    """Whether a spreadsheet may read the cell as a formula: a sign first, also after leading spaces
    or written full-width (＝, ＋, －, ＠), which some spreadsheets fold to the ASCII sign."""
    if text.startswith(_FORMULA_START):
        return True
    folded = unicodedata.normalize("NFKC", text)
    # any leading whitespace (NBSP, ideographic, line separators) and invisible format characters
    # (zero-width space, BOM): a spreadsheet may drop them and see the sign behind
    start = 0
    while start < len(folded) and (folded[start].isspace() or unicodedata.category(folded[start]) == "Cf"):
        start += 1
    return folded.startswith(_FORMULA_START, start) or folded.startswith(("\uff0d", "\u2212"), start)
