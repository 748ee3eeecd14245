"""Credit computers: read an activity's measure, apply the arithmetic, and say what was done in words."""

from __future__ import annotations

from cpetui.i18n import _
from cpetui.model import Measure
from cpetui.rules.arithmetic import (
    college_periods,
    correspondence_credit,
    fifty_minute_units,
    floor_clean,
    instructor_credit,
    is_quarter,
    num,
    quarter_floor,
    r2,
    session_units,
    split,
    talk_credit,
)
from cpetui.rules.spec import Computer, Credit, Note, Version


def no_measure(keys: tuple[str, ...]) -> Credit:
    """The activity states none of the measures its type reads: it earns nothing, and says which to add."""
    return Credit(
        0.0,
        _("no measure this activity type reads ({keys}): 0 CPE").format(keys=", ".join(keys)),
        (
            Note(
                "error",
                "measure-missing",
                _("this activity type reads {keys}; the activity states none of them").format(
                    keys=", ".join(keys)
                ),
                hint=_("add {key} = … to the activity").format(key=keys[0]),
                excludes=True,
            ),
        ),
    )


def _stated(m: Measure) -> Credit:
    assert m.credits is not None
    return Credit(r2(m.credits), _("{credits} CPE as stated").format(credits=num(m.credits)))


def _time_in_hours(m: Measure) -> tuple[float, str] | None:
    """Hours from hours, minutes or sessions, with the words for how they were read."""
    if m.hours is not None:
        return m.hours, _("{hours} h").format(hours=num(m.hours))
    if m.minutes is not None:
        return m.minutes / 60, _("{minutes} min = {hours} h").format(
            minutes=m.minutes, hours=num(m.minutes / 60)
        )
    if m.sessions is not None:
        total = sum(m.sessions)
        return total / 60, _("sessions {parts} = {minutes} min = {hours} h").format(
            parts=" + ".join(str(s) for s in m.sessions), minutes=total, hours=num(total / 60)
        )
    return None


def hourly(m: Measure, v: Version) -> Credit:
    """1 CPE per hour (or the credits stated), in the version's steps and per-activity limit."""
    notes: list[Note] = []
    if m.credits is not None:
        amount, words = m.credits, _("{credits} CPE as stated").format(credits=num(m.credits))
        key = "credits"
    else:
        got = _time_in_hours(m)
        if got is None:
            return no_measure(("hours", "minutes", "credits"))
        amount, read = got
        words = _("{time} × 1 CPE per hour").format(time=read)
        key = "hours" if m.hours is not None else ("minutes" if m.minutes is not None else "sessions")
    if v.quarter_steps and not is_quarter(amount):
        floored = quarter_floor(amount)
        notes.append(
            Note(
                "warning",
                "quarter-step",
                _("{amount} is not a quarter-hour step; {floored} is claimed").format(
                    amount=num(amount), floored=num(floored)
                ),
                hint=_("claim in steps of 0.25 (0.25, 0.5, 0.75 …)"),
                key=key,
            )
        )
        words += _(", down to the 0.25 step")
        amount = floored
    if v.per_activity_max is not None and amount > v.per_activity_max:
        notes.append(
            Note(
                "warning",
                "over-activity-limit",
                _("{amount} CPE claimed for one activity; at most {limit} count").format(
                    amount=num(amount), limit=num(v.per_activity_max)
                ),
                hint=_("split a long programme into its separate activities, or claim {limit}").format(
                    limit=num(v.per_activity_max)
                ),
                key=key,
            )
        )
        words += _(", limited to {limit} per activity").format(limit=num(v.per_activity_max))
        amount = v.per_activity_max
    return Credit(r2(amount), _("{words} = {credits} CPE").format(words=words, credits=num(amount)),
                  tuple(notes))


def hourly_at_least(minimum: float) -> Computer:
    """1 CPE per hour, and at least `minimum` whatever the length (an ISACA chapter meeting)."""

    def compute(m: Measure, v: Version) -> Credit:
        credit = hourly(m, v)
        if credit.earned >= minimum or any(n.excludes for n in credit.notes):
            return credit
        return Credit(float(minimum), _("{words}; at least {minimum} CPE whatever the length").format(
            words=credit.text, minimum=num(minimum)), credit.notes)

    return compute


