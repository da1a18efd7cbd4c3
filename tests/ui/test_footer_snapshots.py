"""Snapshots at 80×24 of every section (and the screens opened in them): each footer shows
the section's most used keys and always `? Keys` and `q Quit`."""

from __future__ import annotations

import pytest

from ..conftest import make_app
from ..helpers.board_seed import seed_week

pytestmark = pytest.mark.xdist_group("snapshots")

# (name, keys pressed after start)
SCREENS = {
    "board": [],
    "contacts": ["2"],
    "events": ["v"],
    "bank": ["3"],
    "prep_sheet": ["3", "p"],
    "pitch": ["3", "i"],
    "pie": ["4"],
    "review": ["5"],
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_footer_at_80_columns(snap_compare, store, name):
    seed_week(store)
    app = make_app(store)
    assert snap_compare(app, terminal_size=(80, 24), press=["_", *SCREENS[name], "_"])
