"""`cpetui import`: rows of a CSV, TSV or spreadsheet become activities, checked first, in one save."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from cpetui.cli import main
from cpetui.ledger.load import read_ledger

# ISC2 CISSP: 1 CPE per hour of education, Group A or B (ISC2 · CPE Credit Quick Guide).
LEDGER = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

# kept as written
[[activity]]
id = "2024-08-01-kickoff"
date = 2024-08-01
title = "Kick-off webinar"
provider = "ISC2"
type = "education"
group = "A"
hours = 1
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "cissp.toml"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args, "--as-of", "2026-12-01"])
    out, err = capsys.readouterr()
    return code, out, err


def test_english_headers_become_activities_after_the_bytes_already_there(tmp_path, ledger, capsys) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text("Date,Course Name,Organizer,Type,Group,Hours\n"
                     "2025-04-01,Cloud security webinar,ISC2,Education,A,1.5\n"
                     "2025/05/02,Chapter meeting,ISC2 Tokyo,education,B,2\n", encoding="utf-8")
    code, out, err = run(capsys, str(sheet), "--into", str(ledger), "--map", "Course Name=title")
    assert code == 0, err
    assert "imported 2 activities" in out
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith(LEDGER)  # the file's bytes untouched; new blocks after (by date)
    after = read_ledger(str(ledger))
    webinar = after.activity("2025-04-01-cloud-security-webinar")
    assert webinar is not None and webinar.type == "education" and webinar.measure.hours == 1.5
    assert after.activity("2025-05-02-chapter-meeting").group == "B"


def test_a_shift_jis_file_with_japanese_headers(tmp_path, ledger, capsys) -> None:
    sheet = tmp_path / "記録.csv"
    sheet.write_bytes(("日付,タイトル,主催者,種類,グループ,時間\n"
                       "2025-06-10,クラウドセキュリティ勉強会,ISC2 Japan,education,A,2\n").encode("cp932"))
    code, out, err = run(capsys, str(sheet), "--into", str(ledger))
    assert code == 0, err
    added = [a for a in read_ledger(str(ledger)).activities if a.date.isoformat() == "2025-06-10"]
    assert [(a.title, a.provider, a.measure.hours) for a in added] == [
        ("クラウドセキュリティ勉強会", "ISC2 Japan", 2)]  # Japanese Excel's default encoding, read back


def xlsx(path: Path, rows: list[list[object]]) -> None:
    """A one-sheet .xlsx, written here with the standard library (inline strings and numbers)."""
    def cell(ref: str, value: object) -> str:
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    body = "".join(f'<row r="{r}">' + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
                   + "</row>" for r, row in enumerate(rows, 1))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        types = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   f'ContentType="{types}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                   f'ContentType="{types}.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   f'2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet '
                   'name="CPE" sheetId="1" r:id="r1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   f'2006/relationships"><Relationship Id="r1" Type="{rel}/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet {ns}><sheetData>{body}'
                   "</sheetData></worksheet>")


def test_an_xlsx_sheet(tmp_path, ledger, capsys) -> None:
    pytest.importorskip("python_calamine")
    sheet = tmp_path / "cpe.xlsx"
    xlsx(sheet, [["Date", "Title", "Provider", "Type", "Group", "Minutes"],
                 ["2025-07-07", "Incident response lab", "SANS", "education", "A", 90]])
    code, out, err = run(capsys, str(sheet), "--into", str(ledger))
    assert code == 0, err
    lab = next(a for a in read_ledger(str(ledger)).activities if a.title == "Incident response lab")
    assert lab.measure.minutes == 90 and lab.provider == "SANS"


def test_bad_rows_are_located_and_nothing_is_written(tmp_path, ledger, capsys) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text("Date,Title,Type,Group,Hours\n"
                     "2025-04-01,Fine,education,A,1\n"
                     "2025-02-30,No such day,education,A,1\n"
                     "2025-04-03,Wrong type,seminar,A,1\n"
                     "2025-04-04,Hours in words,education,A,two\n", encoding="utf-8")
    code, out, err = run(capsys, str(sheet), "--into", str(ledger))
    assert code == 1
    assert ledger.read_text(encoding="utf-8") == LEDGER
    assert f"{sheet}:3: Date: 2025-02-30 is not a date: February 2025 has 28 days" in err
    assert f"{sheet}:4: Type: 'seminar' is not an activity type of isc2" in err
    assert f"{sheet}:5: Hours: 'two' is not a number" in err
    assert "nothing was written: 3 rows cannot be activities" in err
    code, out, err = run(capsys, str(sheet), "--into", str(ledger), "--skip-bad")
    assert code == 0 and "imported 1 activity" in out and "left out 3 rows" in out


def test_duplicates_are_skipped_and_counted(tmp_path, ledger, capsys) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text("id,Date,Title,Provider,Type,Group,Hours\n"
                     "2024-08-01-kickoff,2024-08-01,Kick-off again,ISC2,education,A,1\n"  # same id
                     ",2024-08-01,KICK-OFF  webinar,isc2,education,A,1\n"  # same date, title, provider
                     ",2025-01-10,New one,ISC2,education,A,1\n"
                     ",2025-01-10,New one,ISC2,education,A,1\n", encoding="utf-8")  # twice in the file
    code, out, err = run(capsys, str(sheet), "--into", str(ledger), "--dry-run")
    assert code == 0 and ledger.read_text(encoding="utf-8") == LEDGER  # a dry run writes nothing
    assert "would add 1, skip 3, leave out 0" in out
    code, out, err = run(capsys, str(sheet), "--into", str(ledger))
    assert "imported 1 activity" in out and "skipped 3 duplicates: row 2 (id '2024-08-01-kickoff'" in out
    assert len(read_ledger(str(ledger)).activities) == 2


def test_an_export_imports_back_as_the_same_activities(tmp_path, capsys) -> None:
    samples = Path(__file__).resolve().parents[2] / "ledgers"
    source = tmp_path / "cissp.toml"
    source.write_text((samples / "cissp-2024-2027.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "evidence").mkdir()
    assert main(["export", str(source), "--format", "csv", "--output", str(tmp_path / "x.csv"),
                 "--as-of", "2026-12-01"]) == 0
    empty = tmp_path / "again.toml"
    original = read_ledger(str(source))
    empty.write_text(f'[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'
                     f"carryover_in = {original.cycle.carryover_in}\n", encoding="utf-8")
    capsys.readouterr()
    code, out, err = run(capsys, str(tmp_path / "x.csv"), "--into", str(empty))
    assert code == 0, err
    again = read_ledger(str(empty))
    fields = ("id", "date", "title", "provider", "type", "group", "submitted", "evidence", "notes")
    assert sorted(tuple(getattr(a, f) for f in fields) for a in again.activities) == \
        sorted(tuple(getattr(a, f) for f in fields) for a in original.activities)
    from datetime import date

    from cpetui.status import evaluate

    day = date(2026, 12, 1)
    assert evaluate(again, day).total.counted == evaluate(original, day).total.counted


def test_an_import_into_a_file_changed_meanwhile_is_refused(tmp_path, ledger, capsys, monkeypatch) -> None:
    import cpetui.ledger.import_plan as import_plan

    real = import_plan.plan

    def then_someone_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        ledger.write_text(LEDGER + "\n# edited in another window\n", encoding="utf-8")
        return result

    monkeypatch.setattr(import_plan, "plan", then_someone_saves)
    sheet = tmp_path / "log.csv"
    sheet.write_text("Date,Title,Type,Group,Hours\n2025-04-01,Fine,education,A,1\n", encoding="utf-8")
    code, out, err = run(capsys, str(sheet), "--into", str(ledger))
    assert code == 1 and "run the import again" in err
    assert ledger.read_text(encoding="utf-8") == LEDGER + "\n# edited in another window\n"


def test_unknown_columns_are_named_and_kept_when_asked(tmp_path, ledger, capsys) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text("Date,Title,Type,Group,Hours,Room\n2025-04-01,Fine,education,A,1,B-204\n",
                     encoding="utf-8")
    code, out, err = run(capsys, str(sheet), "--into", str(ledger), "--dry-run")
    assert "columns not imported" in err and "'Room'" in err
    code, out, err = run(capsys, str(sheet), "--into", str(ledger), "--keep-unknown")
    assert code == 0 and 'room = "B-204"' in ledger.read_text(encoding="utf-8")


def test_hostile_numbers_and_text_are_refused_or_kept_as_text(tmp_path, ledger, capsys) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text('Date,Title,Type,Group,Hours\n'
                     '2025-04-01,Big,education,A,1e308\n'
                     '2025-04-02,Inf,education,A,inf\n'
                     '2025-04-03,"=HYPERLINK(""x"")\x1b[31m",education,A,1\n', encoding="utf-8")
    code, out, err = run(capsys, str(sheet), "--into", str(ledger), "--skip-bad")
    assert f"{sheet}:2: Hours: '1e308' is more than a ledger accepts here (at most 10,000)" in err
    assert f"{sheet}:3: Hours: 'inf' is not a number of hours or credits" in err
    assert "\x1b" not in out + err  # a control character from the file never reaches the terminal
    assert code == 0 and "imported 1 activity" in out
    added = next(a for a in read_ledger(str(ledger)).activities if a.date.isoformat() == "2025-04-03")
    assert added.title == '=HYPERLINK("x")\x1b[31m'  # kept as the user's text, nothing evaluated
