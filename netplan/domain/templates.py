"""Goal templates: the built-in ones from data/goal_templates.yaml and the user's own."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.records import AREAS, METRICS, Goal
from .shipped_content import load_yaml


@dataclass(frozen=True)
class TemplateGoal:
    title: str
    target: int = 1
    metric: str = "manual"
    area: str = "exposure"
    why: str = ""
    counts_thanks: bool = False  # help_given only: thank-yous count as giving back too

    def to_goal(self, week: str, template_id: str) -> Goal:
        return Goal(week=week, title=self.title, target=self.target, metric=self.metric,
                    area=self.area, template=template_id,
                    counts_thanks=self.counts_thanks and self.metric == "help_given")


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str = ""
    area: str | None = None  # set for the per-area (PIE) templates
    goals: tuple[TemplateGoal, ...] = field(default_factory=tuple)
    builtin: bool = True


def _template_from(raw: dict, builtin: bool) -> Template:
    goals = []
    for g in raw.get("goals") or ():
        metric = g.get("metric", "manual")
        area = g.get("area", "exposure")
        goals.append(TemplateGoal(
            title=str(g["title"]), target=max(1, int(g.get("target", 1))),
            metric=metric if metric in METRICS else "manual",
            area=area if area in AREAS else "exposure", why=str(g.get("why", "")),
            counts_thanks=g.get("counts_thanks") is True,
        ))
    return Template(id=str(raw["id"]), name=str(raw.get("name", raw["id"])),
                    description=str(raw.get("description", "")), area=raw.get("area"),
                    goals=tuple(goals), builtin=builtin)


def builtin_templates() -> list[Template]:
    return [_template_from(t, True) for t in load_yaml("goal_templates.yaml")["templates"]]


def templates_for_area(area: str) -> list[TemplateGoal]:
    """Goals suggested for one PIE area, from every built-in template, without repeats."""
    seen: set[str] = set()
    out = []
    for template in builtin_templates():
        for goal in template.goals:
            if goal.area == area and goal.title not in seen:
                seen.add(goal.title)
                out.append(goal)
    return out


def user_templates(raw: list[dict] | None) -> list[Template]:
    """The user's own templates, as kept in the store's settings under "goal_templates"."""
    out = []
    for item in raw or ():
        try:
            out.append(_template_from(item, False))
        except (KeyError, TypeError, ValueError):
            continue  # a damaged entry is skipped, not fatal
    return out
