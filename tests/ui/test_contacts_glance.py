"""Contacts' first visit with many contacts: the list at a glance (in name order, each row
built when drawn) while a worker reads everyone; keys pressed meanwhile act on the contact
shown, and what waits for the reading says so, then shows."""

from __future__ import annotations

import pytest

from netplan.domain import contact_glance
from netplan.screens.contacts import ContactsScreen
from netplan.store import table_reads
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction

from ..conftest import make_app
from ..helpers.held_reading import hold_readings
from ..helpers.waits import tab_to, until
from .test_contacts_screen import table_text

PEOPLE = [Contact(id="zoe", name="Zoe Zed", company="Initech", cadence_days=30),
          Contact(id="ada", name="Ada Lovelace", company="Acme", cadence_days=14),
          Contact(id="ada2", name="Ada Lovelace", company="Beta", next_follow_up="2026-11-01"),
          Contact(id="bo", name="bo", company="Acme")]


@pytest.fixture
def held(store_path, monkeypatch):
    """Four contacts that count as many; the worker waits for the event returned."""
    seeding = open_store(store_path)
    seeding.save_many(PEOPLE)
    seeding.save(Interaction(id="chat", date="2026-11-20", kind="coffee", contacts=("zoe",),
                             questions=({"question": "q1", "answer": "grew tomatoes"},)))
    seeding.close()  # (no latest dates kept: a first session)
    monkeypatch.setattr(contact_glance, "GLANCE_FROM", 2)
    monkeypatch.setattr(table_reads, "GET_ALONE", 2)
    return hold_readings(monkeypatch)


def status(app) -> str:
    return str(app.screen.query_one("#contacts-status").render())


def first_word(row: str) -> str:
    return row.lstrip("! ").split()[0]


def detail(app) -> str:
    return str(app.screen.query_one("#detail-body").render())


