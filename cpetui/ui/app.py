"""The cpetui app: ledgers in a sidebar, the selected one's status, activities and findings, kept live."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget

from cpetui.i18n import N_, _
from cpetui.ledger.order import ordered_paths
from cpetui.ledger.session import Entry, Session
from cpetui.ledger.where import app_paths
from cpetui.model import Activity, Problem
from cpetui.ui.editing import Editing
from cpetui.ui.format import use_theme
from cpetui.ui.reading import Reading
from cpetui.ui.renews import renewed_ledgers
from cpetui.ui.rows import build_rows
from cpetui.ui.saving import SaveJob, Saving
from cpetui.ui.screens.overview import OverviewScreen
from cpetui.ui.widgets.activities import ActivityTable
from cpetui.ui.widgets.explain import ExplainPanel
from cpetui.ui.widgets.keybar import KeyBar
from cpetui.ui.widgets.pages import Pages, TabBar
from cpetui.ui.widgets.problems import ProblemsBanner
from cpetui.ui.widgets.sidebar import LedgerList
from cpetui.ui.widgets.status_panel import StatusPanel

POLL_SECONDS = 0.5


class MainScreen(Screen[None]):
    """The screen the app opens on (Textual's default screen, less one pass at start-up).

    Its widgets' styles are applied as they are mounted. The first time a screen is shown Textual
    applies every style again, for a screen coming back after the theme changed under it; on the
    first showing nothing can have changed, and that second pass over every widget is a visible part
    of the first paint. Later showings (after a dialog) refresh as Textual does.
    """

    def __init__(self) -> None:
        super().__init__(id="_default")
        self._shown = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls each class's handler, this one first: Screen's runs next with the flag read
        # (both private to Textual: tests/ui/test_textual_internals.py pins them).
        if not self._shown:
            self._shown = True
            event.refresh_styles = False


class CpetuiApp(Reading, Saving, Editing, App[int]):
    """The app; `as_of` fixes "today" (tests), `watch` turns the file watcher off (tests of collisions).

    Composing and showing live here; reading files (`Reading`), the save queue (`Saving`) and the
    actions that change a ledger (`Editing`) in their own modules.
    """

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))  # absolute: subclasses elsewhere find it too
    TITLE = "cpetui"
    # The ledger in view: the sidebar sets it, the panels follow (watch_selected).
    selected: var[str | None] = var(None, init=False)
    rescued: tuple[str, ...] = ()  # files holding open forms' input, kept when an error ended the app
    # The activities table has the keys from the first frame (no focus change, no second layout).
    AUTO_FOCUS = "#activities"

    BINDINGS = [
        # Priority: the form opens as the key is read, so keys typed right after it go to the form
        # (they wait there until it is built), never to the table behind it.
        Binding("a", "add", _("Add"), priority=True),
        Binding("e", "edit", _("Edit"), priority=True),
        Binding("d", "delete", _("Delete")),
        Binding("u,ctrl+z", "undo", _("Undo")),
        Binding("U,ctrl+y", "redo", _("Redo"), show=False),
        Binding("s", "submitted", _("Submitted")),
        Binding("S", "submitted_on", _("Submitted on…"), show=False),
        Binding("c", "copy", _("Copy to…")),
        Binding("o", "evidence", _("Evidence")),
        Binding("E", "editor", _("Editor")),
        Binding("i", "sources", _("Sources"), show=False),
        Binding("n", "next_cycle", _("Next cycle")),
        Binding("0", "overview", _("Overview"), show=False),
        Binding("1", "tab('tab-activities')", _("Activities"), show=False),
        Binding("2", "tab('tab-findings')", _("Findings"), show=False),
        Binding("3", "tab('tab-chart')", _("Chart"), show=False),
        Binding("ctrl+r", "reload", _("Reload"), show=False),
        Binding("question_mark", "help", _("Help"), key_display="?"),
        Binding("q", "quit", _("Quit")),
    ]

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        as_of: date | None = None,
        watch: bool = True,
        poll_seconds: float = POLL_SECONDS,
        overview: bool = False,
    ) -> None:
        """`overview`: open on every credential's overview when there are several ledgers (the
        `cpetui` command does; tests that look at one ledger start on it)."""
        super().__init__()
        self.open_on_overview = overview
        self.fixed_as_of = as_of
        self.session = Session(app_paths(paths), as_of or date.today())
        self.watching = watch
        self.poll_seconds = poll_seconds
        self.watcher: Any = None
        self._timer: Any = None
        self._polling = False
        # Saves run one at a time, in order, in a worker thread (file I/O never blocks a keystroke).
        self._jobs: deque[SaveJob] = deque()
        self._saving = False
        # The selected ledger (and the others' headers) are read before the first frame (no screen yet
        # to keep responsive), so it is drawn once, with the data.
        self._first: tuple[dict[str, Entry], list[Problem], list[str]] = self._read_first()

    # ------------------------------------------------------------------------------ layout

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def compose(self) -> ComposeResult:
        # The screen lays the sidebar and the main column side by side (MainScreen in app.tcss).
        yield LedgerList(id="ledgers")
        with Vertical(id="main"):
            yield ProblemsBanner(id="problems")
            yield StatusPanel(id="status")
            yield TabBar([(tab, _(title)) for tab, title in TABS], id="tabbar")
            with Pages({"tab-findings": _findings, "tab-chart": _chart}, id="tabs",
                       initial="tab-activities"):
                yield ActivityTable(id="tab-activities")
            yield ExplainPanel(id="explain")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#problems", ProblemsBanner).display = False
        self._use_theme()
        self.theme_changed_signal.subscribe(self, lambda _theme: self._retheme())
        # Columns fitted to the width the first layout will give, so it is the only layout.
        self.query_one(ActivityTable).fit_columns(self.expected_table_width())
        entries, missing, rest = self._first
        # Painted with data from the first frame.
        self.on_reading_loaded(Reading.Loaded(entries, tuple(missing)))
        # The other ledgers once the first frame is out: reading them must not delay it.
        if self.open_on_overview and len(entries) > 1:
            self.action_overview()
        if rest:
            self.call_after_refresh(self.read_rest, rest)
        else:
            self.call_after_refresh(self._settle_when_read)

    def expected_table_width(self) -> int:
        """The activity table's width once laid out: the screen less the sidebar, sized by its styles."""
        size = self.size
        styles = self.query_one(LedgerList).styles
        sidebar = styles.width.resolve(size, size) if styles.width is not None else Fraction(0)
        if styles.min_width is not None:
            sidebar = max(sidebar, styles.min_width.resolve(size, size))
        if styles.max_width is not None:
            sidebar = min(sidebar, styles.max_width.resolve(size, size))
        return size.width - int(sidebar)

    def _use_theme(self) -> None:
        use_theme(self.get_css_variables())

    def _retheme(self) -> None:
        """Badges and bars take the new theme's text colours, so they stay readable on its background."""
        self._use_theme()
        # Lines laid out once and kept (sidebar prompts, the explanation) are laid out again.
        self.query_one(LedgerList).restyle()
        self.query_one(ExplainPanel).restyle()
        if self.session.entries:
            self.render_all()

    # ------------------------------------------------------------------------------ showing

    @property
    def entry(self) -> Entry | None:
        return self.session.entries.get(self.selected) if self.selected else None

    def watch_selected(self) -> None:
        """Another ledger chosen: the panels show it (the sidebar chose it, or is shown by the caller)."""
        self.render_selected()

    def reselect(self) -> None:
        """When the selected ledger is gone (or none was), the first in sidebar order, set quietly: the
        caller shows everything next."""
        entries = self.session.entries
        if self.selected is None or self.selected not in entries:
            ordered = ordered_paths(entries.values())
            self.set_reactive(CpetuiApp.selected, ordered[0] if ordered else None)

    def render_all(self, keep: str | None = None) -> None:
        self.render_sidebar()
        self.render_selected(keep)
        for screen in self.screen_stack:
            if isinstance(screen, OverviewScreen):
                screen.show(self.session.entries.values(), self.session.as_of)

    def action_overview(self) -> None:
        """Every credential's current cycle; Enter there opens a ledger."""
        if any(isinstance(s, OverviewScreen) for s in self.screen_stack):
            return

        def opened(path: str | None) -> None:
            if path is not None and path in self.session.entries:
                self.selected = path
                self.render_sidebar()

        self.push_screen(OverviewScreen(self.session.entries.values(), self.session.as_of), opened)

    def render_sidebar(self) -> None:
        self.query_one(LedgerList).show(self.session.entries.values(), self.selected)

    def render_selected(self, keep: str | None = None) -> None:
        entry = self.entry
        banner = self.query_one(ProblemsBanner)
        banner.show(entry.problems if entry else (), bool(entry and entry.ledger.activities))
        self.query_one("#main").set_class(bool(entry and entry.broken), "read-only")
        self.query_one(StatusPanel).show(entry, self.session.as_of)
        table = self.query_one(ActivityTable)
        if entry is None:
            table.show([])
        else:
            table.show(build_rows(entry.ledger, entry.status, entry.evidence), keep=keep,
                       unit=entry.status.unit if entry.status else "cpe")
        findings = entry.status.findings if entry and entry.status else ()
        self.query_one(TabBar).show(counts={"tab-findings": len(findings)})
        # The findings and the chart exist once their tab was opened (see Pages).
        titles = {a.id: a.title for a in entry.ledger.activities} if entry and findings else {}
        for listing in self.query("FindingsList"):
            listing.show(findings, titles)  # type: ignore[attr-defined]
        for chart in self.query("CreditChart"):
            chart.show(entry)  # type: ignore[attr-defined]
        self._explain()

    def _explain(self) -> None:
        activity = self.current_activity
        entry = self.entry
        credit = entry.status.credit_of(activity.id) if entry and entry.status and activity else None
        renews = (renewed_ledgers(activity, entry, self.session.entries.values())
                  if entry is not None and activity is not None else ())
        self.query_one(ExplainPanel).show(activity, credit,
                                          entry.status.unit if entry and entry.status else "cpe", renews)

    @property
    def current_activity(self) -> Activity | None:
        entry = self.entry
        aid = self.query_one(ActivityTable).current_id
        return entry.ledger.activity(aid) if entry and aid else None

    @on(LedgerList.Chosen)
    def _ledger_chosen(self, message: LedgerList.Chosen) -> None:
        self.selected = message.path

    @on(ActivityTable.Highlighted)
    def _row_highlighted(self) -> None:
        self._explain()

    @on(ActivityTable.Chosen)
    def _row_chosen(self) -> None:
        self.action_edit()

    def on_findings_list_jump(self, message: Message) -> None:
        """A finding was chosen (FindingsList.Jump): show its activity."""
        self.action_tab("tab-activities")
        if not self.query_one(ActivityTable).goto(message.activity_id):
            self.notify(_("That activity is not in the table."), severity="warning")

    def action_tab(self, tab: str) -> None:
        made = self.query_one(Pages).open(tab)
        self.query_one(TabBar).show(active=tab)
        if made is not None:  # a page opened for the first time shows the selected ledger
            self.call_after_refresh(self.render_selected)
        if tab == "tab-activities":
            self.query_one(ActivityTable).table.focus()
        elif tab in ("tab-findings", "tab-chart"):
            self.query_one(f"#{tab}").focus()  # the chart scrolls by keys, like the findings

    def action_help(self) -> None:
        from cpetui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_sources(self) -> None:
        """The sources of the selected figure: a chosen finding, else the activity, else the cycle."""
        from cpetui.ui.cited import selected_citations
        from cpetui.ui.screens.sources import SourcesScreen

        entry = self.entry
        focused = self.focused
        finding = None
        if type(focused).__name__ == "FindingsList" and focused.highlighted is not None:  # type: ignore[union-attr]
            shown = focused.findings or ()  # type: ignore[union-attr]
            finding = shown[focused.highlighted] if focused.highlighted < len(shown) else None  # type: ignore[union-attr]
        status = entry.status if entry else None
        # From the status panel or the ledger list, the figures in view are the cycle's, not an activity's.
        activity = None if type(focused).__name__ in ("StatusPanel", "LedgerList") else self.current_activity
        self.push_screen(SourcesScreen(selected_citations(status, activity, finding)))

    def action_reload(self) -> None:
        self.load()

    # ------------------------------------------------------------------------------ palette

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one hook for an error nothing handled (the app ends after it): keep what the user
        # typed into an open form first. tests/ui/test_textual_internals.py pins that it exists.
        from cpetui.ui.rescue import save_forms

        self.rescued = (*self.rescued, *save_forms(self.screen_stack))
        super()._handle_exception(error)

    def action_command_palette(self) -> None:
        from cpetui.ui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands (theme, keys, screenshot, quit …), in the interface language.
        for command in super().get_system_commands(screen):
            yield command._replace(
                title=_(command.title) if command.title in _TEXTUAL_WORDS else command.title,
                help=_(command.help) if command.help in _TEXTUAL_WORDS else command.help)
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in ("quit", "help"):
                continue
            yield SystemCommand(binding.description, _("key: {key}").format(key=key_label(binding)),
                                _bound(self, binding.action))
        # The table's keys (filter, sort, reverse, pages) work from anywhere: they open its tab first.
        for binding in ActivityTable.BINDINGS:
            assert isinstance(binding, Binding)
            yield SystemCommand(binding.description, _("key: {key}").format(key=key_label(binding)),
                                _on_table(self, binding.action))
        yield SystemCommand(_("New ledger…"), _("start a ledger for a program and credential"),
                            self.action_new_ledger)
        yield SystemCommand(_("Import activities…"),
                            _("from a CSV or spreadsheet into the ledger in view, previewed first"),
                            self.action_import)
        yield SystemCommand(_("Undo the last change in any ledger"),
                            _("even one not in view; it says which file it changes"),
                            lambda: self.action_undo(anywhere=True))
        yield SystemCommand(_("Redo the last undone change in any ledger"),
                            _("even one not in view; it says which file it changes"),
                            lambda: self.action_redo(anywhere=True))
        yield SystemCommand(_("Help"), _("every key and filter term") + " · " + _("key: {key}").format(
            key="?"), self.action_help)


