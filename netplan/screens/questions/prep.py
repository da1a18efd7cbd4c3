"""The Prep sheet tab: pick and order questions for a contact, export them, record the answers."""

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
from ...dialogs.contact_picker import ContactPickerDialog
from ...dialogs.form import FormDialog, FormField
from ...domain import prep
from ...domain.questions import USER_CATEGORY, asked_of
from ...store.records import Contact, Interaction, Pitch
from ...support.dates import parse_date
from ...widgets.literal import literal
from ...widgets.options import heading, highlighted_id, refill
from ..base import SectionPane
from .prep_answers import AnswersFlow

if TYPE_CHECKING:
    from .view import QuestionsView


# What needs the sheets read: nothing of a sheet is changed or shown before that.
READ_FIRST = frozenset({"toggle", "choose_contact", "answers", "export", "when", "move"})


def _note(text: str) -> Option:
    """A line of the list that says something rather than offers a question."""
    return Option(Text(text, style="italic"), disabled=True)


def _any_day(raw: str) -> str:
    return parse_date(raw).isoformat()


class PrepPane(AnswersFlow, SectionPane, Vertical):
    BINDINGS = [
        # Most used first: at 80 columns the footer shows the first that fit.
        Binding("space", "toggle", "Pick", id="prep.toggle",
                tooltip="Pick or unpick the question for the sheet"),
        Binding("c", "choose_contact", "Contact", id="prep.contact",
                tooltip="Choose the contact to prepare for"),
        # Priority and synchronous, as the bank's: a word typed right after "/" is searched.
        Binding("slash", "search", "Search", id="prep.search", priority=True,
                tooltip="Search the question bank from the sheet"),
        Binding("a", "answers", "Answers", id="prep.answers", tooltip="Record the answers heard"),
        Binding("x", "export", "Export", id="prep.export", tooltip="Export the prep sheet"),
        Binding("w", "when", "Date", id="prep.when", tooltip="Set the date of the conversation"),
        Binding("K", "move(-1)", "Move up", id="prep.up", show=False),
        Binding("J", "move(1)", "Move down", id="prep.down", show=False),
        # Same as K / J for those who expect them; no description, so `?` lists K / J once.
        Binding("ctrl+up", "move(-1)", "", show=False),
        Binding("ctrl+down", "move(1)", "", show=False),
        Binding("escape", "clear_search", "Clear search", id="prep.clear_search", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.contact_id: str | None = None
        self.view: QuestionsView | None = None
        self._prefer: str | None = None
        self._asked: dict[str, str] = {}  # question id -> when this contact was last asked
        self.search_text = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="prep-contact")
        yield OrderedInput(placeholder="search the bank: a word of the question or its category",
                    id="prep-search")
        yield OptionList(id="prep-list")
        yield Static("", id="prep-status")

    def focus_list(self) -> None:
        # At once, not on the next message like Widget.focus: QuestionsScreen._show_tab.
        self.screen.set_focus(self.query_one("#prep-list", OptionList))

    # -- what is shown ---------------------------------------------------------------

    @property
    def contact(self) -> Contact | None:
        return self.view.contacts.get(self.contact_id or "") if self.view else None

    @property
    def sheet(self) -> Interaction | None:
        if self.view is None or self.contact_id is None:
            return None
        return prep.planned_for(self.contact_id, self.view.interactions)

    def show_contact(self, contact_id: str) -> None:
        """Open the sheet of this contact (the Board's next actions: `p`)."""
        self.contact_id = contact_id
        self._fill()

    def refresh_from(self, view: QuestionsView) -> None:
        self.view = view
        if not view.reading and self.contact_id not in view.contacts:
            self.contact_id = prep.next_sheet_contact(view.interactions, view.contacts)
        self._fill()
        self.refresh_bindings()  # (check_action: the sheets' keys wait for the reading)

    def _fill(self) -> None:
        if self.view is None:
            return
        self._show_contact()
        options = self.query_one("#prep-list", OptionList)
        contact = self.contact
        if self.view.reading:
            options.set_options(
                [_note("Reading the logged conversations: the prep sheets follow in a moment.")])
            return
        if contact is None:
            options.set_options(
                [_note("Choose whom you are meeting with c, then pick questions with space.")])
            return
        sheet = self.sheet
        ids = prep.question_ids(sheet)
        asked = self._asked = asked_of(contact.id, self.view.interactions)
        on_sheet = [q for q in ids if q in self.view.by_id]
        items: list[Option] = [
            heading(f"On the sheet: {len(on_sheet)} question" + ("" if len(on_sheet) == 1 else "s"))
        ]
        if not on_sheet:
            items.append(_note("Nothing picked yet: space adds the highlighted question."))
        for n, qid in enumerate(on_sheet, 1):
            items.append(Option(self._prompt(qid, f"[x] {n}. ", asked), id=qid))
        # Starred questions first, so the ones you keep coming back to are one key away.
        rest = [q for q in self.view.questions if not q.hidden and q.id not in ids
                and self._found(q)]
        if self.search_text:
            items.append(heading(f"Found in the bank for “{self.search_text}”: {len(rest)}"
                                 " (escape shows all)"))
        starred = [q for q in rest if q.starred]
        if starred:
            items.append(heading("Starred"))
            items += [Option(self._prompt(q.id, "[ ] ", asked), id=q.id) for q in starred]
        category = None
        for q in rest:
            if q.starred:
                continue
            if q.category != category:
                category = q.category
                items.append(heading(category or USER_CATEGORY))
            items.append(Option(self._prompt(q.id, "[ ] ", asked), id=q.id))
        prefer, self._prefer = self._prefer, None
        refill(options, items, prefer=(prefer, highlighted_id(options)))
        self._show_status()

    def _found(self, q) -> bool:
        words = self.search_text.casefold().split()
        where = f"{q.text} {q.category or USER_CATEGORY}".casefold()
        return all(w in where for w in words)

    # -- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#prep-search", Input)
        box.display = True
        self.screen.set_focus(box)

    @on(Input.Changed, "#prep-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value.strip()
        self._fill()

    @on(Input.Submitted, "#prep-search")
    def _search_done(self, event: Input.Submitted) -> None:
        """Back to the list, on the first question found (not on the sheet above it), so
        the next space or enter picks what was searched for."""
        event.stop()
        self.focus_list()
        if not self.search_text:
            return
        options = self.query_one("#prep-list", OptionList)
        on_sheet = set(prep.question_ids(self.sheet))
        for i in range(options.option_count):
            option = options.get_option_at_index(i)
            if option.id and option.id not in on_sheet and not option.disabled:
                options.highlighted = i
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.view is not None and self.view.reading and action in READ_FIRST:
            return False  # a sheet not read yet: one picked now would be a second sheet
        if action == "search":  # "/" typed into the search box is a character
            return not (self.screen.focused is not None
                        and self.screen.focused.id == "prep-search")
        return True

    def action_clear_search(self) -> None:
        box = self.query_one("#prep-search", Input)
        if not (self.search_text or box.has_focus):
            return
        box.value = ""
        box.display = False
        self.search_text = ""
        self._fill()
        self.focus_list()

    def _prompt(self, qid: str, mark: str, asked: dict[str, str]) -> Text:
        q = self.view.by_id[qid]  # type: ignore[union-attr]
        text = Text(mark, style="bold")
        # The already-asked mark goes first: a long question's end is cut off at 80 columns.
        text.append("✓ " if qid in asked else "", style="bold")
        text.append("★ " if q.starred else "")
        text.append_text(literal(q.text))
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    def _show_status(self) -> None:
        """Under the list: the highlighted question in full, and whether they heard it before."""
        box = self.query_one("#prep-status", Static)
        qid = self._highlighted()
        q = self.view.by_id.get(qid or "") if self.view else None
        if q is None or self.contact_id is None or self.view is None:
            box.update(
                Text(
                    "c choose contact · space pick · / search · K/J order · x export · a answers",
                    style="dim",
                )
            )
            return
        out = literal(q.text, style="bold")
        out.append("\n")
        when = self._asked.get(q.id)
        if when:
            out.append(f"✓ Already asked them on {when}", style="bold")
            heard = prep.answers_of(self.contact_id, self.view.interactions).get(q.id)
            if heard:
                out.append(": " if heard.date == when else f" ({heard.date}): ", style="bold")
                out.append_text(literal(heard.answer[:500]))
            out.append("\n" if heard else ". ")
        out.append_text(literal(q.why, style="dim"))
        box.update(out)

    def _show_contact(self) -> None:
        box = self.query_one("#prep-contact", Static)
        contact = self.contact
        if self.view is not None and self.view.reading:
            box.update(Text("Prep sheets: reading the logged conversations…", style="italic"))
            return
        if contact is None:
            box.update(Text("No contact chosen: press c to choose one.", style="italic"))
            return
        out = Text("For: ", style="bold")
        out.append_text(literal(contact.name or "(no name)", style="bold"))
        who = " at ".join(x for x in (contact.role, contact.company) if x)
        if who:
            out.append(" — ")
            out.append_text(literal(who))
        sheet = self.sheet
        out.append(f" · planned {sheet.date}" if sheet else " · no sheet yet", style="dim")
        out.no_wrap = True
        out.overflow = "ellipsis"
        box.update(out)

    # -- changes -------------------------------------------------------------------

    def _stored_sheet(self) -> Interaction | None:
        """The sheet as the store holds it now. The view is redrawn after a change has
        been published, so keys in a burst (space space space) must not read it: each
        would start a sheet of its own, or put back the questions the one before took."""
        if self.contact_id is None:
            return None
        return prep.planned_for(self.contact_id, self.section.store.all(Interaction))

    def _change_ids(self, change, success: str) -> None:
        """Change the sheet's questions as they are in the store, under its lock."""
        contact = self.contact
        if contact is None:
            return
        store = self.section.store

        def write() -> None:
            with store.transaction():
                sheet = self._stored_sheet()
                store.save(prep.with_questions(contact.id, sheet,
                                               change(prep.question_ids(sheet))))

        self.section.save_guarded(write, success)

    def _highlighted(self) -> str | None:
        return highlighted_id(self.query_one("#prep-list", OptionList))

    def _need_contact(self) -> Contact | None:
        if self.contact is None:
            self.app.notify("Choose a contact first with c.", severity="warning", timeout=4)
        return self.contact

    def action_toggle(self) -> None:
        qid = self._highlighted()
        if self._need_contact() is None or qid is None:
            return
        ids = prep.question_ids(self._stored_sheet())
        # The cursor stays on the question (now on the sheet, or back in the bank), so a
        # second space takes back what the first did, never picks another.
        self._prefer = qid
        picked = qid not in ids
        self._change_ids(lambda now: prep.toggled(now, qid),
                         "Added to the sheet" if picked else "Taken off")

    def action_move(self, step: int) -> None:
        qid = self._highlighted()
        ids = prep.question_ids(self._stored_sheet())
        if qid is None or qid not in ids:
            self.app.notify("Only questions on the sheet can be moved.", timeout=3)
            return
        if prep.moved(ids, qid, step) != ids:
            self._prefer = qid
            self._change_ids(lambda now: prep.moved(now, qid, step),
                             "Moved " + ("up" if step < 0 else "down"))

    def action_choose_contact(self) -> None:
        def done(contact_id: str | None) -> None:
            if contact_id:
                self.contact_id = contact_id
                self._fill()
                self.focus_list()

        self.app.push_screen(
            ContactPickerDialog(self.section.store, title="Prepare a conversation with…"), done
        )

    def action_when(self) -> None:
        if (contact := self._need_contact()) is None:
            return
        sheet = self.sheet or prep.with_questions(contact.id, None, [])
        field = FormField(
            "date",
            "When will you talk?",
            value=sheet.date,
            required=True,
            parse=_any_day,
            help="e.g. 2026-12-01, friday, in 2 weeks",
        )

        def done(values: dict | None) -> None:
            if values:
                record = sheet.replace(date=values["date"])
                self.section.save_guarded(
                    lambda: self.section.store.save(record), f"Planned for {values['date']}"
                )

        self.app.push_screen(FormDialog("Date of the conversation", [field]), done)

    def _lines(self, sheet: Interaction) -> list[prep.SheetLine]:
        assert self.view is not None and self.contact_id is not None
        asked = asked_of(self.contact_id, self.view.interactions)
        heard = prep.answers_of(self.contact_id, self.view.interactions)
        return prep.sheet_lines(prep.question_ids(sheet), self.view.by_id, asked, heard)

    def action_export(self) -> None:
        contact, sheet = self._need_contact(), self.sheet
        if contact is None:
            return
        lines = self._lines(sheet) if sheet is not None else []
        if not lines:
            self.app.notify("Pick some questions first (space).", severity="warning", timeout=4)
            return
        pitches = self.section.store.all(Pitch)
        pitch = max(pitches, key=lambda p: p.updated) if pitches else None
        text = prep.prep_markdown(contact, sheet, lines, pitch)
        path = prep.export_path(self.section.store.path, contact, sheet.date)
        try:
            prep.write_private(path, text)
        except OSError as exc:
            self.app.notify(
                f"Could not write {path}: {exc.strerror or exc}",
                title="Not exported",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.app.notify(str(path), title="Prep sheet exported", timeout=10, markup=False)

    @on(OptionList.OptionHighlighted, "#prep-list")
    def _moved_cursor(self) -> None:
        self._show_status()

    @on(OptionList.OptionSelected, "#prep-list")
    def _selected(self) -> None:
        self.action_toggle()  # enter picks too, as in any checklist
