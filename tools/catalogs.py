"""Extracts `_()` strings from cpetui's source into the catalogues and compiles .po into .mo."""

from __future__ import annotations

import argparse
import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cpetui"
LOCALE = PACKAGE / "locale"
MARKERS = {"_", "N_"}


def extract(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Every literal passed to `_()`/`N_()` (and ngettext's two forms) → where it stands."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            args = node.args
            if name in MARKERS and args and isinstance(args[0], ast.Constant) and isinstance(
                args[0].value, str
            ):
                found.setdefault(args[0].value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif name == "ngettext" and len(args) >= 2:
                for arg in args[:2]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, []).append(
                            f"{path.relative_to(ROOT)}:{node.lineno}"
                        )
    return found


def _unescape(s: str) -> str:
    return ast.literal_eval('"' + s + '"') if s else ""


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (plain entries; plural entries keep msgstr[0])."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            entries["".join(msgid)] = "".join(msgstr)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [_unescape(line[7:-1])], None
            current = msgid
        elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
            start = line.index('"')
            msgstr = [_unescape(line[start + 1 : -1])]
            current = msgstr
        elif line.startswith("msgid_plural") or line.startswith("msgstr["):
            current = None
        elif line.startswith('"') and current is not None:
            current.append(_unescape(line[1:-1]))
    flush()
    return entries


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def write_po(path: Path, entries: dict[str, str], where: dict[str, list[str]], language: str) -> None:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    for msgid in sorted(where):
        for ref in where[msgid][:3]:
            lines.append(f"#: {ref}")
        lines.append(f'msgid "{_escape(msgid)}"')
        lines.append(f'msgstr "{_escape(entries.get(msgid, ""))}"')
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def compile_mo(entries: dict[str, str]) -> bytes:
    """GNU .mo bytes for `entries` (empty translations are left out so English shows)."""
    items = {k: v for k, v in entries.items() if v}
    items[""] = "Content-Type: text/plain; charset=UTF-8\n"
    keys = sorted(items)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["update", "compile", "missing"])
    args = parser.parse_args(argv)
    where = extract()
    po, mo = catalogue_paths("ja")
    entries = read_po(po) if po.exists() else {}
    if args.action == "update":
        po.parent.mkdir(parents=True, exist_ok=True)
        write_po(po, entries, where, "ja")
        mo.write_bytes(compile_mo({k: v for k, v in entries.items() if k in where}))
    elif args.action == "compile":
        mo.write_bytes(compile_mo({k: v for k, v in entries.items() if k in where}))
    else:
        missing = [m for m in where if not entries.get(m)]
        for m in missing:
            print(m)
        print(f"{len(missing)} of {len(where)} strings untranslated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
