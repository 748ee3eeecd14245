"""The footer in one line: the keys that work where the focus is, and what they do; a click runs one.

Textual's Footer is a widget per key, recomposed on every focus change; one line drawn from the
screen's active bindings costs a fraction of that at start-up and on every Tab.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.screen import Screen

from cpetui.i18n import _, cell_width
from cpetui.ui.widgets.line import Line

# What a narrow terminal gives up first (the help lists every key); help and quit always stay.
DROPPED_FIRST = ("command_palette", "next_cycle", "editor", "evidence", "copy", "submitted", "reverse",
                 "filter", "undo", "delete", "edit", "add")
KEPT = ("help", "quit")


def fit_keys(items: list[tuple[str, str, int]], width: int,
             short: dict[str, int] | None = None) -> list[tuple[str, str, int]]:
    """`(action, text, cells)` items that fit in `width` cells; the help and quit keys are never dropped.

    With `short` (action → cells of the key alone), a key first gives up its description, in
    `DROPPED_FIRST` order (its text becomes ""), so that `c  o  E` stay on a small terminal; only then
    are keys dropped, in the same order, then from the right.
    """
    kept = list(items)
    order = [*DROPPED_FIRST] + [a for a, _t, _c in reversed(items) if a not in DROPPED_FIRST]
    for action in order if short else ():
        if sum(c for _a, _t, c in kept) <= width:
            return kept
        if action in KEPT:
            continue
        if action in short:
            kept = [(a, "", short[a]) if a == action else (a, t, c) for a, t, c in kept]
        else:  # a key that means nothing alone (^p) goes rather than shrinks
            kept = [item for item in kept if item[0] != action]
    for action in order:
        if sum(c for _a, _t, c in kept) <= width:
            break
        if action not in KEPT:
            kept = [item for item in kept if item[0] != action]
    return kept


class KeyBar(Line):
    """Shows `key description` for every shown binding, in the order Textual resolves them; what does
    not fit the width gives way, least needed first, but `? Help` and `q Quit` are always there."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets: list[tuple[Any, str]] = []  # (node, action) per shown key, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.redraw()  # one line whatever the keys: drawn again, never laid out again

    def line(self, width: int) -> Text:
        # Fitted when drawn, at the width it is drawn at: a resize needs no second pass.
        active = self.screen.active_bindings
        out = Text(no_wrap=True, overflow="ellipsis")
        self.targets = []
        seen: set[str] = set()
        shown = [b for b in active.values() if b.binding.show]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            shown.append(palette)
        keys = []
        for node, binding, enabled, _tooltip in shown:
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            if binding.action == "command_palette":  # Textual's own binding, described in English
                binding = replace(binding, description=_("palette"))
            keys.append((node, binding, enabled, key))
        fitting = fit_keys([(b.action, f" {key} {b.description} ", cell_width(f" {key} {b.description} "))
                            for _n, b, _e, key in keys], width,
                           {b.action: cell_width(f" {key} ") for _n, b, _e, key in keys
                            if b.action != "command_palette"})  # ^p alone says nothing: it goes first
        wanted = {action: text for action, text, _c in fitting}
        for node, binding, enabled, key in keys:
            if binding.action not in wanted:
                continue
            click = Style(meta={"@click": f"run({len(self.targets)})"})
            self.targets.append((node, binding.action))
            out.append(f" {key} ", Style(bold=True, dim=not enabled) + click)
            if wanted[binding.action]:  # "" : the key alone (its description gave way to the width)
                out.append(binding.description + " ", Style(dim=not enabled) + click)
        return out

    async def action_run(self, index: int) -> None:
        if 0 <= index < len(self.targets):
            node, action = self.targets[index]
            await self.app.run_action(action, node)
