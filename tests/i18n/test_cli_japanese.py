"""`cpetui status` and `cpetui check` in Japanese, end to end: chosen by LANG or by --lang, with no
English word left but identifiers, paths and proper names."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-22"

# Words that stay as they are in Japanese output: proper names, acronyms, program and rules identifiers
# (ledgers are language-neutral), credential names, an option name.
NOT_ENGLISH = {
    "CPE", "AMF", "URL", "CTF", "OffSec", "Fraud", "Magazine", "json",
    "isc", "offsec", "acfe", "iia", "japan", "CISSP", "CCSP", "CC", "CFE", "CIA", "CCSA", "OSCP",
    "ECSP",  # the sample company's own credential (a name, not a word)
    "CISA", "ISACA", "isaca", "Journal",  # names: ISACA's credential, the body and its journal
    "comptia", "giac", "pmi", "eccouncil", "GCIH", "PMP", "CEH", "ECE",  # program ids, credentials, ECE
    "IPA", "ipa", "RISS", "riss",  # the body registering 情報処理安全確保支援士, and its credential
}


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CPETUI_LEDGERS")}
    clean["CPETUI_CONFIG"] = str(ROOT / "tests" / "no-such-config.toml")
    clean["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "cpetui", *args], capture_output=True, text=True,
                          env={**clean, **(env or {})}, cwd=cwd, encoding="utf-8", check=False)


def english_words(text: str) -> set[str]:
    """Latin words of 3+ letters outside paths and identifiers (which contain / . - or digits)."""
    words = set()
    text = re.sub(r"[a-z_]+ = ", "", text)  # ledger keys in hints: `evidence = [...]`
    for token in re.split(r"[\s|:(),、。()「」=]+", text):
        if not token or re.search(r"[/\\.\-_0-9+]", token):
            continue
        words |= set(re.findall(r"[A-Za-z]{3,}", token))
    return words - NOT_ENGLISH


@pytest.fixture(scope="module")
def status_ja() -> str:
    result = run("status", "--lang", "ja", "--as-of", AS_OF, "ledgers")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_status_in_japanese(status_ja: str) -> None:
    for phrase in (
        "2026年11月22日 時点の状況: 順調",
        "サイクル合計: 取得 21.5 / 算入 21.5 / 必要 45  (未達)",
        "1年目(2025年5月20日 〜 2026年5月19日)",
        "カテゴリⅠ 教育・研修(上限40)",  # seed 004
        "グループA 最低要件",  # seed 000
        "猶予期間の終了",  # seed 000
        "繰越: 受入 4、持越 10",
        "主な期日:",
        "警告: CC はグループAのみ算入",
        "ヒント: ",
    ):
        assert phrase in status_ja
    for english in ("earned", "counted", "required", "key dates", "carryover", "pace", "state on",
                    "warning", "hint", "Cycle total", "Group A", "at most", "recommended"):
        assert english not in status_ja
    assert english_words(status_ja) == set()


def test_lang_environment_gives_the_same_report(status_ja: str) -> None:
    result = run("status", "--as-of", AS_OF, "ledgers", env={"LANG": "ja_JP.UTF-8"})
    assert result.stdout == status_ja


def test_lang_flag_beats_the_environment() -> None:
    result = run("--lang", "en", "status", "--as-of", AS_OF, "ledgers/cc-2025-2028.toml",
                 env={"LC_ALL": "ja_JP.UTF-8"})
    assert "state on 2026-11-22: on track" in result.stdout


def test_key_dates_line_up_in_cells(status_ja: str) -> None:
    from cpetui.i18n import cell_width

    block = status_ja.split("ledgers/cfe-2026-2027.toml")[1].split("主な期日:\n")[1].split("\n  注記")[0]
    rows = block.splitlines()
    assert rows[0] == "    2027年3月31日  サイクル終了"
    # the suspension says what clears it (ACFE FAQ: 20 CPE, 10 fraud and 2 ethics, per suspended year)
    assert rows[1].startswith("    2027年4月1日   資格停止の開始(延長なし) — "
                              "解除するには: 停止された年ごとに 20 CPE")
    # Every label starts in the same terminal column, whatever the width of its date:
    # indent 4, the widest date (2027年4月30日) 13, gap 2.
    assert {cell_width(r[: r.index(r.split()[1])]) for r in rows} == {4 + 13 + 2}


def test_check_in_japanese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'
                   '[[activity]]\nid = "a"\ndate = 2024-12-01\ntitle = "勉強会 ゼロトラスト"\n'
                   'type = "education"\ngroup = "C"\nhours = 2\n', encoding="utf-8")
    result = run("check", "--lang", "ja", str(bad))
    assert result.returncode == 1
    out = result.stdout
    assert ':11:9: エラー: group は "A" または "B" にしてください(値: "C")' in out
    assert '      ヒント: group = "A" または "B" と書いてください' in out  # the values ISC2 declares
    assert out.rstrip().endswith("台帳 1 件、エラー 1 件、警告 0 件")
    assert "error" not in out and "hint" not in out and "ledger" not in out.replace(str(tmp_path), "")


def test_check_toml_syntax_error_in_japanese_with_the_caret_under_wide_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'
                   '[[activity]]\ntitle = "勉強会" x\n', encoding="utf-8")
    out = run("check", "--lang", "ja", str(bad)).stdout
    assert "エラー: TOML 構文: 文の後には改行か文書の終わりが必要です" in out
    excerpt, caret = out.splitlines()[1:3]
    assert excerpt == '    7 | title = "勉強会" x'
    # Under the x: 'title = "' is 9 cells, 勉強会 6, '" ' 2 more; counting characters would put it 3 short.
    assert caret == "      | " + " " * 17 + "^"


def test_help_and_argparse_errors_in_japanese() -> None:
    help_text = run("status", "--lang", "ja", "--help").stdout
    assert help_text.startswith("使い方: cpetui status")
    assert "オプション:" in help_text and "このヘルプを表示して終了" in help_text
    assert "状況を計算する基準日(既定: 今日)" in help_text
    assert "usage" not in help_text and "options" not in help_text
    mistake = run("status", "--lang", "ja", "--bogus")
    assert mistake.returncode == 2
    assert mistake.stderr.rstrip().endswith("cpetui: エラー: 認識できない引数: --bogus")


@pytest.mark.parametrize(("program", "credential"), [("isc2", "CISSP"), ("offsec", "OSCP+"), ("acfe", "CFE"),
                                                    ("iia-japan", "CCSA"), ("iia", "CIA")])
def test_new_ledger_teaches_the_format_in_japanese_and_reads_the_same_as_in_english(
        tmp_path: Path, program: str, credential: str) -> None:
    import tomllib

    made = {}
    for lang in ("ja", "en"):
        out = tmp_path / f"{lang}.toml"
        result = run("new", "--lang", lang, "--program", program, "--credential", credential,
                     "--start", "2027-01-01", "--output", str(out))
        assert result.returncode == 0, result.stderr
        made[lang] = out.read_text(encoding="utf-8")
    # The teaching words: whole comment lines, and the comment beside each commented-out example key.
    comments = [line.split("  # ")[-1] if "  # " in line else line
                for line in made["ja"].splitlines()
                if line.startswith("#") and ("  # " in line or not re.match(r"# ?(\w+ = |\[\[)", line))]
    english = set().union(*(english_words(c) for c in comments))
    # What stays English in a comment is the format's own words: keys, type identifiers, file names.
    assert english <= {"cpetui", "check", "programs", "docs", "cycle", "activity", "end", "education",
                       "ethics", "fraud",
                       "general", "webinar", "participant", "college", "self", "study", "instructor",
                       "author", "other", "writing", "contribution", "unique", "work", "experience",
                       "professional", "development", "courses", "seminars", "public", "speaking", "white",
                       "paper", "lab", "submission", "learning", "correspondence", "group", "jicpa", "book",
                       "article", "event", "exam", "membership", "house", "magazine", "quiz", "III"}, english
    assert "の" in made["ja"] and "the day it ended" in made["en"]
    # Ledgers are language-neutral: the data both files hold is the same.
    assert tomllib.loads(made["ja"]) == tomllib.loads(made["en"])
