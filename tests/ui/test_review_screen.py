"""The Review section: carry goals into next week, plan next week from a template."""

from __future__ import annotations

from textual.widgets import OptionList

from netplan.store.records import Goal

from ..conftest import make_app
from ..helpers.board_seed import seed_week


def week_goals(store, week: str) -> list[Goal]:
    return [g for g in store.all(Goal) if g.week == week]


async def open_review(pilot):
    await pilot.press("5")
    await pilot.pause()


async def test_carry_one_unfinished_goal_then_not_twice(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        goals_list = app.screen.query_one("#review-goals", OptionList)
        ids = [goals_list.get_option_at_index(i).id for i in range(goals_list.option_count)]
        assert ids[0] == "g-help"  # met goals first, then the open ones
        goals_list.highlighted = ids.index("g-post")
        await pilot.press("c")
        await pilot.pause()
        [carried] = week_goals(store, "2026-W49")
        assert (carried.title, carried.carried_from, carried.progress) == ("Post 3 learnings", "g-post", 0)
        goals_list.highlighted = ids.index("g-post")
        await pilot.press("c")
        await pilot.pause()
        assert len(week_goals(store, "2026-W49")) == 1
        prompt = str(goals_list.get_option("g-post").prompt)
        assert "carried to next week" in prompt


async def test_carry_all_skips_met_and_already_carried(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("C")
        await pilot.pause()
        titles = sorted(g.title for g in week_goals(store, "2026-W49"))
        assert titles == ["Post 3 learnings", "Reach out to 3 people", "[bold]Read[/] the docs"]
        await pilot.press("C")
        await pilot.pause()
        assert len(week_goals(store, "2026-W49")) == 3


async def test_plan_next_week_from_a_template(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(week_goals(store, "2026-W49")) == 7
        assert len(week_goals(store, "2026-W48")) == 4  # this week untouched


async def test_review_shows_the_week_and_moves_between_weeks(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        body = "".join(str(app.screen.query_one(f"#review-{part}").render())
                       for part in ("figures", "body"))
        assert "response rate 100%" in body and "[bold]Ada[/] Lovelace" in body
        assert "ask: Bob at Acme" in body
        await pilot.press("left_square_bracket")
        await pilot.pause()
        goals_list = app.screen.query_one("#review-goals", OptionList)
        assert goals_list.option_count == 1 and goals_list.get_option_at_index(0).id == "g-last"
        assert "1/1 goals met" in str(app.screen.query_one("#week-note").render())


async def test_c_right_away_carries_the_first_unfinished_goal(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("c", "c")  # one after another, down the list
        await pilot.pause()
        carried = {g.carried_from for g in week_goals(store, "2026-W49")}
        assert carried == {"g-reach", "g-post"}


def test_the_trends_say_what_their_numbers_mean_and_that_this_week_is_not_over(store):
    """`16→0` read as a collapse on a Monday: the legend names the first and last week
    and the best one, and says the last bar is this week so far, only when it is."""
    from netplan.domain.trends import trends
    from netplan.widgets.trend_chart import trend_text

    now = trend_text(trends(store, "2026-W48")).plain  # the frozen today's week
    earlier = trend_text(trends(store, "2026-W47")).plain
    assert "a→b: the first and last week shown; most: the best week" in now
    assert "the last bar is this week, so far" in now
    assert "so far" not in earlier and "most: the best week" in earlier


async def test_a_large_store_draws_the_review_once_its_figures_are_read(store, monkeypatch):
    """On a large store whose review figures are neither derived nor kept, the section
    shows at once that it is reading them (a worker does), carries nothing meanwhile
    (c and C), and then draws the week."""
    from ..helpers.held_reading import hold_readings
    from ..helpers.waits import until

    seed_week(store)
    gate = hold_readings(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        goals_list = app.screen.query_one("#review-goals", OptionList)
        assert "Reading the last twelve weeks" in str(goals_list.get_option_at_index(0).prompt)
        await pilot.press("c", "C")
        await pilot.pause()
        assert week_goals(store, "2026-W49") == []
        gate.set()
        assert await until(pilot, lambda: goals_list.option_count > 1)
        assert goals_list.get_option_at_index(0).id == "g-help"
        assert "Outreach:" in str(app.screen.query_one("#review-figures").render())
        await pilot.press("C")
        await pilot.pause()
        assert len(week_goals(store, "2026-W49")) == 3


async def test_a_review_with_its_figures_kept_is_drawn_at_once(store_path, monkeypatch):
    """Kept beside the store by an earlier session, the figures are read at once, large
    store or not: no reading on a worker."""
    from netplan.domain.review import review_figures
    from netplan.store.database import open_store

    from ..helpers.held_reading import hold_readings

    earlier = open_store(store_path)
    seed_week(earlier)
    review_figures(earlier)
    earlier.close()
    hold_readings(monkeypatch)  # (never set: a reading would never end)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        goals_list = app.screen.query_one("#review-goals", OptionList)
        assert goals_list.get_option_at_index(0).id == "g-help"
