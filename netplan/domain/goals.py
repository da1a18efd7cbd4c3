"""The weekly goal board as plain data: progress, columns, streak, carry-over, templates.

No Textual here: the Board, the Review and the `goals` commands all build on it.

Decisions (documented in the README too):

- An automatic goal's progress is its live count for its week. It shows in
  Done once the count reaches the target; `sync_week` writes that down so the
  file says what the board shows. A manual goal moves to Done when its
  progress reaches the target, and out of Done when it drops below.
- A goal is *met* when its progress reaches its target, and it is in Done exactly
  then. Moving a manual goal to Done by hand fills its progress to the target (and
  keeps the progress it had in `progress_before_done`, restored when it is moved back).
- The streak counts finished weeks (before the current one) back from last
  week, while every goal of the week was met. A week with no goals ends the
  streak: the habit is setting goals, and a skipped week is a broken habit.
  The current week never breaks it, because it is not over yet.
- Carrying a goal copies it into the next week with progress 0 and
  `carried_from` = the original's id. A goal that was already carried (some goal
  has `carried_from` = its id) is not carried again, nor is one whose title is
  already in the target week.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..store.records import AREAS, GOAL_STATUSES, METRICS, Goal
from ..support.dates import iso_week, parse_week, shift_week
from ..support.slugs import slug
from .metrics import AUTO_METRICS, THANKS_COUNT, WeeklyCounts, store_counts
from .templates import Template, builtin_templates, user_templates

COLUMNS = (("todo", "To do"), ("doing", "Doing"), ("done", "Done"))
AREA_LABELS = {"performance": "Performance", "image": "Image", "exposure": "Exposure"}
MAX_TARGET = 999
MAX_TITLE = 200
USER_TEMPLATES_KEY = "goal_templates"


@dataclass(frozen=True)
class GoalView:
    """A goal as the board shows it: the stored goal plus its live progress and column."""

    goal: Goal
    progress: int
    status: str

    @property
    def met(self) -> bool:
        """The one rule for "met", on the board, in the streak and in the review."""
        return is_met(self.progress, self.goal.target)

    @property
    def auto(self) -> bool:
        return self.goal.metric in AUTO_METRICS


def is_auto(goal: Goal) -> bool:
    return goal.metric in AUTO_METRICS


def is_met(progress: int, target: int) -> bool:
    return progress >= max(target, 1)


def status_for(progress: int, target: int, current: str) -> str:
    """The column a goal belongs in after its progress changed: Done exactly when met."""
    if is_met(progress, target):
        return "done"
    if current == "done" or (current == "todo" and progress > 0):
        return "doing"
    return current if current in GOAL_STATUSES else "todo"


def view(goal: Goal, counts: WeeklyCounts) -> GoalView:
    """An automatic goal's progress is its week's count; either kind is in Done exactly
    when its progress reaches the target, so a card never says Done at 1/3."""
    auto = is_auto(goal)
    progress = _counted(goal, counts) if auto else max(goal.progress or 0, 0)
    status = goal.status if goal.status in GOAL_STATUSES else "todo"
    if is_met(progress, goal.target):
        status = "done"
    elif status == "done" or (auto and status == "todo" and progress > 0):
        status = "doing"  # (a manual card put back in To do with some progress stays there)
    return GoalView(goal, progress, status)


def _counted(goal: Goal, counts: WeeklyCounts) -> int:
    """An automatic goal's count; a help_given goal made from a template that says so
    counts the week's thank-yous as giving back too."""
    n = counts.count(goal.week, goal.metric)
    if goal.metric == "help_given" and goal.counts_thanks:
        n += counts.count(goal.week, THANKS_COUNT)
    return n


def goals_of_week(goals: Iterable[Goal], week: str) -> list[Goal]:
    # Stable order: as created (ids are random, so the title breaks ties).
    return [g for g in goals if g.week == week]


class GoalsByWeek:
    """Goals grouped by ISO week, each group in stored order. Made from the store's
    documents, it builds the records of a week only when that week is asked for: a
    ten-year store holds thousands of goals, and the board needs one week's and the
    few weeks of a streak."""

    def __init__(self, of: Callable[[str], list[Goal]]):
        self.of = of

    @classmethod
    def from_store(cls, store) -> GoalsByWeek:
        return cls(store.grouped(Goal, "week").of)

    @classmethod
    def from_records(cls, goals: Iterable[Goal]) -> GoalsByWeek:
        groups: dict[str, list[Goal]] = {}
        for g in goals:
            groups.setdefault(g.week, []).append(g)
        return cls(lambda week: list(groups.get(week, ())))


