"""The sidebar's list: headings are passed over, the highlight wraps round, a click chooses, a prompt
that grows (a ledger read whole after start-up) moves the ones below it down."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from cpetui.ui.widgets.listing import Item, Listing


class Host(App[None]):
    def __init__(self, items: list[Item]) -> None:
        super().__init__()
        self.items = items
        self.heard: list[tuple[str, int, str | None]] = []

    def compose(self) -> ComposeResult:
        yield Listing(id="list")

    def on_mount(self) -> None:
        listing = self.query_one(Listing)
        listing.set_items(self.items)
        listing.highlighted = 1
        listing.focus()

    def on_listing_highlighted(self, message: Listing.Highlighted) -> None:
        self.heard.append(("highlighted", message.index, message.id))

    def on_listing_selected(self, message: Listing.Selected) -> None:
        self.heard.append(("selected", message.index, message.id))


def sample() -> list[Item]:
    return [
        Item(Text("CISSP"), enabled=False),
        Item(Text("2024–2027\nbar 1"), id="a"),
        Item(Text("2021–2024\nbar 2"), id="b"),
        Item(None),
        Item(Text("CFE"), enabled=False),
        Item(Text("2026–2027\nbar 3"), id="c"),
    ]


def lines(listing: Listing) -> list[str]:
    return [listing.render_line(y).text for y in range(listing.size.height)]


async def test_headings_are_passed_over_and_the_highlight_wraps_round() -> None:
    app = Host(sample())
    async with app.run_test(size=(30, 12)) as pilot:
        listing = app.query_one(Listing)
        assert app.heard == [("highlighted", 1, "a")]
        await pilot.press("down", "down")  # b, then over the separator and the CFE heading to c
        assert listing.highlighted == 5 and app.heard[-1] == ("highlighted", 5, "c")
        await pilot.press("down")  # past the last: back to the first
        assert listing.highlighted == 1
        await pilot.press("up")  # and the other way round
        assert listing.highlighted == 5
        await pilot.press("home")
        assert listing.highlighted == 1
        await pilot.press("end", "enter")
        assert app.heard[-1] == ("selected", 5, "c")


async def test_separators_span_the_width_and_prompts_keep_their_lines() -> None:
    app = Host(sample())
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(Listing)
        shown = lines(listing)
        width = listing.scrollable_content_region.width
        assert shown[:6] == [t.ljust(width) for t in ("CISSP", "2024–2027", "bar 1", "2021–2024", "bar 2",
                                                          "─" * width)]


async def test_a_click_highlights_and_chooses_a_heading_click_does_nothing() -> None:
    app = Host(sample())
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.click(Listing, offset=(3, 4))  # "bar 2": the second ledger's second line
        assert app.heard[-2:] == [("highlighted", 2, "b"), ("selected", 2, "b")]
        heard = len(app.heard)
        await pilot.click(Listing, offset=(3, 0))  # the heading
        assert len(app.heard) == heard


async def test_a_prompt_that_grows_pushes_the_rest_down() -> None:
    items = sample()
    items[2] = Item(Text("2021–2024 …"), id="b")  # known by its header only: one line
    app = Host(items)
    async with app.run_test(size=(30, 12)) as pilot:
        listing = app.query_one(Listing)
        assert lines(listing)[4].startswith("─")
        listing.replace_prompt("b", Text("2021–2024 complete\nbar 2"))
        await pilot.pause()
        width = listing.scrollable_content_region.width
        assert lines(listing)[3:6] == [t.ljust(width) for t in ("2021–2024 complete", "bar 2", "─" * width)]
        assert listing.highlighted == 1  # the highlight stays