def fifty_minutes(m: Measure, v: Version) -> Credit:
    """1 CPE per full 50 minutes; short sessions of one course summed first; stated credits as given."""
    if m.credits is not None:
        return _stated(m)
    if m.sessions is not None:
        credits, short, long_units = session_units(m.sessions)
        parts = " + ".join(str(s) for s in m.sessions)
        if short and long_units:
            text = _("sessions {parts} min: {long} CPE from sessions of 50 min or more, short ones "
                     "summed to {short} min ÷ 50, floored = {credits} CPE")
        elif short:
            text = _("sessions {parts} min, summed to {short} min ÷ 50, floored = {credits} CPE")
        else:
            text = _("sessions {parts} min, each ÷ 50, floored = {credits} CPE")
        return Credit(float(credits), text.format(parts=parts, short=short, long=long_units,
                                                  credits=credits))
    if m.minutes is not None:
        credits = fifty_minute_units(m.minutes)
        return Credit(float(credits), _("{minutes} min ÷ 50, floored = {credits} CPE").format(
            minutes=m.minutes, credits=credits))
    if m.hours is not None:
        minutes = m.hours * 60
        credits = fifty_minute_units(minutes)
        return Credit(float(credits), _("{hours} h = {minutes} min ÷ 50, floored = {credits} CPE").format(
            hours=num(m.hours), minutes=num(minutes), credits=credits))
    return no_measure(("minutes", "sessions", "hours", "credits"))


def lecture_minutes(m: Measure, v: Version) -> Credit:
    """E-learning: lecture minutes ÷ 50, floored — never the length of enrolment (IIA-Japan)."""
    credit = fifty_minutes(m, v)
    if m.months is not None and credit.earned:
        return Credit(credit.earned, credit.text + _(" (lecture time counts, not the {months} months "
                                                     "enrolled)").format(months=m.months), credit.notes)
    return credit


def college(m: Measure, v: Version) -> Credit:
    """ACFE college credit: semester hours × 15, CEUs × 15, or class periods."""
    if m.semester_hours is not None:
        credits = r2(m.semester_hours * 15)
        return Credit(credits, _("{n} semester hours × 15 = {credits} CPE").format(
            n=num(m.semester_hours), credits=num(credits)))
    if m.ceus is not None:
        credits = r2(m.ceus * 15)
        return Credit(credits, _("{n} CEU × 15 = {credits} CPE").format(n=num(m.ceus), credits=num(credits)))
    if m.periods is not None and m.period_minutes is not None:
        credits, us_style = college_periods(m.periods, m.period_minutes)
        if us_style:
            text = _("{n} × {minutes} min, 1 CPE per 50–60-minute period = {credits} CPE")
        else:
            text = _("{n} × {minutes} min, 60-minute periods floored = {credits} CPE")
        return Credit(float(credits), text.format(n=m.periods, minutes=m.period_minutes, credits=credits))
    if m.credits is not None:
        return _stated(m)
    if m.periods is not None:
        return no_measure(("period_minutes",))
    return no_measure(("semester_hours", "ceus", "periods", "credits"))


def acfe_instructor(m: Measure, v: Version) -> Credit:
    """ACFE instructor: minutes taught ÷ 50 plus preparation ≤ 2 h per CPE taught, first delivery only."""
    if m.credits is not None and m.minutes is None and m.sessions is None and m.hours is None:
        return _stated(m)
    if m.minutes is not None:
        minutes: float = m.minutes
    elif m.sessions is not None:
        minutes = sum(m.sessions)
    elif m.hours is not None:
        minutes = m.hours * 60
    else:
        return no_measure(("minutes", "preparation_hours"))
    prep = m.preparation_hours or 0.0
    taught, prepared = instructor_credit(minutes, prep, bool(m.repeat))
    total = taught + prepared
    if m.repeat:
        text = _("{minutes} min taught ÷ 50, floored = {taught}; a repeated delivery earns no "
                 "preparation = {total} CPE")
    elif prep > 2 * taught:
        text = _("{minutes} min taught ÷ 50, floored = {taught}; preparation {prep} h, at most 2 h per "
                 "CPE taught = {prepared}; = {total} CPE")
    else:
        text = _("{minutes} min taught ÷ 50, floored = {taught}; preparation {prep} h, floored = "
                 "{prepared}; = {total} CPE")
    return Credit(float(total), text.format(minutes=num(minutes), taught=taught, prep=num(prep),
                                            prepared=prepared, total=total))


