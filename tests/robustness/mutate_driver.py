"""Runs every headless command on one ledger in this process and prints any traceback (used under a
memory limit by test_mutations.py: one process per mutated ledger keeps the run short)."""

from __future__ import annotations

import contextlib
import io
import sys
import traceback


def main(ledger: str, out_dir: str) -> int:
    from cpetui.cli import main as cli

    commands = [
        ["check", ledger, "--as-of", "2026-11-22"],
        ["check", ledger, "--json", "--as-of", "2026-11-22"],
        ["status", ledger, "--json", "--as-of", "2026-11-22"],
        ["status", ledger, "--as-of", "2026-11-22"],
        *[["export", ledger, "--format", fmt, "--as-of", "2026-11-22", "--output", f"{out_dir}/x.{fmt}"]
          for fmt in ("csv", "json", "markdown")],
        ["audit-pack", ledger, "--output", f"{out_dir}/pack.zip", "--force", "--allow-missing",
         "--as-of", "2026-11-22"],
    ]
    failed = 0
    for argv in commands:
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                cli(argv)
        except SystemExit:
            pass  # argparse's own refusals
        except BaseException:  # noqa: BLE001 - the point: any escape is a defect
            failed += 1
            print("COMMAND", " ".join(argv[:1]))
            traceback.print_exc(file=sys.stdout)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
