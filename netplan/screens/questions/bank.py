"""The Bank tab: questions by category, search as you type, star, hide, and the user's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...compat import OrderedInput
from ...dialogs.form import FormDialog, FormField
from ...domain.questions import (
    USER_CATEGORY,
    QuestionError,
    can_change,
    categories,
    check_text,
    delete_question,
    search,
)
from ...store.records import Question
from ...widgets.literal import literal
from ...widgets.options import heading, highlighted_id, refill
from ..base import SectionPane

if TYPE_CHECKING:
    from .view import QuestionsView

STAR = "★"
NAMES_SHOWN = 8  # whom it was asked, first asked first; the count says how many in all
ANSWERS_SHOWN = 3  # newest answers heard, under "asked N×"; the rest are in the timelines


def _category(raw: str) -> str:
    if len(raw) > 60:
        raise ValueError("keep the category under 60 characters")
    return raw


class BankPane(SectionPane, Vertical):
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="questions.search", priority=True,
                tooltip="Search questions"),
        Binding("s", "star", "Star", id="questions.star", tooltip="Star or unstar the question"),
        Binding("n", "new", "New", id="questions.new", tooltip="New question"),
        Binding("e", "edit", "Edit", id="questions.edit", tooltip="Edit question"),
        Binding("d", "delete", "Delete", id="questions.delete", tooltip="Delete question"),
        Binding("h", "hide", "Hide/unhide", id="questions.hide",
                tooltip="Hide or unhide the question"),
        Binding("H", "toggle_hidden", "Show hidden", id="questions.show_hidden", show=False,
                tooltip="Show or leave out hidden questions"),
        Binding("S", "toggle_starred", "Starred only", id="questions.starred_only", show=False,
                tooltip="Show starred questions only, or all"),
        Binding("escape", "focus_list", "Back to list", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show_hidden = False
        self.starred_only = False
        self.view: QuestionsView | None = None

    def compose(self) -> ComposeResult:
        yield OrderedInput(placeholder="/ search: type words from a question, its category or why",
                    id="bank-search")
        yield Static("", id="bank-filters", classes="dim")
        yield OptionList(id="bank-list")
        yield Static("", id="bank-detail")

    # -- showing -------------------------------------------------------------------

    def refresh_from(self, view: QuestionsView) -> None:
        self.view = view
        self._fill()

    def _fill(self, prefer: str | None = None) -> None:
        if self.view is None:
            return
        options = self.query_one("#bank-list", OptionList)
        query = self.query_one("#bank-search", Input).value
        shown = search(self.view.questions, query, show_hidden=self.show_hidden,
                       starred_only=self.starred_only)
        items: list[Option] = []
        category = None
        for q in shown:
            if q.category != category:
                category = q.category
                items.append(heading(category or USER_CATEGORY))
            items.append(Option(self._prompt(q), id=q.id))
        if not shown:
            items.append(Option(Text(self._empty_message(query), style="italic"), disabled=True))
        refill(options, items, prefer=(prefer, highlighted_id(options)))
        self._show_filters(len(shown))
        self._show_detail()

    def _prompt(self, q: Question) -> Text:
        asked = self.view.asked.get(q.id) if self.view else None
        text = Text(f"{STAR} " if q.starred else "  ", style="bold")
        text.append_text(literal(q.text, style="dim" if q.hidden else ""))
        if asked:
            text.append(f"  ×{asked.times}", style="dim")
        if q.hidden:
            text.append("  (hidden)", style="dim italic")
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    def _empty_message(self, query: str) -> str:
        if query.strip():
            return f"No question matches {query.strip()!r}."
        if self.starred_only:
            return "No starred questions yet: press s on a question to star it."
        return "The bank is empty: press n to add a question."

    def _show_filters(self, count: int) -> None:
        total = len(self.view.questions) if self.view else 0
        hidden = sum(1 for q in self.view.questions if q.hidden) if self.view else 0
        parts = [f"{count} of {total} questions"]
        if self.starred_only:
            parts.append("starred only (S)")
        if hidden:
            parts.append(f"{hidden} hidden " + ("shown (H)" if self.show_hidden else "(H shows)"))
        self.query_one("#bank-filters", Static).update(Text(" · ".join(parts)))

    def _show_detail(self) -> None:
        detail = self.query_one("#bank-detail", Static)
        q = self.current()
        if q is None or self.view is None:
            detail.update(Text("Pick a question to see why to ask it and whom you asked.",
                               style="dim"))
            return
        out = Text()
        out.append_text(literal(q.text, style="bold", multiline=True))
        out.append("\n")
        if q.why:
            out.append("Why: ", style="bold")
            out.append_text(literal(q.why, multiline=True))
            out.append("\n")
        asked = self.view.asked.get(q.id)
        if asked:
            names = asked.names(self.view.contacts)
            out.append(f"Asked {asked.times}× (last {asked.last})", style="bold")
            if names:
                out.append(" — ")
                out.append_text(literal(", ".join(names[:NAMES_SHOWN])))
                if len(names) > NAMES_SHOWN:
                    out.append(f" and {len(names) - NAMES_SHOWN} more", style="dim")
            for heard in self.view.heard.get(q.id, ()):
                who = ", ".join(self.view.contacts[c].name for c in heard.contacts
                                if c in self.view.contacts) or "(deleted contact)"
                out.append("\n  ")
                out.append_text(literal(who, style="bold"))
                out.append(f" {heard.date}: ")
                out.append_text(literal(heard.answer[:300]))
        elif self.view.reading:
            out.append("Whom it was asked: reading the logged conversations…", style="dim")
        else:
            out.append("Not asked yet.", style="dim")
        out.append("\n")
        out.append(("Built-in" if q.builtin else "Your own") + " · ", style="dim")
        out.append_text(literal(q.category or USER_CATEGORY, style="dim"))
        detail.update(out)

    def current(self) -> Question | None:
        qid = highlighted_id(self.query_one("#bank-list", OptionList))
        return self.view.by_id.get(qid) if self.view and qid else None

    # -- events --------------------------------------------------------------------

    @on(Input.Changed, "#bank-search")
    def _search_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#bank-search")
    def _search_done(self) -> None:
        self.focus_list()

    @on(OptionList.OptionHighlighted, "#bank-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def focus_list(self) -> None:
        # At once, not on the next message like Widget.focus: QuestionsScreen._show_tab.
        self.screen.set_focus(self.query_one("#bank-list", OptionList))

    def action_focus_list(self) -> None:
        self.focus_list()

    def action_focus_search(self) -> None:
        # Synchronous (Screen.set_focus, not Widget.focus): letters typed in the same burst
        # as "/" must land in the search box, not run the list's one-letter keys.
        self.screen.set_focus(self.query_one("#bank-search", Input))

    # -- changes -------------------------------------------------------------------

    def _chosen(self) -> Question | None:
        q = self.current()
        if q is None:
            self.app.notify("Choose a question first.", severity="warning", timeout=3)
        return q

    def action_star(self) -> None:
        if (q := self._chosen()) is not None:
            self.section.save_record(q.replace(starred=not q.starred), editing=True,
                                     success="Starred" if not q.starred else "Star removed")

    def action_hide(self) -> None:
        q = self._chosen()
        if q is None:
            return
        message = "Shown again" if q.hidden else "Hidden (H shows hidden questions)"
        self.section.save_record(q.replace(hidden=not q.hidden), editing=True, success=message)

    def action_toggle_hidden(self) -> None:
        self.show_hidden = not self.show_hidden
        self._fill()

    def action_toggle_starred(self) -> None:
        self.starred_only = not self.starred_only
        self._fill()

    def action_new(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        if (q := self._changeable()) is not None:
            self._open_form(q)

    def _changeable(self) -> Question | None:
        """The chosen question if it is the user's own; built-ins get a message instead."""
        q = self._chosen()
        if q is None:
            return None
        try:
            can_change(q)
        except QuestionError as exc:
            self.app.notify(str(exc), title="Built-in question", severity="warning", timeout=6)
            return None
        return q

    def _open_form(self, q: Question | None) -> None:
        existing = self.view.questions if self.view else []

        def parse_text(raw: str) -> str:
            return check_text(raw, existing, editing=q.id if q else None)

        fields = [
            FormField("text", "Question", value=q.text if q else "", required=True,
                      parse=parse_text, placeholder="What would you ask?"),
            FormField("category", "Category", value=q.category if q else USER_CATEGORY,
                      suggestions=categories(existing), parse=_category,
                      help="Pick one of the bank's categories or name your own."),
            FormField("why", "Why ask this", kind="multiline", value=q.why if q else "",
                      help="A line to remind you what the answer gets you."),
        ]

        def done(values: dict | None) -> None:
            if values is None:
                return
            category = values.get("category") or USER_CATEGORY
            why = (values.get("why") or "")[:1000]
            if q is None:
                record = Question(text=values["text"], category=category, why=why)
                saved = self.section.save_record(record, editing=False, success="Question added")
            else:
                record = q.replace(text=values["text"], category=category, why=why)
                saved = self.section.save_record(record, editing=True, success="Question saved",
                                                 shown=q)
            if saved:
                self._fill(prefer=record.id)

        title = "New question" if q is None else "Edit question"
        self.app.push_screen(FormDialog(title, fields), done)

    def action_delete(self) -> None:
        if (q := self._changeable()) is None:
            return
        asked = self.view.asked.get(q.id) if self.view else None
        detail = (f"It was asked {asked.times}×; those answers stay on the logged conversations."
                  if asked else "")

        self.section.confirm_then(f"Delete “{q.text}”?", detail,
                                  lambda: delete_question(self.section.store, q.id),
                                  "Question deleted")
