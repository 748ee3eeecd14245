"""Activities from a spreadsheet or CSV for one ledger: columns matched, rows checked, duplicates found."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cpetui.i18n import _
from cpetui.ledger.datewords import date_words
from cpetui.ledger.limits import LARGEST

# Header words (compared case- and space-insensitively, full-width folded) → ledger key. English and
# Japanese; the columns `cpetui export --format csv` writes are among them, so an export imports back.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "id": ("id",),
    "date": ("date", "day", "start date", "start", "completed", "completion date", "日付", "実施日",
             "受講日", "開催日", "年月日"),
    "end_date": ("end date", "end", "終了日"),
    "title": ("title", "name", "course", "course name", "course title", "activity", "session",
              "タイトル", "件名", "名称", "研修名", "講座名", "セミナー名", "活動"),
    "provider": ("provider", "organizer", "organiser", "sponsor", "organization", "主催者", "主催",
                 "提供者", "主催団体"),
    "type": ("type", "activity type", "category", "kind", "種類", "区分", "種別", "活動区分"),
    "hours": ("hours", "hrs", "hour", "時間", "時間数"),
    "minutes": ("minutes", "mins", "min", "分", "分数"),
    "credits": ("credits", "cpe", "cpes", "cpe credits", "cpe hours", "ceus claimed", "単位", "単位数",
                "cpe単位", "取得単位"),
    "group": ("group", "cpe group", "グループ"),
    "field": ("field", "field of study", "分野"),
    "domain": ("domain", "ドメイン"),
    "notes": ("notes", "note", "description", "comments", "memo", "内容", "備考", "メモ", "説明"),
    "evidence": ("evidence", "certificate", "certificates", "proof", "証跡", "証明書", "修了証"),
    "submitted": ("submitted", "submitted on", "date submitted", "reported", "提出日", "報告日"),
}
# Columns of `cpetui export --format csv` that are cpetui's own reading, not the activity: known, not
# imported (the rules compute them again).
COMPUTED = ("counted", "line", "explanation", "citation")
# Kept as extra keys of the activity (the ledger format keeps unknown keys): no key of their own.
EXTRA_KEYS = ("end_date", "domain")


def header_words(text: str) -> str:
    """A header as compared: full-width folded, case, spaces, underscores and hyphens ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", " ", folded).strip()


_LOOKUP = {header_words(w): key for key, words in SYNONYMS.items() for w in (key, *words)}


class ImportFailure(Exception):
    """The file cannot be read as a table; the message says why and what to do."""


@dataclass(frozen=True)
class Table:
    """A table read from a file: its header row and the rows under it, each with its row number."""

    path: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


@dataclass
class Columns:
    """Which ledger key each column fills, and the columns that fill none."""

    keys: dict[int, str] = field(default_factory=dict)
    computed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ reading


def read_table(path: str) -> Table:
    """The first sheet of a .xlsx/.xls/.ods file, or a CSV/TSV (UTF-8, UTF-8 with BOM or Shift_JIS)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".xlsx", ".xlsm", ".xls", ".ods"):
        cells = _sheet(path)
    else:
        cells = _delimited(path, ext)
    numbered = [(n, tuple(row)) for n, row in enumerate(cells, 1) if any(_blank(c) is False for c in row)]
    if not numbered:
        raise ImportFailure(_("{path}: no rows to import (the file is empty)").format(path=path))
    header_row, header = numbered[0]
    headers = tuple(str(c).strip() if c is not None else "" for c in header)
    return Table(path, headers, tuple((n, row) for n, row in numbered[1:] if n > header_row))


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _sheet(path: str) -> list[list[Any]]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise ImportFailure(_("{path}: reading spreadsheets needs the spreadsheets extra: "
                              "pip install 'cpetui[spreadsheets]' (or save the sheet as CSV)").format(
                                  path=path)) from None
    try:
        book = CalamineWorkbook.from_path(path)
        return [list(row) for row in book.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except Exception as exc:  # noqa: BLE001 - the reader's own errors vary by format: say it in words
        raise ImportFailure(_("{path}: cannot be read as a spreadsheet ({reason})").format(
            path=path, reason=exc)) from exc


def _delimited(path: str, ext: str) -> list[list[str]]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ImportFailure(_("{path}: cannot be read ({reason})").format(
            path=path, reason=exc.strerror or exc)) from exc
    text = None
    # UTF-8 first (with or without a BOM); then Shift_JIS as Japanese Excel writes it (CP932).
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise ImportFailure(_("{path}: is neither UTF-8 nor Shift_JIS text; save it as CSV UTF-8").format(
            path=path))
    if ext == ".tsv" or (ext != ".csv" and "\t" in text.split("\n", 1)[0]):
        delimiter = "\t"
    else:
        delimiter = ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# ------------------------------------------------------------------------------------------ columns


def match_columns(headers: Sequence[str], mapping: Mapping[str, str]) -> Columns:
    """Each header's ledger key: `mapping` first ("Course Name" → title), then the known words."""
    wanted = {header_words(k): v for k, v in mapping.items()}
    out = Columns()
    taken: set[str] = set()
    for i, header in enumerate(headers):
        words = header_words(header)
        if not words:
            continue
        key = wanted.get(words) or _LOOKUP.get(words)
        if key is None:
            if words in COMPUTED:
                out.computed.append(header)
            else:
                out.unknown.append(header)
            continue
        if key in taken:
            out.unknown.append(header)  # a second column for the same key: not guessed at
            continue
        taken.add(key)
        out.keys[i] = key
    return out


