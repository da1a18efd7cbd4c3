"""Drafting a message from a section (the Board's next actions, a contact): pick the
template if none is given, show the draft editor, and when the user logs it, record it
as the matching interaction (with what the next action keeps: a referral asked or
thanked, an introduction thanked) in one write."""

from __future__ import annotations

from ..domain import messages
from ..domain import next_actions as na
from ..domain.interactions import log
from ..store.records import Contact, Referral
from ..support.dates import today
from ..support.sanitize import one_line
from .base import SectionScreen


def open_draft(screen: SectionScreen, contact: Contact, template_id: str | None = None,
               action: na.Action | None = None) -> None:
    from ..dialogs.draft import DraftDialog, MessagePicker, Sent

    store = screen.store
    templates = messages.all_templates(store)
    referral = (store.get(Referral, action.referral_id) if action and action.referral_id
                else messages.open_referral(store, contact))
    topic = action.topic if action else ""

    def redraft(template: messages.MessageTemplate) -> messages.Draft:
        return messages.draft(store, template, contact, referral, topic)

    def save_template(template: messages.MessageTemplate) -> bool:
        return screen.save_guarded(lambda: messages.save_user_template(store, template),
                                   f"Template “{one_line(template.name, 40)}” saved as yours")

    def sent(result: Sent | None) -> None:
        if result is None:
            return
        draft = messages.Draft(result.template, contact, result.text, referral)
        interaction = messages.sent(draft)
        what = result.template.kind.replace("_", " ")
        if action is not None:
            screen.save_guarded(lambda: na.complete(store, action, interaction, today()),
                                f"Logged {what} with {one_line(contact.name, 30)}")
        else:
            screen.save_guarded(lambda: log(store, interaction),
                                f"Logged {what} with {one_line(contact.name, 30)}")

    def show(template_id: str | None) -> None:
        template = next((t for t in templates if t.id == template_id), None)
        if template is None:
            return
        screen.app.push_screen(DraftDialog(redraft(template), templates=templates,
                                           redraft=redraft, save_template=save_template),
                               sent)

    if template_id is not None and any(t.id == template_id for t in templates):
        show(template_id)
    else:
        screen.app.push_screen(
            MessagePicker(f"Draft a message to {one_line(contact.name, 40)}", templates), show)
