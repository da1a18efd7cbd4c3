"""Goals as data: progress and columns, streak, carry-over, templates."""

from __future__ import annotations

import pytest

from netplan.domain import goals as board
from netplan.domain.metrics import Records, count_all_weeks
from netplan.domain.templates import builtin_templates, user_templates
from netplan.store.records import Goal, Interaction

W46, W47, W48, W49 = "2026-W46", "2026-W47", "2026-W48", "2026-W49"


def starter():
    return next(t for t in builtin_templates() if t.id == "starter-week")


def empty_counts():
    return count_all_weeks(Records())


def test_bump_moves_manual_goal_through_the_columns():
    g = Goal(week=W48, title="Post 3 learnings", target=3)
    g = board.bump(g, 1)
    assert (g.progress, g.status) == (1, "doing")
    g = board.bump(board.bump(g, 1), 1)
    assert (g.progress, g.status) == (3, "done")
    g = board.bump(g, -1)
    assert (g.progress, g.status) == (2, "doing")
    assert board.bump(Goal(week=W48, title="x"), -1).progress == 0  # never below zero


def test_auto_goal_counts_itself_and_moves_to_done(store):
    goal = store.save(Goal(week=W48, title="Reach out", target=2, metric="outreach"))
    store.save(Interaction(date="2026-11-24", kind="dm", outreach=True))
    views = board.week_views(store, W48)
    assert (views[0].progress, views[0].status) == (1, "doing")
    store.save(Interaction(date="2026-11-29T23:59", kind="dm", outreach=True))
    views = board.week_views(store, W48)
    assert (views[0].progress, views[0].status) == (2, "done")
    assert board.sync_week(store, views)
    saved = store.get(Goal, goal.id)
    assert (saved.progress, saved.status) == (2, "done")
    assert board.sync_week(store, board.week_views(store, W48)) == []  # nothing left to write


def test_move_between_columns_stops_at_the_edges():
    g = Goal(week=W48, title="x")
    assert board.move(g, -1).status == "todo"
    assert board.move(g, 1).status == "doing"
    assert board.move(board.move(board.move(g, 1), 1), 1).status == "done"


def test_streak_counts_back_from_last_week_while_every_goal_was_met():
    goals = [
        Goal(week=W46, title="a", status="done", progress=1),
        Goal(week=W47, title="b", status="done", progress=1),
        Goal(week=W47, title="c", status="done", progress=1),
        Goal(week=W48, title="this week, not finished", status="todo"),
    ]
    assert board.streak(goals, empty_counts(), this_week=W48) == 2
    # One missed goal last week ends it.
    goals.append(Goal(week=W47, title="missed", status="doing"))
    assert board.streak(goals, empty_counts(), this_week=W48) == 0


def test_a_week_without_goals_ends_the_streak():
    goals = [Goal(week="2026-W45", title="a", status="done", progress=1), Goal(week=W47, title="b", status="done", progress=1)]
    assert board.streak(goals, empty_counts(), this_week=W48) == 1  # W46 had none
    assert board.streak([], empty_counts(), this_week=W48) == 0


def test_streak_uses_live_counts_for_automatic_goals():
    goals = [Goal(week=W47, title="reach", target=1, metric="outreach", status="todo")]
    records = Records(interactions=(Interaction(date="2026-11-22T23:59", kind="dm", outreach=True),))
    assert board.streak(goals, count_all_weeks(records), this_week=W48) == 1


def test_carry_over_copies_unfinished_goals_once(store):
    open_goal = store.save(Goal(week=W48, title="Post 3 learnings", target=3, progress=1,
                                status="doing", template="starter-week"))
    met = store.save(Goal(week=W48, title="Help someone", progress=1, status="done"))
    result = board.carry_over(store, [open_goal.id, met.id])
    assert [g.title for g in result.carried] == ["Post 3 learnings"]
    assert [why for _, why in result.skipped] == ["it was met"]
    copy = result.carried[0]
    stored = store.get(Goal, copy.id)
    assert stored.week == W49 and stored.carried_from == open_goal.id
    assert (stored.progress, stored.status, stored.target) == (0, "todo", 3)
    again = board.carry_over(store, [open_goal.id])
    assert again.carried == () and again.skipped[0][1] == "it was already carried"
    assert len([g for g in store.all(Goal) if g.week == W49]) == 1


def test_carry_skips_a_title_the_next_week_already_has(store):
    g = store.save(Goal(week=W48, title="Reach out to 3 people"))
    store.save(Goal(week=W49, title="reach out to  3 people"))
    result = board.carry_over(store, [g.id])
    assert result.carried == () and "already has it" in result.skipped[0][1]


