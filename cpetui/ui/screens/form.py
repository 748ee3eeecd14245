"""The activity form: fields that follow the program, errors at the field, a live preview of the credits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from cpetui.i18n import _
from cpetui.model import MEASURE_KEYS, Cycle
from cpetui.ui.format import color, num, safe
from cpetui.ui.formspec import FormSpec, Preview, check, preview

_TEXT_KEYS = ("date", "title", "provider")
_TAIL_KEYS = ("evidence", "submitted", "notes")


def labels() -> dict[str, str]:
    return {
        "date": _("Date"),
        "title": _("Title"),
        "provider": _("Provider"),
        "type": _("Type"),
        "group": _("Group"),
        "field": _("Field"),
        "hours": _("Hours"),
        "minutes": _("Minutes"),
        "sessions": _("Sessions (min)"),
        "credits": _("Credits"),
        "semester_hours": _("Semester hours"),
        "ceus": _("CEUs"),
        "periods": _("Periods"),
        "period_minutes": _("Period minutes"),
        "months": _("Months"),
        "preparation_hours": _("Preparation h"),
        "authors": _("Authors"),
        "role": _("Role"),
        "repeat": _("Repeat (yes/no)"),
        "venue": _("Venue"),
        "exam_parts": _("Exam parts"),
        "evidence": _("Evidence"),
        "submitted": _("Submitted"),
        "notes": _("Notes"),
    }


def placeholders() -> dict[str, str]:
    return {
        "date": _("YYYY-MM-DD, the day it ended"),
        "title": _("what you attended, wrote or taught"),
        "sessions": _("minutes of each session: 30, 45"),
        "evidence": _("files beside the ledger or URLs, comma-separated"),
        "submitted": _("YYYY-MM-DD, when sent to the portal"),
        "repeat": _("yes for a repeated talk or course"),
    }


def field_text(value: Any) -> str:
    """A ledger value as the form's field holds it (a list as `a, b`, true as `yes`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ActivityForm(ModalScreen[dict[str, Any] | None]):
    """Dismisses with the form's values (None for a key the user emptied), or None when cancelled."""

    CSS_PATH = "dialogs.tcss"  # beside this file; read the first time a dialog opens

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("escape", "cancel", _("Cancel")),
    ]

    def __init__(
        self,
        cycle: Cycle,
        spec: FormSpec,
        initial: Mapping[str, Any],
        *,
        activity_id: str,
        heading: str,
    ) -> None:
        super().__init__()
        self.cycle = cycle
        self.spec = spec
        self.initial = dict(initial)
        self.activity_id = activity_id
        self.heading = heading
        self.errors: dict[str, str] = {}
        self.attempted = False
        self.unsaved = False  # opened again with input a save could not write

    def again(self, values: Mapping[str, Any]) -> ActivityForm:
        """The same form filled with `values` (what it was dismissed with), for a save that failed."""
        filled = {k: v for k, v in values.items() if v is not None}
        form = ActivityForm(self.cycle, self.spec, filled, activity_id=self.activity_id, heading=self.heading)
        form.unsaved = True  # it holds what the user typed and nothing saved: Esc always asks
        return form

    # ---------------------------------------------------------------------------- layout

    def _row(self, key: str, widget: Input | Select) -> ComposeResult:
        with Vertical(classes="field", id=f"row-{key}"):
            with Horizontal(classes="line"):
                yield Label(labels()[key], classes="label")
                yield widget
            yield Static("", classes="error", id=f"err-{key}")

    def compose(self) -> ComposeResult:
        names = placeholders()
        with Vertical(classes="dialog form"):
            yield Static(Text(self.heading, style="bold"), classes="heading")
            with VerticalScroll(id="fields"):
                for key in _TEXT_KEYS:
                    yield from self._row(key, self._input(key, names))
                types = [(safe(t.label, 40), t.id) for t in self.spec.types]
                initial_type = self.initial.get("type") or self.spec.default_type
                if initial_type and initial_type not in [t for _l, t in types]:
                    types.append((safe(str(initial_type), 40), str(initial_type)))
                yield from self._row("type", Select(types, value=initial_type or Select.NULL,
                                                    id="in-type", compact=True, allow_blank=True,
                                                    prompt=_("choose…")))
                if self.spec.groups or self.initial.get("group"):
                    groups = [(g, g) for g in self.spec.groups or ("A", "B")]
                    group = self.initial.get("group") or Select.NULL
                    yield from self._row("group", Select(groups, value=group, id="in-group", compact=True,
                                                         prompt=_("choose…")))
                if self.spec.fields or self.initial.get("field"):
                    fields = [(f, f) for f in self.spec.fields or (self.initial["field"],)]
                    fld = self.initial.get("field") or Select.NULL
                    yield from self._row("field", Select(fields, value=fld, id="in-field", compact=True,
                                                         prompt=_("choose…")))
                for key in MEASURE_KEYS:
                    yield from self._row(key, self._input(key, names))
                for key in _TAIL_KEYS:
                    yield from self._row(key, self._input(key, names))
            yield Static("", id="preview")
            with Horizontal(classes="buttons"):
                yield Button(_("Save") + " (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button(_("Cancel") + " (esc)", id="cancel", compact=True)

    def _input(self, key: str, names: Mapping[str, str]) -> Input:
        return Input(field_text(self.initial.get(key)), placeholder=names.get(key, ""), id=f"in-{key}",
                     compact=True)

    def on_mount(self) -> None:
        self._show_measures()
        self._refresh()
        self.query_one("#in-title" if self.initial.get("date") else "#in-date", Input).focus()

    # ---------------------------------------------------------------------------- reading

    def raw(self) -> dict[str, str]:
        """Every field's text as typed (Selects give their value), empty for blank; hidden measures blank."""
        out: dict[str, str] = {}
        shown = set(self._measures())
        for key in (*_TEXT_KEYS, "type", "group", "field", *MEASURE_KEYS, *_TAIL_KEYS):
            found = self.query(f"#in-{key}")
            if not found:
                continue
            widget = found.first()
            if isinstance(widget, Select):
                out[key] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                assert isinstance(widget, Input)
                out[key] = widget.value if (key not in MEASURE_KEYS or key in shown) else ""
        return out

    def _type(self) -> str | None:
        select = self.query_one("#in-type", Select)
        return None if select.value is Select.NULL else str(select.value)

    def _measures(self) -> tuple[str, ...]:
        wanted = list(self.spec.measures_for(self._type()))
        # A key the activity already has stays visible, so nothing it holds is hidden or lost.
        wanted += [k for k in MEASURE_KEYS if k in self.initial and k not in wanted]
        return tuple(wanted)

    def _show_measures(self) -> None:
        shown = set(self._measures())
        for key in MEASURE_KEYS:
            self.query_one(f"#row-{key}").display = key in shown

    # ---------------------------------------------------------------------------- live checking

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        if event.control.id == "in-type":
            self._show_measures()
        self._refresh()

    def _refresh(self) -> None:
        raw = self.raw()
        result = check(self.cycle, raw, self.activity_id)
        self.errors = dict(result.errors)
        measures = self._measures()
        for row in self.query(".error"):
            key = (row.id or "").removeprefix("err-")
            # A field still empty is not scolded until the user tries to save; a missing measure is
            # told at the first measure field the form shows.
            message = self.errors.get(key, "") if (raw.get(key) or self.attempted) else ""
            if not message and self.attempted and measures and key == measures[0]:
                message = self.errors.get("measure", "")
            row.update(Text(safe(message, 300), style=color("bad")))
            row.display = bool(message)
        box = self.query_one("#preview", Static)
        if result.activity is None:
            box.update(Text(_("Fix the fields marked in red to see the credits."), style="dim"))
            return
        credit = preview(self.cycle, self.spec, result.activity)
        box.update(preview_text(credit))

    # ---------------------------------------------------------------------------- answers

    def action_save(self) -> None:
        self.attempted = True
        self._refresh()
        if self.errors:
            first = next(iter(self.errors))
            if first == "measure" and self._measures():
                first = self._measures()[0]
            target = self.query(f"#in-{first}")
            if target:
                target.first().focus()
            self.notify(_("Not saved: {n} field(s) need attention.").format(n=len(self.errors)),
                        severity="warning")
            return
        result = check(self.cycle, self.raw(), self.activity_id)
        values: dict[str, Any] = {k: None for k in self.initial if k in self.raw()}
        values.update(result.values)
        self.dismiss(values)

    @on(events.Mount)
    def _remember_pristine(self) -> None:
        """What the form held when it opened (before `on_mount`): Esc asks before dropping any change."""
        self._pristine = self.raw()

    def action_cancel(self) -> None:
        if not self.unsaved and self.raw() == getattr(self, "_pristine", None):
            self.dismiss(None)
            return
        from cpetui.ui.screens.confirm import Confirm

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm(_("Discard your changes?"), _("Discard")), answered)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()


def preview_text(credit: Preview | str) -> Text:
    if isinstance(credit, str):
        return Text(safe(credit, 300), style=color("warn"))
    why = credit.explanation
    out = Text()
    if credit.counted < credit.earned:  # the save would count less than the arithmetic gives: say so
        out.append(_("{counted} CPE counted of {earned}").format(
            counted=num(credit.counted), earned=num(credit.earned)), color("bold warn"))
    else:
        out.append(_("{earned} CPE").format(earned=num(credit.earned)), color("bold good"))
    out.append("  " + safe(why.text, 300))
    if why.citation:
        out.append("  (" + safe(why.citation, 120) + ")", "dim")
    for warning in credit.warnings:
        out.append("\n⚠ " + safe(warning, 300), color("warn"))
    return out
