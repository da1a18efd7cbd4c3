"""One interaction, read-only: every field and the questions asked with their answers.

e edits it and x deletes it (the dialog closes and returns what was asked for); on an
answer, p adds the person it names as a contact introduced by this one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.interactions import answers
from ..store.database import Store
from ..store.records import Contact, Event, Interaction, Question
from ..widgets.literal import literal
from .base import Dialog
from .form import FormDialog


def describe(store: Store, it: Interaction) -> Text:
    t = Text()
    t.append(f"{it.date} · {it.kind.replace('_', ' ')}", style="bold")
    if it.planned:
        t.append(" · planned (a prep sheet)", style="italic")
    t.append("\n")
    names = [c.name for c in (store.get(Contact, cid) for cid in it.contacts) if c]
    t.append("With: ", style="bold")
    t.append_text(literal(", ".join(names) or "(nobody: the contacts were deleted)"))
    t.append("\n")
    t.append("Outreach: ", style="bold")
    t.append("yes" if it.outreach else "no")
    t.append(" · ")
    t.append("They replied: ", style="bold")
    t.append("yes" if it.replied else "no")
    t.append("\n")
    if it.event:
        event = store.get(Event, it.event)
        t.append("At: ", style="bold")
        t.append_text(literal(event.name if event else "(a deleted event)"))
        t.append("\n")
    for label, value in (("Summary", it.summary), ("Notes", it.notes)):
        if value:
            t.append(f"{label}: ", style="bold")
            t.append_text(literal(value[:20000], multiline=True))
            t.append("\n")
    return t


class InteractionView(Dialog[str | None]):
    """Returns "edit", "delete", ("person", question id, answer) or None (closed)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="interaction.close"),
        Binding("e", "finish('edit')", "Edit", id="interaction.edit"),
        Binding("x", "finish('delete')", "Delete", id="interaction.delete"),
        Binding("p", "person", "Person from answer", id="interaction.person"),
    ]
    DEFAULT_CSS = """
    InteractionView > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
    }
    InteractionView VerticalScroll { height: auto; max-height: 8; }
    InteractionView OptionList { height: auto; max-height: 10; border: none; }
    InteractionView .keys { color: $text-muted; }
    """

    def __init__(self, store: Store, interaction: Interaction):
        super().__init__()
        self.store = store
        self.interaction = interaction
        texts = {q.id: q.text for q in store.all(Question)}
        self.answers = [(qid, texts.get(qid, "(a deleted question)"), a)
                        for qid, a in answers(interaction)]

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(describe(self.store, self.interaction), id="interaction-fields")
            if self.answers:
                yield Static(Text(f"Questions asked ({len(self.answers)})", style="bold"))
                options = []
                for n, (_, question, answer) in enumerate(self.answers):
                    line = literal(question, style="italic")
                    line.append("\n→ ")
                    line.append_text(literal(answer, multiline=True))
                    options.append(Option(line, id=str(n)))
                yield OptionList(*options, id="interaction-answers")
            keys = "e edit · x delete · escape close"
            if self.answers:
                keys = "p add the person an answer names · " + keys
            yield Static(Text(keys), classes="keys")

    def action_finish(self, what: str) -> None:
        self.dismiss(what)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_person(self) -> None:
        if not self.answers:
            self.notify("No answers recorded on this one.", timeout=3)
            return
        listing = self.query_one("#interaction-answers", OptionList)
        n = listing.highlighted or 0
        qid, question, answer = self.answers[n]
        self.dismiss(("person", question, answer))  # type: ignore[arg-type]


class AttachDialog(Dialog[str | None]):
    """Answers heard in a conversation already logged: attach them to it (the default,
    enter) or log a separate one. Returns "attach", "separate" or None (escape)."""

    BINDINGS = [Binding("escape", "close", "Cancel", id="attach.cancel")]
    DEFAULT_CSS = """
    AttachDialog > Vertical {
        width: 70;
    }
    AttachDialog OptionList { height: auto; border: none; }
    AttachDialog .keys { color: $text-muted; }
    """

    def __init__(self, existing: Interaction, name: str):
        super().__init__()
        self.existing = existing
        self.name_ = name

    def compose(self) -> ComposeResult:
        what = f"{self.existing.kind.replace('_', ' ')} of {self.existing.date}"
        with Vertical():
            title = literal(f"A {what} with {self.name_} is already logged.", style="bold")
            yield Static(title)
            yield OptionList(
                Option(Text(f"Attach the answers to the {what} (one conversation, one record)"),
                       id="attach"),
                Option(Text("Log them as a separate conversation"), id="separate"),
                id="attach-choice",
            )
            yield Static(Text("enter choose · escape cancel (nothing is saved)"), classes="keys")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class AnswersForm(FormDialog):
    """The answers form, where letters are typed as text: ctrl+n on an answer adds the
    person it names (`on_person(question, answer)`), the form staying open."""

    BINDINGS = [Binding("ctrl+n", "person", "Person from this answer", id="answers.person")]

    def __init__(self, title: str, fields, *, validate, on_person):
        super().__init__(title, fields, validate=validate)
        self.on_person = on_person

    def action_person(self) -> None:
        focused = self.focused
        field = next((f for f in self.fields if focused is not None
                      and focused.id == f"field-{f.name}" and f.kind == "multiline"), None)
        if field is None:
            self.notify("Go to an answer first (tab), then ctrl+n.", timeout=3)
            return
        said = str(self.raw_value(field.name) or "").strip()
        if not said:
            self.notify("Write the answer first; the name is picked from it.", timeout=3)
            return
        self.on_person(field.label, said)
