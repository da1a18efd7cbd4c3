"""GoalCard: one goal on the board — title, a progress bar with `n/target`, its PIE area."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..domain.goals import AREA_LABELS, GoalView
from ..support.sanitize import one_line
from .literal import literal


def progress_bar(progress: int, target: int, width: int) -> str:
    """A bar of `width` cells; block characters read the same with and without colour."""
    width = max(width, 1)
    filled = min(width, round(width * progress / max(target, 1)))
    return "█" * filled + "░" * (width - filled)


class GoalCard(Widget, can_focus=True):
    """A focusable card; the board keeps a pool of them and hands each a GoalView."""

    COMPONENT_CLASSES = {"goal-card--met"}
    DEFAULT_CSS = """
    GoalCard { height: auto; width: 1fr; }
    GoalCard > .goal-card--met { color: $success; }
    """

    def __init__(self, goal_view: GoalView):
        super().__init__()
        self.goal_view = goal_view

    @property
    def goal_id(self) -> str:
        return self.goal_view.goal.id

    def show(self, goal_view: GoalView) -> None:
        if goal_view != self.goal_view:
            self.goal_view = goal_view
            self.refresh(layout=True)

    def _title_lines(self, width: int) -> list[str]:
        """The title in at most two lines; a longer one ends with an ellipsis."""
        import textwrap

        lines = textwrap.wrap(one_line(self.goal_view.goal.title), max(width, 4)) or [""]
        if len(lines) > 2:
            lines = [lines[0], one_line(" ".join(lines[1:]), width)]
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._title_lines(width)) + 2

    def render(self) -> Text:
        v = self.goal_view
        g = v.goal
        width = max(self.content_size.width, 10)
        count = f" {v.progress}/{g.target}"
        text = Text(no_wrap=True, overflow="ellipsis")
        for line in self._title_lines(width):
            text.append_text(literal(line, "bold"))
            text.append("\n")
        met_style = self.get_component_rich_style("goal-card--met") if v.met else ""
        text.append(progress_bar(v.progress, g.target, width - len(count)), style=met_style)
        text.append(count, style="bold")
        text.append("\n")
        how = "by hand" if g.metric == "manual" else g.metric.replace("_", " ")
        footer = f"{AREA_LABELS.get(g.area, g.area)} · {how}"
        if g.carried_from:
            footer += " · carried"
        text.append(one_line(footer, width), style="dim")
        return text