def _findings() -> Widget:
    """The findings page, made (and its module imported) when its tab is first opened."""
    from cpetui.ui.widgets.findings import FindingsList

    return FindingsList()


def _chart() -> Widget:
    """The chart page, made (and its module imported) when its tab is first opened."""
    from cpetui.ui.widgets.chart import CreditChart

    return CreditChart()


# The pages under the tab bar; titles translated when shown.
TABS = (("tab-activities", N_("Activities")), ("tab-findings", N_("Findings")), ("tab-chart", N_("Chart")))

# Textual's system commands, marked for the catalogues (Textual itself has none).
_TEXTUAL_WORDS = frozenset((
    N_("Bell"),
    N_("Ring the bell"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
))

def _bound(app: App, action: str):  # type: ignore[no-untyped-def]
    async def run() -> None:
        await app.run_action(action)

    return run


def _on_table(app: CpetuiApp, action: str):  # type: ignore[no-untyped-def]
    async def run() -> None:
        app.action_tab("tab-activities")
        await app.run_action(action, app.query_one(ActivityTable))

    return run


_MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Meta", "super": "Super"}


def key_label(binding: Binding) -> str:
    """A binding's keys as people write them: `u,ctrl+z` is `u / Ctrl+Z`, `greater_than_sign` is `>`."""
    from textual.keys import format_key

    if binding.key_display:
        return binding.key_display
    labels = []
    for key in binding.key.split(","):
        *modifiers, name = key.strip().split("+")
        shown = format_key(name)
        if modifiers and len(shown) == 1:
            shown = shown.upper()
        labels.append("+".join([*(_MODIFIERS.get(m, m.title()) for m in modifiers), shown]))
    return " / ".join(labels)


def run_app(paths: Sequence[str] = ()) -> int:
    """Open the app on `paths` (none: the folder `cpetui where` names), on the overview when there are
    several ledgers; the shell's exit code."""
    app = CpetuiApp(paths, overview=True)
    result = app.run()
    for path in app.rescued:
        print(_("Your unsaved form input is in {path}").format(path=path))
    # An unexpected error ends the app with Textual's return code 1 and no result: say so to the shell.
    return app.return_code or int(result or 0)
