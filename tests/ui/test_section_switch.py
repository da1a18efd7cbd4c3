"""A section's first visit does not re-style the whole app, and the new screen is styled."""

from __future__ import annotations

from textual.widgets import Header

from ..conftest import make_app


async def test_first_visit_skips_the_full_css_refresh(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        refreshes = []
        original = app.refresh_css
        app.refresh_css = lambda *a, **k: (refreshes.append(1), original(*a, **k))
        for key in "2345":
            await pilot.press(key)
            await pilot.pause()
            header = app.screen.query_one(Header)
            # styled from the stylesheet all the same: the header is docked at the top
            assert header.styles.dock == "top" and header.region.y == 0, key
        assert refreshes == []
