"""Findings tied to activities and lines, version choice and its errors, per-ledger options, states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cpetui.rules import RulesError, activity_credit, cycle_end, program_info, resolve_version
from tests.rules.helpers import activity, codes, ledger, requirement, status

CISSP = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n'


def test_finding_points_at_the_activity_and_its_line() -> None:
    text = CISSP + activity("talk", "2024-09-01", type="education", hours=2)
    s = status(text, date(2025, 1, 1))
    (f,) = [f for f in s.findings if f.code == "missing-group"]
    assert f.activity_id == "talk" and f.source.path == "test.toml"
    assert f.source.line == 6  # the [[activity]] header: the group is missing
    assert s.credit_of("talk").group == "B"  # DECISION: unwritten group counts as B


def test_unknown_type_is_an_error_with_a_suggestion() -> None:
    s = status(CISSP + activity("x", "2024-09-01", type="educaton", group="A", hours=1), date(2025, 1, 1))
    (f,) = [f for f in s.findings if f.code == "unknown-type"]
    assert f.severity == "error" and 'type = "education"' in f.hint
    assert f.source.line == 10  # the type key's line
    assert s.credit_of("x").counted == 0


def test_cc_group_b_claim_not_counted() -> None:
    # seed 000: CC holders — Group A only
    text = CISSP.replace("CISSP", "CC") + activity("b", "2024-09-01", type="education", group="B", hours=3)
    s = status(text, date(2025, 1, 1))
    assert "group-b-not-allowed" in codes(s, "b") and s.credit_of("b").counted == 0


def test_professional_development_is_group_b_only() -> None:
    text = CISSP + activity("p", "2024-09-01", type="professional-development", group="A", hours=3)
    s = status(text, date(2025, 1, 1))
    assert "wrong-group" in codes(s, "p") and s.credit_of("p").group == "B"


OSCP = ('[cycle]\nprogram = "offsec"\ncredential = "OSCP+"\nstart = 2025-03-14\ncertified = 2025-03-14\n\n')


def test_offsec_ctf_before_certification_and_missing_evidence() -> None:
    # seed 001: CTF events never; activities before certification never; evidence required
    text = OSCP.replace("start = 2025-03-14", "start = 2025-03-01") + (
        activity("ctf", "2025-04-01", type="ctf", hours=8, evidence="a.pdf")
        + activity("early", "2025-03-05", type="webinar", hours=1, evidence="b.pdf")
        + activity("bare", "2025-04-02", type="webinar", hours=1))
    s = status(text, date(2025, 6, 1))
    assert "not-eligible" in codes(s, "ctf") and s.credit_of("ctf").counted == 0
    assert "before-certification" in codes(s, "early") and s.credit_of("early").counted == 0
    assert "missing-evidence" in codes(s, "bare") and s.credit_of("bare").counted == 1


def test_evidence_not_found_only_when_checked() -> None:
    text = OSCP + activity("w", "2025-04-01", type="webinar", hours=1, evidence="gone.pdf")
    assert "evidence-not-found" not in codes(status(text, date(2025, 6, 1)))
    s = status(text, date(2025, 6, 1), evidence_present={"gone.pdf": False})
    (f,) = [f for f in s.findings if f.code == "evidence-not-found"]
    assert f.activity_id == "w" and f.severity == "warning"


def test_acfe_missing_field_counts_as_general() -> None:
    text = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n\n' + activity(
        "s", "2024-06-01", type="participant", minutes=100)
    s = status(text, date(2024, 12, 1))
    assert "missing-field" in codes(s, "s")
    assert requirement(s, "fraud").counted == 0 and s.total.counted == 2


def test_acfe_carryover_can_be_turned_off() -> None:
    # DECISION: carryover on by default; carryover = false turns it off
    text = ('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\ncarryover = false\n\n'
            + activity("s", "2024-06-01", type="self-study", field="fraud", credits=25))
    assert status(text, date(2025, 4, 30)).carryover_out == 0
    assert status(text.replace("carryover = false\n", ""), date(2025, 4, 30)).carryover_out == 5


def test_iia_japan_non_practicing_retired_and_exempt() -> None:
    base = '[cycle]\nprogram = "iia-japan"\ncredential = "CFSA"\nstart = 2025-01-01\n'
    assert status(base, date(2025, 6, 1)).total.required == 40  # seed 004: practicing
    assert status(base + "practicing = false\n", date(2025, 6, 1)).total.required == 20
    assert status(base + "retired = true\n", date(2025, 6, 1)).state == "complete"
    assert status(base + "certified = 2024-03-01\n", date(2025, 6, 1)).total.required == 0  # exempt


def test_iia_japan_same_course_counts_once() -> None:
    base = '[cycle]\nprogram = "iia-japan"\ncredential = "CCSA"\nstart = 2025-01-01\n\n'
    text = base + activity("a", "2025-02-01", type="education", minutes=100, provider="P") + activity(
        "b", "2025-03-01", type="education", minutes=100, provider="P").replace('title = "b"', 'title = "a"')
    s = status(text, date(2025, 6, 1))
    assert s.credit_of("b").counted == 0 and "duplicate-course" in codes(s, "b")


def test_iia_non_practicing_and_credential() -> None:
    base = '[cycle]\nprogram = "iia"\ncredential = "CRMA"\nstart = 2026-01-01\n'
    assert status(base, date(2026, 6, 1)).total.required == 20
    assert status(base + "practicing = false\n", date(2026, 6, 1)).total.required == 10


def test_isc2_concentration_held_with_cissp_or_alone() -> None:
    base = '[cycle]\nprogram = "isc2"\ncredential = "ISSAP"\nstart = 2024-07-01\n'
    assert status(base, date(2025, 1, 1)).total.required == 20  # member policies; DECISION: 20
    assert status(base + 'held_with = "none"\n', date(2025, 1, 1)).total.required == 140


def test_isc2_associate_yearly_cycle_without_carryover() -> None:
    base = '[cycle]\nprogram = "isc2"\ncredential = "Associate"\nstart = 2024-07-01\n'
    s = status(base, date(2024, 8, 1))
    assert (s.total.required, s.cycle_end) == (15, date(2025, 6, 30))


# ------------------------------------------------------------------------------- version choice


def test_isc2_version_from_the_start_date() -> None:
    assert resolve_version(ledger(CISSP.replace("2024-07-01", "2014-12-01")).cycle) == "isc2-2012"
    assert resolve_version(ledger(CISSP.replace("2024-07-01", "2015-01-01")).cycle) == "isc2-2024"


def test_isc2_december_2014_must_be_pinned() -> None:
    # DECISION: seed 002 is silent on cycles starting 2014-12-02 … 2014-12-31
    text = CISSP.replace("2024-07-01", "2014-12-15")
    with pytest.raises(RulesError) as err:
        status(text, date(2015, 1, 1))
    f = err.value.finding
    assert f.code == "version-undecided" and f.source.line == 4
    assert 'rules = "isc2-2012"' in f.hint and 'rules = "isc2-2015"' in f.hint
    assert status(text + 'rules = "isc2-2015"\n', date(2015, 1, 1)).rules_version == "isc2-2015"


def test_unknown_program_credential_and_version_raise_located_errors() -> None:
    for text, code, line in (
        (CISSP.replace('"isc2"', '"nosuch"'), "unknown-program", 2),
        (CISSP.replace("CISSP", "OSCP"), "unknown-credential", 3),
        (CISSP.strip() + '\nrules = "isc2-2030"\n', "unknown-version", 5),
        (CISSP.replace("CISSP", "JGISP"), "unknown-credential", 3),  # not in the current table
    ):
        with pytest.raises(RulesError) as err:
            status(text, date(2025, 1, 1))
        assert (err.value.finding.code, err.value.finding.source.line) == (code, line)


@pytest.mark.parametrize(("credential", "start", "pin"), [
    ("JGISP", "2024-07-01", 'rules = "isc2-2015"'),  # JGISP exists only in the older versions (seed 002)
    ("CCSP", "2013-07-01", 'rules = "isc2-2024"'),  # the older versions name no CCSP
])
def test_an_unknown_credential_hint_names_the_version_that_has_it(
        credential: str, start: str, pin: str) -> None:
    text = CISSP.replace("CISSP", credential).replace("2024-07-01", start)
    with pytest.raises(RulesError) as err:
        status(text, date(2025, 1, 1))
    assert pin in err.value.finding.hint


def test_a_credential_no_version_knows_is_told_what_the_version_names() -> None:
    with pytest.raises(RulesError) as err:
        status(CISSP.replace("CISSP", "CISA"), date(2025, 1, 1))
    assert "rules =" not in err.value.finding.hint and "CISSP" in err.value.finding.hint


def test_explicit_end_wins() -> None:
    c = ledger(CISSP + "end = 2027-07-15\n").cycle
    assert cycle_end(c, "isc2-2024") == date(2027, 7, 15)
    assert cycle_end(ledger(CISSP).cycle, "isc2-2024") == date(2027, 6, 30)


def test_activity_credit_preview_and_program_info() -> None:
    lg = ledger(CISSP + activity("a", "2024-09-01", type="education", group="A", minutes=90))
    earned, why = activity_credit(lg.cycle, lg.activities[0], "isc2-2024")
    assert earned == 1.5 and "90 min" in why.text and "ISC2 · CPE Credit Quick Guide" in why.citation
    info = program_info("acfe")
    assert "college" in [t.id for t in info.activity_types] and info.field_choices[0] == "fraud"
    assert program_info("isc2").uses_groups


# ------------------------------------------------------------------------------------- states


def test_states_through_a_cycle() -> None:
    text = CISSP + activity("a", "2024-08-01", type="education", group="A", hours=30)
    assert status(text, date(2025, 1, 1)).state == "on-track"
    assert status(text, date(2026, 7, 1)).state == "behind"
    assert status(text, date(2027, 8, 1)).state == "in-grace"  # 90 days after 2027-06-30
    # seed 000: after the grace period suspended for 2 years, then the credential lapses
    assert status(text, date(2027, 9, 29)).state == "suspended"
    assert status(text, date(2029, 9, 28)).state == "suspended"
    assert status(text, date(2029, 9, 29)).state == "lapsed"
    s = status(text, date(2025, 1, 1))
    ids = {k.id: k.date for k in s.key_dates}
    assert ids["cycle-end"] == date(2027, 6, 30) and ids["grace-end"] == date(2027, 9, 28)
    assert ids["lapse"] == date(2029, 9, 29) and ids["evidence-retention"] == date(2028, 6, 30)
    assert ids["next-deadline"] == date(2025, 6, 30)
    assert s.pace is not None and s.pace.remaining == 90


def test_annual_amounts_recommended_now_required_in_2015() -> None:
    now = status(CISSP, date(2025, 1, 1))
    assert requirement(now, "year-1").kind == "recommended"
    pinned = status(CISSP.replace("2024-07-01", "2015-07-01") + 'rules = "isc2-2015"\n', date(2016, 1, 1))
    assert requirement(pinned, "year-1").kind == "required" and requirement(pinned, "year-1").required == 40


def test_rounding_avoids_float_noise() -> None:
    text = OSCP + "".join(activity(f"a{i}", "2025-09-01", type="webinar", credits=0.1, evidence="e")
                          for i in range(3))
    assert status(text, date(2026, 1, 1)).total.counted == 0.3  # not 0.30000000000000004




def test_every_finding_the_rules_make_cites_its_source() -> None:
    # One ledger that trips each activity check: unknown type, dates before / after / in the future,
    # no group, a Group B claim for CC, a quarter step, over the per-activity limit, missing evidence.
    text = CISSP.replace('"CISSP"', '"CC"').replace("2024-07-01", "2025-05-20") + "".join((
        activity("t", "2025-06-01", type="educaton", group="A", hours=1),
        activity("before", "2025-01-01", type="education", group="A", hours=1),
        activity("after", "2028-12-01", type="education", group="A", hours=1),
        activity("future", "2026-01-01", type="education", group="A", hours=1),
        activity("nogroup", "2025-06-02", type="education", hours=1),
        activity("b", "2025-06-03", type="education", group="B", hours=1),
        activity("q", "2025-06-04", type="education", group="A", minutes=100),
        activity("big", "2025-06-05", type="education", group="A", hours=45),
    ))
    s = status(text, date(2025, 12, 1), evidence_present={})
    found = {f.code for f in s.findings}
    assert {"unknown-type", "outside-cycle", "future-date", "missing-group", "group-b-not-allowed",
            "quarter-step", "over-activity-limit"} <= found, found
    assert [(f.code, f.activity_id) for f in s.findings if not f.citation] == []
    assert s.pace is not None and s.pace.explanation.citation


@pytest.mark.parametrize("program", ["acfe", "offsec", "iia-japan"])
def test_the_pace_cites_the_cycle_total_where_the_body_gives_no_advice(program: str) -> None:
    text = {"acfe": '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2026-04-01\n',
            "offsec": '[cycle]\nprogram = "offsec"\ncredential = "OSCP+"\nstart = 2025-03-14\n',
            "iia-japan": '[cycle]\nprogram = "iia-japan"\ncredential = "CCSA"\nstart = 2025-01-01\n'}[program]
    s = status(text, date(2025, 12, 1) if program != "acfe" else date(2026, 6, 1))
    assert s.pace is not None and s.pace.explanation.citation == s.total.explanation.citation != ""


def test_acfe_missed_deadline_is_suspended_and_iia_after_grace_is_lapsed() -> None:
    # ACFE FAQ: deadline missed (no extension) → suspended; IIA: revoked 24 months after the grace began
    cfe = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n'
    assert status(cfe, date(2025, 3, 1)).state in ("on-track", "behind")
    assert status(cfe, date(2025, 6, 1)).state == "suspended"
    cia = '[cycle]\nprogram = "iia"\ncredential = "CIA"\nstart = 2026-01-01\n'
    assert status(cia, date(2027, 6, 1)).state == "in-grace"
    assert status(cia, date(2029, 1, 2)).state == "lapsed"


def test_a_second_quantity_is_reported_as_ignored() -> None:
    # one activity, one measure: hours are what ISC2 education reads first; the minutes count nowhere
    s = status(CISSP + activity("a", "2024-09-01", type="education", group="A", hours=1, minutes=600),
               date(2025, 1, 1))
    assert s.credit_of("a").earned == 1
    (f,) = [f for f in s.findings if f.code == "measure-ignored"]
    assert f.severity == "warning" and "minutes ignored: hours is what counts" in f.message
    assert f.citation and f.source.line == ledger(
        CISSP + activity("a", "2024-09-01", type="education", group="A", hours=1, minutes=600)
    ).activities[0].line_of("minutes")


def test_qualifiers_are_not_second_quantities() -> None:
    # ACFE instructor: minutes taught plus preparation hours are one measure (seed 003)
    cfe = '[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n\n'
    s = status(cfe + activity("i", "2024-09-01", type="instructor", field="fraud", minutes=50,
                              preparation_hours=2), date(2025, 1, 1))
    assert "measure-ignored" not in codes(s)


@pytest.mark.parametrize(("cycle", "kind", "keys", "words"), [
    # ACFE self-study needs a final exam; in-house training must be formal (seed 003)
    ('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n', "self-study",
     {"field": "fraud", "credits": 2}, "passed final exam"),
    ('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n', "in-house",
     {"field": "fraud", "minutes": 100}, "formal training"),
    # ISC2 (older): vendor presentations only if educational (seed 002)
    (CISSP.replace("2024-07-01", "2015-07-01") + 'rules = "isc2-2015"\n', "vendor-presentation",
     {"group": "B", "hours": 1}, "only if educational"),
    # IIA-Japan: CIA Forum study groups only; other exams not with their prep courses (seed 004)
    ('[cycle]\nprogram = "iia-japan"\ncredential = "CCSA"\nstart = 2025-01-01\n', "study-group",
     {"role": "member", "minutes": 100}, "CIA Forum"),
    ('[cycle]\nprogram = "iia-japan"\ncredential = "CCSA"\nstart = 2025-01-01\n', "exam",
     {"exam_parts": "two-part"}, "preparation courses"),
])
def test_conditions_the_ledger_cannot_show_are_said_beside_the_activity(
        cycle: str, kind: str, keys: dict, words: str) -> None:
    start = ledger(cycle).cycle.start
    text = "\n".join(line for line in cycle.splitlines()) + "\n\n" + activity(
        "a", (start + timedelta(days=40)).isoformat(), type=kind, **keys)
    s = status(text, start + timedelta(days=100))
    (f,) = [f for f in s.findings if f.code == "condition"]
    assert f.severity == "info" and f.activity_id == "a" and words in f.message and f.citation
    assert f.source.line == text.splitlines().index("[[activity]]") + 1  # the activity's first line
    assert s.credit_of("a").counted > 0  # a reminder, not a refusal


def test_no_condition_for_plain_education() -> None:
    s = status(CISSP + activity("a", "2024-09-01", type="education", group="A", hours=1), date(2025, 1, 1))
    assert "condition" not in codes(s)


def test_an_acfe_year_starting_mid_month_is_told_to_start_on_the_first() -> None:
    # official FAQ: the 12 months ending with the anniversary month
    s = status('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-15\n', date(2024, 9, 1))
    (f,) = [f for f in s.findings if f.code == "period-start"]
    assert f.severity == "warning" and f.source.line == 4 and "start = 2024-05-01" in f.hint
    whole = status('[cycle]\nprogram = "acfe"\ncredential = "CFE"\nstart = 2024-05-01\n', date(2024, 9, 1))
    assert "period-start" not in codes(whole)
