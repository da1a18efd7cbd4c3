"""Goal and review commands: `goals`, `goal add`, `review` (plain text for cron, or JSON)."""

from __future__ import annotations

import argparse

from . import output
from .args import Parser, UsageError, store_path

WEEK_HELP = "an ISO week like 2026-W48, or this / last / next (default: this week)"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("goals", parents=[common], help="list a week's goals with progress")
    p.add_argument("--week", help=WEEK_HELP)
    p.add_argument("--json", action="store_true", help="print the goals as JSON")
    p.set_defaults(func=cmd_goals)

    goal = sub.add_parser("goal", parents=[common], help="change the weekly goals (goal add …)")
    goal_sub = goal.add_subparsers(dest="goal_command", metavar="ACTION", parser_class=Parser)
    add = goal_sub.add_parser("add", parents=[common], help="add a goal to a week")
    add.add_argument("title")
    add.add_argument("--target", default="1", help="how many to do (a whole number, at least 1)")
    add.add_argument("--metric", default="manual",
                     help="how it counts: manual, outreach, conversations, new_contacts, "
                          "events, follow_ups, referrals or help_given")
    add.add_argument("--area", default="exposure", help="performance, image or exposure")
    add.add_argument("--week", help=WEEK_HELP)
    add.add_argument("--json", action="store_true", help="print the new goal as JSON")
    add.set_defaults(func=cmd_goal_add)
    goal.set_defaults(func=_need_action)

    p = sub.add_parser("review", parents=[common],
                       help="the weekly review (text, Markdown or JSON)")
    p.add_argument("--week", help=WEEK_HELP)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.set_defaults(func=cmd_review)


def _need_action(args: argparse.Namespace) -> int:
    raise UsageError("goal: say what to do, e.g. netplan goal add \"Reach out to 3 people\"")


def week_arg(value: str | None) -> str:
    from ..support.dates import DateError, iso_week, parse_week, shift_week

    if value is None or value.strip().lower() in ("", "this"):
        return iso_week()
    relative = {"last": -1, "previous": -1, "next": 1}.get(value.strip().lower())
    if relative is not None:
        return shift_week(iso_week(), relative)
    try:
        return parse_week(value)
    except DateError as exc:
        raise UsageError(f"--week: {exc}") from None


def _open(args: argparse.Namespace, *, readonly: bool = True):
    from ..store.database import open_store
    from .args import open_for_reading

    # Listing and reviewing never create or migrate the store (cron must not write).
    if readonly:
        return open_for_reading(args)
    return open_store(store_path(args))


def cmd_goals(args: argparse.Namespace) -> int:
    from ..domain.goals import AREA_LABELS, COLUMNS, streak, week_views
    from ..domain.metrics import store_counts
    from ..store.records import Goal
    from ..support.dates import week_label

    week = week_arg(args.week)
    store = _open(args)
    counts = store_counts(store)
    views = week_views(store, week, counts)
    n_streak = streak(store.all(Goal), counts)
    order = {status: i for i, (status, _) in enumerate(COLUMNS)}
    views.sort(key=lambda v: order[v.status])
    if args.json:
        output.emit_json({"week": week, "streak": n_streak, "goals": [
            {**v.goal.to_dict(), "progress": v.progress, "status": v.status} for v in views]})
        return 0
    output.line(week_label(week) + f" · streak {n_streak}")
    if not views:
        output.line("no goals yet — add one with: netplan goal add \"Reach out to 3 people\"")
        return 0
    labels = dict(COLUMNS)
    output.table(
        [[labels[v.status], f"{v.progress}/{v.goal.target}", v.goal.title,
          v.goal.metric, AREA_LABELS.get(v.goal.area, v.goal.area)] for v in views],
        headers=["STATUS", "DONE", "GOAL", "METRIC", "AREA"],
    )
    return 0


def cmd_goal_add(args: argparse.Namespace) -> int:
    from ..domain.goals import new_goal

    week = week_arg(args.week)
    try:
        goal = new_goal(week, args.title, target=args.target, metric=args.metric, area=args.area)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    store = _open(args, readonly=False)
    store.save(goal)
    if args.json:
        output.emit_json(goal.to_dict())
    else:
        output.line(f"added to {week}: {goal.title} (0/{goal.target}, {goal.metric}, {goal.area})")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ..domain.review import build_review
    from ..domain.review_report import to_json, to_markdown, to_text

    week = week_arg(args.week)  # a mistyped week is reported before the store is opened
    review = build_review(_open(args), week)
    if args.format == "json":
        output.emit_json(to_json(review))
    else:
        # to_text / to_markdown clean every stored string; `line` cleans once more.
        output.line((to_markdown if args.format == "markdown" else to_text)(review).rstrip("\n"))
    return 0
