"""A dialog closes once: two keys that both answer it (Enter Enter, Enter + ctrl+s,
Escape + Enter) save at most one record and leave the app running."""

from __future__ import annotations

import pytest
from textual import events

from netplan.store.records import Contact, Goal, Question

from ..conftest import answer, make_app
from ..helpers.waits import screen_is, until


async def burst(pilot, *keys: str) -> None:
    """Post the keys all at once, as a terminal over a laggy link delivers them."""
    for key in keys:
        char = {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, char))
    await pilot.pause()
    await pilot.pause(0.3)  # time for a second answer's effects, were there one: it must not come


# (section key, key that opens the new-record form, what to type, record kind)
DIALOGS = {
    "contact": ("2", "n", "Ada", Contact),
    "goal": ("1", "n", "Coffee", Goal),
    "question": ("3", "n", "Why", Question),
}
ENDINGS = {
    "enter enter": (("enter", "enter"), 1),
    "enter ctrl+s": (("enter", "ctrl+s"), 1),
    "ctrl+s ctrl+s": (("ctrl+s", "ctrl+s"), 1),
    "escape enter": (("escape", "enter"), 0),
    # Escape and Enter read from the terminal in one go arrive as one alt+enter
    "alt+enter": (("alt+enter",), 0),
}


async def discard_if_asked(pilot, keys) -> None:
    """A changed form asks before escape throws it away: the Enter right behind the
    Escape neither saves the form nor answers the question; y then discards it."""
    if keys[0] in ("escape", "alt+enter"):
        assert type(pilot.app.screen).__name__ == "ConfirmDialog"
        await answer(pilot, "y")
        await pilot.pause()


def _own(store, kind) -> int:
    return len([r for r in store.all(kind) if not getattr(r, "builtin", False)])


@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_a_dialog_answered_twice_saves_at_most_once(store, dialog, ending):
    section, opener, text, kind = DIALOGS[dialog]
    keys, expected = ENDINGS[ending]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(section)
        await pilot.pause()
        await pilot.press(opener)
        assert await until(pilot, screen_is(app, "FormDialog"))
        form = app.screen
        assert type(form).__name__ == "FormDialog"
        await pilot.press(*text)
        await burst(pilot, *keys)
        await discard_if_asked(pilot, keys)
        assert form.answered
        assert app.is_running and app.return_code is None
        assert _own(store, kind) == expected
        # the app still answers keys: the section it shows is still there
        await pilot.press(section)
        await pilot.pause()
        assert app.is_running


async def test_dismissing_a_closed_dialog_again_does_nothing(store):
    from netplan.dialogs.form import ConfirmDialog

    answers: list[bool] = []
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = ConfirmDialog("Delete?")
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        dialog.dismiss(True)
        dialog.dismiss(False)
        await pilot.pause()
        assert answers == [True]
        assert dialog is not app.screen and app.is_running


# The contact pane's dialogs: (key that opens it, what to type in its first field)
PANE_DIALOGS = {"log": ("l", ""), "follow-up": ("f", "tomorrow"), "edit": ("e", "")}


@pytest.mark.parametrize("ending", ["enter enter", "enter ctrl+s", "escape enter", "alt+enter"])
@pytest.mark.parametrize("dialog", list(PANE_DIALOGS))
async def test_the_contact_pane_dialogs_answer_once(store, dialog, ending):
    from netplan.store.records import Interaction

    from .test_contacts_screen import open_contacts, select_row

    opener, text = PANE_DIALOGS[dialog]
    keys, expected = ENDINGS[ending]
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada Lovelace")
        await pilot.press(opener)
        assert await until(pilot, screen_is(app, "FormDialog"))
        form = app.screen
        assert type(form).__name__ == "FormDialog"
        if text:
            await pilot.press("ctrl+u", *text)
        await burst(pilot, *keys)
        if text:
            await discard_if_asked(pilot, keys)
        assert form.answered
        assert app.is_running and app.return_code is None
        assert type(app.screen).__name__ == "ContactsScreen"  # the screen under it stays
        (ada,) = store.all(Contact)
        if dialog == "log":
            assert len(store.all(Interaction)) == expected
        elif dialog == "follow-up":
            assert (ada.next_follow_up is not None) == bool(expected)
        await pilot.press("1")
        assert await until(pilot, screen_is(app, "BoardScreen"))
