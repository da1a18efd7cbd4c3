"""The outreach draft editor: a message template filled for one contact. `y` copies it to
the clipboard (OSC 52, through the app's driver), `l` answers "log it" with the text as
sent, `e` edits it, `t` picks another template, `T` edits the template itself (kept as
yours), escape closes. Also the picker of message templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from ..domain import messages
from ..domain.messages import Draft, MessageTemplate
from ..support.sanitize import clean, one_line
from ..widgets.literal import literal
from .base import Dialog
from .option_picker import Choice, OptionPicker


@dataclass(frozen=True)
class Sent:
    """The draft's answer when `l` was pressed: log this text as sent with this template."""

    template: MessageTemplate
    text: str


class MessagePicker(OptionPicker):
    """Choose a message template; returns its id or None."""

    KEYS_LINE = "↑↓ choose · enter draft · escape cancel"

    def __init__(self, title: str, templates: list[MessageTemplate]):
        super().__init__(title)
        self.templates = templates

    def choices(self) -> Iterable[Choice]:
        for t in self.templates:
            yield Choice(t.id, t.name, t.kind + (" · yours" if not t.builtin else ""), t.why)


class DraftDialog(Dialog[Sent | None]):
    BINDINGS = [
        Binding("y", "copy", "Copy", id="draft.copy"),
        Binding("l", "log", "Log it", id="draft.log"),
        Binding("e", "edit", "Edit", id="draft.edit"),
        Binding("t", "pick_template", "Template", id="draft.template"),
        Binding("T", "edit_template", "Edit template", id="draft.edit_template", show=False),
        Binding("escape", "close", "Close", id="draft.close"),
    ]
    DEFAULT_CSS = """
    DraftDialog > Vertical { width: 76; }
    DraftDialog #draft-title { text-style: bold; }
    DraftDialog TextArea, DraftDialog TextArea:focus {
        height: auto; max-height: 14; min-height: 4; border: none; border-left: blank;
        padding: 0 1; margin-top: 1;
    }
    DraftDialog TextArea.editing { border-left: outer $accent; }
    DraftDialog #draft-gaps { margin-top: 1; }
    DraftDialog #draft-keys { color: $text-muted; }
    """

    def __init__(self, draft: Draft, *, templates: list[MessageTemplate],
                 redraft: Callable[[MessageTemplate], Draft],
                 save_template: Callable[[MessageTemplate], bool]):
        super().__init__()
        self.draft = draft
        self.templates = templates
        self.redraft = redraft
        self.save_template = save_template

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="draft-title")
            yield TextArea(id="draft-text", soft_wrap=True, read_only=True)
            yield Static(id="draft-gaps")
            yield Static(id="draft-keys")

    def on_mount(self) -> None:
        self._show(self.draft)

    @property
    def editor(self) -> TextArea:
        return self.query_one("#draft-text", TextArea)

    @property
    def text(self) -> str:
        return self.editor.text

    def _show(self, draft: Draft) -> None:
        self.draft = draft
        t = draft.template
        title = literal(f"{t.name} — to {draft.contact.name}", "bold", width=70)
        self.query_one("#draft-title", Static).update(title)
        self.editor.load_text(clean(draft.text, multiline=True))
        self._show_gaps()
        what = t.kind.replace("_", " ") + (", outreach" if t.outreach else "")
        self.query_one("#draft-keys", Static).update(Text(
            f"y copy · l log as {what} · e edit · t template · T edit template · escape close"))

    def _show_gaps(self) -> None:
        found = messages.gaps_left(self.text, self.draft.template)
        note = messages.gaps_note(found)
        self.query_one("#draft-gaps", Static).update(
            Text(f"{note} (e edits)", style="bold") if found else Text(note, style="dim"))

    @on(TextArea.Changed, "#draft-text")
    def _changed(self) -> None:
        self._show_gaps()

    def action_copy(self) -> None:
        # OSC 52 through the driver: works over SSH, and in tmux with `set-clipboard on`.
        self.app.copy_to_clipboard(self.text)
        self.notify(f"Copied {len(self.text)} characters to the clipboard (OSC 52)",
                    timeout=3)

    def action_log(self) -> None:
        self.dismiss(Sent(self.draft.template, self.text))

    def action_edit(self) -> None:
        self.editor.read_only = False
        self.editor.add_class("editing")
        self.editor.focus()

    def action_close(self) -> None:
        if not self.editor.read_only:  # escape leaves the editing first
            self.editor.read_only = True
            self.editor.remove_class("editing")
            self.set_focus(None)
            return
        self.dismiss(None)

    def action_pick_template(self) -> None:
        def chosen(template_id: str | None) -> None:
            template = next((t for t in self.templates if t.id == template_id), None)
            if template is not None:
                self._show(self.redraft(template))

        self.app.push_screen(MessagePicker("Draft with another template", self.templates),
                             chosen)

    def action_edit_template(self) -> None:
        from .form import FormDialog, FormField

        t = self.draft.template
        fields = [
            FormField("name", "Name", value=t.name, required=True, parse=_short),
            FormField("text", "Text", kind="multiline", value=t.text, required=True,
                      help="fields: " + " ".join("{" + f + "}" for f in messages.FIELDS)),
        ]

        def done(values) -> None:
            if not values:
                return
            mine = MessageTemplate(t.id, values["name"], values["text"][:messages.MAX_TEXT],
                                   t.kind, t.outreach, t.why, builtin=False)
            if self.save_template(mine):
                self.templates = [mine if x.id == t.id else x for x in self.templates]
                self._show(self.redraft(mine))

        self.app.push_screen(FormDialog(f"Edit the template “{one_line(t.name, 40)}” "
                                        "(kept as yours)", fields), done)


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 80:
        raise ValueError("at most 80 characters")
    return text
