"""No stored text reaches the terminal raw in the TUI: a store written by another tool
with OSC 52, OSC 0, ESC[2J, U+009B and Rich markup in every field is opened, and every
screen, form and toast that shows that text is checked for what Textual renders."""

from __future__ import annotations

import html
import re

from textual.widgets import Input, TextArea

from netplan.store.database import open_store
from netplan.store.records import Contact, Goal, Question

from ..conftest import answer, make_app
from ..helpers.hostile_text import FORBIDDEN, PLAIN, plant


def rendered(app) -> str:
    """What the terminal would show: the screenshot's text, tags and entities undone."""
    svg = app.export_screenshot()
    body = svg[svg.index("</style>"):] if "</style>" in svg else svg
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def assert_clean(app, where: str) -> str:
    text = rendered(app)
    assert not FORBIDDEN.findall(text), (where, FORBIDDEN.findall(text)[:5])
    # The sequences went as a whole, not just their ESC byte.
    assert "pwned" not in text and "cm0gLXJmIH4" not in text, where
    return text


def field_values(app) -> list[str]:
    values = [w.value for w in app.screen.query(Input)]
    values += [w.text for w in app.screen.query(TextArea)]
    return values


def assert_form_clean(app, where: str) -> None:
    values = field_values(app)
    assert values, where
    assert any(PLAIN in v for v in values), (where, values)  # brackets kept as typed
    for v in values:
        assert not FORBIDDEN.findall(v), (where, v)
        assert "pwned" not in v, (where, v)
    assert_clean(app, where)


async def test_contacts_list_detail_edit_form_and_delete_toast(store_path):
    ids = plant(store_path)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.select_contact(ids["contact"])
        await pilot.pause()
        text = assert_clean(app, "contacts list and detail pane")
        assert "Evil Corp" in text
        await pilot.press("e")
        await pilot.pause()
        assert_form_clean(app, "contact edit form")
        await pilot.press("escape")
        await pilot.pause()
        for key, where in (("l", "log dialog"), ("f", "follow-up dialog")):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == "FormDialog", where
            assert "Evil Corp" in assert_clean(app, where)  # its title names the contact
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert_clean(app, "delete question")
        await answer(pilot, "y")
        await pilot.pause()
        assert app.screen.store.get(Contact, ids["contact"]) is None
        await pilot.pause(0.2)
        [note] = [n for n in app._notifications if "Deleted" in n.message]
        assert note.message == "Deleted " + PLAIN and not note.markup
        assert "Deleted " + PLAIN in assert_clean(app, "delete toast")


async def test_goal_card_and_goal_form(store_path):
    ids = plant(store_path)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert "Evil Corp" in assert_clean(app, "board")
        await pilot.press("e")
        await pilot.pause()
        assert_form_clean(app, "goal form")
        assert app.screen.app.store.get(Goal, ids["goal"]) is not None


async def test_question_bank_and_question_form(store_path):
    ids = plant(store_path)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        bank = app.screen.query_one("#bank-list")
        bank.highlighted = bank.get_option_index(ids["question"])
        await pilot.pause()
        assert "Evil Corp" in assert_clean(app, "question bank")
        await pilot.press("e")
        await pilot.pause()
        assert_form_clean(app, "question form")
        assert app.store.get(Question, ids["question"]) is not None


async def test_pitch_editor_and_rename_form(store_path):
    plant(store_path)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        editor = app.screen.query_one("#pitch-text", TextArea)
        assert PLAIN in editor.text and not FORBIDDEN.findall(editor.text)
        assert "Evil Corp" in assert_clean(app, "pitch tab")
        await pilot.press("r")
        await pilot.pause()
        assert_form_clean(app, "pitch rename form")
