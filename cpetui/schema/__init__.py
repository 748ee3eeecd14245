"""The JSON Schema of a ledger file (`ledger.schema.json`), for editors that validate TOML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("ledger.schema.json")


def load_schema() -> dict[str, Any]:
    """The ledger schema as a dict (read from the package on each call; it is small)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
