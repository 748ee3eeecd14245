"""Extracts `_()` strings from cpetui's source into the catalogues and compiles .po into .mo."""

from __future__ import annotations

import argparse
import ast
import re
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cpetui"
LOCALE = PACKAGE / "locale"
MARKERS = {"_", "N_"}
CONTEXT = "\x04"  # msgctxt and msgid are joined by EOT in .mo keys, and in this module's keys too
LANGUAGES = ("en", "ja")
# GNU gettext plural rules: Japanese has one form, English two.
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "ja": "nplurals=1; plural=0;"}
NPLURALS = {"en": 2, "ja": 1}
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def _walk(root: Path) -> Iterator[tuple[str, str | None, str]]:
    """(msgid, msgid_plural or None, "path:line") for every marked literal under `root`."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            literals = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                        for a in node.args[:2]]
            if name in MARKERS and literals and literals[0] is not None:
                yield literals[0], None, f"{where}:{node.lineno}"
            elif name == "ngettext" and len(literals) == 2 and None not in literals:
                yield literals[0], literals[1], f"{where}:{node.lineno}"  # type: ignore[misc]
            elif name == "pgettext" and len(literals) == 2 and None not in literals:
                yield f"{literals[0]}{CONTEXT}{literals[1]}", None, f"{where}:{node.lineno}"


# The keys of a program file whose values are words a user reads (ids, kinds and numbers are not).
PROGRAM_WORDS = frozenset({"label", "how", "section", "reading", "unconfirmed", "condition",
                           "ineligible_reason", "short", "text", "yearly_deadline", "credential_hint",
                           "title", "note", "pace_advice", "words", "lost_words", "remark", "message",
                           "clears"})


def program_words(path: Path) -> Iterator[tuple[str, str]]:
    """(text, "path:line") for every word a shipped program file shows users, and its dimensions' keys
    (which label the form's fields)."""
    import tomllib

    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path

    def line_of(value: str) -> int:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return next((n for n, line in enumerate(lines, 1) if quoted in line), 1)

    def walk(node: object, key: str = "") -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k != "translations":
                    yield from walk(v, k)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, key)
        elif isinstance(node, str) and key in PROGRAM_WORDS and node:
            yield node, f"{where}:{line_of(node)}"

    data = tomllib.loads(text)
    yield from walk(data)
    for key in data.get("dimensions", {}):
        yield key, f"{where}:1"