def goals_by_week(store) -> GoalsByWeek:
    """The store's goals by week, regrouped only when a goal changed."""
    return store.derived("goals.by_week", (Goal,), lambda: GoalsByWeek.from_store(store))


def week_views(store, week: str, counts: WeeklyCounts | None = None) -> list[GoalView]:
    counts = counts if counts is not None else store_counts(store)
    return [view(g, counts) for g in goals_by_week(store).of(week)]


def columns(views: Iterable[GoalView]) -> dict[str, list[GoalView]]:
    out: dict[str, list[GoalView]] = {status: [] for status, _ in COLUMNS}
    for v in views:
        out[v.status].append(v)
    return out


def sync_week(store, views: Iterable[GoalView]) -> list[Goal]:
    """Write down what automatic goals counted (progress, and Done on reaching the target).

    Returns the goals changed; nothing is written when nothing changed, so
    calling it on every refresh does not loop.
    """
    changed = [
        v.goal.replace(progress=v.progress, status=v.status)
        for v in views
        if v.auto and (v.goal.progress != v.progress or v.goal.status != v.status)
    ]
    if changed and not store.readonly:
        with store.transaction(undoable=False):  # derived from the log: not a step of undo
            store.save_many(changed)
    return changed


# -- changing goals -------------------------------------------------------------------


def bump(goal: Goal, delta: int) -> Goal:
    """A manual goal's progress up or down by one; the column follows."""
    progress = max(0, min((goal.progress or 0) + delta, MAX_TARGET))
    return goal.replace(progress=progress, status=status_for(progress, goal.target, goal.status),
                        progress_before_done=None)


def move(goal: Goal, step: int) -> Goal:
    """One column left (-1) or right (+1). A manual goal moved into Done is filled to its
    target (the progress it had is kept), and moved back out it gets that progress back;
    one at its target without a kept progress stays in Done (it is met)."""
    order = [s for s, _ in COLUMNS]
    current = order.index(goal.status) if goal.status in order else 0
    status = order[max(0, min(current + step, len(order) - 1))]
    if is_auto(goal) or status == goal.status:
        return goal.replace(status=status)
    progress = goal.progress or 0
    if status == "done":
        if is_met(progress, goal.target):
            return goal.replace(status=status)
        return goal.replace(status=status, progress=goal.target, progress_before_done=progress)
    if goal.status == "done":
        before = goal.progress_before_done
        if before is None or is_met(before, goal.target):
            return goal  # met: lower its progress to take it out of Done
        return goal.replace(status=status, progress=before, progress_before_done=None)
    return goal.replace(status=status)


def check_target(value: object) -> int:
    """A target typed by a person: a whole number from 1 to 999 (ValueError otherwise)."""
    text = str(value).strip()
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"the target must be a whole number, not {text[:20]!r}") from None
    if n < 1:
        raise ValueError("the target must be at least 1")
    if n > MAX_TARGET:
        raise ValueError(f"the target can be at most {MAX_TARGET}")
    return n


def check_title(value: object) -> str:
    from ..support.sanitize import one_line

    title = one_line(value).strip()
    if not title:
        raise ValueError("a goal needs a title")
    if len(title) > MAX_TITLE:
        raise ValueError(f"keep the title under {MAX_TITLE} characters (it is {len(title)})")
    return title


def check_metric(value: str) -> str:
    if value not in METRICS:
        raise ValueError(f"unknown metric {value!r} (one of {', '.join(METRICS)})")
    return value


def check_area(value: str) -> str:
    area = str(value).strip().lower()
    if area not in AREAS:
        raise ValueError(f"unknown area {value!r} (one of {', '.join(AREAS)})")
    return area


def new_goal(week: str, title: str, *, target: int = 1, metric: str = "manual",
             area: str = "exposure") -> Goal:
    return Goal(week=parse_week(week), title=check_title(title), target=check_target(target),
                metric=check_metric(metric), area=check_area(area))


# -- the streak -----------------------------------------------------------------------


