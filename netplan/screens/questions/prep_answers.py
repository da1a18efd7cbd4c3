"""The prep sheet's answers: record what you heard, attach it to a conversation already
logged (one conversation, one record), and add the people the answers name (ctrl+n)."""

from __future__ import annotations

from functools import partial

from ...dialogs.form import FormField
from ...dialogs.interaction_view import AnswersForm, AttachDialog
from ...domain import prep
from ...domain.contacts import log_interaction
from ...domain.interactions import attach_answers, conversation_near
from ...store.records import Contact, Interaction
from ...support.dates import parse_date, today


def _past_or_today(raw: str) -> str:
    day = parse_date(raw)
    if day > today():
        raise ValueError("that is in the future; record the answers after you have talked")
    return day.isoformat()


class AnswersFlow:
    """Mixed into PrepPane (which gives contact, sheet, _need_contact, _lines, section)."""

    def action_answers(self) -> None:
        contact, sheet = self._need_contact(), self.sheet
        if contact is None:
            return
        lines = self._lines(sheet) if sheet else []
        if sheet is None or not lines:
            self.app.notify(
                "The sheet has no questions to answer yet.", severity="warning", timeout=4
            )
            return
        previous = {
            e.get("question"): e.get("answer", "") for e in sheet.questions if isinstance(e, dict)
        }
        day = min(sheet.date, today().isoformat())
        fields = [
            FormField(
                "date",
                "When did you talk?",
                value=day,
                required=True,
                parse=_past_or_today,
                help="Leave an answer empty if you did not ask it. ctrl+n on an answer: "
                     "add the person it names",
            )
        ]
        fields += [
            FormField(
                f"q{n}",
                line.question.text,
                kind="multiline",
                value=previous.get(line.question.id) or "",
            )
            for n, line in enumerate(lines)
        ]

        def validate(values: dict) -> dict[str, str]:
            if not any(values.get(f"q{n}") for n in range(len(lines))):
                return {"q0": "write down at least one answer you heard"}
            return {}

        def done(values: dict | None) -> None:
            if not values:
                return
            answers = {line.question.id: values.get(f"q{n}") or "" for n, line in enumerate(lines)}
            record = prep.answered(sheet, answers, values["date"])
            count = len(record.questions)
            near = conversation_near(self.section.store.all(Interaction), contact.id,
                                     record.date, exclude=sheet.id)
            if near is not None:
                self.app.push_screen(
                    AttachDialog(near, contact.name),
                    lambda how: self._attach_or_log(how, record, near, count, sheet))
                return
            self._log_answers(record, count, sheet)

        title = f"What did you hear from {contact.name}?"
        self.app.push_screen(AnswersForm(title, fields, validate=validate,
                                         on_person=partial(self._person, contact)), done)

    def _person(self, contact: Contact, question: str, answer: str) -> None:
        """ctrl+n on an answer: the person it names, introduced by this contact."""
        from ...dialogs.contact_forms import person_form, person_from_values

        def done(values: dict | None) -> None:
            if values:
                person = person_from_values(values, contact)
                self.section.save_record(person, editing=False, success=f"Added {person.name}, "
                                         f"introduced by {contact.name}")

        self.app.push_screen(person_form(contact, question, answer), done)

    def _attach_or_log(self, how: str | None, record: Interaction, near: Interaction,
                       count: int, sheet: Interaction) -> None:
        if how == "separate":
            self._log_answers(record, count, sheet)
        elif how == "attach":
            what = f"{near.kind.replace('_', ' ')} of {near.date}"
            self.section.save_guarded(
                lambda: attach_answers(self.section.store, record, near.id),
                f"{count} answer{'' if count == 1 else 's'} added to the {what}",
            )

    def _log_answers(self, record: Interaction, count: int, sheet: Interaction) -> None:
        # Logged like any conversation: the follow-up clock restarts, the stage moves. Made
        # against the sheet as it is now (`shown`: the sheet the form was filled from), so
        # what another process changed in it meanwhile is kept.
        self.section.save_record(
            record,
            editing=True,
            shown=sheet,
            save=lambda r: log_interaction(self.section.store, r),
            success=f"Conversation logged with {count} answer" + ("" if count == 1 else "s"),
        )

