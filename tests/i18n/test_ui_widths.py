"""Japanese text in the app's panels: cut and padded by terminal cells, dates written the Japanese way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cpetui.i18n import cell_width
from cpetui.ledger.load import read_ledger
from cpetui.locale import setup
from cpetui.status import evaluate
from cpetui.ui.format import safe
from cpetui.ui.widgets.status_panel import _status_text

LEDGERS = Path(__file__).resolve().parents[2] / "ledgers"
AS_OF = date(2026, 11, 22)


def test_a_japanese_title_is_cut_to_the_cells_it_may_take_never_splitting_a_wide_character() -> None:
    title = "内部監査人のための不正リスク評価ワークショップ"  # 23 wide characters = 46 cells
    cut = safe(title, 21)
    assert cut.endswith("…")
    assert cell_width(cut) <= 21
    assert cell_width(cut) >= 20  # as much as fits: ten wide characters and the ellipsis
    assert safe("短い題名", 21) == "短い題名"  # 8 cells: nothing cut


def test_an_ascii_title_is_cut_as_before() -> None:
    assert safe("x" * 30, 10) == "x" * 9 + "…"
    assert safe("x" * 10, 10) == "x" * 10


def test_requirement_bars_start_in_the_same_column_with_japanese_labels() -> None:
    setup("ja")
    ledger = read_ledger(LEDGERS / "ccsa-2025-2026.toml")
    text = _status_text(evaluate(ledger, AS_OF), AS_OF, 100).plain
    bar_lines = [line for line in text.splitlines() if "█" in line or "░" in line]
    assert len(bar_lines) >= 2
    assert any(not line.isascii() for line in bar_lines)  # the labels are Japanese
    columns = {cell_width(line[: min(i for i in (line.find("█"), line.find("░")) if i >= 0)])
               for line in bar_lines}
    assert len(columns) == 1, text


def test_the_status_panel_writes_dates_the_japanese_way() -> None:
    setup("ja")
    ledger = read_ledger(LEDGERS / "cissp-2024-2027.toml")
    text = _status_text(evaluate(ledger, AS_OF), AS_OF, 100).plain
    assert "年" in text.splitlines()[0] and "月" in text.splitlines()[0]
    assert "2024-" not in text


CC_WITH_GROUP_B = """\
[cycle]
program = "isc2"
credential = "CC"
start = 2025-05-20

[[activity]]
id = "b"
date = 2025-06-01
title = "ビジネス文書の書き方講座"
type = "education"
group = "B"
hours = 2

[[activity]]
id = "ethics"
date = 2025-06-02
title = "倫理研修"
type = "education"
group = "A"
hours = 1
"""


def test_the_reason_an_activity_is_not_counted_is_in_japanese() -> None:
    from cpetui.ledger.parse import parse_text

    setup("ja")
    status = evaluate(parse_text(CC_WITH_GROUP_B, "cc.toml"), AS_OF)
    text = status.credit_of("b").explanation.text
    assert "算入しません: グループBは対象外" in text, text
    assert "group b" not in text.lower()


def test_the_table_shows_the_programs_own_words_in_japanese_and_ids_in_english() -> None:
    from cpetui.ledger.parse import parse_text
    from cpetui.ui.rows import build_rows, matches, parse_filter

    ledger = read_ledger(LEDGERS / "cfe-2026-2027.toml")
    setup("ja")
    rows = build_rows(ledger, evaluate(ledger, AS_OF))
    shown = {(r.type, r.type_shown) for r in rows}
    assert ("participant", "受講者単位(セミナー、ウェビナー、カンファレンス)") in shown, shown
    assert {r.group_shown for r in rows} <= {"不正", "倫理", "一般", "A", "B", ""}
    assert any(matches(r, parse_filter("受講者")) for r in rows)  # the filter finds the Japanese name too
    setup("en")
    cc = parse_text(CC_WITH_GROUP_B, "cc.toml")
    english = build_rows(cc, evaluate(cc, AS_OF))
    assert {(r.type, r.type_shown) for r in english} == {("education", "education")}


def test_the_markdown_report_names_types_in_japanese_beside_their_ids() -> None:
    from cpetui.export.markdown import report

    ledger = read_ledger(LEDGERS / "cfe-2026-2027.toml")
    setup("ja")
    text = report(ledger, evaluate(ledger, AS_OF))
    assert "| 受講者単位(セミナー、ウェビナー、カンファレンス) (participant) |" in text
    assert "| 不正 |" in text or "| 倫理 |" in text


def test_a_japanese_finding_starts_beside_its_line_number_and_folds_at_the_width() -> None:
    # Rich wraps at spaces only: unfolded, the sentence would jump below "15 行目:" and leave it alone
    from cpetui.model import Finding, SourceRef
    from cpetui.ui.widgets.findings import finding_prompt

    setup("ja")
    message = "2030年1月1日の活動はサイクルの終了日より後です: ここでは算入しません"
    hint = "次のサイクルの台帳に移すか、日付を直してください"
    finding = Finding("warning", "outside-cycle", message, SourceRef("cc.toml", 15), "a", "資料000", hint)
    lines = finding_prompt(finding, 30).plain.split("\n")
    assert lines[0].startswith("! 15 行目: 2030年") and cell_width(lines[0]) <= 30
    assert all(cell_width(line) <= 30 for line in lines), lines
    assert any(line.startswith("  次のサイクル") for line in lines)


def test_english_findings_are_left_to_rich_to_wrap_at_spaces() -> None:
    from cpetui.model import Finding, SourceRef
    from cpetui.ui.widgets.findings import finding_prompt

    setup("en")
    message = "dated 2030-01-01, after 2026-11-22: counted once that day has come"
    finding = Finding("info", "future-date", message, SourceRef("cc.toml", 15), "a")
    assert finding_prompt(finding, 30).plain == (
        "i line 15: dated 2030-01-01, after 2026-11-22: counted once that day has come")
