"""The sample ledgers: each reads cleanly, and together they cover every program and rules version."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from cpetui.ledger.load import discover, read_ledger
from cpetui.model import Ledger

LEDGERS = Path(__file__).resolve().parent.parent / "ledgers"

# The samples' "today": nothing is logged after it.
TODAY = date(2026, 11, 22)

# Each sample, the cycle it keeps and the rules version it is there to exercise
# (pinned in the file, or chosen by the cycle's dates).
SAMPLES: dict[str, tuple[str, str, str]] = {
    "cissp-2024-2027.toml": ("isc2", "CISSP", "isc2-2024"),
    "cissp-2015-2018.toml": ("isc2", "CISSP", "isc2-2015"),
    "cissp-2012-2015.toml": ("isc2", "CISSP", "isc2-2012"),
    "ccsp-2025-2028.toml": ("isc2", "CCSP", "isc2-2024"),
    "cc-2025-2028.toml": ("isc2", "CC", "isc2-2024"),
    "oscp-plus-2025-2028.toml": ("offsec", "OSCP+", "offsec-2024"),
    "cfe-2026-2027.toml": ("acfe", "CFE", "acfe-2024"),
    "ccsa-2025-2026.toml": ("iia-japan", "CCSA", "iia-japan-2010"),
    "cia-2026.toml": ("iia", "CIA", "iia-2023"),
    "cisa-2026-2028.toml": ("isaca", "CISA", "isaca-2026"),
    "security-plus-2025-2028.toml": ("comptia", "Security+", "comptia-2024"),
    "gcih-2025-2029.toml": ("giac", "GCIH", "giac-2026"),
    "pmp-2024-2027.toml": ("pmi", "PMP", "pmi-2026"),
    "ceh-2025-2028.toml": ("eccouncil", "CEH", "eccouncil-2026"),
    "riss-2024-2027.toml": ("ipa-riss", "RISS", "ipa-riss-2024"),
    # A company's own scheme, defined by the program file in ledgers/programs/ (a user's program).
    "company-training-2026.toml": ("company-training", "ECSP", "company-2026"),
}

# Warnings the samples carry on purpose: (file, code, activity id).
DELIBERATE_WARNINGS = {("oscp-plus-2025-2028.toml", "unknown-key", "2025-06-28-sans-sec504")}

# Evidence the samples name without the file being there, to show the finding.
DELIBERATELY_MISSING = {"evidence/cissp/2026-11-12-owasp-tokyo-certificate.pdf"}

_CYCLE_YEARS = {"isc2": 3, "offsec": 3, "acfe": 1, "iia": 1, "iia-japan": 2, "company-training": 1,
                "isaca": 3, "comptia": 3, "giac": 4, "pmi": 3, "eccouncil": 3, "ipa-riss": 3}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def read(name: str) -> Ledger:
    return read_ledger(LEDGERS / name)


def cycle_end(ledger: Ledger) -> date:
    assert ledger.cycle is not None
    if ledger.cycle.end is not None:
        return ledger.cycle.end
    years = _CYCLE_YEARS[ledger.cycle.program]
    return ledger.cycle.start + relativedelta(years=years, days=-1)


def local_evidence(ledger: Ledger) -> list[str]:
    return [e for a in ledger.activities for e in a.evidence if "://" not in e]


def test_the_folder_holds_exactly_the_listed_samples() -> None:
    files, problems = discover([LEDGERS])
    assert problems == []
    assert sorted(Path(f).name for f in files) == sorted(SAMPLES)


def test_the_samples_cover_every_program_and_rules_version() -> None:
    from cpetui.ledger.programs import use_programs
    from cpetui.rules.registry import PROGRAMS

    use_programs([str(LEDGERS)])  # the shipped programs and the user's own beside the samples
    # Whatever the rules support, a sample must show: a new program or rules version needs one.
    supported = {(program_id, version.id) for program_id, program in PROGRAMS.items()
                 for version in program.versions}
    assert supported, "the rules registry lists no programs"
    covered = {(program, version) for program, _, version in SAMPLES.values()}
    assert sorted(supported - covered) == []
    assert sorted(covered - supported) == []  # no sample claims a version the rules do not have


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_reads_without_errors(name: str) -> None:
    ledger = read(name)
    assert [p for p in ledger.problems if p.severity == "error"] == []
    warnings = {(name, p.code, p.activity_id) for p in ledger.problems if p.severity != "error"}
    assert warnings == {w for w in DELIBERATE_WARNINGS if w[0] == name}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_keeps_the_cycle_it_is_named_for(name: str) -> None:
    ledger = read(name)
    assert ledger.cycle is not None
    program, credential, version = SAMPLES[name]
    assert (ledger.cycle.program, ledger.cycle.credential) == (program, credential)
    if ledger.cycle.rules is not None:
        assert ledger.cycle.rules == version
    years = name.removesuffix(".toml").split("-")[-2:]
    span = {str(ledger.cycle.start.year), str(cycle_end(ledger).year)}
    assert set(y for y in years if y.isdigit()) == span


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_activity_falls_in_its_cycle_and_before_the_samples_today(name: str) -> None:
    ledger = read(name)
    # A program counting courses completed keeps a short ledger: four courses in three years.
    least = 4 if ledger.cycle is not None and ledger.cycle.program == "ipa-riss" else 6
    assert ledger.cycle is not None and len(ledger.activities) >= least
    end = min(cycle_end(ledger), TODAY)
    outside = [a.id for a in ledger.activities if not ledger.cycle.start <= a.date <= end]
    assert outside == []
    late = [a.id for a in ledger.activities if a.submitted and not a.date <= a.submitted <= TODAY]
    assert late == []


def test_the_current_cissp_ledger_is_a_full_realistic_one() -> None:
    ledger = read("cissp-2024-2027.toml")
    assert len(ledger.activities) >= 18
    types = {a.type for a in ledger.activities}
    assert {"education", "contribution", "professional-development", "unique-work-experience"} <= types
    assert {a.group for a in ledger.activities} == {"A", "B"}
    assert any(a.auto_submitted for a in ledger.activities)
    assert all(a.measure.hours is None or float(a.measure.hours * 4).is_integer() for a in ledger.activities)


def test_the_older_isc2_cycles_use_the_fixed_value_types_of_their_time() -> None:
    older = {a.type for n in ("cissp-2012-2015.toml", "cissp-2015-2018.toml") for a in read(n).activities}
    assert {"preparing-training", "reading-book", "reading-magazine", "publishing-article"} <= older
    assert read("cissp-2012-2015.toml").cycle.start <= date(2014, 12, 1)  # type: ignore[union-attr]


def test_the_offsec_ledger_shows_a_ctf_that_will_not_count() -> None:
    text = (LEDGERS / "oscp-plus-2025-2028.toml").read_text(encoding="utf-8")
    ctf = [a for a in read("oscp-plus-2025-2028.toml").activities if a.type == "ctf"]
    assert len(ctf) == 1
    above = text.splitlines()[ctf[0].source.line - 3 : ctf[0].source.line - 1]
    assert any("never eligible" in line for line in above)


def test_the_cfe_ledger_uses_every_field_and_the_special_measures() -> None:
    ledger = read("cfe-2026-2027.toml")
    assert {a.field for a in ledger.activities} == {"fraud", "ethics", "general"}
    college = next(a for a in ledger.activities if a.type == "college")
    assert (college.measure.periods, college.measure.period_minutes) == (14, 100)  # seed 003: 23 CPE
    teaching = [a for a in ledger.activities if a.type == "instructor"]
    assert any(a.measure.preparation_hours for a in teaching) and any(a.measure.repeat for a in teaching)
    assert "self-study" in {a.type for a in ledger.activities}


def test_the_ccsa_ledger_is_japanese_and_spans_all_six_categories() -> None:
    ledger = read("ccsa-2025-2026.toml")
    assert ledger.cycle is not None and ledger.cycle.option("practicing") is True
    assert (ledger.cycle.start, ledger.cycle.end) == (date(2025, 1, 1), date(2026, 12, 31))  # 2 years
    types = {a.type for a in ledger.activities}
    assert {"education", "correspondence", "writing-article", "event", "speaking", "exam",
            "membership"} <= types
    assert any(a.measure.venue == "iia-japan" for a in ledger.activities)
    assert all(_JAPANESE.search(a.title) for a in ledger.activities)
    assert any(a.provider == "一般社団法人日本内部監査協会" for a in ledger.activities)


def test_the_cia_ledger_is_a_calendar_year_with_ethics_hours() -> None:
    ledger = read("cia-2026.toml")
    assert ledger.cycle is not None
    assert (ledger.cycle.start, ledger.cycle.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert any(a.field == "ethics" for a in ledger.activities)


def test_japanese_titles_or_notes_appear_beyond_the_ccsa_ledger() -> None:
    with_japanese = {
        name for name in SAMPLES
        if any(_JAPANESE.search((a.title or "") + (a.notes or "")) for a in read(name).activities)
    }
    assert len(with_japanese - {"ccsa-2025-2026.toml"}) >= 4


def test_an_activity_copied_into_several_ledgers_keeps_its_id_date_and_title() -> None:
    seen: dict[str, tuple[str, date, str]] = {}
    shared = 0
    for name in SAMPLES:
        for a in read(name).activities:
            if a.id in seen:
                shared += 1
                assert seen[a.id][1:] == (a.date, a.title), (seen[a.id][0], name, a.id)
            else:
                seen[a.id] = (name, a.date, a.title)
    assert shared >= 5


def test_evidence_files_exist_except_the_one_deliberately_missing() -> None:
    named = {e for name in SAMPLES for e in local_evidence(read(name))}
    missing = {e for e in named if not (LEDGERS / e).is_file()}
    assert missing == DELIBERATELY_MISSING
    assert all(not Path(e).is_absolute() and ".." not in Path(e).parts for e in named)
    text = (LEDGERS / "cissp-2024-2027.toml").read_text(encoding="utf-8")
    assert "# Deliberately missing" in text


def test_every_evidence_file_on_disk_is_named_by_a_ledger() -> None:
    named = {e for name in SAMPLES for e in local_evidence(read(name))}
    on_disk = {p.relative_to(LEDGERS).as_posix() for p in (LEDGERS / "evidence").rglob("*") if p.is_file()}
    assert on_disk <= named


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_is_lf_text_ending_in_a_newline(name: str) -> None:
    data = (LEDGERS / name).read_bytes()
    assert b"\r" not in data and data.endswith(b"\n") and not data.startswith(b"\xef\xbb\xbf")


def test_the_readme_explains_every_sample() -> None:
    readme = (LEDGERS / "README.md").read_text(encoding="utf-8")
    assert [n for n in SAMPLES if n not in readme] == []


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_rules_pick_the_version_each_sample_is_there_for(name: str) -> None:
    from cpetui import status

    program, _, version = SAMPLES[name]
    result = status.evaluate(read(name), as_of=TODAY)
    assert (result.program, result.rules_version) == (program, version)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_check_reports_the_findings_the_status_shows(name: str) -> None:
    # `cpetui check` makes each ledger's findings without its figures: the same findings, in order.
    from cpetui.ledger.evidence import evidence_present
    from cpetui.status import evaluate, findings

    ledger = read(name)
    present = evidence_present(ledger)
    assert findings(ledger, TODAY, evidence_present=present) == \
        evaluate(ledger, TODAY, evidence_present=present).findings
