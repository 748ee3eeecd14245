"""Child process for bench/run.py: first paint of `cpetui FOLDER` or of a bare Textual app; outside-edit
refresh; edit → saved → redrawn.

`paint` runs the command line itself (`cpetui.cli.main([FOLDER])`: arguments, the language, the app,
which reads the selected ledger whole and the others' headers before its first frame); an import hook gives
`cpetui.ui.app` a `run_app` whose app ends the process the moment its first full frame is drawn
(`os._exit` after the refresh), as the bare app does, so the figure is start → first paint for both, not
interpreter teardown. The first paint is the selected ledger's status and table drawn and every other
ledger listed in the sidebar from its [cycle] header; `loaded` waits until the others are read whole
(for the peak-memory figure).
`edit N` is the app's own edit path in a ledger of N activities: the save in its worker, the status
recomputed, the changed cells redrawn, until the frame showing them is drawn.
`typing LEDGER` is keystroke → character shown in the add form (see `typing`).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = date(2026, 11, 22)
# The size a terminal reports once at start. Without it the headless driver starts at 80×24, reports
# 80×25, then settles back: three full layouts that a real terminal never asks for, which cost a full
# screen three times what they cost the bare app's empty one. Both apps get the same size.
SIZE = (80, 24)


def bare() -> None:
    from textual.app import App

    class Bare(App[None]):
        def on_mount(self) -> None:
            self.call_after_refresh(painted)

    Bare().run(headless=True, size=SIZE)


REPORT_PEAK = False  # `loaded` mode: print this process's own peak memory (KiB) before ending


def painted() -> None:
    if REPORT_PEAK:
        import resource

        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    sys.stdout.flush()
    os._exit(0)


class _FirstPaintHook:
    """Import hook: when `cpetui.ui.app` is loaded, its `run_app` opens an app that ends the process at
    its first paint. The command line itself is run unchanged, so the figure is `cpetui FOLDER`'s
    start-up as a user has it: arguments, language, the first read."""

    def __init__(self, everything: bool) -> None:
        self.everything = everything

    def find_spec(self, name: str, path: object, target: object = None) -> object:
        if name != "cpetui.ui.app":
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        load, everything = spec.loader.exec_module, self.everything

        def exec_module(module: object) -> None:
            load(module)  # type: ignore[arg-type]
            module.run_app = _first_paint_app(module.CpetuiApp, everything)  # type: ignore[attr-defined]

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _first_paint_app(base: type, everything: bool):  # type: ignore[no-untyped-def]
    class FirstPaint(base):  # type: ignore[misc, valid-type]
        done = False

        def render_all(self) -> None:  # type: ignore[override]
            super().render_all()
            if self.done or not self.session.entries:
                return
            selected = self.entry
            if selected is None or selected.pending or (everything and self.loading):
                return
            self.done = True
            self.call_after_refresh(painted)

    def run_app(paths) -> int:  # type: ignore[no-untyped-def]
        FirstPaint(paths).run(headless=True, size=SIZE)
        raise SystemExit("the app ended before its first paint")

    return run_app


def paint(folder: str, *, everything: bool = False) -> None:
    """Run `cpetui FOLDER` as a user does; end at its first paint, or (`everything`) once every ledger
    is read."""
    sys.meta_path.insert(0, _FirstPaintHook(everything))  # type: ignore[arg-type]
    import cpetui.cli
    from cpetui.cli import main

    # the probe's app draws headless, so the command line need not refuse for want of a terminal
    cpetui.cli._has_terminal = lambda: True  # type: ignore[attr-defined]
    main([folder])


async def outside_edit(folder: str) -> float:
    from cpetui.ui.app import CpetuiApp

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ledgers"
        shutil.copytree(folder, work)
        target = sorted(work.glob("*.toml"))[0]
        app = CpetuiApp([str(work)], as_of=AS_OF)
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.session.entries or app.loading:  # the app is up and has read everything
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


async def edit_in_app(size: int, runs: int = 15) -> float:
    """Median seconds from an edit sent to the app until it is saved, recomputed and on screen."""
    import statistics

    from bench.generate import generate
    from cpetui.ledger.session import Edit
    from cpetui.ui.app import CpetuiApp

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 1, size)
        (path,) = Path(tmp).glob("*.toml")
        class Timed(CpetuiApp):
            taken: asyncio.Event | None = None

            def _take(self, job, outcome) -> None:  # type: ignore[no-untyped-def]
                super()._take(job, outcome)
                if self.taken is not None:
                    self.taken.set()

        app = Timed([str(path)], as_of=AS_OF, watch=False)
        samples = []
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            target = app.entry.ledger.activities[size // 2].id
            for i in range(runs):
                app.taken = asyncio.Event()
                start = time.perf_counter()
                app.save(Edit("update", str(path), target, {"title": f"Edited title {i}"}))
                await app.taken.wait()  # saved, recomputed, cells updated (no polling to slow it)
                shown = asyncio.Event()
                app.call_after_refresh(shown.set)  # the frame that shows it has been drawn
                await shown.wait()
                samples.append(time.perf_counter() - start)
        return statistics.median(samples)


TYPED = "Cloud security alliance: zero trust day"  # 40 characters, typed into the add form's title


async def typing(ledger: str) -> tuple[float, float]:
    """Keystroke → character shown in the add form: the median for one key at a time, and the time for
    all 40 keys handed over at once (as a terminal does when typing is fast) until the last is shown.

    A key is sent as the terminal driver sends it; it counts as shown when the field holds it and a
    frame has been drawn since. The field's drawn line is checked to show what was typed, untimed."""
    import statistics

    from textual import events

    from cpetui.ui.app import CpetuiApp

    def send(app, key: str) -> None:  # type: ignore[no-untyped-def]
        event = events.Key("space" if key == " " else key, key)
        event.set_sender(app)
        app._driver.send_message(event)

    async def drawn(app) -> None:  # type: ignore[no-untyped-def]
        shown = asyncio.Event()
        app.call_after_refresh(shown.set)
        await shown.wait()

    async def open_form(app, pilot):  # type: ignore[no-untyped-def]
        await pilot.press("a")
        while type(app.screen).__name__ != "ActivityForm" or app.focused is None:
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        return app.focused

    app = CpetuiApp([ledger], as_of=AS_OF, watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        field = await open_form(app, pilot)
        samples = []
        for i, key in enumerate(TYPED):
            start = time.perf_counter()
            send(app, key)
            while len(field.value) <= i:
                await asyncio.sleep(0)
            await drawn(app)
            samples.append(time.perf_counter() - start)
        per_key = statistics.median(samples)
        _check_shown(app, field)
        await pilot.press("escape", "y")  # discard, and type the same again all at once
        await pilot.pause(0.2)
        field = await open_form(app, pilot)
        start = time.perf_counter()
        for key in TYPED:
            send(app, key)
        while field.value != TYPED:
            await asyncio.sleep(0)
        await drawn(app)
        burst = time.perf_counter() - start
        _check_shown(app, field)
    return per_key, burst


def _check_shown(app, field) -> None:  # type: ignore[no-untyped-def]
    if field.value != TYPED or TYPED not in field.render_line(0).text:
        raise SystemExit(f"typed {TYPED!r}, the form shows {field.value!r}")


def main() -> int:
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    elif mode == "paint":
        paint(sys.argv[2])
    elif mode == "loaded":
        global REPORT_PEAK
        REPORT_PEAK = True
        paint(sys.argv[2], everything=True)
    elif mode == "edit":
        print(f"{asyncio.run(edit_in_app(int(sys.argv[2]))):.4f}")
    elif mode == "typing":
        per_key, burst = asyncio.run(typing(sys.argv[2]))
        print(f"{per_key:.5f} {burst:.5f}")
    elif mode == "outside-edit":
        print(f"{asyncio.run(outside_edit(sys.argv[2])):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
