"""The footer in one line: the keys that work where the focus is, and what they do; a click runs one.

Textual's Footer is a widget per key, recomposed on every focus change; one Static drawn from the
screen's active bindings costs a fraction of that at start-up and on every Tab.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shows `key description` for every shown binding, in the order Textual resolves them."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets: list[tuple[Any, str]] = []  # (node, action) per shown key, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        active = self.screen.active_bindings
        out = Text(no_wrap=True, overflow="ellipsis")
        self.targets = []
        seen: set[str] = set()
        shown = [b for b in active.values() if b.binding.show]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            shown.append(palette)
        for node, binding, enabled, _tooltip in shown:
            if binding.action in seen:
                continue
            seen.add(binding.action)
            click = Style(meta={"@click": f"run({len(self.targets)})"})
            self.targets.append((node, binding.action))
            key = self.app.get_key_display(binding)
            out.append(f" {key} ", Style(bold=True, dim=not enabled) + click)
            out.append(binding.description + " ", Style(dim=not enabled) + click)
        self.update(out)

    async def action_run(self, index: int) -> None:
        if 0 <= index < len(self.targets):
            node, action = self.targets[index]
            await self.app.run_action(action, node)
