"""`cpetui calendar -o FILE.ics`: every key date of every ledger as an all-day event with reminders."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cpetui.cli.args import date_arg, error
from cpetui.cli.ledgers import CONFIG_ERROR, find_ledgers
from cpetui.cli.status import assess
from cpetui.i18n import _, format_date
from cpetui.ledger.report import format_problem
from cpetui.model import KeyDate, Status
from cpetui.text import printable

REMIND = (90, 30, 7)  # days before each date, unless --remind says otherwise


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help=_("ledger files or folders (default: see cpetui where)"))
    parser.add_argument("-o", "--output", metavar="FILE.ics", required=True,
                        help=_("the iCalendar file to write ('-' for standard output)"))
    parser.add_argument("--remind", type=_days_list, default=REMIND, metavar="DAYS,…",
                        help=_("reminders this many days before each date (default: 90,30,7; "
                               "'none' for no reminders)"))
    parser.add_argument("--as-of", type=date_arg, default=None,
                        help=_("the date to compute the standing for (default: today)"))


def _days_list(text: str) -> tuple[int, ...]:
    if text.strip().lower() in ("none", "0", ""):
        return ()
    try:
        days = tuple(sorted({int(part) for part in text.split(",") if part.strip()}, reverse=True))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a list of days; write e.g. 60,14").format(value=text)) from None
    if any(d < 0 for d in days):
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a list of days; write e.g. 60,14").format(value=text))
    return days


def uid(status: Status, key: KeyDate) -> str:
    """Stable across runs and machines: the ledger's file name, credential and the date's id. A cycle
    whose dates move keeps its UIDs, so a calendar that imports the file again updates the events."""
    name = os.path.basename(status.path)
    digest = hashlib.sha256(f"{name}\0{status.credential}\0{key.id}".encode()).hexdigest()[:24]
    return f"{digest}@cpetui"


def event(status: Status, key: KeyDate, remind: tuple[int, ...], stamp: datetime) -> Any:
    from icalendar import Alarm, Event

    ev = Event()
    ev.add("uid", uid(status, key))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", key.date)
    ev.add("dtend", key.date + timedelta(days=1))  # all day: the end is exclusive
    ev.add("summary", f"{printable(status.credential)}: {printable(key.label)}")
    lines = [
        printable(key.label),
        _("{credential} cycle {start} – {end} ({file}).").format(
            credential=printable(status.credential), start=format_date(status.cycle_start),
            end=format_date(status.cycle_end), file=printable(os.path.basename(status.path))),
    ]
    if key.explanation.text:
        lines.append(printable(key.explanation.text))
    if key.explanation.citation:
        lines.append(_("Source: {citation}").format(citation=printable(key.explanation.citation)))
    urls = _addresses(key)
    lines += urls
    ev.add("description", "\n".join(lines))
    if urls:
        ev.add("url", urls[0])
    # A program counting courses completed (IPA's registered specialists) has no CPE to file them under.
    ev.add("categories", [_("Courses") if status.unit == "completions" else "CPE",
                          printable(status.credential)])
    ev.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not make the day busy
    for days in remind:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("{credential}: {what} in {days} days").format(
            credential=printable(status.credential), what=printable(key.label), days=days))
        alarm.add("trigger", timedelta(days=-days))
        ev.add_component(alarm)
    return ev


def _addresses(key: KeyDate) -> list[str]:
    """Where the date's sources can be read, once each."""
    from cpetui.rules.sources import entries

    found = [e.url for e in entries(key.explanation.cite) if e.url]
    return list(dict.fromkeys(printable(u) for u in found))


def calendar(statuses: list[Status], remind: tuple[int, ...], as_of: date) -> bytes:
    """The iCalendar file (RFC 5545) for `statuses`: one all-day event per key date."""
    from icalendar import Calendar

    from cpetui.cli import version_line

    cal = Calendar()
    cal.add("prodid", f"-//cpetui//{version_line()}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("CPE key dates"))
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)  # the file depends on as_of only
    for status in sorted(statuses, key=lambda s: (s.credential, s.cycle_start, s.path)):
        for key in status.key_dates:
            cal.add_component(event(status, key, remind, stamp))
    return bytes(cal.to_ical())


def run(args: argparse.Namespace) -> int:
    try:
        import icalendar  # noqa: F401
    except ImportError:
        error(_("cpetui calendar needs the icalendar package: pip install icalendar"))
        return 1
    found = find_ledgers(args.paths)
    if found is None:
        return CONFIG_ERROR
    as_of = args.as_of or date.today()
    statuses: list[Status] = []
    failed = bool(found.missing)
    for problem in found.missing:
        print(format_problem(problem), file=sys.stderr)
    for path in found.files:
        _ledger, status, problems = assess(path, as_of)
        if status is None:
            failed = True
            for problem in problems:
                print(format_problem(problem), file=sys.stderr)
        else:
            statuses.append(status)
    data = calendar(statuses, args.remind, as_of)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from cpetui.cli.export import write_output

        try:
            write_output(args.output, data, found.files[0] if found.files else "")
        except (OSError, ValueError) as exc:
            error(_("--output: {reason}").format(
                reason=exc.strerror if isinstance(exc, OSError) and exc.strerror else exc))
            return 1
        events = sum(len(s.key_dates) for s in statuses)
        print(_("wrote {file}: {events} dates of {ledgers} ledgers").format(
            file=args.output, events=events, ledgers=len(statuses)), file=sys.stderr)
    return 1 if failed else 0
