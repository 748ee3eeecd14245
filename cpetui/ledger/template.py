"""Writes the text of a new cycle's ledger: a filled-in [cycle] and comments that teach the format."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from cpetui.i18n import _

# One commented example per program, using the program's own activity types and measures.
_EXAMPLES: dict[str, str] = {
    "isc2": (
        '# [[activity]]\n# id = "2025-03-12-owasp-meetup"\n# date = 2025-03-12        # the day it ended\n'
        '# title = "OWASP Tokyo meetup: API security"\n# provider = "OWASP Tokyo"\n'
        '# type = "education"       # education, contribution, unique-work-experience,'
        " professional-development\n"
        '# group = "A"              # A: the credential\'s domains; B: professional development\n'
        "# hours = 2                # in quarter hours: 1.25, 1.5 …\n"
        '# evidence = ["evidence/2025-03-12-owasp.pdf"]\n'
    ),
    "offsec": (
        '# [[activity]]\n# id = "2025-03-12-webinar"\n# date = 2025-03-12\n'
        '# title = "Attack surface management webinar"\n# provider = "OffSec"\n'
        '# type = "webinar"         # courses-seminars, public-speaking, white-paper,'
        " lab-submission, webinar\n"
        "# hours = 1                # 1 CPE per hour\n"
        '# evidence = ["evidence/2025-03-12-webinar.pdf"]   # proof of attendance is required\n'
    ),
    "acfe": (
        '# [[activity]]\n# id = "2025-03-12-fraud-seminar"\n# date = 2025-03-12\n'
        '# title = "Fraud risk assessment seminar"\n# provider = "ACFE Japan"\n'
        '# type = "participant"     # participant, college, in-house, self-study, instructor,'
        " author, fraud-magazine-quiz, other\n"
        '# field = "fraud"          # fraud, ethics or general\n'
        "# minutes = 100            # class minutes without breaks: 50 minutes = 1 CPE\n"
        '# evidence = ["evidence/2025-03-12-seminar.pdf"]\n'
    ),
    "iia-japan": (
        '# [[activity]]\n# id = "2025-03-12-kenshu"\n# date = 2025-03-12\n'
        '# title = "内部監査基礎研修"\n# provider = "日本内部監査協会"\n'
        '# type = "education"       # カテゴリI education, e-learning, correspondence, study-group,'
        " jicpa; II writing-book, writing-article; III event; IV speaking; V exam; VI membership\n"
        "# minutes = 100            # 50分で1単位 (100分 = 2)\n"
        '# evidence = ["evidence/2025-03-12-kenshu.pdf"]\n'
    ),
    "iia": (
        '# [[activity]]\n# id = "2025-03-12-ethics"\n# date = 2025-03-12\n'
        '# title = "Ethics for internal auditors"\n# provider = "IIA"\n'
        '# type = "education"       # education, self-study, instructor, writing, other\n'
        '# field = "ethics"         # marks ethics hours (2 a year required)\n'
        "# minutes = 100            # 50 minutes = 1 CPE\n"
        '# evidence = ["evidence/2025-03-12-ethics.pdf"]\n'
    ),
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text if "." in text else text
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def new_ledger_text(
    program: str,
    credential: str,
    start: date,
    *,
    end: date | None = None,
    rules: str | None = None,
    certified: date | None = None,
    carryover_in: float = 0.0,
    carryover_note: str = "",
    member_id: str | None = None,
    options: Mapping[str, Any] | None = None,
    schema: str | None = None,
) -> str:
    """The text of a new ledger for one cycle, ready to be edited by hand or by cpetui."""
    lines: list[str] = []
    if schema:
        lines.append(f"#:schema {schema}")
    lines += [
        _("# cpetui ledger: one certification cycle. Edit by hand or with the cpetui app;"),
        _("# run `cpetui check` after editing. Format: docs/ledger-format.md"),
        "",
        "[cycle]",
        f"program = {_toml_value(program)}",
        f"credential = {_toml_value(credential)}",
        f"start = {_toml_value(start)}",
    ]
    if end:
        lines.append(f"end = {_toml_value(end)}")
    else:
        lines.append(_("# end = …              # derived from the program's rules when absent"))
    if rules:
        lines.append(f"rules = {_toml_value(rules)}")
    if certified:
        lines.append(f"certified = {_toml_value(certified)}")
    if carryover_in:
        note = f"  # {carryover_note}" if carryover_note else ""
        lines.append(f"carryover_in = {_toml_value(carryover_in)}{note}")
    if member_id:
        lines.append(f"member_id = {_toml_value(member_id)}")
    for key, value in (options or {}).items():
        lines.append(f"{key} = {_toml_value(value)}")
    lines += [
        "",
        _("# Each activity is one [[activity]] table. An example to copy (remove the # marks):"),
        "#",
    ]
    example = _EXAMPLES.get(program, _EXAMPLES["isc2"])
    lines += example.rstrip("\n").split("\n")
    return "\n".join(lines) + "\n"
