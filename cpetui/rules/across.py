"""Rules across ledgers: one activity (the same `id`) claimed for more of a body's credentials than the
body allows (GIAC: SANS training up to 3, a graduate course 2, community participation 1) (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from cpetui.i18n import _
from cpetui.model import Finding, Ledger, SourceRef
from cpetui.rules.errors import RulesError
from cpetui.rules.resolve import canonical_cycle, version_of
from cpetui.rules.sources import words


def claimed_too_often(ledgers: Sequence[Ledger]) -> list[Finding]:
    """A warning at each claim of an activity beyond the number of credentials its type may serve,
    naming the ledgers that claim it; the first claims in path order are the ones that stand."""
    claims: dict[tuple[str, str], list[tuple[Ledger, int, str]]] = {}
    limits: dict[tuple[str, str], tuple[int, object]] = {}
    for ledger in sorted(ledgers, key=lambda x: x.path):
        if ledger.cycle is None:
            continue
        try:
            cycle = canonical_cycle(ledger.cycle)
            version = version_of(cycle)
        except RulesError:
            continue
        for n, a in enumerate(ledger.activities):
            t = version.types.get(a.type or version.default_type)
            if t is None or t.max_credentials is None:
                continue
            key = (cycle.program, a.id)
            claims.setdefault(key, []).append((ledger, n, cycle.credential))
            limits[key] = (t.max_credentials, t)
    out: list[Finding] = []
    for key, found in claims.items():
        most, t = limits[key]
        if len(found) <= most:
            continue
        names = ", ".join(f"{c} ({lg.path})" for lg, _n, c in found)
        for ledger, n, _credential in found[most:]:
            a = ledger.activities[n]
            out.append(Finding(
                "warning", "claimed-too-often",
                _("'{title}' is claimed for {count} credentials: {names}; {type} counts for at most "
                  "{most}").format(title=a.title, count=len(found), names=names,
                                   type=_(t.label), most=most),  # type: ignore[attr-defined]
                SourceRef(ledger.path, a.line_of("id"), 1), a.id,
                words(t.citation),  # type: ignore[attr-defined]
                _("remove it from the ledgers it should not count for"),
                t.citation))  # type: ignore[attr-defined]
    return out
