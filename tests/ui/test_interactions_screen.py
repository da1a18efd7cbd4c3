"""Interactions managed from the contact's timeline, and answers shown where they matter:
keys pressed as a user does, then the store, follow-ups, weekly counts and review checked."""

from __future__ import annotations

import pytest

from netplan.dialogs.interaction_view import InteractionView
from netplan.domain.contacts import ContactIndex
from netplan.domain.followups import last_interactions, next_follow_up
from netplan.domain.goals import week_views
from netplan.domain.metrics import store_counts
from netplan.domain.review import build_review
from netplan.screens.contacts import ContactsScreen
from netplan.store.records import Contact, Goal, Interaction, Question
from netplan.widgets.contact_detail import ContactDetail

from ..conftest import answer, make_app
from .test_contacts_screen import open_contacts, select_row, tab_to
from .test_questions_screen import open_tab, text_of

WEEK = "2026-W48"  # the frozen today, 2026-11-23, is its Monday


def figures(store, contact_id: str):
    """What every view derives from the interactions: the follow-up date, the board's
    auto goal, the week's count and the review's conversations."""
    contact = store.get(Contact, contact_id)
    last = last_interactions(store.all(Interaction)).get(contact_id)
    due = next_follow_up(contact, last)
    (goal,) = week_views(store, WEEK, store_counts(store))
    review = build_review(store, WEEK)
    return {
        "due": due.isoformat() if due else None,
        "goal": goal.progress,
        "count": store_counts(store).count(WEEK, "conversations"),
        "review": review.conversations,
        "logged": len(review.interactions),
        "stage": contact.stage,
    }


def timeline_text(app) -> str:
    listing = app.screen.query_one(ContactDetail).timeline
    return "\n".join(str(listing.get_option_at_index(i).prompt)
                     for i in range(listing.option_count))


async def test_log_open_edit_delete_from_the_timeline(store):
    ada = store.save(Contact(name="Ada", cadence_days=30, stage="identified"))
    store.save(Goal(week=WEEK, title="2 coffees", target=2, metric="conversations"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        # Log a coffee by mistake.
        await pilot.press("l")
        await pilot.pause()
        await tab_to(pilot, "summary")
        await pilot.press(*"by mistake", "ctrl+s")
        await pilot.pause()
        (it,) = store.all(Interaction)
        assert figures(store, ada.id) == {"due": "2026-12-23", "goal": 1, "count": 1,
                                          "review": 1, "logged": 1, "stage": "talked"}
        # Open it from the timeline: every field shows.
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is app.screen.query_one(ContactDetail).timeline
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InteractionView)
        shown = str(app.screen.query_one("#interaction-fields").render())
        assert "2026-11-23 · coffee" in shown and "by mistake" in shown and "With: Ada" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        # Edit it: it was an e-mail, last week.
        await pilot.press("t", "e")
        await pilot.pause()
        assert app.screen.query_one("#field-summary").value == "by mistake"  # pre-filled
        await pilot.press("ctrl+u", *"2026-11-18")
        app.screen.query_one("#field-kind").value = "email"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (edited,) = store.all(Interaction)
        assert (edited.id, edited.date, edited.kind, edited.summary) == (
            it.id, "2026-11-18", "email", "by mistake")
        assert figures(store, ada.id) == {"due": "2026-12-18", "goal": 0, "count": 0,
                                          "review": 0, "logged": 0, "stage": "contacted"}
        assert "2026-11-18 email" in timeline_text(app)
        # Delete it after a y/n.
        await pilot.press("t", "x")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.all(Interaction) == []
        assert figures(store, ada.id) == {"due": None, "goal": 0, "count": 0,
                                          "review": 0, "logged": 0, "stage": "identified"}
        assert "nothing logged yet" in str(app.screen.query_one("#detail-body").render())
        assert app.focused is app.screen._list  # the emptied timeline hands the focus back


async def test_x_without_a_chosen_entry_deletes_nothing(store):
    ada = store.save(Contact(name="Ada"))
    store.save(Interaction(kind="call", contacts=(ada.id,)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("t", "x")
        await answer(pilot, "n")
        await pilot.pause()
        assert len(store.all(Interaction)) == 1


async def test_answers_show_in_the_timeline_and_the_filter_finds_them(store):
    ada = store.save(Contact(name="Ada"))
    store.save(Contact(name="Bob"))
    q = store.save(Question(text="Who else should I meet?"))
    store.save(Interaction(kind="coffee", contacts=(ada.id,), date="2026-11-20",
                           questions=({"question": q.id, "answer": "Talk to Priya Raman"},)))
    assert ContactIndex.from_store(store).matching_ids("priya") == [ada.id]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        assert "Who else should I meet? → Talk to Priya Raman" in timeline_text(app)
        await pilot.press("slash", *"priya", "enter")
        await pilot.pause(0.3)
        assert list(app.screen._list.keys) == [ada.id]


async def test_p_on_an_answer_adds_the_person_it_names(store):
    ada = store.save(Contact(name="Ada"))
    q = store.save(Question(text="Who else should I meet?"))
    store.save(Interaction(kind="coffee", contacts=(ada.id,), date="2026-11-20",
                           questions=({"question": q.id,
                                       "answer": "You should meet Priya Raman at Stripe"},)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        await pilot.press("t", "enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#field-name").value == "Priya Raman"  # picked out
        await tab_to(pilot, "company")
        await pilot.press(*"Stripe", "ctrl+s")
        await pilot.pause()
        priya = next(c for c in store.all(Contact) if c.name == "Priya Raman")
        assert priya.introduced_by == ada.id and priya.company == "Stripe"
        assert priya.how_met == "Introduced by Ada (answer to: Who else should I meet?)"
        assert app.screen.selected_contact().id == priya.id


# -- answers in the Questions section ------------------------------------------------------



async def test_answers_show_on_the_prep_sheet_and_in_the_bank(store):
    ada = store.save(Contact(name="Ada Lovelace"))
    store.save(Interaction(kind="coffee", contacts=(ada.id,), date="2026-11-02",
                           questions=({"question": "first-job", "answer": "Answered an ad"},)))
    store.save(Interaction(kind="informational_interview", contacts=(ada.id,), planned=True,
                           date="2026-11-25",
                           questions=({"question": "first-job", "answer": ""},)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "b")
        await pilot.pause()
        bank = text_of(app, "#bank-detail")
        assert "Asked 1×" in bank and "Ada Lovelace" in bank and "Answered an ad" in bank
        await open_tab(pilot, "p")
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        status = text_of(app, "#prep-status")
        assert "Already asked them on 2026-11-02" in status and "Answered an ad" in status


def chat_and_sheet(store, chat_day: str) -> tuple[Interaction, Interaction]:
    """Ada's coffee, logged on `chat_day`, and her prep sheet for 2026-11-23."""
    from netplan.domain.contacts import log_interaction

    ada = store.save(Contact(name="Ada Lovelace", stage="identified"))
    chat = log_interaction(store, Interaction(kind="coffee", contacts=(ada.id,),
                                              date=chat_day, summary="Coffee at noon"))
    sheet = store.save(Interaction(kind="informational_interview", contacts=(ada.id,),
                                   planned=True, date="2026-11-23",
                                   questions=({"question": "first-job", "answer": ""},)))
    return chat, sheet


async def answer_on_the_sheet(app, pilot, answer: str, meanwhile=None) -> None:
    """On the prep sheet, `a`, the first answer typed (after `meanwhile()`, run while the
    form is open), ctrl+s."""
    await open_tab(pilot, "p")
    await pilot.press("a")
    await pilot.pause()
    if meanwhile is not None:
        meanwhile()
    app.screen.query_one("#field-q0").text = answer
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_answers_after_a_logged_chat_attach_to_it(store):
    chat, sheet = chat_and_sheet(store, "2026-11-22")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_on_the_sheet(app, pilot, "Through a meetup")
        await pilot.press("enter")  # the default: attach
        await pilot.pause()
    (only,) = store.all(Interaction)
    assert only.id == chat.id and only.summary == "Coffee at noon"
    assert only.questions == ({"question": "first-job", "answer": "Through a meetup"},)
    assert store.get(Interaction, sheet.id) is None
    assert store_counts(store).count(WEEK, "conversations") == 0  # W47's coffee, counted once
    assert store_counts(store).count("2026-W47", "conversations") == 1


@pytest.mark.parametrize("how", ["attach", "separate"])
async def test_a_sheet_changed_elsewhere_while_its_answers_are_typed_keeps_that_change(
        store, store_path, how):
    """Another process writes notes on the prep sheet while the answers form is open: after
    the save, attached to the day's coffee or logged on their own, the answers and those
    notes are both in the store."""
    from netplan.store.database import open_store

    chat, sheet = chat_and_sheet(store, "2026-11-23")
    app = make_app(store)
    def cron_writes_notes() -> None:
        cron = open_store(store_path)
        cron.save(cron.get(Interaction, sheet.id).replace(notes="Bring the CV"))

    async with app.run_test(size=(80, 24)) as pilot:
        await answer_on_the_sheet(app, pilot, "Through a meetup", meanwhile=cron_writes_notes)
        if how == "separate":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
    again = open_store(store_path)
    kept = again.get(Interaction, chat.id if how == "attach" else sheet.id)
    assert kept.questions == ({"question": "first-job", "answer": "Through a meetup"},)
    assert "Bring the CV" in kept.notes
    assert len(again.all(Interaction)) == (1 if how == "attach" else 2)


async def test_ctrl_n_on_an_answer_in_the_answers_form_adds_the_person(store):
    ada = store.save(Contact(name="Ada Lovelace"))
    store.save(Interaction(kind="informational_interview", contacts=(ada.id,), planned=True,
                           date="2026-11-23",
                           questions=({"question": "who-else", "answer": ""},)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.press(*"Meet Tomás Silva at the Rust meetup")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#field-name").value == "Tomás Silva"
        await pilot.press("ctrl+s")
        await pilot.pause()
        tomas = next(c for c in store.all(Contact) if c.name == "Tomás Silva")
        assert tomas.introduced_by == ada.id and "Introduced by Ada Lovelace" in tomas.how_met
        # Back in the answers form, the answer still typed; saving it logs the conversation.
        await pilot.press("ctrl+s")
        await pilot.pause()
    logged = [i for i in store.all(Interaction) if not i.planned]
    assert len(logged) == 1 and "Tomás Silva" in logged[0].questions[0]["answer"]


async def test_a_coffee_logged_for_friday_is_planned_until_it_is_recorded(store):
    """Logged on Monday for Friday, a coffee has not happened: no stage, no count, no
    follow-up clock; the prep sheet and the next actions find it; edited to the day it
    happened, it counts."""
    from netplan.domain import prep

    ada = store.save(Contact(name="Ada", cadence_days=30, stage="identified"))
    store.save(Goal(week=WEEK, title="2 coffees", target=2, metric="conversations"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2026-11-27")
        await tab_to(pilot, "summary")
        await pilot.press(*"coffee near her office", "ctrl+s")
        await pilot.pause()
        (it,) = store.all(Interaction)
        assert it.planned and it.date == "2026-11-27" and it.contact_changes == {}
        assert figures(store, ada.id) == {"due": None, "goal": 0, "count": 0,
                                          "review": 0, "logged": 0, "stage": "identified"}
        assert prep.planned_for(ada.id, store.all(Interaction)).id == it.id
        assert any("Planned coffee on 2026-11-27" in n.message for n in app._notifications)
        assert "planned" in timeline_text(app)
        # It happened on Monday after all: edited to that day, it is recorded.
        await pilot.press("t", "e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2026-11-23", "ctrl+s")
        await pilot.pause()
        (done,) = store.all(Interaction)
        assert (done.id, done.planned, done.date) == (it.id, False, "2026-11-23")
        assert any(n.message == "Recorded the coffee" for n in app._notifications)
        assert not any("still a plan" in n.message for n in app._notifications)
        assert figures(store, ada.id) == {"due": "2026-12-23", "goal": 1, "count": 1,
                                          "review": 1, "logged": 1, "stage": "talked"}
