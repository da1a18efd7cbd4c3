"""Keys typed ahead are never lost or misrouted: keys that come in one burst with the key
that opens a screen or a dialog go to it, and enter in the filter returns to the list
before the next key is read."""

from __future__ import annotations

from netplan.store.records import Contact, Interaction

from ..conftest import answer, make_app
from ..helpers.waits import screen_is, until
from .test_key_bursts import burst, letters


async def test_a_name_typed_in_one_burst_with_n_lands_in_the_name_field(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await burst(pilot, "n", *letters("Bob Ross"), "enter")
        assert await until(pilot, lambda: len(store.all(Contact)) == 1)
        assert store.all(Contact)[0].name == "Bob Ross"


async def test_2_n_and_a_name_right_after_start_add_the_contact(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "2", "n", *letters("Ada"), "ctrl+s")
        assert await until(pilot, lambda: len(store.all(Contact)) == 1)
        assert store.all(Contact)[0].name == "Ada"
        assert type(app.screen).__name__ == "ContactsScreen"


async def test_enter_in_the_filter_returns_to_the_list_before_the_next_key(store):
    store.save(Contact(name="Priya Raman"))
    store.save(Contact(name="Ada"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await burst(pilot, "slash", *letters("priya"), "enter", "l")
        assert await until(pilot, screen_is(app, "FormDialog"))
        form = app.screen
        assert "Priya" in form.form_title  # l logs with the contact the filter found
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: len(store.all(Interaction)) == 1)
        contacts = app.screen.query_one("#contacts-filter")
        assert contacts.value == "priya"


async def test_escape_on_a_changed_form_asks_n_keeps_it_and_y_discards_it(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        assert await until(pilot, screen_is(app, "FormDialog"))
        form = app.screen
        await pilot.press(*"Grace")
        await pilot.press("escape")
        assert await until(pilot, screen_is(app, "ConfirmDialog"))
        await answer(pilot, "n")
        assert await until(pilot, lambda: app.screen is form)
        assert form.raw_value("name") == "Grace"  # kept as typed
        await pilot.press("escape")
        assert await until(pilot, screen_is(app, "ConfirmDialog"))
        await answer(pilot, "y")
        assert await until(pilot, screen_is(app, "ContactsScreen"))
        assert store.all(Contact) == []


async def test_escape_on_an_unchanged_form_closes_it_at_once(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.press("escape")
        assert await until(pilot, screen_is(app, "ContactsScreen"))


async def test_a_long_paste_right_after_n_fills_the_name_field(store):
    from textual import events

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.post_message(events.Key("n", "n"))
        app.post_message(events.Paste("x" * 5000))
        app.post_message(events.Key("ctrl+s", None))
        assert await until(pilot, lambda: len(store.all(Contact)) == 1)
        assert len(store.all(Contact)[0].name) == 5000
