"""RulesError: the ledger's cycle cannot be evaluated at all (unknown program, no version applies …)."""

from __future__ import annotations

from cpetui.model import Finding


class RulesError(Exception):
    """Raised when a ledger cannot be evaluated; `.finding` says where (the cycle's line) and what to do."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding
