"""Snapshots at 80×24 of the Board, the Review, and their dialogs, from a seeded store."""

from __future__ import annotations

import pytest

from ..conftest import make_app
from ..helpers.board_seed import seed_week


@pytest.fixture
def seeded_app(store):
    seed_week(store)
    return make_app(store)


def test_board(snap_compare, seeded_app):
    assert snap_compare(seeded_app, terminal_size=(80, 24), press=["_"])


def test_board_empty_week(snap_compare, store):
    assert snap_compare(make_app(store), terminal_size=(80, 24), press=["_"])


def test_goal_dialog(snap_compare, seeded_app):
    assert snap_compare(seeded_app, terminal_size=(80, 24), press=["_", "n", "_"])


def test_template_picker(snap_compare, seeded_app):
    assert snap_compare(seeded_app, terminal_size=(80, 24), press=["_", "T", "_"])


def test_review(snap_compare, seeded_app):
    assert snap_compare(seeded_app, terminal_size=(80, 24), press=["_", "5", "_"])


def test_save_template_dialog(snap_compare, seeded_app):
    assert snap_compare(seeded_app, terminal_size=(80, 24), press=["_", "S", "_"])
