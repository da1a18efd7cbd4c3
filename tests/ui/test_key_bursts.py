"""Keys that arrive in one burst (a paste, a laggy SSH link) go where they were meant.

Pilot waits between key presses; a terminal does not. These tests post the keys to the
app all at once, as the terminal driver does, and then check what the store holds.
"""

from __future__ import annotations

from textual import events

from netplan.store.records import Contact

from ..conftest import make_app
from ..helpers.waits import until


async def burst(pilot, *keys: str) -> None:
    for key in keys:
        char = {"tab": "\t", "space": " "}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, char))
    await pilot.pause()
    await pilot.pause()


def letters(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def test_a_burst_through_a_form_fills_each_field_and_saves_it_all(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await burst(pilot, *letters("Ada Lovelace"), "tab", *letters("Analytical Engines"),
                    "tab", *letters("Engineer"), "ctrl+s")
        (ada,) = store.all(Contact)
        assert (ada.name, ada.company, ada.role) == ("Ada Lovelace", "Analytical Engines",
                                                   "Engineer")


async def test_a_burst_after_slash_filters_instead_of_running_list_keys(store):
    store.save(Contact(name="Ada"))
    store.save(Contact(name="Daisy"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await burst(pilot, "slash", "d", "a", "y")
        assert await until(pilot, lambda: app.screen.query_one("#contacts-filter").value == "day")
        assert type(app.screen).__name__ == "ContactsScreen"  # no delete question opened
        assert len(store.all(Contact)) == 2


async def test_3_then_p_in_one_burst_opens_the_prep_sheet_and_it_stays(store):
    # The tabs mount and focus their first list while the "p" is handled; that focus,
    # handled last, used to switch back to the Bank (about one start in five).
    for _ in range(5):
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await burst(pilot, "3", "p")
            await pilot.pause(0.3)
            tabs = app.screen.query_one("TabbedContent")
            assert (app.current_mode, tabs.active) == ("questions", "tab-prep")
            assert app.focused is not None and app.focused.id == "prep-list"


async def test_picks_in_a_burst_fill_one_prep_sheet(store):
    # Each space used to read the sheet as last drawn: a burst made a sheet per key,
    # each holding one question, and the screen said "Added to the sheet (×4)".
    from netplan.store.records import Interaction

    store.save(Contact(id="c-priya", name="Priya Raman"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "p", "c")
        assert await until(pilot, lambda: type(app.screen).__name__ == "ContactPicker"
                           or "Dialog" in type(app.screen).__name__)
        await pilot.press(*"priya", "enter")
        assert await until(pilot, lambda: app.screen.query("#prep-list")
                           and app.focused is not None and app.focused.id == "prep-list")
        await burst(pilot, "space", "down", "space", "down", "space", "down", "down", "space")
        assert await until(pilot, lambda: sum(
            len(i.questions) for i in store.all(Interaction) if i.planned) >= 4)
        sheets = [i for i in store.all(Interaction) if i.planned]
        assert len(sheets) == 1
        assert len({e["question"] for e in sheets[0].questions}) == 4


async def test_plus_one_in_a_burst_counts_every_press(store):
    from netplan.store.records import Goal
    from netplan.support.dates import iso_week

    store.save(Goal(id="g-post", week=iso_week(), title="Post 3 learnings", target=5))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: type(app.screen).__name__ == "BoardScreen")
        await burst(pilot, "space", "space", "space")
        assert await until(pilot, lambda: store.get(Goal, "g-post").progress >= 3)
        await pilot.pause()
        assert store.get(Goal, "g-post").progress == 3


async def test_editing_keys_in_a_burst_keep_their_place_among_the_letters(store):
    # "who", then ⌫⌫⌫ and "meet" in one read of the terminal: the field's own keys
    # (backspace, left, home) used to run after the letters typed behind them.
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        assert await until(pilot, lambda: app.focused is not None
                           and app.focused.id == "field-name")
        await burst(pilot, *"who", "backspace", "backspace", "backspace", *"meet",
                    "home", "M", "delete", "end", "left", "X")
        assert await until(pilot, lambda: app.focused.value == "MeeXt")
        await burst(pilot, "ctrl+s")
        assert await until(pilot, lambda: [c.name for c in store.all(Contact)] == ["MeeXt"])


async def test_backspace_in_a_burst_in_the_contacts_filter(store):
    store.save_many([Contact(name="Meet Patel"), Contact(name="Who Else")])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert await until(pilot, lambda: type(app.screen).__name__ == "ContactsScreen")
        await burst(pilot, "slash", *"who", "backspace", "backspace", "backspace", *"meet")
        box = app.screen.query_one("#contacts-filter")
        assert await until(pilot, lambda: box.value == "meet")