async def open_at_a_glance(pilot):
    await pilot.press("2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ContactsScreen)
    assert isinstance(screen._index, contact_glance.ContactGlance)
    return screen


async def test_the_glance_lists_by_name_and_says_what_it_does_not_know(store_path, held):
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at_a_glance(pilot)
        rows = table_text(app).splitlines()
        assert [first_word(r) for r in rows] == ["Ada", "Ada", "bo", "Zoe"]
        assert "Acme" in rows[0] and "Beta" in rows[1]  # twins by company
        assert rows[1].lstrip().startswith("!") and rows[1].rstrip().endswith("2026-11-01")
        assert rows[0].rstrip().endswith("…") and rows[3].rstrip().endswith("…")
        assert not rows[2].rstrip().endswith("…")  # no cadence: nothing to wait for
        assert "4 contacts" in status(app) and "counting overdue…" in status(app)
        assert "overdue ·" not in status(app).split("counting")[0]
        assert "Last talked: reading the conversations…" in detail(app)
        assert "from the last conversation: reading" in detail(app)
        held.set()
        assert await until(pilot, lambda: "counting" not in status(app))
        assert "! 1 overdue" in status(app)  # Ada at Beta (Ada at Acme: never met)
        assert table_text(app).splitlines()[3].rstrip().endswith("2026-12-20")  # Zoe


async def test_a_filter_and_a_sort_typed_while_reading_apply_once_read(store_path, held):
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at_a_glance(pilot)
        await pilot.press("slash", *"tomat")  # (what Zoe said, in no name)
        await pilot.pause()
        assert table_text(app) == "" and "filtering: reading them all…" in status(app)
        await pilot.press("enter", "s")
        await pilot.pause()
        held.set()
        assert await until(pilot, lambda: "Zoe" in table_text(app))
        assert first_word(table_text(app)) == "Zoe" and len(table_text(app).splitlines()) == 1
        assert "1 of 4 contacts" in status(app) and "next follow-up" in status(app)
        await pilot.press("escape")
        assert await until(pilot, lambda: len(table_text(app).splitlines()) == 4)
        assert first_word(table_text(app).splitlines()[0]) == "Ada"  # (overdue first)


async def test_waiting_to_filter_or_sort_keeps_the_contact_and_acts_on_nobody(store_path,
                                                                               held):
    """`/ada Enter l` while everyone is read: nobody is listed yet, so l logs with nobody
    (it says why) rather than with whoever was highlighted; Escape, or a sort chosen
    meanwhile, keeps the contact that was highlighted."""
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_at_a_glance(pilot)
        await pilot.press("down", "down", "down")  # Zoe
        await pilot.pause()
        await pilot.press("slash", *"ada", "enter", "l")
        await pilot.pause()
        assert screen is app.screen  # no form opened
        assert any("Reading every contact to filter" in n.message
                   for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selected_contact().id == "zoe" and detail(app).startswith("Zoe")
        await pilot.press("s")
        await pilot.pause()
        assert "sorting by next follow-up: reading them all…" in status(app)
        assert len(status(app)) <= 78 - len(" 4")  # (50,000 contacts fit 80 columns too)
        assert screen.selected_contact().id == "zoe" and len(table_text(app).splitlines()) == 4
        await pilot.press("t")
        await pilot.pause()
        assert any("Still reading the conversations" in n.message for n in app._notifications)
        held.set()
        assert await until(pilot, lambda: "reading" not in status(app))
        assert screen.selected_contact().id == "zoe" and "next follow-up (s)" in status(app)
    assert len(open_store(store_path).all(Interaction)) == 1


async def test_a_key_right_after_a_move_acts_on_the_contact_moved_to(store_path, held):
    """While a worker reads, the list's Highlighted message can wait behind the next key:
    `down e` edited the contact highlighted before. The cursor moves at once; the edit
    follows it."""
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_at_a_glance(pilot)
        screen._list.action_cursor_down()  # the key...
        screen.action_edit()  # ...and the next, before the message is handled
        await pilot.pause()
        assert app.screen.query_one("#field-company").value == "Beta"  # Ada at Beta
        assert app.screen.query_one("#field-name").value == "Ada Lovelace"


async def test_keys_typed_as_the_section_opens_do_not_fill_a_hidden_filter(store_path, held):
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        from textual import events

        for key in "2ss":  # in one burst, as over a laggy link (no wait between keys)
            app._driver.send_message(events.Key(key, key))
        assert await until(pilot, lambda: getattr(app.screen, "sort", "") == "last")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.query_text == "" and screen.sort == "last"
        assert screen.focused is screen._list


async def test_a_coffee_logged_at_a_glance_is_with_the_contact_shown(store_path, held):
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at_a_glance(pilot)
        await pilot.press("down", "down")  # bo
        await pilot.pause()
        assert detail(app).startswith("bo")
        await pilot.press("l")
        await pilot.pause()
        assert await tab_to(pilot, app, "field-summary")
        await pilot.press(*"Coffee at the meetup", "enter", "enter")
        await pilot.pause()
        logged = [it for it in open_store(store_path).all(Interaction) if it.id != "chat"]
        assert [(it.contacts, it.summary) for it in logged] == [(("bo",), "Coffee at the meetup")]
        assert isinstance(app.screen._index, contact_glance.ContactGlance)  # still reading
        assert detail(app).startswith("bo")
        held.set()
        assert await until(pilot, lambda: "counting" not in status(app))
        assert "Timeline (1)" in detail(app) and detail(app).startswith("bo")


async def test_keys_in_a_burst_at_a_glance_write_nothing(store_path, held):
    store = open_store(store_path)
    app = make_app(store)
    before = store_path.stat().st_mtime_ns
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "down", "end", "home", "e", "escape", "enter", "s", "s", "s",
                          "f", "escape", "up", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen._index, contact_glance.ContactGlance)
        held.set()
        assert await until(pilot, lambda: "counting" not in status(app))
        assert first_word(table_text(app).splitlines()[0]) == "Ada"
    assert store_path.stat().st_mtime_ns == before
    assert len(open_store(store_path).all(Interaction)) == 1


async def test_d_with_many_contacts_does_not_wait_for_the_duplicates(store_path, held):
    """Comparing everyone takes seconds at 50,000 contacts: D says it is looking, and
    lists the pairs once they are found (the status line counts them)."""
    from netplan.dialogs.merge import DuplicatesDialog

    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_at_a_glance(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert app.screen is screen
        assert any("Looking for possible duplicates" in n.message for n in app._notifications)
        held.set()
        assert await until(pilot, lambda: "possible duplicate" in status(app))
        await pilot.press("D")
        assert await until(pilot, lambda: isinstance(app.screen, DuplicatesDialog))
