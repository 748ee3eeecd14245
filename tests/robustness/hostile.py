"""Hostile text a ledger may carry, and a ledger that puts each piece in every free-text field."""

from __future__ import annotations

# name → text. Each is written into the ledger with TOML \u escapes, so the file itself stays plain.
HOSTILE: dict[str, str] = {
    "rich markup": "[bold red]Loud[/] [italic]x",
    "stray closing tag": "[/] [/bold]",
    "textual action link": "[@click=app.quit]click me[/]",
    "rich hyperlink markup": "[link=https://evil.example]click[/link]",
    "ANSI colour and clear screen": "\x1b[31mred\x1b[0m \x1b[2J\x1b[H",
    "OSC 52 clipboard write": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "OSC 8 hyperlink": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "OSC title change": "\x1b]0;pwned\x07",
    "C1 CSI and OSC": "\x9b31m\x9d52;c;aGk=\x9c",
    "carriage return and backspace": "safe\rEVIL\x08\x08\x08",
    "bidi override": "invoice\u202egnp.exe \u2066x\u2069 \u200f\u202b",
    "zero-width characters": "ze\u200bro\u200c-wi\u200ddth\u2060\ufeff",
    "NUL and DEL": "a\x00b\x7fc",
    "newlines": "line one\nline two\r\nline three",
}

# Characters that must never reach a terminal from ledger text.
FORBIDDEN = (
    {chr(c) for c in range(0x20) if chr(c) not in "\n"}
    | {chr(0x7F)}
    | {chr(c) for c in range(0x80, 0xA0)}
    | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
    | set("\u200b\u200c\u200d\u2060\ufeff")
)

LONG_TITLE = "A long title " * 7_693  # 100,009 characters
DEEP = 60  # arrays nested this deep still read (an unknown key: a warning, kept, never dropped)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string with every control, bidi and zero-width character escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in FORBIDDEN or ch == "\n":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


ISC2 = ['program = "isc2"', 'credential = "CISSP"', "start = 2024-07-01"]
IIA_JAPAN = ['program = "iia-japan"', 'credential = "CCSA"', "start = 2025-01-01", "end = 2026-12-31",
             'rules = "iia-japan-2010"', "certified = 2013-06-14", "practicing = true"]


def hostile_ledger(program: str = "isc2") -> str:
    """A ledger with each hostile text in an activity's id, title, provider, notes, evidence and a key.

    `program` is "isc2" (CISSP) or "iia-japan" (CCSA, whose report also prints the organiser).
    """
    first = next(iter(HOSTILE.values()))
    japan = program == "iia-japan"
    measure = ['type = "education"', "minutes = 100"] if japan else [
        'type = "education"', 'group = "A"', "hours = 1"]
    year = 2025 if japan else 2024
    lines = [
        "[cycle]",
        *(IIA_JAPAN if japan else ISC2),
        f"title = {toml_string(first)}",
        f"notes = {toml_string(HOSTILE['OSC 52 clipboard write'])}",
        f"member_id = {toml_string(HOSTILE['bidi override'])}",
    ]
    for i, text in enumerate(HOSTILE.values()):
        s = toml_string(text)
        lines += [
            "",
            "[[activity]]",
            f"id = {toml_string(f'h{i:02d} ' + text)}",
            f"date = {year}-{8 + i % 5:02d}-{1 + i:02d}",
            f"title = {s}",
            f"provider = {s}",
            f"notes = {s}",
            f"evidence = [{s}, {toml_string('https://x.example/' + text)}]",
            *measure,
            f"{toml_string('odd key ' + text)} = {s}",  # an unknown key: warned about, kept
        ]
        if japan:
            lines += [f"organizer_address = {s}", f"organizer_phone = {s}"]
    lines += [
        "",
        "[[activity]]",
        'id = "long"',
        f"date = {year}-09-30",
        f"title = {toml_string(LONG_TITLE)}",
        *measure,
        "nested = " + "[" * DEEP + '"deep"' + "]" * DEEP,
    ]
    return "\n".join(lines) + "\n"


def deeply_nested_ledger(depth: int = 5_000) -> str:
    """A file whose arrays nest so deep no reader should recurse through it."""
    return (
        '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n\n[[activity]]\n'
        'id = "deep"\ndate = 2024-08-01\ntitle = "deep"\ntype = "education"\ngroup = "A"\nhours = 1\n'
        "nested = " + "[" * depth + "]" * depth + "\n"
    )


def leaks(text: str) -> list[str]:
    """The forbidden characters in `text` (newlines allowed), as escapes for a readable failure."""
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch in FORBIDDEN})


# Hostile values: name → (ledger text, the located error `check` must print: `line:col: error: …`).
# Each once crashed a command with a traceback, or took gigabytes or minutes (issue 21, items 4-7).
_HEAD = '[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n'


def _one(measure: str = "hours = 1", date: str = "2024-08-01", head: str = _HEAD) -> str:
    return (f'{head}\n[[activity]]\nid = "a"\ndate = {date}\ntitle = "Webinar"\ntype = "education"\n'
            f'group = "A"\n{measure}\n')


HOSTILE_VALUES: dict[str, tuple[str, str]] = {
    "carryover_in = inf": (_one(head=_HEAD + "carryover_in = inf\n"),
                           "5:16: error: carryover_in must be a number from 0 to 10,000, got inf"),
    "carryover_in = nan": (_one(head=_HEAD + "carryover_in = nan\n"),
                           "5:16: error: carryover_in must be a number from 0 to 10,000, got nan"),
    "hours = 1e308": (_one("hours = 1e308"), "12:9: error: hours must be a number from 0 to 10,000"),
    "credits = 1e308": (_one("credits = 1e308"), "12:11: error: credits must be a number from 0 to 10,000"),
    "hours = 10000.5": (_one("hours = 10000.5"), "12:9: error: hours must be a number from 0 to 10,000"),
    "minutes = 2**62": (_one(f"minutes = {2**62}"),
                        "12:11: error: minutes must be a number from 0 to 600,000"),
    "sessions = [inf, 30]": (_one("sessions = [inf, 30]"),
                             "12:12: error: sessions must hold minutes from 0 to 600,000 each, got inf"),
    "end = 9997-12-31": (_one(head=_HEAD + "end = 9997-12-31\n"),
                         "5:7: error: end must be a date from 1900-01-01 to 2999-12-31, got 9997-12-31"),
    "start = 9999-12-31": (_one(head=_HEAD.replace("2024-07-01", "9999-12-31")),
                           "4:9: error: start must be a date from 1900-01-01 to 2999-12-31"),
    "start = 0001-01-01": (_one(head=_HEAD.replace("2024-07-01", "0001-01-01")),
                           "4:9: error: start must be a date from 1900-01-01 to 2999-12-31"),
    "activity date = 9999-12-31": (_one(date="9999-12-31"),
                                   "8:8: error: date must be a date from 1900-01-01 to 2999-12-31"),
    "a key dotted 20,000 deep": (_one() + "x" + ".a" * 20_000 + " = 1\n",
                                 "13:1: error: the file nests too deeply to read"),
}


def many_evidence_ledger(n: int) -> str:
    """One activity citing `n` evidence files that do not exist: one warning each."""
    items = ", ".join(f'"certificates/c{i:05d}.pdf"' for i in range(n))
    return _one(f"hours = 1\nevidence = [{items}]")
