"""FormDialog: the one form every section uses for new / edit dialogs.

A form is a list of `FormField`s. Each field's `parse` turns the typed text
into a value or raises ValueError with a message; the message is shown under
the field and nothing is returned until every field is right. The dialog
returns a dict of parsed values through `dismiss()`, or None when cancelled.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Collapsible,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from ..compat import LegibleCheckbox, OrderedInput, OrderedTextArea
from ..support.sanitize import clean
from .base import Dialog

# "No selection": Select.NULL since Textual 2 (Select.BLANK before; on Textual 2+ that name is
# Widget.BLANK == False, an illegal value that crashes every blank select on mount).
NO_SELECTION = getattr(Select, "NULL", None) or Select.BLANK


@dataclass
class FormField:
    name: str
    label: str
    kind: str = "text"  # text | multiline | select | checkbox
    value: Any = ""
    required: bool = False
    placeholder: str = ""
    options: Sequence[tuple[str, Any]] = ()  # (label, value) for kind="select"
    parse: Callable[[str], Any] | None = None  # raise ValueError("message") to refuse
    suggestions: Sequence[str] = ()  # completions offered while typing (text fields)
    help: str = ""  # one line under the label
    extra: dict[str, Any] = field(default_factory=dict)
    # A Textual Suggester for text fields whose completions depend on what is typed
    # (e.g. the last name in a comma-separated list); takes precedence over suggestions.
    suggester: Any = None
    # Shown under "More", folded until opened: the fields most people leave alone.
    more: bool = False


LABEL_WIDTH = 17  # a label longer than fits here goes on its own line above its field


class TickBox(LegibleCheckbox):
    """A checkbox whose state reads without colour (16 colours, NO_COLOR): ✓ on, blank off.
    Textual's own draws an X either way and tells the states apart by colour alone."""

    def box(self) -> Content:
        return Content("[✓]" if self.value else "[ ]")


class AsksBeforeDiscarding:
    """Mixed into a dialog that gives `changed()`: escape closes it at once when nothing
    was changed, and asks "Discard changes? y/n" first when something was."""

    _asking = False

    def action_cancel(self) -> None:
        if self.answered or self._asking:  # type: ignore[attr-defined]
            return
        if not self.changed():  # type: ignore[attr-defined]
            self.dismiss(None)  # type: ignore[attr-defined]
            return
        self._asking = True

        def answered(discard: bool | None) -> None:
            self._asking = False
            if discard:
                self.dismiss(None)  # type: ignore[attr-defined]

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog("Discard changes? y/n", "n goes back to the form; y closes it unsaved."),
            answered)


