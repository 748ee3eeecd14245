"""Reads ledger text with tomllib into a frozen Ledger, collecting every located problem on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cpetui.i18n import _
from cpetui.ledger.activity import build_activities, suggest_id
from cpetui.ledger.collect import Collector
from cpetui.ledger.cycle import build_cycle
from cpetui.ledger.fastread import TooDeep, loads
from cpetui.ledger.locate import Layout, scan, scan_full, toml_lines
from cpetui.ledger.portal import build_portal
from cpetui.ledger.syntax import syntax_problem, too_deep_problem
from cpetui.model import Ledger, Problem, SourceRef

__all__ = ["ROOT_TABLES", "decode", "fingerprint", "iter_errors", "parse_bytes", "parse_text", "suggest_id"]

ROOT_TABLES = ("cycle", "activity", "portal")


def fingerprint(data: bytes) -> str:
    """The sha256 of a ledger's bytes (the writer refuses to save over other bytes)."""
    return _sha256()(data).hexdigest()


def _sha256():  # type: ignore[no-untyped-def]
    """CPython's own sha256 where it has one: hashlib's OpenSSL start-up costs more than hashing a
    ledger (a few kilobytes) ever does, in every process that reads one (bench: check)."""
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256


# The bytes last decoded, and their text: `cpetui check` reads a ledger's bytes again for the excerpts
# of its findings right after parsing them, and the same bytes are not decoded twice.
_last_decoded: tuple[bytes, str] = (b"", "")


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Bytes → text (UTF-8, a leading BOM dropped); or a located problem for bytes that are not UTF-8."""
    global _last_decoded
    last_data, last_text = _last_decoded
    if data == last_data:  # bytes of different lengths differ at once
        return last_text, None
    raw = data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        _last_decoded = (raw, text)
        return text, None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        excerpt_bytes = data.split(b"\n")[line - 1] if data else b""
        return None, Problem(
            "error",
            "not-utf8",
            _("the file is not UTF-8 text: byte 0x{byte:02x} cannot be read").format(
                byte=data[exc.start]
            ),
            SourceRef(path, line, col),
            excerpt=excerpt_bytes.decode("utf-8", "replace"),
            hint=_("save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)"),
        )


def parse_bytes(data: bytes, path: str, mtime_ns: int = 0, *, fingerprinted: bool = True) -> Ledger:
    """Parse a ledger file's raw bytes; never raises for bad input. `fingerprinted` False: a reader
    that never saves (`cpetui check`) skips the sha256 a writer compares before saving."""
    text, problem = decode(data, path)
    fp = fingerprint(data) if fingerprinted else ""
    if text is None:
        assert problem is not None
        return Ledger(path, None, (), (problem,), fp, mtime_ns, len(data))
    ledger = parse_text(text, path)
    return Ledger(
        ledger.path, ledger.cycle, ledger.activities, ledger.problems, fp, mtime_ns, len(data),
        ledger.portal,
    )


def parse_text(text: str, path: str) -> Ledger:
    """Parse ledger `text` (a BOM is allowed) into a Ledger whose problems say everything wrong."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = toml_lines(text)
    out = Collector(path, lines)
    if not text.strip():
        out.add(
            "error",
            "empty",
            _("the ledger is empty"),
            1,
            hint=_("start with a [cycle] table: program, credential and start date"),
        )
        return Ledger(path, None, (), tuple(out.problems))
    try:
        doc = loads(text)
    except TooDeep as exc:
        too_deep_problem(exc, out)
        return Ledger(path, None, (), tuple(out.problems))
    except ValueError as exc:  # tomllib.TOMLDecodeError: fastread falls back to tomllib for its verdict
        syntax_problem(exc, out)
        return Ledger(path, None, (), tuple(out.problems))
    layout = scan(text)
    if not _layout_agrees(layout, doc):
        layout = scan_full(text)
    for check in ROOT_CHECKS:
        check(doc, layout, out)
    cycle = build_cycle(doc.get("cycle"), layout, out)
    activities = build_activities(doc.get("activity"), layout, out, dimensions_of(doc.get("cycle"), path),
                                  measure_free_of(doc.get("cycle")))
    portal = build_portal(doc.get("portal"), layout, out) if "portal" in doc else ()
    problems = sorted(out.problems, key=lambda p: (p.source.line, p.source.col))
    return Ledger(path, cycle, activities, tuple(problems), portal=portal)