def extra_key(header: str) -> str:
    """A ledger key for an unknown column kept with --keep-unknown: lower case, words joined by _."""
    return re.sub(r"[^\w]+", "_", header_words(header)).strip("_") or "column"


# ------------------------------------------------------------------------------------------ values


@dataclass(frozen=True)
class Bad:
    """One cell that cannot be part of an activity: the column, what is wrong, what to write."""

    column: str
    message: str
    hint: str = ""


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    # A cell `cpetui export` defused against spreadsheet formulas ('=SUM…) reads back as written.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@＝＋－＠":
        text = text[1:]
    return text


_DATE_FORMS = (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
               re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"), re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"))


def as_date(cell: Any, column: str) -> dt.date | Bad:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    words = date_words(text)
    if words is not None and words[0] and "not how a date is written" not in words[0]:
        return Bad(column, words[0], words[1])
    return Bad(column, _("'{value}' is not a date").format(value=text), _("write it as 2025-04-01"))


def as_number(cell: Any, column: str, *, whole: bool = False, largest: float = 10_000) -> float | int | Bad:
    if isinstance(cell, bool):
        return Bad(column, _("'{value}' is not a number").format(value=cell), _("write e.g. 1.5"))
    if isinstance(cell, int | float):
        value: float = float(cell)
    else:
        text = _text(cell).replace("，", ",").replace("．", ".")
        if re.fullmatch(r"\d+,\d+", text):
            return Bad(column, _("'{value}' is not a number").format(value=text),
                       _("write {fixed}").format(fixed=text.replace(",", ".")))
        try:
            value = float(text)
        except ValueError:
            return Bad(column, _("'{value}' is not a number").format(value=text), _("write e.g. 1.5"))
    if value != value or value < 0 or value in (float("inf"), float("-inf")):
        return Bad(column, _("'{value}' is not a number of hours or credits").format(value=_text(cell)),
                   _("write a number of 0 or more, e.g. 1.5"))
    if value > largest:
        return Bad(column, _("'{value}' is more than a ledger accepts here (at most {largest})").format(
            value=_text(cell)[:20], largest=f"{largest:,}"), _("write the amount actually spent"))
    if whole:
        if not value.is_integer():
            return Bad(column, _("'{value}' is not a whole number").format(value=_text(cell)),
                       _("write whole minutes, e.g. 90"))
        return int(value)
    return int(value) if value.is_integer() else value


def row_values(row: Sequence[Any], columns: Columns, headers: Sequence[str],
               keep_unknown: bool) -> tuple[dict[str, Any], list[Bad]]:
    """A row as ledger keys and values, and what in it cannot be read."""
    values: dict[str, Any] = {}
    bad: list[Bad] = []
    for i, key in columns.keys.items():
        cell = row[i] if i < len(row) else None
        if _blank(cell):
            continue
        column = headers[i]
        if key in ("date", "submitted"):
            got: Any = as_date(cell, column)
        elif key in ("hours", "credits"):
            got = as_number(cell, column, largest=LARGEST[key])
        elif key == "minutes":
            got = as_number(cell, column, whole=True, largest=LARGEST[key])
        elif key == "evidence":
            got = [p.strip() for p in re.split(r"[;\n]", _text(cell)) if p.strip()]
        elif key == "group":
            got = _text(cell).upper()
        elif key in ("type", "field"):
            got = _text(cell)
        else:
            got = _text(cell)
        if isinstance(got, Bad):
            bad.append(got)
        elif got not in ("", []):
            values[key] = got
    if keep_unknown:
        for i, header in enumerate(headers):
            if header in columns.unknown and i < len(row) and not _blank(row[i]):
                values.setdefault(extra_key(header), _text(row[i]))
    return values, bad
