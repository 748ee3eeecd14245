"""Child process for bench/run.py: first paint of the app or a bare Textual app; outside-edit refresh."""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = date(2026, 11, 22)


def bare() -> None:
    from textual.app import App

    class Bare(App[None]):
        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True)


def paint(folder: str) -> None:
    import cpetui.ui.app as app_module
    from cpetui.ui.app import CpetuiApp

    class FirstPaint(CpetuiApp):
        CSS_PATH = str(Path(app_module.__file__).parent / CpetuiApp.CSS_PATH)  # type: ignore[operator]
        painted = False

        def render_all(self) -> None:  # type: ignore[override]
            super().render_all()
            if not self.painted and self.session.entries:
                self.painted = True
                self.call_after_refresh(self.exit)

    FirstPaint([folder], as_of=AS_OF, watch=False).run(headless=True)


async def outside_edit(folder: str) -> float:
    from cpetui.ui.app import CpetuiApp

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ledgers"
        shutil.copytree(folder, work)
        target = sorted(work.glob("*.toml"))[0]
        app = CpetuiApp([str(work)], as_of=AS_OF)
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.session.entries:
                await pilot.pause(0.01)
            await pilot.pause(0.3)
            key = next(p for p in app.session.entries if Path(p).name == target.name)
            before = app.session.entries[key].ledger.fingerprint
            text = target.read_text(encoding="utf-8")
            start = time.perf_counter()
            target.write_text(text.replace('title = "', 'title = "(edited) ', 1), encoding="utf-8")
            while app.session.entries[key].ledger.fingerprint == before:
                await pilot.pause(0.005)
                if time.perf_counter() - start > 10:
                    raise SystemExit("no refresh within 10 s")
            await pilot.pause(0)  # the render that follows the install
            return time.perf_counter() - start


def main() -> int:
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    elif mode == "paint":
        paint(sys.argv[2])
    elif mode == "outside-edit":
        print(f"{asyncio.run(outside_edit(sys.argv[2])):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