def measure_free_of(cycle: Any) -> frozenset[str]:
    """The activity types of the [cycle]'s program that read no measure (a renewal by exam): an
    activity of one needs none. Looked up after dimensions_of has made the program known."""
    program_id = cycle.get("program") if isinstance(cycle, dict) else None
    if not isinstance(program_id, str):
        return frozenset()
    from cpetui.rules.registry import PROGRAMS

    program = PROGRAMS.get(program_id.strip().lower())
    if program is None:
        return frozenset()
    free = {t.id for v in program.versions for t in v.types.values() if not t.measures}
    # An activity without `type` is of its version's default type: "" stands for it when that type
    # reads no measure (a course completed); the rules still say so if its version's default does.
    if any(v.default_type in free for v in program.versions):
        free.add("")
    return frozenset(free)


def dimensions_of(cycle: Any, path: str | None = None) -> Mapping[str, tuple[str, ...]] | None:
    """The group/field values the program named in the raw [cycle] declares, even when other keys of
    the cycle are wrong (None: no program known, nothing checked)."""
    program_id = cycle.get("program") if isinstance(cycle, dict) else None
    if not isinstance(program_id, str):
        return None
    from cpetui.rules.registry import PROGRAMS

    key = program_id.strip().lower()
    if not PROGRAMS.is_built_in(key):
        from cpetui.ledger.programs import use_programs

        # The programs beside this ledger are known before a program not built in is looked up.
        use_programs([path] if path else [])
    program = PROGRAMS.get(key)
    return program.dimensions if program is not None else None


def _layout_agrees(layout: Layout, doc: dict[str, Any]) -> bool:
    """The fast scan found as many [[activity]] headers as the document has activities."""
    acts = doc.get("activity")
    n = len(acts) if isinstance(acts, list) else 0
    return len(layout.arrays("activity")) == n


# ----------------------------------------------------------------------------- root checks

RootCheck = Callable[[dict[str, Any], Layout, Collector], None]


def _check_unknown_root(doc: dict[str, Any], layout: Layout, out: Collector) -> None:
    for key in doc:
        if key in ROOT_TABLES:
            continue
        line = layout.root_keys.get(key) or next(
            (t.line for t in layout.tables if t.name.split(".")[0] == key), 1
        )
        import difflib  # only a stray table gets here

        close = difflib.get_close_matches(key, ROOT_TABLES, n=1, cutoff=0.6)
        if close:
            shape = {"activity": "[[activity]]", "portal": "[[portal]]"}.get(close[0], "[cycle]")
            out.add(
                "error",
                "unknown-table",
                _("'{key}' is not a ledger table; its contents are not counted").format(key=key),
                line,
                hint=_("did you mean {shape}?").format(shape=shape),
            )
        else:
            out.add(
                "warning",
                "unknown-key",
                _("unknown top-level key '{key}' (kept, not used)").format(key=key),
                line,
                hint=_("a ledger has [cycle] and [[activity]] tables; move notes into 'notes'"),
            )


def _check_cycle_present(doc: dict[str, Any], layout: Layout, out: Collector) -> None:
    if "cycle" not in doc:
        out.add(
            "error",
            "missing-cycle",
            _("the ledger has no [cycle] table"),
            1,
            hint=_('add [cycle] with program = "isc2", credential = "CISSP", start = 2024-07-01'),
        )
    elif not isinstance(doc["cycle"], dict):
        out.add(
            "error",
            "wrong-type",
            _("'cycle' must be a table: [cycle]"),
            layout.root_keys.get("cycle", 1),
            hint=_("write [cycle] on its own line, then its keys below it"),
        )


def _check_activity_shape(doc: dict[str, Any], layout: Layout, out: Collector) -> None:
    acts = doc.get("activity")
    if acts is None:
        return
    if not isinstance(acts, list) or not all(isinstance(a, dict) for a in acts):
        out.add(
            "error",
            "wrong-type",
            _("'activity' must be an array of tables: [[activity]]"),
            layout.root_keys.get("activity")
            or next((t.line for t in layout.tables if t.name == "activity"), 1),
            hint=_("start each activity with [[activity]] (two brackets)"),
        )


ROOT_CHECKS: tuple[RootCheck, ...] = (
    _check_unknown_root,
    _check_cycle_present,
    _check_activity_shape,
)


def iter_errors(ledgers: Iterable[Ledger]) -> Iterable[Problem]:
    """Every error of the ledgers, in order."""
    for ledger in ledgers:
        yield from (p for p in ledger.problems if p.severity == "error")
