"""The shared footer: shows each section's keys, and is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from netplan.widgets.footer import Footer

from .conftest import make_app


def footer_keys(app) -> list[str]:
    return [k.description for k in app.screen.query_one(Footer).query(FooterKey)]


async def test_footer_shows_the_keys_after_every_switch(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = footer_keys(app)
        assert "Quit" in first and "Sections" in first
        for key in "23451":
            await pilot.press(key)
            await pilot.pause()
            assert "Quit" in footer_keys(app), key
        assert footer_keys(app) == first


async def test_footer_is_rebuilt_only_when_the_keys_change(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        built = []
        original = footer.recompose

        async def counting():
            built.append(1)
            await original()

        footer.recompose = counting
        for key in "2121":  # back and forth: the board's keys are the same each time
            await pilot.press(key)
            await pilot.pause()
        assert built == []
        # a new binding on the screen is a change: the footer shows it
        app.screen._bindings.bind("x", "app.bell", "Ring the bell")
        app.screen.refresh_bindings()
        await pilot.pause()
        assert built and "Ring the bell" in footer_keys(app)
