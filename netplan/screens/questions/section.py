"""The Questions section: the question bank, prep sheets and elevator pitches, as three tabs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import TabbedContent, TabPane

from ...domain.questions import (
    asked_and_heard,
    ordered,
    questioned,
    questioned_before,
    shipped_bank,
    sync_builtins,
)
from ...store.records import Contact, Question
from ..base import SectionScreen
from ..worker_reading import ReadsOnWorker
from .bank import ANSWERS_SHOWN, BankPane
from .pitch import PitchPane
from .prep import PrepPane
from .view import QuestionsView

TABS = (("bank", "b", "Bank"), ("prep", "p", "Prep sheet"), ("pitch", "i", "Elevator pitch"))


class QuestionsScreen(ReadsOnWorker, SectionScreen):
    SECTION_TITLE = "Questions"
    UNAFFECTED_BY = frozenset({"goals", "assessments", "events"})
    CSS_PATH = "questions.tcss"
    BINDINGS = [
        # The tab labels show these keys, so the footer leaves room for the tab's own.
        Binding(key, f"show_tab('{tab}')", title, id=f"questions.tab.{tab}", show=False,
                tooltip=f"Show the {title.lower()}")
        for tab, key, title in TABS
    ]

    # The active tab's list takes the focus (_focus_tab). Textual's own first-widget focus
    # would focus the Bank's list as the screen composes, and that focus, handled after a
    # quick "3 p", switched the tabs back to the Bank.
    AUTO_FOCUS = ""

    view: QuestionsView

    def compose_body(self) -> ComposeResult:
        self.view = QuestionsView()
        with TabbedContent(id="questions-tabs"):
            with TabPane("Bank (b)", id="tab-bank"):
                yield BankPane(id="bank-pane")
            with TabPane("Prep sheet (p)", id="tab-prep"):
                yield PrepPane(id="prep-pane")
            with TabPane("Elevator pitch (i)", id="tab-pitch"):
                yield PitchPane(id="pitch-pane")

    def on_mount(self) -> None:
        self.sync_bank()

    def sync_bank(self) -> None:
        """Load new or updated built-in questions (one hash compare when nothing changed)."""
        self.save_guarded(lambda: sync_builtins(self.store))

    def refresh_data(self) -> None:
        store = self.store
        questions = store.all(Question)
        if store.readonly:  # nothing can be loaded into the file: show the shipped bank anyway
            have = {q.id for q in questions}
            questions += [q for q in shipped_bank().questions if q.id not in have]
        questions = ordered(questions)
        by_id = {q.id: q for q in questions}
        if self.reading_first(questioned_before(store), self._read_conversations,
                              "questions-rest"):
            # The bank at once; whom each question was asked, and the prep sheets, once
            # the conversations are read.
            self.view = QuestionsView(questions=questions, by_id=by_id, reading=True)
        else:
            asked, heard = asked_and_heard(store, ANSWERS_SHOWN)
            self.view = QuestionsView(
                questions=questions, by_id=by_id,
                contacts={c.id: c for c in store.all(Contact)}, interactions=questioned(store),
                asked=asked, heard=heard,
            )
        for pane in (BankPane, PrepPane, PitchPane):
            self.query_one(pane).refresh_from(self.view)

    def warm_up(self) -> None:
        self._read_conversations()

    def _read_conversations(self) -> None:
        asked_and_heard(self.store, ANSWERS_SHOWN)
        self.store.all(Contact)

    def action_show_tab(self, tab: str) -> None:
        # After the next refresh: a key typed right after "3" arrives while the tabs are
        # still mounting, and their mount makes the first tab active.
        self.call_after_refresh(self._show_tab, tab)

    def _show_tab(self, tab: str) -> None:
        # The list of the tab shown takes the focus first: a focused widget left in the
        # pane being hidden would hand the focus to a neighbour there, and that focus,
        # handled later, would switch the tabs back.
        self.query_one(f"#{tab}-pane").focus_list()  # type: ignore[attr-defined]
        self.query_one(TabbedContent).active = f"tab-{tab}"

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.call_after_refresh(self._focus_tab, (event.pane.id or "").removeprefix("tab-"))

    def _focus_tab(self, tab: str) -> None:
        # This runs a refresh later: skip it if the user has since moved on to another
        # tab or already into this one (the pitch editor, the search field).
        if self.query_one(TabbedContent).active != f"tab-{tab}":
            return
        pane = self.query_one(f"#{tab}-pane")
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            pane.focus_list()  # type: ignore[attr-defined]


def open_prep_sheet(app, contact_id: str) -> None:
    """The Questions section on the prep sheet of one contact."""
    app.action_switch_section("questions")

    def show() -> None:
        screen = app.screen
        if isinstance(screen, QuestionsScreen):
            screen.query_one(PrepPane).show_contact(contact_id)
            screen.action_show_tab("prep")

    app.call_after_refresh(show)