def extract(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Every literal passed to `_()`/`N_()` (ngettext by its singular; pgettext as context EOT msgid),
    and every word of the shipped program files → where it stands."""
    found: dict[str, list[str]] = {}
    for msgid, _plural, ref in _walk(root):
        found.setdefault(msgid, []).append(ref)
    for path in sorted((root / "programs").glob("*.toml")):
        for msgid, ref in program_words(path):
            found.setdefault(msgid, []).append(ref)
    return found


def extract_plurals(root: Path = PACKAGE) -> dict[str, str]:
    """ngettext's singular → its plural form."""
    return {msgid: plural for msgid, plural, _ref in _walk(root) if plural is not None}


def _unescape(s: str) -> str:
    return ast.literal_eval('"' + s + '"') if s else ""


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file; a plural entry's forms are joined with NUL, as in a .mo file."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    context: list[str] | None = None
    forms: dict[int, list[str]] = {}
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and forms:
            key = "".join(msgid) if context is None else "".join(context) + CONTEXT + "".join(msgid)
            entries[key] = "\0".join("".join(forms[i]) for i in sorted(forms))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgctxt "):
            flush()
            msgid, forms, context = None, {}, [_unescape(line[9:-1])]
            current = context
        elif line.startswith("msgid "):
            if msgid is not None:
                flush()
                context = None
            msgid, forms = [_unescape(line[7:-1])], {}
            current = msgid
        elif line.startswith("msgid_plural"):
            current = None
        elif line.startswith("msgstr"):
            index = int(line[7 : line.index("]")]) if line.startswith("msgstr[") else 0
            forms[index] = [_unescape(line[line.index('"') + 1 : -1])]
            current = forms[index]
        elif line.startswith('"') and current is not None:
            current.append(_unescape(line[1:-1]))
    flush()
    entries.pop("", None)  # the header
    return entries


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _header(language: str) -> str:
    return (f"Content-Type: text/plain; charset=UTF-8\nLanguage: {language}\n"
            f"Plural-Forms: {PLURAL_FORMS[language]}\n")


def write_po(path: Path, entries: dict[str, str], where: dict[str, list[str]], language: str,
             plurals: dict[str, str] | None = None) -> None:
    """The catalogue for `language`: every msgid of `where`, sorted, with its translation if known."""
    plurals = plurals or {}
    lines = ['msgid ""', 'msgstr ""']
    lines += [f'"{_escape(h)}\\n"' for h in _header(language).splitlines()]
    lines.append("")
    for msgid in sorted(where):
        lines += [f"#: {ref}" for ref in where[msgid][:3]]
        if CONTEXT in msgid:
            context, bare = msgid.split(CONTEXT, 1)
            lines.append(f'msgctxt "{_escape(context)}"')
            lines.append(f'msgid "{_escape(bare)}"')
        else:
            lines.append(f'msgid "{_escape(msgid)}"')
        if msgid in plurals:
            lines.append(f'msgid_plural "{_escape(plurals[msgid])}"')
            forms = entries.get(msgid, "").split("\0")
            for i in range(NPLURALS[language]):
                lines.append(f'msgstr[{i}] "{_escape(forms[i] if i < len(forms) else "")}"')
        else:
            lines.append(f'msgstr "{_escape(entries.get(msgid, ""))}"')
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def compile_mo(entries: dict[str, str], language: str = "ja",
               plurals: dict[str, str] | None = None) -> bytes:
    """GNU .mo bytes for `entries` (empty translations are left out so English shows)."""
    plurals = plurals or {}
    items: dict[str, str] = {}
    for msgid, text in entries.items():
        if not text.replace("\0", ""):
            continue
        items[f"{msgid}\0{plurals[msgid]}" if msgid in plurals else msgid] = text
    items[""] = _header(language)
    keys = sorted(items, key=lambda k: k.encode("utf-8"))  # gettext readers expect byte order
    ids = b""
    strs = b""
    offsets = []
    for k in keys:
        kb, vb = k.encode("utf-8"), items[k].encode("utf-8")
        offsets.append((len(ids), len(kb), len(strs), len(vb)))
        ids += kb + b"\0"
        strs += vb + b"\0"
    n = len(keys)
    keystart = 7 * 4 + 16 * n
    valuestart = keystart + len(ids)
    koffsets: list[int] = []
    voffsets: list[int] = []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + n * 8, 0, 0)
    return header + struct.pack(f"{len(koffsets)}i", *koffsets) + struct.pack(
        f"{len(voffsets)}i", *voffsets
    ) + ids + strs


def catalogue_paths(language: str) -> tuple[Path, Path]:
    folder = LOCALE / language / "LC_MESSAGES"
    return folder / "cpetui.po", folder / "cpetui.mo"


def placeholders(text: str) -> set[str]:
    """The `{name}` fields a `.format()` call fills in `text`."""
    return set(PLACEHOLDER.findall(text))


def bad_placeholders(entries: dict[str, str]) -> list[str]:
    """msgids whose translation names other fields than the source (a KeyError waiting to happen)."""
    bad = []
    for msgid, text in entries.items():
        for form in filter(None, text.split("\0")):
            if placeholders(form) != placeholders(msgid):
                bad.append(msgid)
                break
    return bad


def compiled(language: str) -> bytes:
    """What the .mo of `language` should hold, given its .po and the source."""
    po, _mo = catalogue_paths(language)
    where = extract()
    entries = read_po(po) if po.exists() else {}
    return compile_mo({k: v for k, v in entries.items() if k in where}, language, extract_plurals())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["update", "compile", "missing", "check"])
    args = parser.parse_args(argv)
    where = extract()
    plurals = extract_plurals()
    status = 0
    for language in LANGUAGES:
        po, mo = catalogue_paths(language)
        entries = read_po(po) if po.exists() else {}
        if args.action == "update":
            po.parent.mkdir(parents=True, exist_ok=True)
            write_po(po, entries, where, language, plurals)
            mo.write_bytes(compiled(language))
        elif args.action == "compile":
            mo.write_bytes(compiled(language))
        elif args.action == "check":
            for msgid in bad_placeholders(entries):
                print(f"{language}: fields differ: {msgid!r}")
                status = 1
        elif language != "en":  # English is the source: nothing is missing there
            missing = [m for m in sorted(where) if not entries.get(m, "").replace("\0", "")]
            for m in missing:
                print(m)
            print(f"{language}: {len(missing)} of {len(where)} strings untranslated", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
