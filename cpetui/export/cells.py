"""Makes ledger text safe for the cell or line it lands in: Markdown, CSV, one-line terminal text."""

from __future__ import annotations

import re

from cpetui.text import printable

# Characters Markdown (CommonMark, GFM tables, autolinks, HTML) reads as syntax anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&$])")
# ... and constructs that are syntax only at the start of a line (heading, list, quote, numbered list).
_MD_LINE_START = re.compile(r"^(#|-|\+|=|(\d+)[.)])")
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection); tab and CR
# are on OWASP's list too because some spreadsheets strip them and read the next character.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: str | None) -> str:
    """`text` made printable on one line: control characters escaped, line breaks shown as spaces."""
    if not text:
        return ""
    return printable(" ".join(text.splitlines())).strip()


def md(text: str | None) -> str:
    """`text` as literal Markdown inline text (safe inside a table cell, a heading or a list item)."""
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(2) is None
                              else m.group(2) + "\\" + m.group(1)[-1], escaped)


def csv_text(text: str | None) -> str:
    """A CSV cell from ledger text: controls made visible, and a leading ' defusing would-be formulas."""
    if not text:
        return ""
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return printable(text, keep_newlines=True)
