"""Contacts' merging keys: `m` merges another contact into the selected one, `D` lists the
possible duplicates; both end in the side-by-side field chooser (dialogs/merge.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from ..domain.contact_glance import wanted as glance_wanted
from ..domain.duplicates import known_duplicates, store_duplicates
from ..store.records import Contact, Event
from ..support.gc_pause import keep_what_was_built

if TYPE_CHECKING:
    from ..app import NetplanApp


class MergeActions:
    """A mixin of ContactsScreen (which gives store, notify, save_guarded, select_contact,
    run_worker and show_status)."""

    reading_on_worker: bool  # (ReadsOnWorker's)

    _twins_shown: int = 0  # the count of possible duplicates the status line shows
    _twins_looking = False  # a worker is looking for them (one at a time)

    def twins_count(self) -> int:
        """The possible duplicates for the status line: as found for the store as it is,
        else the count shown before while a worker thread looks again (5 s at 50,000
        contacts, which the first visit and each save no longer wait for). The status is
        drawn on every key typed in the filter: one worker looks, not one a key."""
        found = known_duplicates(self.store)
        if found is not None:
            self._twins_shown = len(found)
        elif not self._twins_looking and not self.reading_on_worker:
            # (after the list's own reading, not beside it: one thread shares the screen's)
            self._twins_looking = True
            self.run_worker(self._find_twins, thread=True, group="duplicates",
                            exit_on_error=False)
        return self._twins_shown

    def _find_twins(self) -> None:
        store_duplicates(self.store)  # (an error leaves _twins_looking set: no retry loop)
        with contextlib.suppress(RuntimeError):  # the app ended meanwhile
            self.app.call_from_thread(self._twins_found)

    def _twins_found(self) -> None:
        self._twins_looking = False
        keep_what_was_built()
        if self.is_attached:
            self.show_status()  # (and a worker again if the store changed meanwhile)

    def action_merge(self) -> None:
        """m: choose another contact, then merge them into this one field by field."""
        from ..dialogs.contact_picker import ContactPickerDialog

        contact = self._need_contact()
        if contact is None:
            return

        def picked(other_id: str | None) -> None:
            if other_id:
                self.merge_into(contact.id, other_id)

        self.app.push_screen(ContactPickerDialog(
            self.store, title=f"Merge whom into {contact.name}?", exclude={contact.id}), picked)

    def action_duplicates(self) -> None:
        from ..dialogs.merge import DuplicatesDialog

        if known_duplicates(self.store) is None and glance_wanted(self.store):
            # Comparing 50,000 contacts takes seconds: the screen does not wait for it.
            self.twins_count()  # (the worker looks, after the list's own reading)
            self.notify("Looking for possible duplicates among everyone; the status line "
                        "counts them when found, and D then lists them.", timeout=5)
            return

        def chosen(pair: tuple[str, str] | None) -> None:
            if pair:
                self.merge_into(*pair)

        self.app.push_screen(DuplicatesDialog(store_duplicates(self.store)), chosen)

    def merge_into(self, keep_id: str, other_id: str) -> None:
        """Show the two side by side; on enter, merge with the fields chosen."""
        from ..dialogs.merge import MergeDialog
        from ..domain.merge import MergeError, merge_contacts, what_moves

        keep, other = self.store.get(Contact, keep_id), self.store.get(Contact, other_id)
        if keep is None or other is None:
            return

        def show(field: str, value: object) -> str:
            if field == "introduced_by":
                person = self.store.get(Contact, value) if value else None
                return person.name if person else ""
            if field == "met_at":
                event = self.store.get(Event, value) if value else None
                return event.name if event else ""
            return "" if value is None else str(value)

        def done(choices: dict[str, str] | None) -> None:
            if choices is None:
                return
            try:
                saved = self.save_guarded(
                    partial(merge_contacts, self.store, keep_id, other_id, choices,
                            only_asked=True),
                    f"Merged {other.name} into {keep.name} (ctrl+z undoes it)")
            except MergeError as exc:
                self.notify(str(exc), title="Not merged", severity="warning", timeout=6)
                return
            if saved:
                self.select_contact(keep_id)

        self.app.push_screen(MergeDialog(keep, other, moves=what_moves(self.store, other_id),
                                         show=show), done)


def palette_commands(app: NetplanApp) -> Iterable[SystemCommand]:
    def show() -> None:
        app.action_switch_section("contacts")
        app.call_after_refresh(lambda: app.screen.run_action("duplicates"))

    yield SystemCommand("Possible duplicates", "Contacts that may be one person; merge them",
                        show)
