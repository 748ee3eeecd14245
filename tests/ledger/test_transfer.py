"""Copying an activity into another program's ledger: type mapped or asked, keys dropped, credits shown."""

from __future__ import annotations

from datetime import date

from cpetui.frozen import replace
from cpetui.ledger.parse import parse_text
from cpetui.ledger.transfer import plan, preview
from cpetui.model import Ledger

AS_OF = date(2026, 11, 22)

CISSP = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01

[[activity]]
id = "2025-08-29-chapter"
date = 2025-08-29
title = "Chapter meeting: zero trust"
type = "education"
group = "A"
hours = 2
evidence = ["evidence/chapter.txt"]
submitted = 2025-09-02

[[activity]]
id = "2025-09-10-webinar"
date = 2025-09-10
title = "BrightTALK webinar"
type = "education"
group = "A"
hours = 1
auto_submitted = true

[[activity]]
id = "2025-10-01-article"
date = 2025-10-01
title = "An article in a security magazine"
type = "publishing-article"
group = "A"
hours = 5
"""

OSCP = """\
[cycle]
program = "offsec"
credential = "OSCP+"
start = 2025-03-14
certified = 2025-03-14
"""

CFE = """\
[cycle]
program = "acfe"
credential = "CFE"
start = 2025-04-01

