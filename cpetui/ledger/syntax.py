"""Turns tomllib's refusals into located problems in the interface language, with a hint what to write."""

from __future__ import annotations

import re

from cpetui.i18n import N_, _
from cpetui.ledger.collect import Collector
from cpetui.ledger.datewords import date_words
from cpetui.ledger.fastread import TooDeep
from cpetui.model import Problem, SourceRef

_TOMLLIB_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
# tomllib's own messages, so that "TOML syntax: …" reads in the interface language too.
_TOMLLIB_WORDS = {m[:1].upper() + m[1:]: m for m in (
    N_("cannot overwrite a value"),
    N_("escaped character is not a Unicode scalar value"),
    N_("expected '=' after a key in a key/value pair"),
    N_("expected ']' at the end of a table declaration"),
    N_("expected ']]' at the end of an array declaration"),
    N_("expected newline or end of document after a statement"),
    N_("invalid date or datetime"),
    N_("invalid hex value"),
    N_("invalid initial character for a key part"),
    N_("invalid statement"),
    N_("invalid value"),
    N_("unclosed array"),
    N_("unclosed inline table"),
    N_("unescaped '\\' in a string"),
    N_("unterminated string"),
)}
_TOMLLIB_PATTERNS = (
    (re.compile(r"Cannot declare (.+) twice"), N_("cannot declare {what} twice")),
    (re.compile(r"Cannot mutate immutable namespace (.+)"), N_("cannot mutate immutable namespace {what}")),
    (re.compile(r"Cannot redefine namespace (.+)"), N_("cannot redefine namespace {what}")),
    (re.compile(r"Duplicate inline table key (.+)"), N_("duplicate inline table key {what}")),
    (re.compile(r"Expected (.+)"), N_("expected {what}")),
    (re.compile(r"Found invalid character (.+)"), N_("found invalid character {what}")),
    (re.compile(r"Illegal character (.+)"), N_("illegal character {what}")),
)


def too_deep_problem(exc: TooDeep, out: Collector) -> None:
    """Brackets nested, or a key dotted, past what any reader should follow."""
    hint = (_("write keys with a few dots at most, e.g. hours = 2 under [[activity]]") if exc.dotted
            else _("a ledger needs no nesting deeper than a list of minutes"))
    out.add("error", "toml-syntax", _("the file nests too deeply to read"), exc.line, exc.col, hint=hint)


def syntax_problem(exc: ValueError, out: Collector) -> None:
    """tomllib's refusal, located, in words, with a hint."""
    msg = str(exc)
    m = _TOMLLIB_POS.search(msg)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        msg = msg[: m.start()].strip()
    else:  # "at end of document"
        line = max(1, len(out.lines))
        col = len(out.lines[-1]) + 1 if out.lines else 1
        msg = re.sub(r"\s*\(at end of document\)", "", msg)
    excerpt = out.lines[line - 1] if 0 < line <= len(out.lines) else ""
    message = _("TOML syntax: {detail}").format(detail=_tomllib_detail(msg))
    hint = _syntax_hint(msg, excerpt)
    value = excerpt.split("=", 1)[1].split("#", 1)[0] if "=" in excerpt else ""
    about_date = date_words(value)
    if about_date is not None:  # `date = 2025/05/02`, `2025-11-31`: say it in words about dates
        message, hint = about_date
        col = out.value_col(line)
    out.problems.append(
        Problem(
            "error",
            "toml-syntax",
            message,
            SourceRef(out.path, line, col),
            excerpt=excerpt,
            hint=hint,
        )
    )


def _tomllib_detail(msg: str) -> str:
    if msg in _TOMLLIB_WORDS:
        return _(_TOMLLIB_WORDS[msg])
    for pattern, template in _TOMLLIB_PATTERNS:
        m = pattern.fullmatch(msg)
        if m:
            return _(template).format(what=m.group(1))
    return _lower_first(msg)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s else s


def _syntax_hint(msg: str, excerpt: str) -> str:
    stripped = excerpt.strip()
    if re.match(r"^[A-Za-z0-9_-]+\s*=\s*\d+,\d+", stripped):
        return _("use a dot for decimals: 1.5, not 1,5")
    if re.search(r"=\s*\d{4}-\d{2}-\d{2}", stripped) and "date" in msg.lower():
        return _("write a real calendar date as YYYY-MM-DD, e.g. 2024-03-01")
    if re.search(r"=\s*\d{4}-\d{1,2}-\d{1,2}\b", stripped):
        return _("write a real calendar date as YYYY-MM-DD (month 01–12, day valid for the month)")
    if "Cannot declare" in msg or "overwrite" in msg.lower() or "declare" in msg.lower():
        return _("each table and key may appear only once; a ledger has a single [cycle]")
    if stripped.count('"') % 2 == 1:
        return _('close the string with a matching quote (")')
    if stripped.count("'") % 2 == 1 and "'''" not in stripped:
        return _("close the string with a matching quote (')")
    value = stripped.split("=", 1)[1] if "=" in stripped else ""
    if value.count("[") > value.count("]"):
        return _("close the list with ] (a list may span lines, but must end with ])")
    if "\t" in excerpt and "control" in msg.lower():
        return _("tabs are not allowed inside a one-line string; use \\t or spaces")
    if "Invalid value" in msg:
        return _('quote text values ("like this"), write numbers as 1.5 and dates as 2024-03-01')
    if "Expected '='" in msg:
        return _("each line is key = value; quote keys that contain spaces or other characters")
    return _("see the TOML reference at https://toml.io/en/v1.0.0 for this construct")
