"""The shared footer: shows each section's keys, and is redrawn only when they change."""

from __future__ import annotations

from netplan.widgets.key_bar import Footer

from ..conftest import make_app


def footer_keys(app) -> list[str]:
    return app.screen.query_one(Footer).descriptions()


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


async def test_footer_is_redrawn_only_when_the_keys_change(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        built = footer.builds
        for key in "2121":  # back and forth: the board's keys are the same each time
            await pilot.press(key)
            await pilot.pause()
        assert footer.builds == built
        # a new binding on the screen is a change: the footer shows it
        app.screen._bindings.bind("x", "app.bell", "Ring the bell")
        app.screen.refresh_bindings()
        await pilot.pause()
        assert footer.builds == built + 1 and "Ring the bell" in footer_keys(app)


async def test_the_line_reads_like_textuals_footer_and_a_click_presses_the_key(store):
    app = make_app(store)
    async with app.run_test(size=(140, 24)) as pilot:  # wide enough for every key
        await pilot.pause()
        line = app.screen.query_one(Footer).render().plain
        assert len(line) == 140 and line.endswith(" ? Keys  q Quit ▏^p palette ")
        assert " n New  space +1 " in line  # key, then its description
        assert line.index("1–5 Sections") < line.index("? Keys")
        await pilot.click(Footer, offset=(line.index(" 1–5 ") + 1, 0))  # on "1–5 Sections"
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "contacts"
        line = app.screen.query_one(Footer).render().plain
        await pilot.click(Footer, offset=(line.index(" 1–5 ") + 1, 0))
        await pilot.pause()
        assert app.current_mode == "board"  # the click pressed 1
