"""A program file's quota: the amounts its requirements give one cycle's credential and ledger options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cpetui.frozen import replace
from cpetui.i18n import _
from cpetui.model import Cycle
from cpetui.rules.sources import Citation
from cpetui.rules.spec import Cap, Need, Quota, QuotaError

FIRST_YEARS = "first_years"  # a `when` key of its own: the cycle starts within the exempt years


class ProgramQuota:
    """A version's quota for one cycle: the amounts its requirements give the cycle's credential."""

    def __init__(self, needs: list[tuple[Mapping[str, Any], Need]], carries: list[Mapping[str, Any]],
                 citation: Citation, options: Mapping[str, Any], exempt_years: int = 0) -> None:
        self.needs = needs
        self.carries = carries
        self.citation = citation
        self.options = options  # each option's value when a ledger does not set it
        self.exempt_years = exempt_years
        self.version_id = ""
        self.others: dict[str, set[str]] = {}  # other versions of the program → credentials they name
        # a total's table (by identity) → where the groups it allows are stated
        self.group_citations: dict[int, Citation | None] = {}

    def applies(self, table: Mapping[str, Any], cycle: Cycle) -> bool:
        """Whether the ledger's options are those the table is `when` for. `first_years` is not an
        option: it holds while the cycle starts within the exempt years after `certified`."""
        when = table.get("when")
        if not isinstance(when, dict):
            return True
        return all(_same(self._value(k, cycle), v) for k, v in when.items())

    def _value(self, key: str, cycle: Cycle) -> Any:
        if key == FIRST_YEARS:
            return cycle.certified is not None and (
                cycle.start.year < cycle.certified.year + max(1, self.exempt_years))
        return cycle.option(key, self.options.get(key))

    def carry(self, cycle: Cycle) -> tuple[float | None, str]:
        """The carryover cap for the cycle's credential and options (None: no cap stated), and a note."""
        if not self.carries:
            return 0.0, ""
        table = next((t for t in self.carries if self.applies(t, cycle) and (
            not isinstance(t.get("credentials"), list)
            or cycle.credential.upper() in {str(c).upper() for c in t["credentials"]})), None)
        if table is None:
            return 0.0, ""
        cap = table.get("cap")
        if isinstance(cap, dict):
            return amount_for(cap, cycle.credential) or 0.0, str(table.get("note", ""))
        return (float(cap) if type(cap) in (int, float) else None), str(table.get("note", ""))

    def __call__(self, cycle: Cycle) -> Quota:
        total: Need | None = None
        out: list[Need] = []
        caps: list[Cap] = []
        carry_cap, note = self.carry(cycle)
        annual: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        named: list[str] = []  # the credentials the cycle totals name, when none names this one
        used: set[str] = set()  # tables of one id are alternatives: the first that applies is used
        for table, need in self.needs:
            if need.id in used or not self.applies(table, cycle):
                continue
            amount = amount_for(table.get("amount"), cycle.credential)
            if amount is not None:
                used.add(need.id)
            whole = need.select.everything and need.period == "cycle" and need.kind == "required"
            if amount is None:
                if whole:
                    named.extend(k for k in table["amount"] if k not in named)
                continue
            if need.kind == "maximum" and table.get("reported_as") != "requirement":
                # A cap nothing has reached yet is said only where it binds (a long list otherwise).
                caps.append(Cap(need.id, amount, "cycle" if need.period == "cycle" else "year", need.label,
                                need.citation or self.citation, bool(table.get("always_shown", False)),
                                select=need.select, unit=table.get("unit", "credits")))
                continue
            if table.get("of_which_at_most") is not None and need.period == "year":
                # A yearly amount of which at most a share may be Group B (ISC2): the annual rows.
                share = table["of_which_at_most"]
                annual = {"annual": amount, "annual_kind": need.kind,
                          "carry_in_counts_annual": need.carryover_counts,
                          "annual_b_max": (amount_for(share.get("amount"), cycle.credential)
                                           if isinstance(share, dict) else None)}
                continue
            filled = replace(need, amount=amount)
            if whole and total is not None:
                continue  # one cycle total: the first whose `when` holds
            if total is None and whole:
                total = filled
                note = str(table.get("note", "")) or note
                if type(table.get("cycle_months")) is int:
                    extra["cycle_months"] = table["cycle_months"]
                if table.get("group_source") is not None:
                    extra["group_citation"] = self.group_citations.get(id(table))
                if "{year}" in note and cycle.certified is not None:
                    note = _(note).format(year=cycle.certified.year)
            else:
                out.append(filled)
        if total is None:
            known = ", ".join(named)
            # The newest other version that names it (versions are listed oldest first).
            other = next((v for v, creds in reversed(list(self.others.items()))
                          if cycle.credential.upper() in creds), None)
            raise QuotaError(
                _("{credential} has no requirements in {version} (it names {known})").format(
                    credential=cycle.credential, version=self.version_id, known=known),
                _('check the credential, or pin the version that has it: rules = "{version}"').format(
                    version=other) if other else
                _("check the credential: {version} names {known}").format(version=self.version_id,
                                                                          known=known))
        return Quota(total.amount, total.citation or self.citation, needs=tuple(out),
                     carryover_cap=carry_cap, caps=tuple(caps), note=note, label=total.label, **annual,
                     **extra)

    def credentials(self) -> set[str]:
        """The credentials (upper-cased) some cycle total of this version names."""
        out: set[str] = set()
        for table, need in self.needs:
            if need.select.everything and need.period == "cycle" and need.kind == "required":
                amount = table.get("amount")
                out |= {k.upper() for k in amount} if isinstance(amount, dict) else {"*"}
        return out


def _same(value: Any, wanted: Any) -> bool:
    """An option's value as the ledger wrote it against the one a `when` names (text case-blind)."""
    if isinstance(value, str) and isinstance(wanted, str):
        return value.strip().lower() == wanted.strip().lower()
    return bool(value == wanted)


def amount_for(value: Any, credential: str) -> float | None:
    if isinstance(value, dict):
        found = next((v for k, v in value.items() if k.upper() == credential.upper()), None)
        return float(found) if type(found) in (int, float) else None
    return float(value)
