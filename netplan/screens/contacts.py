"""The Contacts section: the list (filter as you type, sort, overdue marked) beside the details."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.widgets import Input, OptionList, Static

from ..compat import OrderedInput
from ..dialogs import contact_forms as dialogs
from ..dialogs.referrals import ReferralsDialog
from ..domain import contact_filter, followups
from ..domain import contacts as domain
from ..domain.contact_glance import ContactGlance
from ..domain.duplicates import store_duplicates
from ..domain.index_changes import contact_index
from ..domain.interactions import saved_words
from ..store.records import Contact, Referral
from ..widgets.contact_detail import ContactDetail
from ..widgets.row_list import RowList
from .base import SectionScreen
from .contact_layout import STACK_BELOW, contact_row, header
from .contact_lists import OtherLists
from .contact_merge import MergeActions
from .contact_reading import ReadsTheRest, reading_words
from .contact_timeline import TimelineActions

DETAIL_DELAY = 0.15  # seconds of quiet typing before the detail pane follows the filter


class ContactsScreen(TimelineActions, MergeActions, OtherLists, ReadsTheRest, SectionScreen):
    SECTION_TITLE = "Contacts"
    # The list, not the filter box (the first focusable widget): keys typed while the
    # section opens (`2 s s` over a laggy link) must not fill a filter nobody sees.
    AUTO_FOCUS = "#contacts-table"
    UNAFFECTED_BY = frozenset({"goals", "assessments", "pitches"})
    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        # Priority, with a synchronous focus: in a burst of keys ("/ada" over a laggy SSH
        # link) the letters must reach the filter, not run d(elete) on the list.
        Binding("slash", "filter", "Filter", id="contacts.filter", priority=True,
                tooltip="Filter contacts"),
        Binding("n", "new", "New", id="contacts.new", tooltip="New contact"),
        Binding("l", "log", "Log", id="contacts.log", tooltip="Log an interaction"),
        Binding("e", "edit", "Edit", id="contacts.edit", tooltip="Edit contact"),
        Binding("f", "follow_up", "Follow-up", id="contacts.follow_up",
                tooltip="Set follow-up date"),
        Binding("r", "referral", "Referral", id="contacts.referral",
                tooltip="Ask for a referral"),
        Binding("a", "referrals", "Referrals", id="contacts.referrals",
                tooltip="Referral requests of this contact: track status"),
        Binding("v", "events", "Events", id="contacts.events", tooltip="Events: list and plan"),
        Binding("d", "delete", "Delete", id="contacts.delete", tooltip="Delete contact"),
        Binding("s", "sort", "Sort", id="contacts.sort", tooltip="Sort the list"),
        # In ? and the palette; the 80-column footer has no room for them.
        Binding("R", "referral_list", "All referrals", id="contacts.referral_list",
                show=False, tooltip="Every referral request, by status"),
        Binding("C", "cadences", "Cadences by tag", id="contacts.cadences", show=False,
                tooltip="How often to keep in touch, by tag"),
        Binding("c", "companies", "Companies", id="contacts.companies", show=False,
                tooltip="Companies: the people at each, open referrals"),
        Binding("m", "merge", "Merge another in", id="contacts.merge", show=False,
                tooltip="Merge another contact into this one"),
        Binding("D", "duplicates", "Possible duplicates", id="contacts.duplicates",
                show=False, tooltip="Contacts that may be the same person"),
        Binding("w", "draft", "Write a message (draft)", id="contacts.draft", show=False,
                tooltip="Draft a message to this contact from a template"),
        Binding("t", "timeline", "Timeline", id="contacts.timeline", show=False),
        Binding("x", "delete_interaction", "Delete interaction", id="contacts.delete_interaction",
                show=False),
        Binding("escape", "clear_filter", "Clear filter", id="contacts.clear_filter", show=False),
        # Priority, so the list has the focus before the next key is read: `/ priya enter l`
        # logs with Priya instead of typing an "l" into the filter.
        Binding("enter", "filter_done", "Back to the list", id="contacts.filter_done",
                show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "name"
        self.query_text = ""
        self._index: domain.ContactIndex | ContactGlance | None = None
        self._selected: str | None = None
        self._detail_timer = None

    # -- layout ------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Container(id="contacts-main"):
            with Vertical(id="contacts-list-pane"):
                yield OrderedInput(placeholder=f"filter: words, or like {contact_filter.EXAMPLE}",
                            id="contacts-filter")
                yield Static("", id="contacts-filter-problem")
                yield RowList(self._row, header=header, id="contacts-table")
                yield Static("", id="contacts-status")
            yield ContactDetail(id="contacts-detail")

    @property
    def _list(self) -> RowList:
        return self.query_one("#contacts-table", RowList)

    def on_mount(self) -> None:
        self._apply_layout(self.app.size.width)
        # A watcher, not the Input.Changed message: it runs while the key is handled, so the
        # list changes in the same frame as the box. By message it came after that frame
        # was drawn and cost a second one, 17-33 ms later (Textual's 60 fps update timer).
        self.watch(self.query_one("#contacts-filter", Input), "value", self._filter_changed,
                   init=False)
        self._list.focus()

    def on_resize(self, event) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        self.set_class(width < STACK_BELOW, "stacked")

    def _row(self, contact_id: str, width: int) -> Text:
        assert self._index is not None
        return contact_row(self._index.by_id.get(contact_id), width)

    # -- data --------------------------------------------------------------------------

    def warm_up(self) -> None:
        # The list's order too (sorting 50,000 rows is 0.1 s the key pressed next would wait).
        contact_index(self.store).sorted(self.sort), store_duplicates(self.store)

    def refresh_data(self) -> None:
        self._index = contact_index(self.store, at_once=True)
        self.read_the_rest(self._index)  # (first: the duplicates are looked for after it)
        self._fill(changed=True)

    def _fill(self, *, changed: bool = False) -> None:
        """List the contacts matching the filter, in the sort order; the cursor stays on the
        selected contact while they are listed. `changed` (the data changed): draw the rows
        and the detail pane again, at once."""
        assert self._index is not None
        ids = self._index.matching_ids(self.query_text, self.sort)
        if ids is None:  # a glance, filtered once everyone is read (the worker): nobody
            self._list.set_rows([], redraw=changed)  # listed, and the selection kept
            self._shown = (0, 0)
            self.show_status()
            self.query_one(ContactDetail).show(self.store, None)
            self._pane_waits = True
            return
        listing = self._list
        listing.set_rows(ids, cursor_key=self._selected, redraw=changed)
        self._shown = (len(ids), self._index.count_overdue(ids))
        self.show_status()
        current = listing.cursor_key
        if self._detail_timer is not None and (changed or current != self._selected):
            self._detail_timer.stop()  # (a pane shown now must not be replaced by its timer)
        if changed or self._pane_waits:
            self._pane_waits = False
            self._show_detail(current)
        elif current != self._selected:
            # While a filter is typed the list follows each key; the detail pane (a
            # timeline, referrals…) follows once typing pauses, not on every keystroke.
            self._selected = current
            self._detail_timer = self.set_timer(DETAIL_DELAY, lambda: self._show_detail(current))

    _shown = (0, 0)  # contacts listed, and how many of them are overdue
    _pane_waits = False  # the pane is blank while a filter waits for everyone to be read

    def show_status(self) -> None:
        total, overdue = self._shown
        everyone = self._index.count if self._index else 0
        noun = "contact" if everyone == 1 else "contacts"
        parts = [f"{total:,} of {everyone:,} {noun}" if self.query_text
                 else f"{everyone:,} {noun}"]
        if overdue:
            parts.append(f"! {overdue:,} overdue")
        parts.append(f"sorted by {domain.SORT_LABELS[self.sort]} (s)")
        if self._at_a_glance:  # what it waits for in place of what it cannot say yet
            parts = [f"{everyone:,} {noun}", reading_words(self.query_text, self.sort)]
        twins = self.twins_count()
        if twins:
            parts.append(f"{twins} possible duplicate{'s' if twins > 1 else ''} (D)")
        # One fixed row: no layout pass, which would repaint the whole screen per keystroke.
        self.query_one("#contacts-status", Static).update(Text(" · ".join(parts)), layout=False)

    def _show_detail(self, contact_id: str | None) -> None:
        self._selected = contact_id
        contact = self.store.get(Contact, contact_id) if contact_id else None
        self.query_one(ContactDetail).show(self.store, contact, at_once=True)

    @on(RowList.Highlighted, "#contacts-table")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        if event.key is None and self._at_a_glance and self.query_text:
            return  # (a glance waiting to filter lists nobody: the selection is kept)
        if event.key != self._selected:
            self._show_detail(event.key)

    def selected_contact(self) -> Contact | None:
        """The contact under the list's cursor: the cursor follows each key at once,
        while its Highlighted message (which moves the pane) may still wait behind the
        next key (`down e` while a worker reads: the edit was of the contact before)."""
        key = self._list.cursor_key
        return self.store.get(Contact, key) if key else None

    def select_contact(self, contact_id: str) -> None:
        """Show a contact (the palette's jump); clears a filter that would hide them."""
        self._selected = contact_id
        if not self.is_mounted or self._index is None:
            return
        if contact_id not in self._index.by_id:  # just added: the change signal may follow
            self._index = contact_index(self.store, at_once=True)
        if self.query_text and contact_id not in (
                self._index.matching_ids(self.query_text) or ()):
            self.query_text = ""
            self._set_filter_box("")
            self._show_filter_problem()
        self._fill(changed=True)
        self._list.focus()

    # -- filter and sort ---------------------------------------------------------------

    def _set_filter_box(self, value: str) -> None:
        """Show `value` in the filter box; set query_text first, so it is not a new filter."""
        box = self.query_one("#contacts-filter", Input)
        box.value = value
        box.set_class(bool(value), "active")

    def action_filter(self) -> None:
        box = self.query_one("#contacts-filter", Input)
        box.add_class("active")
        self.set_focus(box)

    def _filter_changed(self, value: str) -> None:
        if value != self.query_text:
            self.query_text = value
            self._show_filter_problem()
            self._fill()

    def _show_filter_problem(self) -> None:
        """What the filter cannot read (an unknown field), under it; the rest filters."""
        problems = contact_filter.parse(self.query_text).problems if ":" in self.query_text else ()
        box = self.query_one("#contacts-filter-problem", Static)
        box.update(Text(problems[0]) if problems else "")
        box.set_class(bool(problems), "shown")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_done":  # only while typing in the filter
            return self.focused is not None and self.focused.id == "contacts-filter"
        return super().check_action(action, parameters)

    def action_filter_done(self) -> None:
        self.set_focus(self._list)

    def on_key(self, event) -> None:
        box = self.query_one("#contacts-filter", Input)
        if box.has_focus and event.key in ("down", "up"):
            event.stop()
            self._list.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#contacts-filter", Input)
        if self.query_text or box.has_focus:
            self.query_text = ""
            self._set_filter_box("")
            self._show_filter_problem()
            self._fill()
            self._list.focus()

    def action_sort(self) -> None:
        self.sort = domain.SORTS[(domain.SORTS.index(self.sort) + 1) % len(domain.SORTS)]
        self._fill()
        label = domain.SORT_LABELS[self.sort]
        self.notify(f"Sorting by {label} once every contact is read" if self._at_a_glance
                    else f"Sorted by {label}", timeout=2)

    # -- changes -----------------------------------------------------------------------

    def _need_contact(self) -> Contact | None:
        contact = self.selected_contact()
        if contact is None:
            self.notify("Reading every contact to filter them; a moment."
                        if self.query_text and self._at_a_glance
                        else "No contact selected; n adds one.", timeout=3)
        return contact

    @property
    def _at_a_glance(self) -> bool:
        """The list is a glance (contact_glance): the whole index is still being read."""
        return isinstance(self._index, ContactGlance)

    def action_new(self) -> None:
        def done(values) -> None:
            if values is not None:
                contact = dialogs.contact_from_values(values)
                if self.save_record(contact, editing=False, success=f"Added {contact.name}"):
                    self.select_contact(contact.id)

        self.app.push_screen(dialogs.contact_form(self.store), done)

    def action_edit(self) -> None:
        contact = self._need_contact()
        if contact is None:
            return
        if self._chosen_interaction() is not None:  # in the timeline, e edits the entry
            self._edit_interaction(contact, self._chosen_interaction())
            return

        self._form_then_save(dialogs.contact_form(self.store, contact),
                             lambda values: dialogs.contact_from_values(values, contact),
                             editing=True, success="Contact saved", shown=contact)

    def action_delete(self) -> None:
        contact = self._need_contact()
        if contact is None:
            return

        self.confirm_then(
            f"Delete {contact.name}?",
            "Their interactions and referral requests stay, without the link to them.",
            partial(domain.delete_contact, self.store, contact.id), f"Deleted {contact.name}")

    def action_log(self) -> None:
        contact = self._need_contact()
        if contact is None:
            return

        def done(values) -> None:
            if values is not None:
                interaction = dialogs.interaction_from_values(values, contact)
                n = len(interaction.contacts)
                self.save_guarded(
                    partial(domain.log_interaction, self.store, interaction),
                    saved_words("Logged", interaction)
                    + (f" (with {n} contacts)" if n > 1 else ""),
                )

        self.app.push_screen(dialogs.log_form(self.store, contact), done)

    def action_follow_up(self) -> None:
        contact = self._need_contact()
        if contact is None:
            return

        def done(values) -> None:
            if values is None:
                return
            when = values.get("when")
            if when is None:
                changed = followups.clear_follow_up(contact)
                message = "Follow-up back to the cadence"
            else:
                changed = followups.snooze(contact, when)
                message = (
                    f"Follow up {followups.describe_days(followups.days_until(when))} ({when})"
                )
            self.save_record(domain.touch(changed), editing=True, success=message)

        self.app.push_screen(dialogs.follow_up_form(contact), done)

    def action_referral(self) -> None:
        contact = self._need_contact()
        if contact is None:
            return

        self._form_then_save(dialogs.referral_form(contact),
                             lambda values: dialogs.referral_from_values(values, contact),
                             editing=False, success="Referral request added")

    def _form_then_save(self, dialog, build, *, editing: bool, success: str,
                        shown=None) -> None:
        """Open a form; when it is saved, build the record from its values and save it
        (against the record as it is by then, when `shown` is the record the form showed)."""

        def done(values) -> None:
            if values is not None:
                self.save_record(build(values), editing=editing, success=success, shown=shown)

        self.app.push_screen(dialog, done)

    def action_referrals(self) -> None:
        contact = self._need_contact()
        if contact is None:
            return

        def save(referral: Referral, message: str) -> bool:
            return self.save_record(referral, editing=True, success=message)

        self.app.push_screen(ReferralsDialog(self.store, contact, save))

    @on(OptionList.OptionSelected, "#detail-timeline")
    def _open_interaction(self, event: OptionList.OptionSelected) -> None:
        self.open_interaction(event.option.id)