def hours_floored(m: Measure, v: Version) -> Credit:
    """1 CPE per full hour (ACFE author)."""
    if m.hours is not None:
        credits = floor_clean(m.hours)
        return Credit(float(credits), _("{hours} h, 1 CPE per full hour = {credits} CPE").format(
            hours=num(m.hours), credits=credits))
    if m.minutes is not None:
        credits = floor_clean(m.minutes / 60)
        return Credit(float(credits), _("{minutes} min, 1 CPE per full hour = {credits} CPE").format(
            minutes=m.minutes, credits=credits))
    if m.credits is not None:
        return _stated(m)
    return no_measure(("hours", "credits"))


def stated(m: Measure, v: Version) -> Credit:
    """The credits a certificate or provider states, one for one."""
    if m.credits is not None:
        return _stated(m)
    return no_measure(("credits",))


def stated_or_hourly(m: Measure, v: Version) -> Credit:
    """The credits stated, else 1 per hour of standard study time."""
    if m.credits is not None:
        return _stated(m)
    return hourly(m, v)


def _repeat_note() -> Note:
    return Note("info", "repeat-earns-nothing", _("counted only the first time: this repeat earns 0 CPE"),
                hint=_("keep it for your own record, or remove repeat = true if it was the first time"),
                key="repeat")


def fixed(amount: float, first_time_only: bool = False) -> Computer:
    """A fixed value per activity (an article 10, a book 40 …); a repeat earns 0 when first time only."""

    def compute(m: Measure, v: Version) -> Credit:
        if first_time_only and m.repeat:
            return Credit(0.0, _("fixed {amount} CPE for the first time only; a repeat earns 0").format(
                amount=num(amount)), (_repeat_note(),))
        if m.credits is not None and m.credits < amount:
            return Credit(r2(m.credits), _("{credits} CPE as stated (the rule allows up to {amount})").format(
                credits=num(m.credits), amount=num(amount)))
        return Credit(float(amount), _("fixed {amount} CPE").format(amount=num(amount)))

    return compute


def per_hour_prepared(factor: float) -> Computer:
    """ISC2 (older): preparing training material, `factor` CPE per hour of training, first time only."""

    def compute(m: Measure, v: Version) -> Credit:
        if m.hours is None:
            if m.credits is not None:
                return _stated(m)
            return no_measure(("hours",))
        if m.repeat:
            return Credit(0.0, _("material for {hours} h of training prepared again: first time only "
                                 "= 0 CPE").format(hours=num(m.hours)), (_repeat_note(),))
        credits = r2(m.hours * factor)
        return Credit(credits, _("{hours} h of training prepared × {factor} = {credits} CPE").format(
            hours=num(m.hours), factor=num(factor), credits=num(credits)))

    return compute


def capped_stated(limit: float) -> Computer:
    """Credits stated by the body, at most `limit` (ISC2 board service: up to 40 a year)."""

    def compute(m: Measure, v: Version) -> Credit:
        if m.credits is None:
            return hourly(m, v)
        if m.credits > limit:
            return Credit(float(limit), _("{credits} CPE stated, at most {limit} = {limit} CPE").format(
                credits=num(m.credits), limit=num(limit)))
        return _stated(m)

    return compute


def correspondence(m: Measure, v: Version) -> Credit:
    """IIA-Japan correspondence course: credits by its standard length in months."""
    if m.credits is not None:
        return _stated(m)
    if m.months is None:
        return no_measure(("months", "credits"))
    credits = correspondence_credit(m.months)
    if credits is None:
        return Credit(0.0, _("a course under 1 month has no figure in the guideline: 0 CPE"), (
            Note("error", "measure-not-covered",
                 _("the guideline gives no credits for a correspondence course of {months} months").format(
                     months=m.months),
                 hint=_("state the credits the provider gives: credits = …"), excludes=True, key="months"),))
    return Credit(float(credits), _("correspondence course of {months} months = {credits} CPE").format(
        months=m.months, credits=credits))


