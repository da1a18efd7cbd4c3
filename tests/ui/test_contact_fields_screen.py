"""Issue 17's fields in the TUI, pressed as a user presses them: the filter with fields,
the referral list across contacts stepping back, phones, event times and tag cadences."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from netplan.screens.referrals import ReferralsScreen
from netplan.store.records import Contact, Event, Interaction, Referral, TagCadence

from ..conftest import make_app
from ..helpers.waits import screen_is, until
from .test_contacts_screen import open_contacts, select_row, tab_to, table_text


def seed(store):
    pycon = Event(id="e-pycon", name="PyCon Berlin", date="2026-11-14")
    ada = Contact(name="Ada Lovelace", company="Acme Corp", stage="talked",
                  tags=("mentor",), met_at=pycon.id, cadence_days=30)
    store.save_many([
        pycon, ada,
        Contact(name="Grace Hopper", company="Navy", stage="talked", tags=("mentor",),
                next_follow_up="2026-11-27"),
        Contact(name="Linus Lee", company="ACME labs", stage="contacted",
                next_follow_up="2026-11-01", how_met="PyCon hallway"),
        Contact(name="Priya Patel", company="Initech", stage="ally", tags=("mentor",)),
        Contact(name="Sam Stone", company="Big Co"),
        Interaction(date="2026-09-01", kind="coffee", contacts=(ada.id,)),
    ])


def shown(app) -> list[str]:
    """The names in the list, as drawn."""
    rows = table_text(app).splitlines()
    everyone = ("Ada Lovelace", "Grace Hopper", "Linus Lee", "Priya Patel", "Sam Stone")
    return [name for name in everyone if any(name in row for row in rows)]


@pytest.mark.parametrize("typed, expected", [
    ("stage:talked", ["Ada Lovelace", "Grace Hopper"]),
    ("tag:mentor", ["Ada Lovelace", "Grace Hopper", "Priya Patel"]),
    ("company:acme", ["Ada Lovelace", "Linus Lee"]),
    ("is:overdue", ["Ada Lovelace", "Linus Lee"]),
    ("is:due", ["Ada Lovelace", "Grace Hopper", "Linus Lee"]),
    ("met:pycon", ["Ada Lovelace", "Linus Lee"]),
    ("tag:mentor hopper", ["Grace Hopper"]),
    ("stage:talked is:overdue", ["Ada Lovelace"]),
    ("lee company:acme is:due", ["Linus Lee"]),
])
async def test_each_filter_field_selects_the_right_contacts(store, typed, expected):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("slash", *typed, "enter")
        await pilot.pause()
        assert shown(app) == expected
        assert app.focused.id == "contacts-table"  # enter went back to the list


async def test_an_unknown_field_is_named_under_the_filter_until_it_is_fixed(store):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        box = app.screen.query_one("#contacts-filter", Input)
        assert "stage:talked" in box.placeholder  # the placeholder shows an example
        await pilot.press("slash", *"colour:red tag:mentor")
        await pilot.pause()
        problem = app.screen.query_one("#contacts-filter-problem", Static)
        assert problem.display and "unknown filter field 'colour:'" in str(problem.render())
        assert shown(app) == ["Ada Lovelace", "Grace Hopper", "Priya Patel"]  # the rest holds
        for _ in "colour:red ":
            await pilot.press("home", "delete")
        await pilot.pause()
        assert box.value == "tag:mentor" and not problem.display
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown(app)) == 5


async def test_the_referral_list_steps_a_status_back_and_forward(store):
    ada = store.save(Contact(name="Ada", company="Acme"))
    bob = store.save(Contact(name="Bob"))
    asked = store.save(Referral(contact=ada.id, company="Acme", role="Backend",
                                status="asked", asked_on="2026-11-10"))
    agreed = store.save(Referral(contact=bob.id, company="Initech", role="SRE",
                                 status="agreed", asked_on="2026-11-01"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("R")
        assert await until(pilot, screen_is(app, "ReferralsScreen"))
        rows = app.screen.query_one("#referral-list").visible_rows()
        assert "you" in rows[0] and "Initech" in rows[0] and "22d" in rows[0]  # waiting on you
        assert "Acme" in rows[1] and "13d" in rows[1]
        await pilot.press("b")  # agreed -> asked
        assert await until(pilot, lambda: store.get(Referral, agreed.id).status == "asked")
        await pilot.press("x")  # declined, then one step back restores where it was
        assert await until(pilot, lambda: store.get(Referral, agreed.id).status == "declined")
        await pilot.press("b")
        assert await until(pilot, lambda: store.get(Referral, agreed.id).status == "asked")
        # The cursor stays on the request it was on while the list re-sorts.
        await pilot.press("b", "b")  # asked -> to_ask (not asked after all), then nothing
        assert await until(pilot, lambda: store.get(Referral, agreed.id).status == "to_ask")
        assert store.get(Referral, agreed.id).asked_on is None
        assert store.get(Referral, asked.id).status == "asked"  # the other one untouched
        await pilot.press("escape")
        assert await until(pilot, screen_is(app, "ContactsScreen"))


async def test_the_palette_opens_the_referral_list(store):
    store.save(Referral(company="Acme", status="to_ask"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"referral requests")
        await pilot.pause()
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "ReferralsScreen"))
        assert isinstance(app.screen, ReferralsScreen)
        assert "(deleted)" in app.screen.query_one("#referral-list").visible_rows()[0]


async def test_a_contacts_step_back_in_their_own_referrals(store):
    ada = store.save(Contact(name="Ada"))
    ref = store.save(Referral(contact=ada.id, company="Acme", status="submitted"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("b")
        assert await until(pilot, lambda: store.get(Referral, ref.id).status == "agreed")


async def test_phones_typed_in_the_contact_form_and_shown_in_the_pane(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ada Lovelace")
        await tab_to(pilot, "phones")
        await pilot.press(*"fax:123")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.all(Contact) == []  # refused beside the field
        assert "not a phone type" in str(app.screen.query_one("#error-phones").render())
        for _ in "fax:123":
            await pilot.press("backspace")
        await pilot.press(*"+44 7700 900123, work:+44 20 7946 0000", "ctrl+s")
        assert await until(pilot, lambda: len(store.all(Contact)) == 1)
        (ada,) = store.all(Contact)
        assert ada.phones == ({"type": "mobile", "number": "+44 7700 900123"},
                              {"type": "work", "number": "+44 20 7946 0000"})
        await pilot.pause()
        pane = str(app.screen.query_one("#detail-body").render())
        assert "Phone (mobile): +44 7700 900123" in pane and "Phone (work):" in pane
        await pilot.press("e")  # the form shows them as they can be typed again
        await pilot.pause()
        assert app.screen.query_one("#field-phones", Input).value == (
            "mobile:+44 7700 900123, work:+44 20 7946 0000")


async def test_an_event_with_a_start_time_and_length(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("v")
        assert await until(pilot, screen_is(app, "EventsScreen"))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Talk night")
        await tab_to(pilot, "date")
        await pilot.press(*"2026-12-03")
        await tab_to(pilot, "start_time")
        await pilot.press(*"6:30pm")
        await tab_to(pilot, "duration_minutes")
        await pilot.press(*"1h30", "ctrl+s")
        assert await until(pilot, lambda: len(store.all(Event)) == 1)
        (ev,) = store.all(Event)
        assert (ev.date, ev.start_time, ev.duration_minutes) == ("2026-12-03", "18:30", 90)
        await pilot.pause()
        assert "18:30–20:00" in str(app.screen.query_one("#events-detail").render())


async def test_set_and_clear_a_tag_cadence_in_the_dialog(store):
    ada = store.save(Contact(name="Ada", tags=("close",)))
    store.save(Interaction(date="2026-08-01", kind="coffee", contacts=(ada.id,)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        assert "none (set one with f)" in str(app.screen.query_one("#detail-body").render())
        await pilot.press("C")
        assert await until(pilot, screen_is(app, "CadencesDialog"))
        await pilot.press("n")
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.press(*"close", "tab", *"90", "ctrl+s")
        assert await until(pilot, lambda: len(store.all(TagCadence)) == 1)
        (cadence,) = store.all(TagCadence)
        assert (cadence.tag, cadence.cadence_days) == ("close", 90)
        assert await until(pilot, screen_is(app, "CadencesDialog"))
        await pilot.press("escape")
        assert await until(pilot, screen_is(app, "ContactsScreen"))
        await select_row(pilot, "Ada")
        pane = str(app.screen.query_one("#detail-body").render())
        assert "every 90 days (by tag)" in pane and "OVERDUE" in pane
        await pilot.press("C")
        assert await until(pilot, screen_is(app, "CadencesDialog"))
        await pilot.press("d")
        assert await until(pilot, lambda: store.all(TagCadence) == [])
