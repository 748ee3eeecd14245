"""Realistic hand-editing mistakes in ledgers: the text and the line a located error must point at."""

from __future__ import annotations

HEAD = """\
[cycle]
program = "isc2"
credential = "CISSP"
start = 2024-07-01
"""

ACTIVITY = """\
[[activity]]
id = "2024-08-01-owasp"
date = 2024-08-01
title = "OWASP Tokyo meetup"
type = "education"
group = "A"
hours = 2
"""

# name → (bytes of the file, line the first error must point at)
MISTAKES: dict[str, tuple[bytes, int]] = {
    "missing closing quote": (
        (HEAD + ACTIVITY.replace('title = "OWASP Tokyo meetup"', 'title = "OWASP Tokyo meetup')).encode(),
        8,
    ),
    "decimal comma": ((HEAD + ACTIVITY.replace("hours = 2", "hours = 1,5")).encode(), 11),
    "decimal comma in quotes": ((HEAD + ACTIVITY.replace("hours = 2", 'hours = "1,5"')).encode(), 11),
    "month 13": ((HEAD + ACTIVITY.replace("2024-08-01\n", "2024-13-01\n")).encode(), 7),
    "february 30": ((HEAD + ACTIVITY.replace("2024-08-01\n", "2024-02-30\n")).encode(), 7),
    "date in quotes": ((HEAD + ACTIVITY.replace("date = 2024-08-01", 'date = "2024-08-01"')).encode(), 7),
    "date with slashes": ((HEAD + ACTIVITY.replace("date = 2024-08-01", "date = 2024/08/01")).encode(), 7),
    "duplicated cycle": ((HEAD + "\n" + HEAD + ACTIVITY).encode(), 6),
    "stray activities table": ((HEAD + ACTIVITY.replace("[[activity]]", "[[activities]]")).encode(), 5),
    "single-bracket activity": ((HEAD + ACTIVITY.replace("[[activity]]", "[activity]")).encode(), 5),
    "non-UTF-8 byte": ((HEAD + ACTIVITY).encode().replace(b"OWASP", b"OW\xe9SP"), 8),
    "empty file": (b"", 1),
    "only whitespace": (b"\n\n   \n", 1),
    "missing equals": ((HEAD + ACTIVITY.replace("hours = 2", "hours 2")).encode(), 11),
    "unquoted text": ((HEAD + ACTIVITY.replace('"OWASP Tokyo meetup"', "OWASP Tokyo meetup")).encode(), 8),
    "key twice": ((HEAD + ACTIVITY + "hours = 3\n").encode(), 12),
    "no cycle at all": (ACTIVITY.encode(), 1),
    "cycle without start": (HEAD.replace("start = 2024-07-01\n", "").encode(), 1),
    "negative hours": ((HEAD + ACTIVITY.replace("hours = 2", "hours = -2")).encode(), 11),
    "no measure": ((HEAD + ACTIVITY.replace("hours = 2\n", "")).encode(), 5),
    "group C": ((HEAD + ACTIVITY.replace('group = "A"', 'group = "C"')).encode(), 10),
    "duplicate id": ((HEAD + ACTIVITY + "\n" + ACTIVITY).encode(), 14),
    "unclosed array": ((HEAD + ACTIVITY + 'evidence = ["a.pdf",\n').encode(), 12),
    "unclosed table header": ((HEAD + ACTIVITY.replace("[[activity]]", "[[activity]")).encode(), 5),
    "evidence list of numbers": ((HEAD + ACTIVITY + "evidence = [1, 2]\n").encode(), 12),
    "cycle end before start": ((HEAD + "end = 2023-01-01\n" + ACTIVITY).encode(), 5),
    "datetime instead of date": (
        (HEAD + ACTIVITY.replace("date = 2024-08-01", "date = 2024-08-01T10:00:00")).encode(),
        7,
    ),
    "BOM then garbage": (b"\xef\xbb\xbf[cycle\n", 1),
    "NUL byte": ((HEAD + ACTIVITY).encode().replace(b"OWASP", b"OW\x00SP"), 8),
    "tab inside a key": ((HEAD + ACTIVITY.replace("hours = 2", "ho\turs = 2")).encode(), 11),
    "tab-indented value with a control character": (
        (HEAD + ACTIVITY.replace('title = "OWASP Tokyo meetup"', '\ttitle\t=\t"OWASP\x01Tokyo"')).encode(),
        8,
    ),
}

# Tabs where TOML allows them (indentation, around `=`, inside strings) are no mistake: they read cleanly.
TABS_ALLOWED = (HEAD + ACTIVITY.replace('title = "OWASP Tokyo meetup"', '\ttitle\t=\t"OWASP\tTokyo"')
                .replace("hours = 2", "\thours =\t2\t# two hours")).encode()
