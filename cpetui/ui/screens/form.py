"""The activity form: fields that follow the program, errors at the field, a live preview of the credits.

Keys go where the user typed them, in order: Tab, Shift+Tab and Enter move the focus as the key is
read (priority bindings), not after the keys behind them have already gone to the field being left;
keys typed while the form is still being built wait for the field that opens with the focus. Checking
and the preview run once the keys already queued are read, on the fields' values kept at hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
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

    # Priority: each runs when the App reads the key, before it hands on the keys typed after it (so
    # they go to the next field, or past the closed form), not after the field has taken them.
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True),
        Binding("escape", "cancel", _("Cancel"), priority=True),
        Binding("tab", "next_field", show=False, priority=True),
        Binding("shift+tab", "previous_field", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]
    AUTO_FOCUS = ""  # the form chooses its first field itself, when it is ready (see on_mount)

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
        self._fields: dict[str, Input | Select] = {}  # key → its widget, from compose (no DOM queries)
        self._built = False  # on_mount has found the form's rows: the widgets' values can be read
        self._ready = False  # mounted and focused: until then keys wait in _early_keys
        self._gone = False  # dismissed (possibly before it was mounted)
        self._early_keys: list[events.Key] = []
        self._refresh_due = False
        # What Esc compares with: the fields as they open (read again from the widgets on mount).
        self._pristine = self._opening_raw()

    def again(self, values: Mapping[str, Any]) -> ActivityForm:
        """The same form filled with `values` (what it was dismissed with), for a save that failed."""
        filled = {k: v for k, v in values.items() if v is not None}
        form = ActivityForm(self.cycle, self.spec, filled, activity_id=self.activity_id, heading=self.heading)
        form.unsaved = True  # it holds what the user typed and nothing saved: Esc always asks
        return form

    # ---------------------------------------------------------------------------- layout

    def _row(self, key: str, widget: Input | Select) -> ComposeResult:
        self._fields[key] = widget
        with Vertical(classes="field", id=f"row-{key}"):
            with Horizontal(classes="line"):
                yield Label(labels().get(key) or _(key), classes="label")
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
                for key, values in self.spec.dimensions:  # the program's own, named as its file names it
                    value = self.initial.get(key) or Select.NULL
                    choices = [(v, v) for v in values]
                    if value is not Select.NULL and value not in values:
                        choices.append((str(value), str(value)))  # kept as written, reported by the check
                    yield from self._row(key, Select(choices, value=value, id=f"in-{key}", compact=True,
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
        if self._gone or not self._fields:
            return  # dismissed before it was built (Esc read before the form mounted): nothing to set up
        self._rows = {key: self.query_one(f"#row-{key}") for key in self._fields}
        self._error_rows = {key: self.query_one(f"#err-{key}", Static) for key in self._fields}
        self._preview = self.query_one("#preview", Static)
        self._built = True
        self._pristine = self.raw_now()
        self._show_measures()
        self._refresh()
        self.set_focus(self._fields["title" if self.initial.get("date") else "date"])
        self._take_early_keys()

    def _forward_event(self, event: events.Event) -> None:
        # The App hands a key to the screen itself while nothing in it has focus, i.e. while the form
        # is still being built: keep it for the field that opens with the focus, in the order typed.
        if isinstance(event, events.Key) and not self._ready and not self._gone:
            self._early_keys.append(event)
            return
        super()._forward_event(event)

    def _take_early_keys(self) -> None:
        """Give the keys typed before the form was ready to their fields, as the App would have."""
        # No await in here: no key typed later can overtake these (the App runs in this same loop).
        keys, self._early_keys = self._early_keys, []
        self._ready = True
        for index, event in enumerate(keys):
            if self.app.screen is not self:
                # An earlier key closed the form or asked a question over it: the rest are the app's.
                for rest in keys[index:]:
                    self.app.post_message(rest)
                return
            if self._priority_key(event.key):
                continue
            if self.focused is not None:
                self.focused._forward_event(event)  # marked as handed on, as the App's own are
            else:
                super()._forward_event(event)

    def _priority_key(self, key: str) -> bool:
        """Run `key`'s priority binding as the App would; False when it has none or lets the key by."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.priority and key in binding.key.split(","):
                try:
                    getattr(self, f"action_{binding.action}")()
                except SkipAction:
                    return False
                return True
        return False

    def _in_field(self) -> bool:
        return isinstance(self.focused, Input) and self.focused in self._fields.values()

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_enter(self) -> None:
        """Enter in a text field goes to the next field; on a button or a list it does what it does there."""
        if not self._in_field():
            raise SkipAction()
        self.focus_next()

    # ---------------------------------------------------------------------------- reading

    def raw(self) -> dict[str, str]:
        """Every field's text as typed (Selects give their value), empty for blank; hidden measures blank.
        Before the form is ready (nothing can have been typed), the text it opens with."""
        return self.raw_now() if self._built else dict(self._pristine)

    def raw_now(self) -> dict[str, str]:
        out: dict[str, str] = {}
        shown = set(self._measures())
        for key, widget in self._fields.items():
            if isinstance(widget, Select):
                out[key] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                out[key] = widget.value if (key not in MEASURE_KEYS or key in shown) else ""
        return out

    def _opening_raw(self) -> dict[str, str]:
        """The fields' text as compose fills them, from `initial` alone (no widget exists yet)."""
        out: dict[str, str] = {}
        type_id = self.initial.get("type") or self.spec.default_type
        shown = set(self._measures(type_id))
        for key in (*_TEXT_KEYS, "type", "group", "field", *MEASURE_KEYS, *_TAIL_KEYS):
            if key == "type":
                out[key] = str(type_id or "")
            elif key in ("group", "field"):
                if getattr(self.spec, f"{key}s") or self.initial.get(key):
                    out[key] = str(self.initial.get(key) or "")
                if key == "field":
                    for dim, _values in self.spec.dimensions:
                        out[dim] = str(self.initial.get(dim) or "")
            else:
                shown_here = key not in MEASURE_KEYS or key in shown
                out[key] = field_text(self.initial.get(key)) if shown_here else ""
        return out

    def _type(self) -> str | None:
        select = self._fields.get("type")
        if select is None or select.value is Select.NULL:
            return None
        return str(select.value)

    def _measures(self, *opening_type: str | None) -> tuple[str, ...]:
        """The measure fields shown for the chosen type (or for `opening_type`, before the list exists)."""
        wanted = list(self.spec.measures_for(opening_type[0] if opening_type else self._type()))
        # A key the activity already has stays visible, so nothing it holds is hidden or lost.
        wanted += [k for k in MEASURE_KEYS if k in self.initial and k not in wanted]
        return tuple(wanted)

    def _show_measures(self) -> None:
        shown = set(self._measures())
        for key in MEASURE_KEYS:
            self._rows[key].display = key in shown

    # ---------------------------------------------------------------------------- live checking

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        if not self._ready:
            return  # the values a field is given as the form is built: on_mount checks them once
        if event.control.id == "in-type":
            self._show_measures()
        if not self._refresh_due:
            # Once per run of keys: after the changes already queued, not once per keystroke; the
            # preview is marked out of date until then, so it is never shown as current when it is not.
            self._refresh_due = True
            self._preview.add_class("-stale")
            self.call_later(self._refresh)

    def _refresh(self) -> None:
        if self._gone:
            return
        self._refresh_due = False
        raw = self.raw()
        result = check(self.cycle, raw, self.activity_id)
        self.errors = dict(result.errors)
        measures = self._measures()
        for key, row in self._error_rows.items():
            # A field still empty is not scolded until the user tries to save; a missing measure is
            # told at the first measure field the form shows.
            message = self.errors.get(key, "") if (raw.get(key) or self.attempted) else ""
            if not message and self.attempted and measures and key == measures[0]:
                message = self.errors.get("measure", "")
            row.update(Text(safe(message, 300), style=color("bad")))
            row.display = bool(message)
        box = self._preview
        box.remove_class("-stale")
        if result.activity is None:
            box.update(Text(_("Fix the fields marked in red to see the credits."), style="dim"))
            return
        credit = preview(self.cycle, self.spec, result.activity)
        box.update(preview_text(credit))

    # ---------------------------------------------------------------------------- answers

    def action_save(self) -> None:
        if not self._built:  # ctrl+s read before the form was built: save once it is (its queue)
            self.call_later(self.action_save)
            return
        self.attempted = True
        self._refresh()
        if self.errors:
            first = next(iter(self.errors))
            if first == "measure" and self._measures():
                first = self._measures()[0]
            target = self._fields.get(first)
            if target is not None:
                target.focus()
            self.notify(_("Not saved: {n} field(s) need attention.").format(n=len(self.errors)),
                        severity="warning")
            return
        result = check(self.cycle, self.raw(), self.activity_id)
        values: dict[str, Any] = {k: None for k in self.initial if k in self.raw()}
        values.update(result.values)
        self.dismiss(values)

    def dismiss(self, result: Any = None) -> Any:
        self._gone = True  # a mount or a check still queued finds the form gone and does nothing
        return super().dismiss(result)

    def action_cancel(self) -> None:
        if any(isinstance(w, Select) and w.expanded for w in self._fields.values()):
            raise SkipAction()  # Esc closes the open list first
        self.cancel()

    def cancel(self) -> None:
        """Close without saving; ask first when the fields hold anything the user typed."""
        if not self.unsaved and self.raw() == self._pristine:
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
        self.cancel()


def preview_text(credit: Preview | str) -> Text:
    if isinstance(credit, str):
        return Text(safe(credit, 300), style=color("warn"))
    why = credit.explanation
    out = Text()
    if credit.unit == "completions":
        out.append(_("counts as {n} completed").format(n=num(credit.counted)), color("bold good"))
    elif credit.counted < credit.earned:  # the save would count less than the arithmetic gives: say so
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
