"""Surgical edits: each add, update and delete changes only the lines it is about."""

from __future__ import annotations

import difflib
import tomllib
from datetime import date

import pytest

from cpetui.ledger import edit
from cpetui.ledger.edit import EditError

LEDGER = """\
# My CISSP cycle — kept in git
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

# Chapter meeting; slides in the PDF
[[activity]]
id = "chapter-aug"
date = 2024-08-01
title = "ISC2 Tokyo chapter"   # two talks
provider = "ISC2 Japan Chapter"
group = "A"
minutes = 90   # breaks excluded

# Webinar, certificate pending
[[activity]]
id = "webinar-sep"
date = 2024-09-10
title = "Zero trust webinar"
group = "A"
hours = 1.5

[[activity]]
id = "book-oct"
date = 2024-10-05
title = "Read: Security Engineering"
group = "B"
hours = 3
"""


def changed_lines(old: str, new: str) -> list[str]:
    """The +/- lines of a unified diff, as git diff would show them."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [d for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---"))]


# ------------------------------------------------------------------------------------ update


def test_editing_one_field_changes_only_that_line_and_keeps_its_inline_comment() -> None:
    new = edit.update(LEDGER, "chapter-aug", {"minutes": 120})
    assert changed_lines(LEDGER, new) == [
        "-minutes = 90   # breaks excluded",
        "+minutes = 120   # breaks excluded",
    ]


def test_an_update_that_changes_nothing_returns_the_very_same_text() -> None:
    assert edit.update(LEDGER, "webinar-sep", {"hours": 1.5, "group": "A"}) is LEDGER


def test_an_int_given_as_float_is_the_same_amount_and_is_not_rewritten() -> None:
    assert edit.update(LEDGER, "book-oct", {"hours": 3.0}) is LEDGER


def test_float_noise_is_rounded_to_two_decimals_before_writing() -> None:
    new = edit.update(LEDGER, "webinar-sep", {"hours": 0.1 + 0.2})
    assert changed_lines(LEDGER, new) == ["-hours = 1.5", "+hours = 0.3"]


def test_none_removes_a_key_and_only_its_line() -> None:
    new = edit.update(LEDGER, "chapter-aug", {"provider": None})
    assert changed_lines(LEDGER, new) == ['-provider = "ISC2 Japan Chapter"']


def test_a_new_key_goes_after_the_activity_s_last_value() -> None:
    new = edit.update(LEDGER, "webinar-sep", {"submitted": date(2024, 9, 30), "evidence": ["certs/zt.pdf"]})
    assert changed_lines(LEDGER, new) == ["+submitted = 2024-09-30", '+evidence = ["certs/zt.pdf"]']
    assert new.index("submitted") > new.index("hours = 1.5") > new.index("Zero trust")
    assert tomllib.loads(new)["activity"][1]["evidence"] == ["certs/zt.pdf"]


def test_a_hand_written_activity_without_id_is_known_by_its_line_and_can_be_given_one() -> None:
    text = LEDGER.replace('id = "book-oct"\n', "")
    header = text.splitlines().index("[[activity]]", 20) + 1
    new = edit.update(text, f"line-{header}", {"id": "book-oct", "hours": 4})
    assert changed_lines(text, new) == ['+id = "book-oct"', "-hours = 3", "+hours = 4"]
    assert new == LEDGER.replace("hours = 3\n", "hours = 4\n")


def test_update_refuses_an_id_already_taken_and_an_unknown_activity() -> None:
    with pytest.raises(EditError, match="already has an activity with id 'book-oct'"):
        edit.update(LEDGER, "chapter-aug", {"id": "book-oct"})
    with pytest.raises(EditError, match="no activity 'nope'"):
        edit.update(LEDGER, "nope", {"hours": 1})


def test_update_refuses_to_remove_the_date() -> None:
    with pytest.raises(EditError, match="date and title"):
        edit.update(LEDGER, "book-oct", {"date": None})


def test_text_with_markup_quotes_and_escapes_is_written_as_a_valid_string() -> None:
    title = '[bold]x[/] "quoted" \\ \x1b]52;c;AAAA\x07 日本語'
    new = edit.update(LEDGER, "book-oct", {"title": title})
    assert tomllib.loads(new)["activity"][2]["title"] == title
    assert len(changed_lines(LEDGER, new)) == 2


# --------------------------------------------------------------------------------------- add


def test_adding_puts_the_block_at_its_date_with_the_file_s_blank_line_style() -> None:
    new = edit.add(LEDGER, {"date": date(2024, 9, 1), "title": "OWASP meetup", "group": "A", "hours": 2})
    assert changed_lines(LEDGER, new) == [
        "+[[activity]]",
        '+id = "2024-09-01-owasp-meetup"',
        "+date = 2024-09-01",
        '+title = "OWASP meetup"',
        '+group = "A"',
        "+hours = 2",
        "+",
    ]
    # between chapter-aug and the comment that describes webinar-sep, which stays above it
    assert new.index("OWASP") < new.index("# Webinar, certificate pending") < new.index("webinar-sep")
    assert new.index("minutes = 90") < new.index("OWASP")
    assert "hours = 2\n\n# Webinar, certificate pending\n[[activity]]\n" in new


def test_adding_on_a_date_already_used_goes_after_the_last_activity_of_that_date() -> None:
    once = edit.add(LEDGER, {"id": "x1", "date": date(2024, 9, 10), "title": "x1", "hours": 1})
    twice = edit.add(once, {"id": "x2", "date": date(2024, 9, 10), "title": "x2", "hours": 1})
    ids = [a["id"] for a in tomllib.loads(twice)["activity"]]
    assert ids == ["chapter-aug", "webinar-sep", "x1", "x2", "book-oct"]


def test_the_earliest_activity_goes_first_below_the_cycle() -> None:
    new = edit.add(LEDGER, {"id": "early", "date": date(2024, 7, 1), "title": "e", "hours": 1})
    block = '[[activity]]\nid = "early"\ndate = 2024-07-01\ntitle = "e"\nhours = 1\n\n'
    assert new == LEDGER.replace("# Chapter meeting", block + "# Chapter meeting")
    assert 'start = 2024-07-01\n\n[[activity]]\nid = "early"' in new
    assert 'hours = 1\n\n# Chapter meeting; slides in the PDF\n[[activity]]\nid = "chapter-aug"' in new


def test_the_latest_activity_is_appended_after_the_last() -> None:
    new = edit.add(LEDGER, {"id": "late", "date": date(2025, 1, 1), "title": "l", "credits": 2})
    assert new == LEDGER + '\n[[activity]]\nid = "late"\ndate = 2025-01-01\ntitle = "l"\ncredits = 2\n'


def test_a_file_without_blank_lines_between_activities_gets_none() -> None:
    tight = LEDGER.replace("\n\n[[activity]]", "\n[[activity]]").replace("\n\n#", "\n#")
    new = edit.add(tight, {"id": "late", "date": date(2025, 1, 1), "title": "l", "hours": 1})
    assert new == tight + '[[activity]]\nid = "late"\ndate = 2025-01-01\ntitle = "l"\nhours = 1\n'


def test_a_ledger_with_no_activity_yet_gets_one_after_its_teaching_comments() -> None:
    text = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-01-01\n\n# Add activities below\n'
    new = edit.add(text, {"id": "a", "date": date(2024, 2, 1), "title": "t", "hours": 1, "field": "fraud"})
    assert new == text + (
        '\n[[activity]]\nid = "a"\ndate = 2024-02-01\ntitle = "t"\nfield = "fraud"\nhours = 1\n'
    )


def test_values_are_plain_toml_dates_ints_rounded_floats_and_lists_of_strings() -> None:
    new = edit.add(
        LEDGER,
        {"id": "v", "title": "v", "date": date(2025, 2, 2), "sessions": [30, 45], "credits": 1.005 + 1,
         "evidence": ("a.pdf", "https://x.example/?q=1&r=2"), "notes": "line 1\nline 2"},
    )
    tail = new[len(LEDGER):]
    assert tail == (
        '\n[[activity]]\nid = "v"\ndate = 2025-02-02\ntitle = "v"\nsessions = [30, 45]\ncredits = 2.0\n'
        'evidence = ["a.pdf", "https://x.example/?q=1&r=2"]\nnotes = "line 1\\nline 2"\n'
    )


def test_an_id_is_generated_from_date_and_title_and_made_unique() -> None:
    values = {"date": date(2024, 8, 1), "title": "ISC2 Tokyo chapter", "hours": 1}
    once = edit.add(LEDGER, values)
    twice = edit.add(once, values)
    ids = [a["id"] for a in tomllib.loads(twice)["activity"]]
    assert ids[:3] == ["chapter-aug", "2024-08-01-isc2-tokyo-chapter", "2024-08-01-isc2-tokyo-chapter-2"]


def test_add_refuses_a_taken_id_and_a_missing_date() -> None:
    with pytest.raises(EditError, match="already has an activity with id 'book-oct'"):
        edit.add(LEDGER, {"id": "book-oct", "date": date(2024, 1, 1), "title": "t", "hours": 1})
    with pytest.raises(EditError, match="needs a date"):
        edit.add(LEDGER, {"title": "t", "hours": 1})


# ------------------------------------------------------------------------------------ delete


def test_deleting_removes_only_its_block_and_the_comment_above_it() -> None:
    new, values = edit.delete(LEDGER, "webinar-sep")
    assert changed_lines(LEDGER, new) == [
        "-# Webinar, certificate pending",
        "-[[activity]]",
        '-id = "webinar-sep"',
        "-date = 2024-09-10",
        '-title = "Zero trust webinar"',
        '-group = "A"',
        "-hours = 1.5",
        "-",
    ]
    assert values == {"id": "webinar-sep", "date": date(2024, 9, 10), "title": "Zero trust webinar",
                      "group": "A", "hours": 1.5}


def test_deleting_the_activity_before_a_commented_one_leaves_that_comment_in_place() -> None:
    new, _ = edit.delete(LEDGER, "chapter-aug")
    assert "start = 2024-07-01\n\n# Webinar, certificate pending\n[[activity]]\nid = \"webinar-sep\"" in new
    assert "# My CISSP cycle" in new and "Chapter meeting" not in new


def test_deleting_the_last_activity_takes_the_blank_line_before_it() -> None:
    new, _ = edit.delete(LEDGER, "book-oct")
    assert new == LEDGER[: LEDGER.index("\n[[activity]]\nid = \"book-oct\"")]


def test_delete_then_add_back_with_the_same_values_restores_an_uncommented_activity() -> None:
    new, values = edit.delete(LEDGER, "book-oct")
    assert edit.add(new, values) == LEDGER


def test_extract_gives_the_text_to_put_back_comments_and_all() -> None:
    ex = edit.extract(LEDGER, "webinar-sep")
    assert ex.block.startswith("# Webinar, certificate pending\n[[activity]]\n")
    assert ex.after == "chapter-aug"
    new, _ = edit.delete(LEDGER, "webinar-sep")
    assert edit.add(new, ex.values, block=ex.block, after=ex.after) == LEDGER


def test_a_free_standing_section_comment_survives_deleting_its_neighbours() -> None:
    book = '[[activity]]\nid = "book-oct"'
    text = LEDGER.replace(book, "# ---- Q4 ----\n\n" + book)
    new, _ = edit.delete(text, "book-oct")
    assert new.endswith("hours = 1.5\n\n# ---- Q4 ----\n")
    new, _ = edit.delete(text, "webinar-sep")
    assert "# ---- Q4 ----" in new


# -------------------------------------------------------------------- odd files survive edits


def test_crlf_bom_and_missing_final_newline_survive_add_update_and_delete() -> None:
    odd = "\ufeff" + LEDGER.replace("\n", "\r\n").removesuffix("\r\n")
    added = edit.add(odd, {"id": "late", "date": date(2025, 1, 1), "title": "l", "hours": 1})
    assert added == odd + (
        '\r\n\r\n[[activity]]\r\nid = "late"\r\ndate = 2025-01-01\r\ntitle = "l"\r\nhours = 1'
    )
    updated = edit.update(odd, "book-oct", {"hours": 4, "notes": "n"})
    assert updated == odd.replace("hours = 3", 'hours = 4\r\nnotes = "n"')
    deleted, _ = edit.delete(odd, "book-oct")
    kept = LEDGER[: LEDGER.index('\n[[activity]]\nid = "book-oct"')].removesuffix("\n")
    assert deleted == "\ufeff" + kept.replace("\n", "\r\n")  # still no final newline


def test_odd_formatting_and_key_order_of_untouched_activities_survive() -> None:
    odd = LEDGER.replace(
        '[[activity]]\nid = "chapter-aug"',
        '  [[ activity ]]   # indented header\n  "id"="chapter-aug"',
    ).replace("hours = 1.5\n", "hours=1.5\nnotes = '''\nraw # not a comment\n[[activity]]\n'''\n")
    assert tomllib.loads(odd)["activity"][0]["id"] == "chapter-aug"
    new = edit.update(odd, "book-oct", {"hours": 5})
    assert changed_lines(odd, new) == ["-hours = 3", "+hours = 5"]
    new = edit.add(odd, {"id": "z", "date": date(2024, 9, 20), "title": "z", "hours": 1})
    assert new.index("'''\n\n[[activity]]\nid = \"z\"") > 0
    assert tomllib.loads(new)["activity"][1]["notes"] == "raw # not a comment\n[[activity]]\n"


def test_a_sub_table_moves_and_goes_with_its_activity() -> None:
    text = LEDGER.replace("hours = 1.5\n", "hours = 1.5\n\n[activity.meta]\nseat = 12\n")
    new, values = edit.delete(text, "webinar-sep")
    assert "seat" not in new and values["meta"] == {"seat": 12}
    assert edit.update(text, "webinar-sep", {"group": "B"}).count("seat = 12") == 1


def test_a_file_that_is_not_valid_toml_is_refused_with_a_hint() -> None:
    with pytest.raises(EditError, match="TOML error.*cpetui check"):
        edit.update(LEDGER + "oops =\n", "book-oct", {"hours": 1})


def test_activities_written_as_an_inline_array_are_refused_rather_than_guessed() -> None:
    text = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'
    text = 'activity = [{id = "a", date = 2024-08-01, title = "t", hours = 1}]\n' + text
    with pytest.raises(EditError, match="edit this file by hand"):
        edit.add(text, {"id": "b", "date": date(2024, 9, 1), "title": "t", "hours": 1})
