"""An AST heuristic: literals shown to the user (print, notify, widgets, help, findings) go through `_()`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cpetui"
WORDS = re.compile(r"[A-Za-z]{2,}")

# Calls whose every positional argument (and these keywords) is read by a person.
SHOWN = {"print", "notify", "Label", "Static", "Button", "Header", "TabPane", "error", "exit",
         "add_column", "add_columns", "update", "SystemExit", "Rule"}
SHOWN_KEYWORDS = {"help", "description", "title", "message", "hint", "placeholder", "tooltip",
                  "sub_title", "label"}
# Calls where only some positional places are read: Binding(key, action, description),
# Problem(severity, code, message, source, excerpt, hint), Finding(severity, code, message, ...).
# Text(text, style) and .append(text, style): the style is not read.
POSITIONS = {"Binding": {2}, "Problem": {2, 5}, "Finding": {2, 7}, "Explanation": {0}, "Text": {0},
             "append": {0}, "write": {0}}
KEYWORDS_ONLY = {"Binding": {"description"}, "Problem": {"message", "hint"},
                 "Finding": {"message", "hint"}, "Explanation": {"text"}, "Text": set(),
                 "append": set(), "write": set()}

# Genuine exceptions: (file, literal) → why it stays as it is.
ALLOWED: dict[tuple[str, str], str] = {
    ("cpetui/ui/screens/form.py", " (ctrl+s)"): "a key name, the same in every language",
    ("cpetui/ui/screens/form.py", " (esc)"): "a key name, the same in every language",
    ("cpetui/ui/screens/copy.py", " (ctrl+s)"): "a key name, the same in every language",
    ("cpetui/ui/screens/copy.py", " (esc)"): "a key name, the same in every language",
    ("cpetui/ui/screens/new_ledger.py", " (ctrl+s)"): "a key name, the same in every language",
    ("cpetui/ui/screens/new_ledger.py", " (esc)"): "a key name, the same in every language",
    ("cpetui/ui/screens/submit.py", " (ctrl+s)"): "a key name, the same in every language",
    ("cpetui/ui/screens/submit.py", " (esc)"): "a key name, the same in every language",
    ("cpetui/ui/screens/importing.py", " (ctrl+s)"): "a key name, the same in every language",
    ("cpetui/ui/screens/importing.py", " (esc)"): "a key name, the same in every language",
    ("cpetui/rules/build.py", 'evidence = ["evidence/2025-03-12-certificate.pdf"]'):
        "a line of TOML in a new ledger's example, the same in every language",
    **{("cpetui/ledger/transfer.py", key): "a ledger key named beside its reason: keys stay language-neutral"
       for key in ("group", "field")},
    **{("cpetui/ledger/edit.py", kind): "a line kind the editor classifies, never shown"
       for kind in ("content", "header", "blank", "comment")},
    **{("cpetui/frozen.py", code): "Python source of a generated __init__, never shown"
       for code in ("    _set_(self, )", "=_MISSING", "    if  is _MISSING:\n         = _f_()")},
    **{("cpetui/ledger/template.py", key): "TOML written into a ledger: keys stay language-neutral"
       for key in ("#:schema ", "end = ", "rules = ", "certified = ", "carryover_in = ", "member_id = ",
                   "earlier = []")},
}


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _literals(node: ast.AST) -> list[str]:
    """English text written literally in `node`, not inside a `_()`/`N_()`/`ngettext` call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if WORDS.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [text] if WORDS.search(text) else []
    if isinstance(node, ast.Call):
        # A call's result is not a literal; only str methods on literals (", ".join) are looked into.
        return []
    if isinstance(node, ast.BinOp):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [t for e in node.elts for t in _literals(e)]
    return []


def unwrapped(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name in SHOWN:
            args = list(node.args)
            keywords = SHOWN_KEYWORDS
        elif name in POSITIONS:
            args = [a for i, a in enumerate(node.args) if i in POSITIONS[name]]
            keywords = KEYWORDS_ONLY[name]
        else:
            args = []
            keywords = SHOWN_KEYWORDS if name == "add_argument" or name.endswith("parser") else set()
        args += [k.value for k in node.keywords if k.arg in keywords]
        for arg in args:
            found += [(node.lineno, text) for text in _literals(arg)]
    return found


def _all() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(PACKAGE.parent))
        for line, text in unwrapped(path):
            if (rel, text) not in ALLOWED:
                out.append(f"{rel}:{line}: {text!r}")
    return out


def test_user_facing_literals_are_wrapped() -> None:
    offenders = _all()
    assert not offenders, "wrap these in _() (or allow-list them with a reason):\n" + "\n".join(offenders)


@pytest.mark.parametrize("source, caught", [
    ('print("Saved")', True),
    ('print(_("Saved"))', False),
    ('print(f"{path}: saved")', True),
    ('print(f"{path}:{line}")', False),
    ('p.add_argument("--x", help="the x")', True),
    ('Binding("q", "quit", "Quit")', True),
    ('Binding("q", "quit", _("Quit"))', False),
    ('Problem("error", "bad-date", "not a date", src, hint="write 2025-01-31")', True),
    ('Finding("warning", "cap", _("capped"))', False),
    ('print("\\n".join(lines))', False),
])
def test_the_heuristic_itself(tmp_path: Path, source: str, caught: bool) -> None:
    path = tmp_path / "m.py"
    path.write_text(source + "\n")
    assert bool(unwrapped(path)) is caught
