"""A list of items to highlight and choose, with headings and separators: drawn from cached lines.

What the sidebar needs of Textual's OptionList, at a fraction of its cost to draw (each prompt is laid
out once per width and each frame only styles it). Keys: ↑ ↓ (wrapping round), PgUp PgDn, Home End,
Enter chooses; a click highlights and chooses. Headings (items not enabled) are passed over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cpetui.i18n import _
from cpetui.ui.widgets.line import text_strip


@dataclass(frozen=True, slots=True)
class Item:
    """A line or more of text (`prompt`), or a separator line (`prompt` None)."""

    prompt: Text | None
    id: str | None = None
    enabled: bool = True

    @property
    def height(self) -> int:
        return 1 if self.prompt is None else self.prompt.plain.count("\n") + 1

    @property
    def choosable(self) -> bool:
        return self.prompt is not None and self.enabled


class Listing(ScrollView, can_focus=True):
    """Items one under the other, one of them highlighted; hears nothing, posts what the user does."""

    BINDINGS = [
        Binding("down", "cursor_down", _("Down"), show=False),
        Binding("up", "cursor_up", _("Up"), show=False),
        Binding("end", "last", _("Last"), show=False),
        Binding("home", "first", _("First"), show=False),
        Binding("pagedown", "page_down", _("Page Down"), show=False),
        Binding("pageup", "page_up", _("Page Up"), show=False),
        Binding("enter", "select", _("Select"), show=False),
    ]

    COMPONENT_CLASSES = {"listing--highlighted", "listing--separator"}

    # OptionList's look, so the list reads the same in every theme.
    DEFAULT_CSS = """
    Listing {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
        & > .listing--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .listing--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .listing--separator {
            color: $foreground 15%;
        }
    }
    """

    class Highlighted(Message):
        """Item `index` (with `id`) is highlighted now."""

        def __init__(self, index: int, id: str | None) -> None:  # noqa: A002 - the item's id
            super().__init__()
            self.index, self.id = index, id

    class Selected(Message):
        """Item `index` (with `id`) was chosen."""

        def __init__(self, index: int, id: str | None) -> None:  # noqa: A002 - the item's id
            super().__init__()
            self.index, self.id = index, id

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.items: list[Item] = []
        self._starts: list[int] = []  # each item's first line
        self._owner: list[int] = []  # each line's item
        self._drawn: dict[int, list[Strip]] = {}  # item → its lines at `_width`
        self._width = 0
        self._highlighted: int | None = None

    # ------------------------------------------------------------------------------ contents

    def set_items(self, items: Iterable[Item]) -> None:
        """Replace every item; the highlight is dropped (set `highlighted` again)."""
        self.items = list(items)
        self._drawn.clear()
        self._highlighted = None
        self._lay_out()

    def _lay_out(self) -> None:
        self._starts, self._owner = [], []
        for n, item in enumerate(self.items):
            self._starts.append(len(self._owner))
            self._owner.extend([n] * item.height)
        self.virtual_size = Size(self._width, len(self._owner))
        self.refresh(layout=True)

    def replace_prompt(self, item_id: str, prompt: Text) -> None:
        """Give item `item_id` a new prompt (a changed status); the highlight stays where it is."""
        index = self.index_of(item_id)
        old = self.items[index]
        self.items[index] = Item(prompt, old.id, old.enabled)
        self._drawn.pop(index, None)
        if old.height != self.items[index].height:
            self._lay_out()
        else:
            self.refresh()

    def index_of(self, item_id: str) -> int:
        """The index of the item with `item_id`; KeyError when there is none."""
        for n, item in enumerate(self.items):
            if item.id == item_id:
                return n
        raise KeyError(item_id)

    # ------------------------------------------------------------------------------ highlight

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and not (0 <= index < len(self.items) and self.items[index].choosable):
            return
        if index == self._highlighted:
            return
        self._highlighted = index
        self.refresh()
        if index is not None:
            self._scroll_to_item(index)
            self.post_message(self.Highlighted(index, self.items[index].id))

    def _scroll_to_item(self, index: int) -> None:
        start, end = self._starts[index], self._starts[index] + self.items[index].height
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if height <= 0:  # not laid out yet: the first layout shows it from the top
            return
        if start < top:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif end > top + height:
            self.scroll_to(y=end - height, animate=False, immediate=True)

    def _choosable(self) -> list[int]:
        return [n for n, item in enumerate(self.items) if item.choosable]

    def _step(self, direction: int) -> None:
        choosable = self._choosable()
        if not choosable:
            return
        if self._highlighted is None:
            self.highlighted = choosable[0 if direction > 0 else -1]
            return
        later = [n for n in choosable if (n - self._highlighted) * direction > 0]
        # Past the last (or first) item the highlight wraps round, as OptionList's does.
        self.highlighted = (min(later) if direction > 0 else max(later)) if later else \
            choosable[0 if direction > 0 else -1]

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        choosable = self._choosable()
        if choosable:
            self.highlighted = choosable[0]

    def action_last(self) -> None:
        choosable = self._choosable()
        if choosable:
            self.highlighted = choosable[-1]

    def _page(self, direction: int) -> None:
        choosable = self._choosable()
        if not choosable:
            return
        if self._highlighted is None:
            self.highlighted = choosable[0]
            return
        target = self._starts[self._highlighted] + direction * max(1, self.scrollable_content_region.height)
        if direction > 0:
            after = [n for n in choosable if self._starts[n] >= target]
            self.highlighted = after[0] if after else choosable[-1]
        else:
            before = [n for n in choosable if self._starts[n] <= target]
            self.highlighted = before[-1] if before else choosable[0]

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self._highlighted, self.items[self._highlighted].id))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + int(self.scroll_y)
        if 0 <= line < len(self._owner) and self.items[self._owner[line]].choosable:
            event.stop()
            self.highlighted = self._owner[line]
            self.action_select()

    # ------------------------------------------------------------------------------ drawing

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._owner)

    def _lines_of(self, index: int, width: int) -> list[Strip]:
        if width != self._width:
            self._drawn.clear()
            self._width = width
        lines = self._drawn.get(index)
        if lines is None:
            prompt = self.items[index].prompt
            if prompt is None:
                lines = [Strip.blank(0)]  # drawn as a rule in render_line, at the width then
            else:  # a line of text each, cut with … at the width (no wrapping: no Rich layout needed)
                console = self.app.console
                own = prompt.style
                lines = []
                for part in prompt.split("\n", allow_blank=True):
                    part.style = own  # split keeps the spans; the text's own style goes under them
                    lines.append(text_strip(part, width, console))
            self._drawn[index] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = y + int(self.scroll_y)
        if not 0 <= line < len(self._owner):
            return Strip.blank(width, base)
        index = self._owner[line]
        item = self.items[index]
        style = base
        if item.prompt is None:
            style = base + self.get_component_rich_style("listing--separator")
            return Strip([Segment("─" * width, style)], width)
        if index == self._highlighted:  # headings (not enabled) read as plain text, as in OptionList
            style = base + self.get_component_rich_style("listing--highlighted")
        lines = self._lines_of(index, width)
        part = line - self._starts[index]
        strip = lines[part] if part < len(lines) else Strip.blank(0)
        return strip.apply_style(style).crop_extend(0, width, style)
