"""The Contacts section's keys to the lists beside it: every referral request (R), the
tags' cadences (C), events (v), companies (c), and a message drafted to the contact (w)."""

from __future__ import annotations

from typing import Any


class OtherLists:
    """A mixin of ContactsScreen (which gives app, store, save_guarded, selected_contact
    and _need_contact)."""

    app: Any
    store: Any
    save_guarded: Any
    selected_contact: Any
    _need_contact: Any

    def action_referral_list(self) -> None:
        from .referrals import open_referrals

        open_referrals(self.app)

    def action_cadences(self) -> None:
        from ..dialogs.cadences import CadencesDialog

        self.app.push_screen(CadencesDialog(self.store, self.save_guarded))

    def action_draft(self) -> None:
        contact = self._need_contact()
        if contact is not None:
            from .drafting import open_draft

            open_draft(self, contact)

    def action_events(self) -> None:
        from .events import show_events

        show_events(self.app)

    def action_companies(self) -> None:
        from .companies import CompaniesScreen

        contact = self.selected_contact()
        self.app.push_screen(CompaniesScreen(contact.company if contact else ""))
