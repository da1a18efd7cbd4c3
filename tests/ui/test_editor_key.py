"""ctrl+e where the terminal cannot be handed over (a browser session, a headless run):
the field keeps its text, the user is told, and the form still saves."""

from __future__ import annotations

from netplan.store.records import Contact

from ..conftest import make_app
from ..helpers.waits import screen_is, tab_to, until


async def test_ctrl_e_without_a_terminal_to_hand_over_changes_nothing(store, tmp_path,
                                                                      monkeypatch):
    marker = tmp_path / "ran"
    monkeypatch.setenv("EDITOR", f"touch {marker}")
    store.save(Contact(name="Ada", notes="First note"))
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        assert await until(pilot, screen_is(app, "ContactsScreen"))
        await pilot.press("e")
        assert await until(pilot, screen_is(app, "FormDialog"))
        assert await tab_to(pilot, app, "field-notes")
        await pilot.press("ctrl+e", "ctrl+e")  # twice, as an impatient user does
        await pilot.pause()
        assert app.focused.text == "First note"
        assert any("cannot hand the terminal" in str(n.message) for n in app._notifications)
        await pilot.press("end", *" and more", "ctrl+s")
        assert await until(pilot, screen_is(app, "ContactsScreen"))
    assert not marker.exists()  # no editor was started behind the app's back
    assert store.all(Contact)[0].notes == "First note and more"
