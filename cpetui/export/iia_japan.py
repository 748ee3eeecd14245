"""The IIA-Japan CPE report layout (the guideline's III.3): per category content, date, organiser, CPE."""

from __future__ import annotations

import os

from cpetui.export.cells import md
from cpetui.export.markdown import sorted_activities
from cpetui.i18n import N_, _, format_credits, format_date, pgettext
from cpetui.model import Activity, Ledger, Status

# The guideline's six categories (II.1) and the activity types that fall in each.
CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("I", N_("Category I: education and training"),
     ("education", "e-learning", "correspondence", "study-group", "jicpa")),
    ("II", N_("Category II: writing"), ("writing-book", "writing-article")),
    ("III", N_("Category III: IIA-Japan events"), ("event",)),
    ("IV", N_("Category IV: speaking"), ("speaking",)),
    ("V", N_("Category V: other examinations passed"), ("exam",)),
    ("VI", N_("Category VI: IIA-Japan individual membership"), ("membership",)),
)
_BY_TYPE = {t: code for code, _label, types in CATEGORIES for t in types}

# The guideline's report asks for the organiser's address and phone (activity keys of their own).
ADDRESS_KEY = "organizer_address"
PHONE_KEY = "organizer_phone"


def _report_form() -> str:
    """Where the guideline says what the report lists (the layout below follows it)."""
    from cpetui.rules.registry import PROGRAMS
    from cpetui.rules.sources import words

    program = PROGRAMS.get("iia-japan")
    return words((program.report_citations or {}).get("iia-japan") if program else None)


def category_of(activity: Activity, status: Status) -> str:
    """The activity's category: the rules' own bucket when it is one of I–VI, else from its type."""
    credit = status.credit_of(activity.id)
    if credit and credit.category in _BY_TYPE.values():
        return credit.category
    return _BY_TYPE.get(activity.type or "", "")


def _extra(activity: Activity, key: str) -> str:
    value = getattr(activity, key, None)
    return str(value) if value is not None else ""


def report(ledger: Ledger, status: Status) -> str:
    """The report as Markdown, one table per category in the guideline's order, with subtotals."""
    out = [
        "# " + md(_("CPE report: {credential}").format(credential=status.credential)),
        "",
        "- " + _("Ledger: {name}").format(name=md(os.path.basename(ledger.path))),
        "- " + _("Reporting period: {start} to {end}").format(
            start=format_date(status.cycle_start), end=format_date(status.cycle_end)),
        "- " + _("Total counted: {counted} of {required} required").format(
            counted=format_credits(status.total.counted),
            required=format_credits(status.total.required)),
        "- " + _("Form: {citation}").format(citation=md(_report_form())),
        "",
    ]
    grouped: dict[str, list[Activity]] = {}
    for a in sorted_activities(ledger):
        grouped.setdefault(category_of(a, status), []).append(a)
    for code, label, _types in CATEGORIES:
        out += _category(_(label), grouped.get(code, []), status)
    if grouped.get(""):
        out += _category(_("Not in a category of the guideline (not reported)"), grouped[""], status)
    return "\n".join(out).rstrip("\n") + "\n"


def _category(label: str, activities: list[Activity], status: Status) -> list[str]:
    lines = ["## " + md(label), ""]
    if not activities:
        return lines + [_("None."), ""]
    lines += [
        # The report form's own column names (III.3): "date" there is the date attended.
        "| " + " | ".join([_("content"), pgettext("IIA-Japan report", "date"), _("organiser"),
                          _("organiser address"), _("organiser phone"), _("CPE")]) + " |",
        "|---|---|---|---|---|--:|",
    ]
    total = 0.0
    for a in activities:
        credit = status.credit_of(a.id)
        counted = credit.counted if credit else 0.0
        total += counted
        lines.append("| " + " | ".join([
            md(a.title), format_date(a.date), md(a.provider), md(_extra(a, ADDRESS_KEY)),
            md(_extra(a, PHONE_KEY)), format_credits(counted),
        ]) + " |")
    lines += ["", _("Subtotal: {credits} CPE").format(credits=format_credits(total)), ""]
    return lines
