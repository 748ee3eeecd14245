"""Writes tests/programs/golden/: `cpetui status --json` of every sample ledger at fixed dates.

The programs' rules moving from Python to data files must not change a single figure: the test
`tests/programs/test_golden_status.py` compares today's output with these files. Run this only when a
figure changes on purpose (a corrected rule), and say why in the commit.

    python tools/golden_status.py          # rewrite the files
    python tools/golden_status.py --check  # exit 1 when a file differs
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLDEN = ROOT / "tests" / "programs" / "golden"
# Inside early cycles, around the ends and grace periods of the sample cycles, and after them.
DATES = (date(2013, 6, 1), date(2015, 8, 1), date(2018, 9, 1), date(2025, 6, 15), date(2026, 12, 1),
         date(2027, 1, 15), date(2027, 7, 15), date(2029, 1, 1))


def expected(ledger: str) -> dict[str, object]:
    """The status JSON of `ledger` (a path relative to the repository) at each date."""
    from cpetui.cli.status import _one

    return {d.isoformat(): _one(ledger, d)[0] for d in DATES}


def ledgers() -> list[str]:
    return sorted(f"ledgers/{p.name}" for p in (ROOT / "ledgers").glob("*.toml"))


def text(doc: dict[str, object]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    os.chdir(ROOT)
    import gettext

    from cpetui.i18n import install

    install(gettext.NullTranslations(), "en")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    differ = []
    for ledger in ledgers():
        target = GOLDEN / (Path(ledger).stem + ".json")
        new = text(expected(ledger))
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != new:
                differ.append(target.name)
        else:
            target.write_text(new, encoding="utf-8")
    for name in differ:
        print(f"differs: {name}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