def streak(goals: Iterable[Goal] | GoalsByWeek, counts: WeeklyCounts, *,
           this_week: str | None = None) -> int:
    """Consecutive finished weeks, back from last week, in which every goal was met."""
    by_week = goals if isinstance(goals, GoalsByWeek) else GoalsByWeek.from_records(goals)
    week = shift_week(this_week or iso_week(), -1)
    n = 0
    while True:
        week_goals = by_week.of(week)
        if not week_goals or not all(view(g, counts).met for g in week_goals):
            return n
        n += 1
        week = shift_week(week, -1)


# -- carrying unfinished goals --------------------------------------------------------


@dataclass(frozen=True)
class CarryResult:
    carried: tuple[Goal, ...]
    skipped: tuple[tuple[Goal, str], ...]  # (goal, why)


def _title_key(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().casefold()


def carry_over(store, goal_ids: Iterable[str], to_week: str | None = None) -> CarryResult:
    """Copy unfinished goals into the following week (or `to_week`), in one write."""
    ids = list(goal_ids)
    carried: list[Goal] = []
    skipped: list[tuple[Goal, str]] = []
    with store.transaction():
        all_goals = store.all(Goal)
        counts = store_counts(store)
        already = {g.carried_from for g in all_goals if g.carried_from}
        by_id = {g.id: g for g in all_goals}
        for goal_id in ids:
            goal = by_id.get(goal_id)
            if goal is None:
                continue
            target_week = to_week or shift_week(goal.week, 1)
            titles = {_title_key(g.title) for g in all_goals if g.week == target_week}
            titles |= {_title_key(g.title) for g in carried if g.week == target_week}
            if view(goal, counts).met:
                skipped.append((goal, "it was met"))
            elif goal.id in already:
                skipped.append((goal, "it was already carried"))
            elif _title_key(goal.title) in titles:
                skipped.append((goal, f"{target_week} already has it"))
            else:
                carried.append(Goal(
                    week=target_week, title=goal.title, target=goal.target, metric=goal.metric,
                    area=goal.area, carried_from=goal.id, template=goal.template,
                    counts_thanks=goal.counts_thanks,
                ))
                already.add(goal.id)
        if carried:
            what = (f"“{carried[0].title[:40]}”" if len(carried) == 1
                    else f"{len(carried)} goals")
            store.name_change(f"carry {what} to {carried[0].week}")
        store.save_many(carried)
    return CarryResult(tuple(carried), tuple(skipped))


# -- templates ------------------------------------------------------------------------


def all_templates(store) -> list[Template]:
    return builtin_templates() + user_templates(store.setting(USER_TEMPLATES_KEY))


@dataclass(frozen=True)
class ApplyResult:
    added: tuple[Goal, ...]
    skipped: tuple[str, ...]  # titles already in the week


def apply_template(store, template: Template, week: str) -> ApplyResult:
    """Add a template's goals to a week, leaving out titles the week already has."""
    added: list[Goal] = []
    skipped: list[str] = []
    with store.transaction():
        titles = {_title_key(g.title) for g in store.all(Goal) if g.week == week}
        for tg in template.goals:
            key = _title_key(tg.title)
            if key in titles:
                skipped.append(tg.title)
                continue
            titles.add(key)
            added.append(tg.to_goal(week, template.id))
        store.save_many(added)
    return ApplyResult(tuple(added), tuple(skipped))


def save_week_as_template(store, week: str, name: str) -> tuple[Template, bool]:
    """Keep a week's goals as the user's own template. A template of that name is replaced.

    Returns (template, replaced).
    """
    name = check_title(name)
    template_id = "user-" + (slug(name, limit=40) or "week")
    with store.transaction():
        goals = goals_of_week(store.all(Goal), week)
        if not goals:
            raise ValueError(f"{week} has no goals to keep as a template")
        raw = [t for t in (store.setting(USER_TEMPLATES_KEY) or []) if isinstance(t, dict)]
        replaced = any(t.get("id") == template_id for t in raw)
        entry = {
            "id": template_id, "name": name, "description": f"Saved from {week}",
            "goals": [
                {"title": g.title, "target": g.target, "metric": g.metric, "area": g.area,
                 **({"counts_thanks": True} if g.counts_thanks else {})}
                for g in goals
            ],
        }
        raw = [t for t in raw if t.get("id") != template_id] + [entry]
        store.set_setting(USER_TEMPLATES_KEY, raw)
    return user_templates([entry])[0], replaced
