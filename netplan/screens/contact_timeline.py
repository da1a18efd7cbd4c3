"""The Contacts section's timeline keys: choose an interaction (t), open it (enter), edit
it (e) or delete it (x), and add the person an answer names (p in the opened one)."""

from __future__ import annotations

from functools import partial

from ..dialogs import contact_forms as dialogs
from ..dialogs.interaction_view import InteractionView
from ..domain.interactions import (
    delete_interaction,
    saved_words,
    settled,
    update_interaction,
)
from ..store.records import Contact, Interaction
from ..widgets.contact_detail import ContactDetail


class TimelineActions:
    """Mixed into ContactsScreen (which gives store, selected_contact, select_contact,
    save_guarded, save_record, _list)."""

    reading_on_worker: bool  # (ReadsOnWorker's)

    def _chosen_interaction(self) -> Interaction | None:
        iid = self.query_one(ContactDetail).chosen_interaction()
        return self.store.get(Interaction, iid) if iid else None

    def action_focus_list(self) -> None:
        self._list.focus()

    def on_contact_detail_leave_timeline(self, _message: ContactDetail.LeaveTimeline) -> None:
        self.action_focus_list()

    def action_timeline(self) -> None:
        detail = self.query_one(ContactDetail)
        if not detail.timeline.option_count:
            self.notify("Still reading the conversations; a moment." if self.reading_on_worker
                        else "Nothing logged with them yet; l logs an interaction.", timeout=3)
            return
        self.set_focus(detail.timeline)

    def open_interaction(self, interaction_id: str | None) -> None:
        """enter on a timeline entry: the interaction, read-only, with e / x / p there."""
        contact = self.selected_contact()
        it = self.store.get(Interaction, interaction_id) if interaction_id else None
        if contact is None or it is None:
            return

        def done(what) -> None:
            if what == "edit":
                self._edit_interaction(contact, it)
            elif what == "delete":
                self._delete_interaction(it)
            elif isinstance(what, tuple) and what[0] == "person":
                self._person_from_answer(contact, what[1], what[2])

        self.app.push_screen(InteractionView(self.store, it), done)

    def _edit_interaction(self, contact: Contact, it: Interaction) -> None:
        def done(values) -> None:
            if values is None:
                return
            changes = dialogs.interaction_changes(values, contact, it)
            after = settled(it.replace(**changes), editing=True)  # as it will be saved
            records = it.planned and not after.planned
            if not changes and not records:
                self.notify("Nothing changed", timeout=2)
                return

            def save() -> None:
                if update_interaction(self.store, it.id, by_hand=True, **changes) is None:
                    self.notify("It was deleted in another session; nothing was saved.",
                                title="Not saved", severity="warning", timeout=8)

            self.save_guarded(save, saved_words("Recorded the" if records else "Saved the",
                                                after))

        self.app.push_screen(dialogs.log_form(self.store, contact, it), done)

    def action_delete_interaction(self) -> None:
        it = self._chosen_interaction()
        if it is None:
            self.notify("Choose an interaction in the timeline first (t).", timeout=3)
            return
        self._delete_interaction(it)

    def _delete_interaction(self, it: Interaction) -> None:
        what = f"{it.kind.replace('_', ' ')} of {it.date}"

        self.confirm_then(f"Delete the {what}?",
                          "Stages and follow-ups it changed go back where nothing since "
                          "built on them.",
                          partial(delete_interaction, self.store, it.id), f"Deleted the {what}")

    def _person_from_answer(self, contact: Contact, question: str, answer: str) -> None:
        def done(values) -> None:
            if values is not None:
                person = dialogs.person_from_values(values, contact)
                if self.save_record(person, editing=False,
                                    success=f"Added {person.name}, introduced by {contact.name}"):
                    self.select_contact(person.id)

        self.app.push_screen(dialogs.person_form(contact, question, answer), done)

