"""The Board section with the keys a user presses, checked against the store."""

from __future__ import annotations

from netplan.store.database import open_store
from netplan.store.records import Goal, Interaction
from netplan.widgets.goal_card import GoalCard

from ..conftest import answer, make_app
from ..helpers.board_seed import seed_week
from ..helpers.waits import until


def cards_in(app, status: str) -> list[str]:
    column = app.screen.query_one(f"#column-{status}")
    return [c.goal_view.goal.title for c in column.query(GoalCard) if c.is_attached]


def by_title(store, title: str) -> Goal:
    return next(g for g in store.all(Goal) if g.title == title)


async def test_new_goal_with_keys(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Go to PyLadies", "tab", "ctrl+a", "ctrl+k", "2", "ctrl+s")
        await pilot.pause()
        [goal] = store.all(Goal)
        assert (goal.title, goal.week, goal.target) == ("Go to PyLadies", "2026-W48", 2)
        assert (goal.metric, goal.area, goal.status, goal.progress) == (
            "manual", "exposure", "todo", 0)
        assert cards_in(app, "todo") == ["Go to PyLadies"]


async def test_goal_dialog_refuses_bad_values_and_saves_nothing(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no title
        await pilot.pause()
        assert "Title is required" in str(app.screen.query_one("#error-title").render())
        await pilot.press(*"x", "tab", "ctrl+a", "ctrl+k", "0", "ctrl+s")
        await pilot.pause()
        assert "at least 1" in str(app.screen.query_one("#error-target").render())
        await pilot.press("escape")
        await pilot.pause()
        assert store.all(Goal) == []


async def test_progress_to_target_moves_the_card_to_done(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # "Reach out…" counted Monday's dm and sits in Doing; To do holds the manual goal.
        assert cards_in(app, "todo") == ["Post 3 learnings"]
        assert cards_in(app, "doing") == ["Reach out to 3 people", "[bold]Read[/] the docs"]
        await pilot.press("space")
        await pilot.pause()
        assert (by_title(store, "Post 3 learnings").progress,
                by_title(store, "Post 3 learnings").status) == (1, "doing")
        await pilot.press("plus", "space")
        await pilot.pause()
        goal = by_title(store, "Post 3 learnings")
        assert (goal.progress, goal.status) == (3, "done")
        assert "Post 3 learnings" in cards_in(app, "done")
        await pilot.press("minus")
        await pilot.pause()
        assert by_title(store, "Post 3 learnings").status == "doing"


async def test_auto_goal_counts_an_outside_write_and_moves_to_done(store, store_path):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = open_store(store_path)  # another process, as `netplan log` would be
        other.save_many([Interaction(date="2026-11-25", kind="email", outreach=True),
                         Interaction(date="2026-11-29T23:59", kind="dm", outreach=True)])
        assert await until(pilot, lambda: "Reach out to 3 people" in cards_in(app, "done"))
        shown = {v.goal.id: v for v in app.screen.views}["g-reach"]
        assert (shown.progress, shown.status) == (3, "done")
        # a view never writes: the board derived it, and left the file as the writer left it
        assert store.get(Goal, "g-reach").status != "done"


async def test_space_on_an_auto_goal_changes_nothing(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.selected().goal.id == "g-reach"
        assert app.screen.selected().progress == 1  # Monday's dm, counted
        before = store.get(Goal, "g-reach")
        await pilot.press("space", "plus", "minus")
        await pilot.pause()
        assert app.screen.selected().progress == 1
        assert store.get(Goal, "g-reach") == before


async def test_arrows_move_between_columns_and_angle_brackets_move_cards(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.selected().goal.id == "g-post"
        await pilot.press("right")
        assert app.screen.selected().goal.id == "g-reach"
        await pilot.press("down")
        assert app.screen.selected().goal.id == "g-markup"
        await pilot.press("right")
        assert app.screen.selected().goal.id == "g-help"
        await pilot.press("left")
        assert app.screen.selected().goal.id == "g-reach"
        await pilot.press("down", "greater_than_sign")
        await pilot.pause()
        assert store.get(Goal, "g-markup").status == "done"
        assert app.screen.selected().goal.id == "g-markup"  # the selection follows the card
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert store.get(Goal, "g-markup").status == "todo"


async def test_edit_and_delete(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Post 1 learning", "tab", "ctrl+a", "ctrl+k",
                          "1", "ctrl+s")
        await pilot.pause()
        goal = store.get(Goal, "g-post")
        assert (goal.title, goal.target, goal.area) == ("Post 1 learning", 1, "image")
        await pilot.press("d")
        await pilot.pause()
        await answer(pilot, "n")  # no: kept
        await pilot.pause()
        assert store.get(Goal, "g-post") is not None
        await pilot.press("d")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.get(Goal, "g-post") is None


async def test_apply_the_starter_template(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")  # the starter week is first
        await pilot.pause()
        goals = store.all(Goal)
        assert len(goals) == 7 and {g.template for g in goals} == {"starter-week"}
        assert {g.week for g in goals} == {"2026-W48"}
        assert "Reach out to 3 people" in cards_in(app, "todo")
        await pilot.press("T", "enter")  # again: nothing doubled
        await pilot.pause()
        assert len(store.all(Goal)) == 7


async def test_save_week_as_template(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Routine", "enter")
        await pilot.pause()
        [saved] = store.setting("goal_templates")
        assert saved["name"] == "Routine" and len(saved["goals"]) == 4


async def test_weeks_change_with_brackets_and_t(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert cards_in(app, "done") == ["Attend 1 meetup"] and cards_in(app, "todo") == []
        assert "2026-W47" in str(app.screen.query_one("#week-label").render())
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Late goal", "enter")
        await pilot.pause()
        assert by_title(store, "Late goal").week == "2026-W47"
        await pilot.press("t")
        await pilot.pause()
        assert "2026-W48" in str(app.screen.query_one("#week-label").render())


async def test_markup_in_titles_is_shown_literally(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = next(c for c in app.screen.query(GoalCard) if c.goal_id == "g-markup")
        assert "[bold]Read[/] the" in str(card.render())
        events = str(app.screen.query_one("#board-events").render())
        assert "[i]Hack[/i] night" in events and "PyData meetup" in events


async def test_streak_is_shown(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "streak 1 week" in str(app.screen.query_one("#week-note").render())


async def test_a_new_goal_in_a_full_column_is_scrolled_into_view_and_chosen(store):
    store.save_many(Goal(week="2026-W48", title=f"Goal number {n}") for n in range(8))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"The newest one", "ctrl+s")
        await pilot.pause()
        await pilot.pause(0.2)
        card = next(c for c in app.screen.query(GoalCard)
                    if c.goal_view.goal.title == "The newest one")
        assert app.focused is card
        column = card.parent
        assert column.region.contains_region(card.region), "the new card is out of view"
