"""OffSec as data: 120 CPE per 3-year cycle for the + certifications (facts sheet §2, seed 001)."""

from __future__ import annotations

from types import MappingProxyType

from cpetui.model import Cycle
from cpetui.rules import computers as c
from cpetui.rules.spec import N_, ActivityType, Program, Quota, Version

SEED = N_("OffSec CPE handbook and Q&A (seed 001)")
PER_HOUR = N_("seed 001; DECISION: 1 CPE per hour unless the credits are given")
TIMED = ("hours", "minutes", "credits")

TYPES = MappingProxyType({t.id: t for t in (
    ActivityType("courses-seminars", N_("Courses and seminars"), "courses-seminars", TIMED,
                 c.stated_or_hourly, N_("the credits given, else 1 CPE per hour; conferences in Japan "
                                        "count here"), PER_HOUR),
    ActivityType("public-speaking", N_("Public speaking"), "public-speaking", TIMED, c.stated_or_hourly,
                 N_("the credits given, else 1 CPE per hour"), PER_HOUR),
    ActivityType("white-paper", N_("Published white paper"), "white-paper", TIMED, c.stated_or_hourly,
                 N_("the credits given, else 1 CPE per hour"), PER_HOUR),
    ActivityType("lab-submission", N_("OffSec lab submission"), "lab-submission", TIMED, c.stated_or_hourly,
                 N_("the credits given, else 1 CPE per hour"), PER_HOUR),
    ActivityType("webinar", N_("Cybersecurity webinar"), "webinar", TIMED, c.stated_or_hourly,
                 N_("1 CPE per hour with proof of attendance (ISC2 webinars too)"),
                 N_("seed 001, Q&A 2025-09")),
    ActivityType("ctf", N_("CTF event (not eligible)"), "ctf", TIMED, c.never,
                 N_("CTF events never earn CPE"), N_("seed 001, Q&A 2025-09"), eligible=False,
                 ineligible_reason=N_("CTF events are not eligible for OffSec CPE")),
)})

CREDENTIALS = ("OSCP+", "OSAI+", "OSCC-SEC", "OSCC-SJD", "OSTH", "OSIR")


def quota(cycle: Cycle) -> Quota:
    return Quota(120, N_("120 CPE per 3-year cycle, plus the AMF or a subscription each year (seed 001)"),
                 carryover_cap=0)


V2024 = Version(
    id="offsec-2024", program="offsec", label=N_("OffSec CPE program for + certifications"),
    citation=SEED, applies_from=None, applies_to=None, default=True, cycle_months=36,
    cycle_anchor="start", types=TYPES, default_type="courses-seminars", quota=quota,
    yearly_deadline=N_("AMF (US$145) or an active subscription due"),
    yearly_citation=N_("AMF US$145 a year, one fee for all eligible certifications (seed 001)"),
    before_certification_ineligible=True, evidence="required",
    evidence_citation=N_("evidence is required for every external submission (seed 001)"),
    carryover_citation=N_("no carryover in the sources (seed 001)"),
)

PROGRAM = Program(id="offsec", label="OffSec", credentials=CREDENTIALS, versions=(V2024,), citation=SEED)
