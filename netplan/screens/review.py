"""The Review section: look back at a week, carry unfinished goals, set up the next week."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain import goals as board
from ..domain.review import Review, build_review, figures_at_hand, review_figures
from ..domain.review_report import TRENDS_HEADING, goal_line, sections
from ..support.dates import shift_week, today, week_bounds
from ..support.sanitize import one_line
from ..widgets.literal import literal
from ..widgets.trend_chart import trend_text
from ..widgets.week_bar import WeekBar
from .base import ask
from .week_section import WeekSection
from .worker_reading import ReadsOnWorker


def _lines(parts: list[tuple[str, list[str]]]) -> Text:
    body = Text()
    for title, lines in parts:
        body.append(title + "\n", style="bold")
        for line in lines:
            body.append_text(literal("  " + line, multiline=True))
            body.append("\n")
    return body


READING = "Reading the last twelve weeks of conversations…"


class ReviewScreen(ReadsOnWorker, WeekSection):
    SECTION_TITLE = "Review"
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("c", "carry_selected", "Carry", id="review.carry",
                tooltip="Carry the goal to next week"),
        Binding("C", "carry_all", "Carry all", id="review.carry_all",
                tooltip="Carry all unfinished goals to next week"),
        Binding("T", "next_week_template", "Plan next week", id="review.template",
                tooltip="Plan next week from a template"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.review: Review | None = None
        self._shown_week: str | None = None

    def compose_body(self) -> ComposeResult:
        yield WeekBar(id="review-week")
        yield Static(id="review-goals-title", classes="review-heading")
        yield OptionList(id="review-goals")
        with VerticalScroll(id="review-report"):
            yield Static(id="review-figures")
            yield Static(id="review-trends")
            yield Static(id="review-body")

    def warm_up(self) -> None:
        # The kept figures the review reads, brought forward by another process's change
        # (the review itself is then built from them on the screen's thread).
        review_figures(self.store)

    def refresh_data(self) -> None:
        if self.reading_first(figures_at_hand(self.store), lambda: review_figures(self.store),
                              "review-rest"):
            self._show_reading()
            return
        self.review = review = build_review(self.store, self.week)
        total = len(review.goals_met) + len(review.goals_missed)
        self.query_one(WeekBar).show(
            self.week, f"{len(review.goals_met)}/{total} goals met · streak {review.streak}")
        heading = Text("Goals", style="bold")
        heading.append("  c carry selected · C carry all · T plan next week", style="not bold")
        self.query_one("#review-goals-title", Static).update(heading)
        self._fill_goals(review)
        # The goals are in the list above; the week's figures, then the 12 weeks as
        # charts ([ ] move the week, and the window with it), then the rest.
        parts = sections(review)
        figures, rest = parts[2:3], parts[3:]
        trends = Text(f"{TRENDS_HEADING} · [ ] move the window\n", style="bold")
        if review.trends is not None:
            trends.append_text(trend_text(review.trends))
            trends.append("\n")
        self.query_one("#review-figures", Static).update(_lines(figures))
        self.query_one("#review-trends", Static).update(trends)
        self.query_one("#review-body", Static).update(
            _lines([s for s in rest if s[0] != TRENDS_HEADING]))

    def _show_reading(self) -> None:
        """A large store's first review: drawn once its figures are read (on a worker)."""
        self.review = None
        self.query_one(WeekBar).show(self.week, "reading…")
        self.query_one("#review-goals-title", Static).update(Text("Goals", style="bold"))
        goals_list = self.query_one("#review-goals", OptionList)
        goals_list.clear_options()
        goals_list.add_option(Option(Text(READING, style="italic"), id="none", disabled=True))
        for part in ("figures", "trends", "body"):
            self.query_one(f"#review-{part}", Static).update("")

    def _fill_goals(self, review: Review) -> None:
        goals_list = self.query_one("#review-goals", OptionList)
        # Keep the place after a refresh; start on the first unfinished goal (what c carries).
        keep = goals_list.highlighted if review.week == self._shown_week else None
        self._shown_week = review.week
        if keep is None:
            keep = len(review.goals_met) if review.goals_missed else 0
        goals_list.clear_options()
        options = []
        for v in review.goals_met:
            prompt = Text("✓ ", style="bold")
            prompt.append_text(literal(goal_line(v)))
            options.append(Option(prompt, id=v.goal.id))
        for v in review.goals_missed:
            carried = v.goal.id in review.carried_ids
            prompt = Text("→ " if carried else "✗ ", style="bold")
            prompt.append_text(literal(goal_line(v, carried=carried)))
            options.append(Option(prompt, id=v.goal.id))
        if not options:
            options.append(Option(Text("No goals this week. T plans next week from a template.",
                                       style="dim"), id="none", disabled=True))
        goals_list.add_options(options)
        if options and not options[0].disabled:
            goals_list.highlighted = min(keep, len(options) - 1)

    def _next_week(self) -> str:
        return shift_week(self.week, 1)

    def _carry(self, ids: list[str]) -> None:
        """Carry the goals into next week; out of a week that has not started yet (a
        slip of `]`), only after a yes."""
        monday, _ = week_bounds(self.week)
        if monday <= today():
            self._carry_now(ids)
            return
        from ..dialogs.form import ConfirmDialog

        answer = ask(self.app, ConfirmDialog(
            f"{self.week} has not started yet. Carry its goals into {self._next_week()} anyway?",
            f"It starts on {monday:%A %d %B}; its goals can still be met."))

        async def carry_if_yes() -> None:
            if await answer:
                self._carry_now(ids)

        self.run_worker(carry_if_yes(), group="answers")

    def _carry_now(self, ids: list[str]) -> None:
        result: list[board.CarryResult] = []
        if not self.save_guarded(lambda: result.append(board.carry_over(self.store, ids))):
            return
        carried, skipped = result[0].carried, result[0].skipped
        if carried:
            what = one_line(carried[0].title, 40) if len(carried) == 1 else f"{len(carried)} goals"
            message = f"Carried {what} into {self._next_week()}"
            if skipped:
                message += f"; {len(skipped)} not carried"
            self.notify(message, timeout=4)
        elif skipped:
            goal, why = skipped[0]
            reason = why if len(skipped) == 1 else "they were met or already carried"
            self.notify(f"Not carried: {reason}.", timeout=4)

    def action_carry_selected(self) -> None:
        if self.review is None:
            self.notify(READING, timeout=3)
            return
        goals_list = self.query_one("#review-goals", OptionList)
        option = goals_list.highlighted_option
        if option is None or option.id == "none":
            self.notify("No goal selected.", timeout=3)
            return
        self._carry([option.id])
        # Move on to the next goal, so c c c carries one after another.
        index = goals_list.highlighted
        if index is not None and index < goals_list.option_count - 1:
            goals_list.highlighted = index + 1

    def action_carry_all(self) -> None:
        review = self.review
        if review is None:
            self.notify(READING, timeout=3)
            return
        if not review.goals_missed:
            self.notify("Every goal of this week was met; nothing to carry.", timeout=3)
            return
        open_ids = [v.goal.id for v in review.goals_missed if v.goal.id not in review.carried_ids]
        if not open_ids:
            self.notify("The unfinished goals were already carried.", timeout=3)
            return
        self._carry(open_ids)

    def action_next_week_template(self) -> None:
        week = self._next_week()
        self.pick_template(week, f"Set {week} from a template", "set for")