[[activity]]
id = "2025-06-01-course"
date = 2025-06-01
title = "Fraud course in two sessions"
type = "participant"
field = "fraud"
sessions = [50, 100]
"""

CCSP = CISSP.replace('"CISSP"', '"CCSP"').split("[[activity]]")[0]
IIA = """\
[cycle]
program = "iia"
credential = "CIA"
start = 2025-01-01
"""


def read(text: str, name: str = "ledger.toml") -> Ledger:
    ledger = parse_text(text, name)
    assert ledger.ok, ledger.problems
    return ledger


def one(text: str, activity_id: str):  # type: ignore[no-untyped-def]
    ledger = read(text)
    activity = ledger.activity(activity_id)
    assert activity is not None and ledger.cycle is not None
    return activity, ledger.cycle


def test_education_into_offsec_asks_between_courses_and_webinars_suggesting_them_first() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    p = plan(activity, cycle, read(OSCP).cycle)
    assert p.type is None and not p.ready
    (q,) = p.questions
    assert q.key == "type"
    assert q.suggested == ("courses-seminars", "webinar")
    assert [c.value for c in q.choices][:2] == ["courses-seminars", "webinar"]
    assert "ctf" not in [c.value for c in q.choices]  # never offered: it earns nothing
    assert all(c.description for c in q.choices)  # what each type is, in the target's words

    answered = plan(activity, cycle, read(OSCP).cycle, {"type": "courses-seminars"})
    assert answered.ready
    assert answered.changes["type"] == "courses-seminars"


def test_a_type_with_one_equivalent_is_mapped_and_says_why() -> None:
    activity, cycle = one(CISSP, "2025-10-01-article")
    p = plan(activity, cycle, read(OSCP).cycle)
    assert p.type == "white-paper" and p.ready
    assert "Published white paper" in p.type_reason


def test_the_same_type_id_in_another_program_is_the_obvious_match() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    p = plan(activity, cycle, read(IIA).cycle)
    assert p.type == "education" and "type" not in p.changes


def test_groups_the_target_lacks_are_dropped_and_submitted_never_carried() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    p = plan(activity, cycle, read(OSCP).cycle, {"type": "webinar"})
    assert p.changes["group"] is None
    assert p.changes["submitted"] is None
    assert {k for k, _ in p.dropped} >= {"group", "submitted"}
    copy = p.copied()
    assert (copy.type, copy.group, copy.submitted) == ("webinar", None, None)


def test_auto_submitted_is_not_carried_either() -> None:
    activity, cycle = one(CISSP, "2025-09-10-webinar")
    p = plan(activity, cycle, read(CCSP).cycle)
    assert p.changes == {"auto_submitted": None}
    assert not p.copied().auto_submitted


def test_same_program_keeps_type_and_group_but_not_submitted_with_a_word_on_domains() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    p = plan(activity, cycle, read(CCSP).cycle)
    assert p.ready and p.type == "education"
    assert p.changes == {"submitted": None}
    assert any("CCSP" in n for n in p.notes)


def test_acfe_requires_a_field_of_study_so_the_copy_asks_for_it() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    cfe = read(CFE).cycle
    p = plan(activity, cycle, cfe)
    assert p.type == "participant"
    assert [q.key for q in p.questions] == ["field"]
    assert [c.value for c in p.questions[0].choices] == ["fraud", "ethics", "general"]
    answered = plan(activity, cycle, cfe, {"field": "ethics"})
    assert answered.ready and answered.changes["field"] == "ethics"


def test_an_isc2_target_asks_for_the_group_of_a_type_claimable_in_both() -> None:
    activity, cycle = one(CFE, "2025-06-01-course")
    isc2 = read(CCSP).cycle
    p = plan(activity, cycle, isc2)
    assert p.type == "education"
    assert [q.key for q in p.questions] == ["group"]
    answered = plan(activity, cycle, isc2, {"group": "A"})
    assert answered.changes["group"] == "A"
    assert answered.changes["field"] is None  # ISC2 has no fields of study


def test_sessions_become_minutes_where_the_target_type_reads_no_sessions() -> None:
    activity, cycle = one(CFE, "2025-06-01-course")
    p = plan(activity, cycle, read(OSCP).cycle, {"type": "courses-seminars"})
    assert p.changes["sessions"] is None and p.changes["minutes"] == 150


def test_evidence_paths_are_rebased_on_the_target_ledgers_folder() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    p = plan(activity, cycle, read(CCSP).cycle, source_dir="/l/cissp", target_dir="/l/ccsp")
    assert p.changes["evidence"] == ["../cissp/evidence/chapter.txt"]
    same = plan(activity, cycle, read(CCSP).cycle, source_dir="/l", target_dir="/l")
    assert "evidence" not in same.changes


def test_preview_counts_the_copy_by_the_targets_rules() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    target = read(OSCP)
    result = preview(plan(activity, cycle, target.cycle, {"type": "courses-seminars"}), target, AS_OF)
    assert not isinstance(result, str)
    assert (result.earned, result.counted) == (2.0, 2.0)
    assert result.errors == ()
    assert result.explanation.text


def test_preview_waits_for_the_answers() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    target = read(OSCP)
    assert isinstance(preview(plan(activity, cycle, target.cycle), target, AS_OF), str)


def test_preview_of_an_activity_before_certification_counts_nothing_and_says_so() -> None:
    activity, cycle = one(CISSP, "2025-08-29-chapter")
    target = read(OSCP.replace("2025-03-14", "2025-12-01"))
    result = preview(plan(activity, cycle, target.cycle, {"type": "webinar"}), target, AS_OF)
    assert not isinstance(result, str)
    assert result.counted == 0
    assert any("certification" in w for w in result.warnings)


# ------------------------------------------------------------------- written through the store


def _copy_into(tmp_path, source_text: str, target_text: str, activity_id: str,  # type: ignore[no-untyped-def]
               answers: dict[str, str]) -> str:
    from cpetui.cli.check import collect
    from cpetui.ledger import store
    from cpetui.ledger.load import read_ledger

    (tmp_path / "src.toml").write_text(source_text, encoding="utf-8")
    (tmp_path / "dst.toml").write_text(target_text, encoding="utf-8")
    src, dst = read_ledger(str(tmp_path / "src.toml")), read_ledger(str(tmp_path / "dst.toml"))
    p = plan(src.activity(activity_id), src.cycle, dst.cycle, answers)
    assert p.ready
    store.copy_activity(src, activity_id, dst, dict(p.changes))
    written = read_ledger(str(tmp_path / "dst.toml"))
    assert [x.message for x in collect(written, AS_OF) if x.severity == "error"] == []
    copy = written.activity(activity_id)
    # What the preview counted is what was written.
    assert copy == replace(p.copied(), source=copy.source, key_lines=copy.key_lines, index=copy.index)
    return (tmp_path / "dst.toml").read_text(encoding="utf-8")


def test_a_cissp_activity_copied_into_oscp_checks_clean_and_keeps_its_comments(tmp_path) -> None:
    source = CISSP.replace("[[activity]]\nid = \"2025-08-29-chapter\"",
                           "# the chapter's monthly meeting\n[[activity]]\nid = \"2025-08-29-chapter\"")
    source = source.replace("hours = 2\n", "hours = 2            # on the attendance list\n", 1)
    text = _copy_into(tmp_path, source, OSCP, "2025-08-29-chapter", {"type": "courses-seminars"})
    block = text.split("[cycle]")[1]
    assert "# the chapter's monthly meeting\n[[activity]]" in block
    assert 'type = "courses-seminars"' in block
    assert "hours = 2            # on the attendance list" in block
    assert "group" not in block and "submitted" not in block


def test_a_cissp_activity_copied_into_cfe_gets_the_field_asked_for_and_checks_clean(tmp_path) -> None:
    text = _copy_into(tmp_path, CISSP, CFE, "2025-08-29-chapter", {"field": "general"})
    assert 'type = "participant"' in text and 'field = "general"' in text


def test_a_cfe_course_in_sessions_copied_into_ccsp_checks_clean(tmp_path) -> None:
    text = _copy_into(tmp_path, CFE, CCSP, "2025-06-01-course", {"group": "B"})
    block = text.split("[[activity]]")[1]
    assert "minutes = 150" in block and "sessions =" not in block
    assert 'group = "B"' in block and "field =" not in block