class FormDialog(AsksBeforeDiscarding, Dialog[dict[str, Any] | None]):
    """A modal form. `validate(values) -> {field: message}` checks across fields."""

    BINDINGS = [
        # Priority, so it is decided when the key comes: an Enter right behind it (or
        # Escape+Enter read as one alt+enter) must not save the form before it.
        Binding("escape", "cancel", "Cancel", id="form.cancel", priority=True),
        Binding("alt+enter", "cancel", "Cancel", show=False, priority=True),
        # Not priority: it must wait its turn behind the letters typed just before it,
        # or a fast "text, ctrl+s" (a paste, a laggy link) saves the field without them.
        Binding("ctrl+s", "save", "Save", id="form.save"),
        # Priority, so focus moves when the key arrives: keys that come in one burst with
        # a Tab (pasted, or typed over a laggy SSH link) otherwise land in the field
        # being left, because Textual forwards them before a plain binding has run.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        # Priority: the text fields' own ctrl+e (end of line) would take it first.
        Binding("ctrl+e", "external_editor", "Edit in $EDITOR", show=False, priority=True,
                id="form.editor"),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    FormDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
    }
    FormDialog .form-title { text-style: bold; }
    /* 60vh keeps the buttons on screen at 80x24 */
    FormDialog VerticalScroll { height: auto; max-height: 60vh; }
    FormDialog .form-row { height: auto; }
    FormDialog .form-label { width: 17; color: $text-muted; }
    FormDialog .form-label.above { width: 1fr; }
    FormDialog .form-help.above, FormDialog .form-error.above { padding-left: 1; }
    FormDialog Collapsible { padding: 0; border: none; background: $panel; }
    FormDialog Collapsible > Contents { padding: 0; }
    FormDialog .form-help { color: $text-muted; padding-left: 17; }
    FormDialog .form-error { color: $error; text-style: bold; display: none; padding-left: 17; }
    FormDialog .form-error.shown { display: block; }
    /* One-line fields; the focused one gets a bar on its left, which shows with NO_COLOR too. */
    FormDialog Input {
        width: 1fr; height: 1; border: none; border-left: blank; padding: 0 1; background: $boost;
    }
    FormDialog Input:focus { border: none; border-left: outer $accent; background: $boost; }
    FormDialog Select { width: 1fr; }
    FormDialog Select > SelectCurrent {
        height: 1; border: none; border-left: blank; padding: 0 1; background: $boost;
    }
    FormDialog Select:focus > SelectCurrent { border: none; border-left: outer $accent; }
    FormDialog Checkbox {
        height: 1; border: none; border-left: blank; padding: 0; background: $panel;
    }
    FormDialog Checkbox:focus { border: none; border-left: outer $accent; }
    FormDialog TextArea { width: 1fr; height: 4; border: none; border-left: blank; padding: 0 1; }
    FormDialog TextArea:focus { border: none; border-left: outer $accent; }
    FormDialog .form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormDialog .form-buttons Button { margin-left: 1; min-width: 10; }
    FormDialog .form-keys { color: $text-muted; }
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        *,
        validate: Callable[[dict[str, Any]], dict[str, str]] | None = None,
        save_label: str = "Save",
        changes_store: bool = True,
    ):
        super().__init__()
        self.changes_store = changes_store
        self.form_title = title
        self.fields = list(fields)
        self.validate = validate
        self.save_label = save_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(clean(self.form_title)), classes="form-title")
            with VerticalScroll():
                for f in self.fields:
                    if not f.more:
                        yield from self._row_for(f)
                more = [f for f in self.fields if f.more]
                if more:
                    with Collapsible(title=f"More ({len(more)} fields)", id="form-more"):
                        for f in more:
                            yield from self._row_for(f)
            yield Static(
                Text("tab next · ctrl+s save (or enter in text) · esc cancel · f1 keys"),
                classes="form-keys",
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel", id="form-cancel")
                yield Button(self.save_label, id="form-save", variant="primary")

    def _row_for(self, f: FormField) -> ComposeResult:
        """One row per field, its label beside it, so a long form shows most of its
        fields at once at 80x24; a label too long for that column goes above its field."""
        label = Text(f.label + (" *" if f.required else "") if f.kind != "checkbox" else "")
        above = label.cell_len >= LABEL_WIDTH
        if above:  # then the field takes the whole width under it
            yield Label(label, classes="form-label above")
        with Horizontal(classes="form-row"):
            if not above:
                yield Label(label, classes="form-label")
            yield self._widget_for(f)
        if f.help:
            yield Static(Text(f.help), classes="form-help" + (" above" if above else ""))
        yield Static("", id=f"error-{f.name}", classes="form-error" + (" above" if above else ""))

    def _widget_for(self, f: FormField) -> Widget:
        wid = f"field-{f.name}"
        if f.kind == "multiline":
            # Pre-filled from a record another tool may have written: no escapes reach
            # the terminal, even inside an editor.
            return OrderedTextArea(clean(f.value or "", multiline=True), id=wid, soft_wrap=True,
                            show_line_numbers=False)
        if f.kind == "select":
            options = [(Text(clean(label)), value) for label, value in f.options]
            values = [v for _, v in f.options]
            value = f.value if f.value in values else NO_SELECTION
            return Select(
                options, value=value, id=wid, allow_blank=not f.required or value is NO_SELECTION
            )
        if f.kind == "checkbox":
            return TickBox(f.label, bool(f.value), id=wid)
        suggester = f.suggester or (
            SuggestFromList(list(f.suggestions), case_sensitive=False) if f.suggestions else None
        )
        return OrderedInput(
            "" if f.value is None else clean(f.value),
            id=wid,
            placeholder=f.placeholder,
            suggester=suggester,
        )

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()
        self._as_opened = self.raw_values()

    def raw_values(self) -> dict[str, Any]:
        return {f.name: self.raw_value(f.name) for f in self.fields}

    def changed(self) -> bool:
        """True once anything differs from what the form showed when it opened."""
        return self.raw_values() != getattr(self, "_as_opened", None)

    # -- reading and checking ----------------------------------------------------

    def raw_value(self, name: str) -> Any:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is NO_SELECTION else widget.value
        if isinstance(widget, Checkbox):
            return widget.value
        return widget.value  # Input

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Parse every field: (values, errors by field name)."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for f in self.fields:
            raw = self.raw_value(f.name)
            if f.kind in ("text", "multiline"):
                raw = clean(raw, multiline=f.kind == "multiline").strip()
                if f.required and not raw:
                    errors[f.name] = f"{f.label} is required"
                    continue
                if f.parse is not None and (raw or f.required):
                    try:
                        values[f.name] = f.parse(raw)
                    except ValueError as exc:
                        errors[f.name] = str(exc) or f"{f.label} is not valid"
                    continue
                values[f.name] = raw if raw or f.parse is None else None
            else:
                if f.required and raw is None:
                    errors[f.name] = f"choose a {f.label.lower()}"
                    continue
                values[f.name] = raw
        if not errors and self.validate is not None:
            errors = self.validate(values) or {}
        return values, errors

    def show_errors(self, errors: dict[str, str]) -> None:
        for f in self.fields:
            box = self.query_one(f"#error-{f.name}", Static)
            message = errors.get(f.name)
            box.update(Text(message or ""))
            box.set_class(bool(message), "shown")
        bad = [f for f in self.fields if f.name in errors]
        if bad:
            if bad[0].more:
                self.query_one("#form-more", Collapsible).collapsed = False
            widget = self.query_one(f"#field-{bad[0].name}")
            widget.focus()
            widget.scroll_visible()

    # -- actions -----------------------------------------------------------------

    def action_save(self) -> None:
        values, errors = self.collect()
        self.show_errors(errors)
        if not errors:
            self.dismiss(values)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An open drop-down (a Select's list) takes escape for itself.
        if action == "cancel" and self.focused is not None and any(
                isinstance(node, Select) and node.expanded for node in self.focused.ancestors):
            return False
        return True


    def action_external_editor(self) -> None:
        """The focused text field's text in $VISUAL / $EDITOR (else vi), and back."""
        from .external_editor import EditorFailed, edit_in_terminal

        widget = self.focused
        if not isinstance(widget, TextArea | Input) or widget.screen is not self:
            return
        text = widget.text if isinstance(widget, TextArea) else widget.value
        try:
            edited = edit_in_terminal(self.app, text)
        except EditorFailed as exc:
            self.notify(str(exc), title="Editor", severity="warning")
            return
        finally:
            self.app.refresh(layout=True)  # the editor drew over the whole screen
        if isinstance(widget, TextArea):
            widget.load_text(edited)
            widget.move_cursor(widget.document.end)
        else:  # a one-line field: the lines joined
            widget.value = " ".join(edited.split())
            widget.cursor_position = len(widget.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class ConfirmDialog(Dialog[bool]):
    """A y/n question; returns True for yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "No", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmDialog > Vertical {
        width: 60; max-width: 100%; height: auto; border: round $error;
        background: $panel; padding: 1 2;
    }
    ConfirmDialog .confirm-keys { margin-top: 1; color: $text-muted; }
    """

    # Answers arriving this soon after the question opened were typed before it was on
    # screen (a burst of keys over a laggy link): a stray "y" must not confirm a delete.
    SETTLE_SECONDS = 0.3

    def __init__(self, question: str, detail: str = ""):
        super().__init__()
        self.question = question
        self.detail = detail
        self._opened = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(clean(self.question), style="bold"))
            if self.detail:
                yield Static(Text(clean(self.detail, multiline=True)))
            yield Static(Text("y yes · n no"), classes="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        if time.monotonic() - self._opened < self.SETTLE_SECONDS:
            return
        self.dismiss(yes)
