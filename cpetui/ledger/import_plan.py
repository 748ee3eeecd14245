"""What an import would add, skip and refuse: each row checked by the ledger's own reader and rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cpetui.i18n import _, cell_width, pad
from cpetui.ledger import edit
from cpetui.ledger.importing import Bad, Columns, Table, header_words, row_values
from cpetui.ledger.parse import parse_text
from cpetui.model import Ledger
from cpetui.text import printable, same_words


@dataclass(frozen=True)
class Row:
    """One row of the file and what becomes of it."""

    number: int
    values: Mapping[str, Any]
    bad: tuple[Bad, ...] = ()
    skipped: str = ""  # why it is not added (a duplicate), or ""
    activity_id: str = ""


@dataclass
class Plan:
    """The rows to add (in file order), the rows skipped as duplicates, the rows that cannot be added."""

    rows: list[Row] = field(default_factory=list)

    @property
    def added(self) -> list[Row]:
        return [r for r in self.rows if not r.bad and not r.skipped]

    @property
    def skipped(self) -> list[Row]:
        return [r for r in self.rows if r.skipped and not r.bad]

    @property
    def bad(self) -> list[Row]:
        return [r for r in self.rows if r.bad]


def _type_ids(ledger: Ledger) -> dict[str, str]:
    """The program's activity types by the words a spreadsheet may use: id, label, translated label."""
    from cpetui.rules import RulesError, program_info, resolve_version

    cycle = ledger.cycle
    if cycle is None:
        return {}
    try:
        info = program_info(cycle.program)
        version = info.version(resolve_version(cycle))
    except (KeyError, RulesError):
        return {}
    if version is None:
        return {}
    out: dict[str, str] = {}
    for t in version.activity_types:
        for word in (t.id, t.label, _(t.label)):
            out.setdefault(header_words(word), t.id)
    return out


def plan(ledger: Ledger, text: str, table: Table, columns: Columns, *, keep_unknown: bool = False,
         as_of: dt.date | None = None) -> Plan:
    """Every row of `table` as an activity of `ledger` (whose file holds `text`): read, matched to the
    program's types, recognised as a duplicate, and checked by writing it into a copy of the text and
    reading that back with the ledger's reader and rules. Nothing is written."""
    types = _type_ids(ledger)
    seen_ids = {a.id for a in ledger.activities}
    seen = {(a.date, same_words(a.title), same_words(a.provider)): a.id for a in ledger.activities}
    out = Plan()
    for number, cells in table.rows:
        values, bad = row_values(cells, columns, table.headers, keep_unknown)
        if "type" in values:
            values["type"] = types.get(header_words(str(values["type"])), values["type"])
        for key, example in (("date", "2025-04-01"), ("title", "Cloud security webinar")):
            column = _column_of(table, columns, key)
            if key not in values and not any(b.column == column for b in bad):
                bad.append(Bad(column, _("{key} is missing").format(key=key),
                               _("fill it in, e.g. {example}").format(example=example)))
        skipped = ""
        if not bad:
            aid = str(values.get("id", ""))
            key = (values.get("date"), same_words(values.get("title")), same_words(values.get("provider")))
            if aid and aid in seen_ids:
                skipped = _("id '{id}' is already in the ledger").format(id=aid)
            elif key in seen:
                skipped = _("same date, title and provider as '{id}'").format(id=seen[key])
            else:
                seen[key] = aid or f"row {number}"
                if aid:
                    seen_ids.add(aid)
        out.rows.append(Row(number, values, tuple(bad), skipped))
    _check(ledger, text, table, columns, out, as_of)
    return out


def _column_of(table: Table, columns: Columns, key: str) -> str:
    """The file's header for a ledger key (the column a user sees), else the key itself."""
    return next((table.headers[i] for i, k in columns.keys.items() if k == key), key)


def _check(ledger: Ledger, text: str, table: Table, columns: Columns, out: Plan,
           as_of: dt.date | None) -> None:
    """Write the rows to add into a copy of the text and read it back: each error the reader or the
    rules find in a new activity makes its row bad (the same words `cpetui check` would say)."""
    from cpetui.rules import RulesError
    from cpetui.status import evaluate

    fresh: dict[str, int] = {}  # activity id → index in out.rows
    for i, row in enumerate(out.rows):
        if row.bad or row.skipped:
            continue
        try:
            text, aid = edit.add_with_id(text, dict(row.values))
        except edit.EditError as exc:
            out.rows[i] = Row(row.number, row.values, (Bad("", str(exc)),))
            continue
        fresh[aid] = i
        out.rows[i] = Row(row.number, row.values, activity_id=aid)
    if not fresh:
        return
    after = parse_text(text, ledger.path)
    problems: dict[str, list[Bad]] = {}
    for p in after.problems:
        if p.severity == "error" and p.activity_id in fresh:
            problems.setdefault(p.activity_id, []).append(
                Bad(_column_of(table, columns, _key_at(after, p.activity_id, p.source.line)), p.message,
                    p.hint))
    if after.cycle is not None and not any(p.severity == "error" for p in after.problems
                                           if p.activity_id not in fresh):
        try:
            status = evaluate(after, as_of or dt.date.today())
        except RulesError:
            status = None
        for f in status.findings if status is not None else ():
            if f.severity == "error" and f.activity_id in fresh:
                line = f.source.line if f.source else 0
                problems.setdefault(f.activity_id, []).append(
                    Bad(_column_of(table, columns, _key_at(after, f.activity_id, line)), f.message,
                        f.hint))
    for aid, bads in problems.items():
        row = out.rows[fresh[aid]]
        out.rows[fresh[aid]] = Row(row.number, row.values, tuple(bads), activity_id=aid)


def _key_at(ledger: Ledger, activity_id: str, line: int) -> str:
    """The key written on `line` of the activity (the column the problem is in), else ""."""
    activity = ledger.activity(activity_id)
    if activity is None:
        return ""
    return next((k for k, n in activity.key_lines.items() if n == line and k != "id"), "")


def preview_lines(result: Plan) -> list[str]:
    """A line per row: what would happen to it, the activity, and why (--dry-run, the app's preview)."""
    heads = (_("row"), _("action"), _("date"), _("title"), _("why"))
    lines: list[tuple[str, ...]] = []
    for row in result.rows:
        if row.bad:
            action, why = _("bad"), "; ".join(b.message for b in row.bad)
        elif row.skipped:
            action, why = _("skip"), row.skipped
        else:
            action, why = _("add"), row.activity_id
        day = row.values.get("date")
        lines.append((str(row.number), action, day.isoformat() if hasattr(day, "isoformat") else "",
                      printable(str(row.values.get("title", "")))[:40], printable(why)))
    widths = [max(cell_width(x) for x in col) for col in zip(heads, *lines, strict=False)]
    out = ["  ".join(pad(h, w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    out += ["  ".join(pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines]
    out.append(_("would add {added}, skip {skipped}, leave out {bad} (nothing was written)").format(
        added=len(result.added), skipped=len(result.skipped), bad=len(result.bad)))
    return out
