"""Keys a new user can find at 80×24: every footer ends with `? Keys` and `q Quit`; `?`
lists every key in groups, inside dialogs too; the palette finds the actions of the
screen on show by a word; the Board opens the events; a section key shows its main screen."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from netplan.store.records import Contact, Event
from netplan.widgets.key_bar import Footer

from ..conftest import make_app
from ..helpers.board_seed import seed_week
from ..helpers.palette import from_palette
from ..helpers.waits import screen_is, until
from .test_footer_snapshots import SCREENS


async def go(pilot, keys) -> None:
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_footer_shows_keys_and_quit_at_80_columns(store, name):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, SCREENS[name])
        line = app.screen.query_one(Footer).render().plain
        assert len(line) == 80
        assert line.endswith(" ? Keys  q Quit ▏^p palette "), line
        assert len(app.screen.query_one(Footer).descriptions()) >= 5  # room for its own keys


# (section keys, words typed in the palette, three actions each word must find)
PALETTE = {
    "board": ([], ["goal", "template", "event"],
              ["New goal (n)", "Apply a goal template to this week (T)", "Events: list and plan (v)"]),
    "contacts": (["2"], ["log", "referral", "follow", "new"],
                 ["Log an interaction (l)", "Ask for a referral (r)", "Set follow-up date (f)",
                  "New contact (n)"]),
    "events": (["v"], ["event"], ["New event (n)", "Edit event (e)", "Delete event (d)"]),
    "questions": (["3"], ["question"], ["New question (n)", "Edit question (e)",
                                        "Search questions (/)"]),
    "prep": (["3", "p"], ["sheet", "answers", "contact"],
             ["Search the question bank from the sheet (/)", "Record the answers heard (a)",
              "Choose the contact to prepare for (c)"]),
    "pie": (["4"], ["assess", "goal", "pie"], ["Take PIE assessment (a)",
                                               "Add the suggested goal to this week (g)"]),
    "review": (["5"], ["carry", "week"], ["Carry the goal to next week (c)",
                                          "Carry all unfinished goals to next week (C)",
                                          "Plan next week from a template (T)"]),
}


async def found_by(pilot, word: str) -> list[str]:
    app = pilot.app
    await pilot.press("ctrl+p")
    assert await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*word)
    options = app.screen.query_one(OptionList)
    await until(pilot, lambda: options.option_count > 0)
    await pilot.pause(0.3)  # the providers answer in turn
    titles = [str(options.get_option_at_index(i).prompt).split("\n")[0]
              for i in range(options.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return titles


@pytest.mark.parametrize("section", list(PALETTE))
async def test_the_palette_finds_the_screens_actions_by_a_word(store, section):
    keys, words, wanted = PALETTE[section]
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, keys)
        found: set[str] = set()
        for word in words:
            found.update(await found_by(pilot, word))
        missing = [w for w in wanted if w not in found]
        assert not missing, found
        assert len([w for w in wanted if w in found]) >= 2 if section == "pie" else 3


async def test_an_action_chosen_in_the_palette_runs_it(store):
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["2"])
        await from_palette(pilot, app, "log an interaction")
        assert await until(pilot, screen_is(app, "FormDialog"))
        assert app.screen.form_title == "Log an interaction with Ada Lovelace"


async def test_go_to_events_from_anywhere_and_new_event_there(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["4"])
        assert "Go to events" in await found_by(pilot, "events")
        await from_palette(pilot, app, "go to events")
        assert await until(pilot, screen_is(app, "EventsScreen"))
        await pilot.press("n")
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.press(*"Rust meetup", "enter")
        assert await until(pilot, lambda: len(store.all(Event)) == 1)


async def test_v_on_the_board_opens_events_and_2_then_shows_contacts(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["v"])
        assert type(app.screen).__name__ == "EventsScreen"
        await go(pilot, ["2"])
        assert type(app.screen).__name__ == "ContactsScreen"
        await go(pilot, ["v"])  # events over contacts; 1 then 2 shows contacts, not events
        assert type(app.screen).__name__ == "EventsScreen"
        await go(pilot, ["1", "2"])
        assert type(app.screen).__name__ == "ContactsScreen"
        await go(pilot, ["n"])  # a new contact, never a new event
        assert await until(pilot, screen_is(app, "FormDialog"))
        assert app.screen.form_title == "New contact"


async def test_question_mark_lists_every_key_in_groups(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["2", "question_mark"])
        assert type(app.screen).__name__ == "KeysScreen"
        table = str(app.screen.query_one("#keys-table").render())
        for text in ("This screen", "Everywhere", "Ask for a referral", "Sort the list",
                     "Events: list and plan", "Quit"):
            assert text in table, text


async def test_keys_help_opens_inside_a_dialog_too(store):
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["2", "n"])
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.press("f1")  # in a form, ? is a character to type
        assert await until(pilot, screen_is(app, "KeysScreen"))
        table = str(app.screen.query_one("#keys-table").render())
        assert "Save" in table and "Cancel" in table
        await pilot.press("escape")
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.press("escape")
        await go(pilot, ["a"])  # the referrals dialog: no text field, so ? itself
        assert await until(pilot, screen_is(app, "ReferralsDialog"))
        await pilot.press("question_mark")
        assert await until(pilot, screen_is(app, "KeysScreen"))
        assert "Advance status" in str(app.screen.query_one("#keys-table").render())


async def test_question_mark_on_contacts_lists_duplicates_and_merge(store):
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["2", "question_mark"])
        assert await until(pilot, screen_is(app, "KeysScreen"))
        lines = str(app.screen.query_one("#keys-table").render()).splitlines()
        assert any(ln.split() == ["D", "Contacts", "that", "may", "be", "the", "same", "person"]
                   for ln in lines), lines
        assert any(ln.split()[:1] == ["m"] and "Merge another contact" in ln for ln in lines)


async def test_question_mark_names_key_1_as_the_board(store):
    """The footer's "1–5 Sections" holds key 1 itself; `?` listed 2–5 by name but not 1."""
    from netplan.dialogs.help import keys_by_group

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, ["2"])
        everywhere = dict(dict(keys_by_group(app, app.screen))["Everywhere"])
        assert everywhere["1"] == "Board" and everywhere["1–5"] == "Sections"
        assert everywhere["2"] == "Contacts"
