"""The goal dialog (new and edit), built on the shared FormDialog."""

from __future__ import annotations

from typing import Any

from ..domain.goals import AREA_LABELS, check_target, check_title, status_for
from ..domain.metrics import METRIC_LABELS
from ..store.records import AREAS, METRICS, Goal
from .form import FormDialog, FormField


def goal_dialog(goal: Goal | None, week: str) -> FormDialog:
    g = goal or Goal(week=week)
    fields = [
        FormField("title", "Title", value=g.title, required=True, parse=check_title,
                  placeholder="Reach out to 3 people"),
        FormField("target", "Target", value=str(g.target), parse=check_target,
                  help="how many times this week (1–999)"),
        FormField("metric", "Counts", kind="select", value=g.metric, required=True,
                  options=[(f"{m} — {METRIC_LABELS[m]}", m) for m in METRICS],
                  help="anything but 'manual' counts itself from what you log"),
        FormField("area", "PIE area", kind="select", value=g.area, required=True,
                  options=[(AREA_LABELS[a], a) for a in AREAS]),
    ]
    title = f"Edit goal · {g.week}" if goal else f"New goal · {week}"
    return FormDialog(title, fields)


def goal_from_values(values: dict[str, Any], week: str, goal: Goal | None = None) -> Goal:
    target = values.get("target") or 1  # an empty target field means the default, 1
    changes = dict(title=values["title"], target=target, metric=values["metric"],
                   area=values["area"])
    if goal is None:
        return Goal(week=week, **changes)
    edited = goal.replace(**changes)
    if edited.metric == "manual":
        # A new target may finish or reopen the goal.
        edited = edited.replace(status=status_for(edited.progress, edited.target, edited.status))
    return edited
