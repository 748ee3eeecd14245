"""JSON export: the status structure `cpetui status --json` prints, made safe to show on a terminal."""

from __future__ import annotations

import json
import re
from typing import Any

# json.dumps escapes C0 controls already; with ensure_ascii=False it would pass these through raw,
# and a terminal showing them can be steered (C1 controls) or misleads the reader (bidi, zero width).
_UNSAFE = re.compile("[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def dumps(data: Any) -> str:
    """Stable JSON text (sorted keys, two-space indent, UTF-8 kept readable), ending in a newline."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