def test_apply_template_does_not_duplicate_titles(store):
    store.save(Goal(week=W48, title="Help someone", progress=1, status="done"))
    result = board.apply_template(store, starter(), W48)
    assert len(result.added) == len(starter().goals) - 1
    assert result.skipped == ("Help someone",)
    again = board.apply_template(store, starter(), W48)
    assert again.added == ()
    titles = [g.title for g in store.all(Goal) if g.week == W48]
    assert len(titles) == len(set(titles)) == len(starter().goals)
    assert all(g.template == "starter-week" for g in store.all(Goal) if g.title != "Help someone")


def test_save_week_as_template_and_apply_it_later(store):
    board.apply_template(store, starter(), W48)
    store.save(Goal(week=W48, title="[b]My own[/b] 🚀 goal", target=2, area="image"))
    template, replaced = board.save_week_as_template(store, W48, "My routine")
    assert not replaced and template.id == "user-my-routine" and not template.builtin
    mine = user_templates(store.setting("goal_templates"))
    assert [t.name for t in mine] == ["My routine"]
    assert "[b]My own[/b] 🚀 goal" in [g.title for g in mine[0].goals]
    assert template in board.all_templates(store)
    result = board.apply_template(store, mine[0], W49)
    assert len(result.added) == len(starter().goals) + 1
    _, replaced = board.save_week_as_template(store, W48, "My routine")
    assert replaced and len(store.setting("goal_templates")) == 1


def test_save_empty_week_as_template_is_refused(store):
    with pytest.raises(ValueError, match="no goals"):
        board.save_week_as_template(store, W48, "Nothing")


@pytest.mark.parametrize("value, message", [
    ("0", "at least 1"), ("-2", "at least 1"), ("three", "whole number"), ("1000", "at most"),
    ("", "whole number"),
])
def test_bad_targets_are_refused(value, message):
    with pytest.raises(ValueError, match=message):
        board.check_target(value)


def test_titles_are_cleaned_and_checked():
    assert board.check_title("  \x1b[31mRed\x1b[0m  goal ") == "Red goal"
    with pytest.raises(ValueError):
        board.check_title("   ")
    with pytest.raises(ValueError, match="under"):
        board.check_title("x" * 500)
    assert board.check_title("שלום עולם 🎉") == "שלום עולם 🎉"


def test_new_goal_checks_metric_area_and_week():
    g = board.new_goal("2026w48", "Go", target="2", metric="events", area="Image")
    assert (g.week, g.target, g.metric, g.area) == (W48, 2, "events", "image")
    for kwargs in ({"metric": "likes"}, {"area": "fame"}):
        with pytest.raises(ValueError):
            board.new_goal(W48, "Go", **kwargs)
    with pytest.raises(ValueError):
        board.new_goal("2026-W60", "Go")


def test_goals_by_week_from_the_store_builds_only_the_weeks_asked_for(store):
    from netplan.domain.goals import GoalsByWeek, goals_by_week, streak
    from netplan.domain.metrics import store_counts

    weeks = [f"2026-W{n:02d}" for n in range(40, 48)]
    store.save_many(Goal(week=w, title=f"Goal {i} of {w}", target=1, progress=1, status="done")
                    for w in weeks for i in range(2))
    grouped = store.grouped(Goal, "week")
    assert [g.title for g in grouped.of("2026-W45")] == ["Goal 0 of 2026-W45", "Goal 1 of 2026-W45"]
    assert grouped.built() == ["2026-W45"]  # the other weeks are still documents
    by_week = goals_by_week(store)
    same = GoalsByWeek.from_records(store.all(Goal))
    assert all(by_week.of(w) == same.of(w) for w in weeks)
    counts = store_counts(store)
    assert streak(by_week, counts, this_week="2026-W48") == streak(
        store.all(Goal), counts, this_week="2026-W48") == 8


def test_help_goal_counts_thank_yous_where_the_template_says_so(store):
    from netplan.domain.goals import apply_template, builtin_templates, week_views
    from netplan.domain.interactions import log
    from netplan.store.records import Contact, Interaction

    starter = next(t for t in builtin_templates() if t.id == "starter-week")
    apply_template(store, starter, W48)
    store.save(Goal(week=W48, title="Help by hand", metric="help_given"))  # no counts_thanks
    ada = store.save(Contact(name="Ada"))
    log(store, Interaction(date="2026-11-23", kind="thanks", contacts=(ada.id,)))
    progress = {v.goal.title: v.progress for v in week_views(store, W48)}
    assert progress["Help someone"] == 1
    assert progress["Help by hand"] == 0
    assert store.get(Goal, next(g.id for g in store.all(Goal) if g.title == "Help someone")
                     ).status == "done"