def study_group(m: Measure, v: Version) -> Credit:
    """CIA Forum study group: output 20 (chair) / 10 (member); attendance 2 / 1 per 50 minutes."""
    role = (m.role or "member").strip().lower()
    per = 2 if role == "chair" else 1
    timed = m.minutes is not None or m.sessions is not None or m.hours is not None
    if timed:
        units = fifty_minutes(Measure(minutes=m.minutes, sessions=m.sessions, hours=m.hours), v)
        credits = units.earned * per
        return Credit(credits, _("attendance as {role}: {units} × {per} = {credits} CPE").format(
            role=role, units=units.text, per=per, credits=num(credits)))
    if m.role is not None:
        credits = 20 if role == "chair" else 10
        return Credit(float(credits), _("study-group output as {role} = {credits} CPE").format(
            role=role, credits=credits))
    if m.credits is not None:
        return _stated(m)
    return no_measure(("role", "minutes", "credits"))


def co_authored(amount: float) -> Computer:
    """IIA-Japan writing: a fixed amount per work, split among its authors."""

    def compute(m: Measure, v: Version) -> Credit:
        authors = m.authors or 1
        credits = split(amount, authors)
        if authors > 1:
            return Credit(credits, _("{amount} CPE shared by {authors} authors = {credits} CPE").format(
                amount=num(amount), authors=authors, credits=num(credits)))
        return Credit(credits, _("fixed {amount} CPE").format(amount=num(amount)))

    return compute


def talk(m: Measure, v: Version) -> Credit:
    """IIA-Japan speaking: new talk × 4, repeat × 1, doubled at IIA-Japan training or conventions."""
    got = _time_in_hours(m)
    if got is None:
        if m.credits is not None:
            return _stated(m)
        return no_measure(("hours",))
    hours, read = got
    at_iia = (m.venue or "").strip().lower() == "iia-japan"
    credits = talk_credit(hours, bool(m.repeat), at_iia)
    if m.repeat:
        words = _("repeated talk of {time} × 1").format(time=read)
    else:
        words = _("new talk of {time} × 4 (talk + 3 × preparation)").format(time=read)
    if at_iia:
        words += _(", doubled at an IIA-Japan event")
    return Credit(credits, _("{words} = {credits} CPE").format(words=words, credits=num(credits)))


EXAM_PARTS = {"all": 40, "two-part": 20, "one-part": 10}


def exam(m: Measure, v: Version) -> Credit:
    """IIA-Japan other exams: all parts 40, a two-part qualification 20, one part 10."""
    parts = (m.exam_parts or "").strip().lower()
    if parts in EXAM_PARTS:
        return Credit(float(EXAM_PARTS[parts]), _("exam passed ({parts}) = {credits} CPE").format(
            parts=parts, credits=EXAM_PARTS[parts]))
    if m.credits is not None:
        return _stated(m)
    if m.exam_parts is not None:
        return Credit(0.0, _("exam_parts must be all, two-part or one-part: 0 CPE"), (
            Note("error", "bad-value", _("exam_parts must be \"all\", \"two-part\" or \"one-part\""),
                 hint=_('write exam_parts = "two-part" for an exam like CISA'), excludes=True,
                 key="exam_parts"),))
    return no_measure(("exam_parts",))


def renewal(m: Measure, v: Version) -> Credit:
    """An activity that renews the credential by other means: no CPE of its own."""
    return Credit(0.0, _("renews the certification by other means: no CPE of its own"))


def completion(m: Measure, v: Version) -> Credit:
    """A course completed: it counts once toward the requirements that count completions, whatever its
    length (a length stated stays a detail of the record)."""
    return Credit(1.0, _("one course completed, whatever its length"))


def never(m: Measure, v: Version) -> Credit:
    if v.unit == "completions":
        return Credit(0.0, _("not one of the required courses: counts toward none of them"))
    return Credit(0.0, _("not eligible: 0 CPE"))

