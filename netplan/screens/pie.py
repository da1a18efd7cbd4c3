"""The PIE section: Performance / Image / Exposure scores, their history, the record of
the last 30 days beside Exposure, and goals for the area with the largest weighted gap."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ..domain import pie
from ..domain.templates import TemplateGoal
from ..store.records import Assessment, Goal
from ..support.dates import iso_week, to_date, today
from ..widgets.literal import literal
from ..widgets.sparkline import PercentSparkline
from .base import SectionScreen
from .worker_reading import ReadsOnWorker

HISTORY_POINTS = 8  # assessments drawn per area; the oldest drop off the left


def signed(change: int | None) -> str:
    """`+5`, `-10`, `±0`; `new` when there is nothing to compare with."""
    if change is None:
        return "new"
    return f"{change:+d}" if change else "±0"


def pct(value: float | None) -> str:
    p = pie.percent(value)
    return "—" if p is None else f"{p}%"


def short_day(iso: str | None) -> str:
    day = to_date(iso)
    return f"{day:%d %b}" if day else "?"


def day_label(iso: str | None) -> str:
    day = to_date(iso)
    return f"{day:%a %d %b %Y}" if day else "an unknown day"


def history_head(dates: list[str]) -> str:
    """The areas' header; over the history column, its axis: the days of the first and
    last assessment drawn (`14 Sep→23 Nov`), or its scale before there are any."""
    shown = dates[-HISTORY_POINTS:]
    if not shown:
        axis = "History 0–100"
    elif len(shown) == 1:
        axis = short_day(shown[0])
    else:
        axis = f"{short_day(shown[0])}→{short_day(shown[-1])}"
    return f"{'Area':<12}{'Now':>5}{'Change':>7} {axis:<15}{'Gap':>6}"


class AreaRow(Horizontal):
    """One line of the areas table: name, score now, change since the previous
    assessment, history on a 0–100 scale, and the points of the total it loses.
    The key "total" shows the weighted total the same way."""

    def __init__(self, key: str, name: str):
        super().__init__(id=f"pie-row-{key}", classes="pie-row")
        self.key = key
        self.label = name

    def compose(self) -> ComposeResult:
        yield Static(Text(self.label), classes="pie-name")
        yield Static("—", classes="pie-score")
        yield Static("", classes="pie-change")
        yield PercentSparkline(bar_width=HISTORY_POINTS, classes="pie-history")
        yield Static("", classes="pie-gap")

    def show(self, summary: pie.PieSummary) -> None:
        if self.key == "total":
            score, change, history = summary.total, summary.total_change, summary.total_history
            gap = sum(summary.gaps.values()) if summary.gaps else None
        else:
            score, change = summary.scores.get(self.key), summary.change.get(self.key)
            history, gap = summary.history.get(self.key) or [], summary.gaps.get(self.key)
        self.query_one(".pie-score", Static).update(Text(pct(score)))
        self.query_one(".pie-change", Static).update(Text(signed(change) if summary.count else ""))
        self.query_one(PercentSparkline).values = tuple(history)
        largest = self.key == summary.gap_area
        self.query_one(".pie-gap", Static).update(
            Text("" if gap is None else f"-{gap:.1f}" + ("◀" if largest else " "),
                 style="bold" if largest else ""))


class PieScreen(ReadsOnWorker, SectionScreen):
    SECTION_TITLE = "PIE"
    UNAFFECTED_BY = frozenset({"questions", "pitches"})
    CSS_PATH = "pie.tcss"
    BINDINGS = [
        Binding("a", "assess", "Assess", id="pie.assess", tooltip="Take PIE assessment"),
        Binding("g", "add_goal", "Add goal", id="pie.add_goal",
                tooltip="Add the suggested goal to this week"),
        Binding("up,k", "choose(-1)", "Prev idea", id="pie.up", show=False),
        Binding("down,j", "choose(1)", "Next idea", id="pie.down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summary = pie.PieSummary()
        self.ideas: list[TemplateGoal] = []
        self.chosen = 0  # the suggestion `g` adds
        self._this_week: set[str] = set()

    def compose_body(self) -> ComposeResult:
        with Vertical(id="pie-body"):
            yield Static("", id="pie-total")
            with Horizontal(id="pie-top"):
                with Vertical(id="pie-areas"):
                    yield Static(Text(history_head([])), id="pie-areas-head")
                    for area in pie.areas():
                        yield AreaRow(area.key, area.name)
                    yield AreaRow("total", "Total")
                yield Static("", id="pie-evidence")
            yield Static("", id="pie-ideas")

    def on_mount(self) -> None:
        self.query_one("#pie-areas").border_title = "Areas · change since last · history"

    # -- reading ---------------------------------------------------------------------

    def refresh_data(self) -> None:
        store = self.store
        self.summary = pie.summarize(store.all(Assessment))
        week = iso_week()
        self._this_week = {g.title for g in store.all(Goal) if g.week == week}
        area = self.summary.gap_area
        self.ideas = pie.suggestions(area) if area else []
        self.chosen = min(self.chosen, max(0, len(self.ideas) - 1))
        self._show_total()
        self.query_one("#pie-areas-head", Static).update(
            Text(history_head(self.summary.dates)))
        for row in self.query(AreaRow):
            row.show(self.summary)
        if self.reading_first(pie.evidence_at_hand(store), lambda: pie.read_evidence(store),
                              "pie-evidence"):
            self._show_evidence_reading()  # the 30 days' counts once read
        else:
            self._show_evidence(pie.store_evidence(store))
        self._show_ideas()

    def _show_total(self) -> None:
        s = self.summary
        text = Text()
        if not s.count:
            text.append("No assessment yet. ", style="bold")
            text.append("Press a to rate 18 statements; it takes a few minutes.")
        else:
            text.append(f"Weighted total {pct(s.total)}", style="bold")
            if s.total_change is not None and s.previous is not None:
                text.append(f"  {signed(s.total_change)} since {short_day(s.previous.date)}")
            text.append(f" · last taken {day_label(s.latest.date)}, {s.count} in all")
        text.append("\nTotal = 10% Performance + 30% Image + 60% Exposure (the PIE weights)",
                    style="dim")
        if s.latest is not None and s.latest.note:
            text.append("\nNote: ")
            text.append_text(literal(s.latest.note, width=70))
        self.query_one("#pie-total", Static).update(text)

    def _show_evidence_reading(self) -> None:
        box = self.query_one("#pie-evidence", Static)
        box.border_title, box.border_subtitle = "Exposure · 30 days", ""
        box.update(Text("Reading the last\n30 days of\nconversations…", style="italic"))

    def _show_evidence(self, ev: pie.Evidence) -> None:
        box = self.query_one("#pie-evidence", Static)
        box.border_title = "Exposure · 30 days"
        box.border_subtitle = f"{ev.since:%d %b}–{ev.until:%d %b}"
        rows = (("Events attended", ev.events_attended), ("Conversations", ev.conversations),
                ("New contacts", ev.new_contacts), ("Outreach sent", ev.outreach),
                ("Replies to it", ev.replies))
        text = Text()
        for i, (label, n) in enumerate(rows):
            text.append(label.ljust(19))
            text.append(f"{n:>4}", style="bold")
            if i < len(rows) - 1:
                text.append("\n")
        box.update(text)

    def _show_ideas(self) -> None:
        box = self.query_one("#pie-ideas", Static)
        area = self.summary.gap_area
        if area is None:
            box.border_title = "Suggestions"
            box.border_subtitle = ""
            text = Text("The PIE model splits career success three ways:\n")
            for a in pie.areas():
                text.append(f"  {a.name} ({a.weight}%)", style="bold")
                text.append(f": {a.about}.\n")
            text.append("Take an assessment (a): the area with the largest weighted gap will be "
                        "named here, with goals for it to put on this week's board.", style="dim")
            box.update(text)
            return
        gap = self.summary.gaps[area]
        box.border_title = (f"Largest gap: {pie.area_name(area)} "
                            f"(loses {gap:.1f} of 100 points)")
        box.border_subtitle = f"↑↓ choose · g add to {iso_week()}"
        about = next(a.about for a in pie.areas() if a.key == area)
        text = Text()
        text.append(f"{pie.area_name(area)}: {about}.", style="dim")
        latest = self.summary.latest
        low = pie.lowest_rated(latest.ratings, area) if latest else []
        for st, v in (sv for sv in low if sv[1] < 5):
            text.append(f"\n  {v}/5  {st.text}", style="dim")
        text.append("\nGoals for it:\n")
        for i, idea in enumerate(self.ideas):
            here = i == self.chosen
            line = Text("▶ " if here else "  ", style="bold")
            line.append(idea.title)
            extra = f"  {idea.metric} ×{idea.target}" if idea.metric != "manual" else ""
            line.append(extra, style="dim")
            if idea.title in self._this_week:
                line.append("  ✓ on this week's board")
            if here:
                line.stylize("reverse")
            text.append_text(line)
            text.append("\n")
        if self.ideas:
            text.append_text(Text(f"Why: {self.ideas[self.chosen].why}", style="italic"))
        box.update(text)

    # -- actions ---------------------------------------------------------------------

    def action_choose(self, step: int) -> None:
        if self.ideas:
            self.chosen = (self.chosen + step) % len(self.ideas)
            self._show_ideas()

    def action_add_goal(self) -> None:
        if not self.ideas:
            self.notify("Take an assessment first (a); suggestions follow from it.", timeout=4)
            return
        idea = self.ideas[self.chosen]
        week = iso_week()
        if any(g.week == week and g.title == idea.title for g in self.store.all(Goal)):
            self.notify(f"“{idea.title}” is already on this week's board.", timeout=4)
            return
        self.save_record(pie.goal_from(idea, week), editing=False,
                         success=f"Added to this week's board ({week}): {idea.title}")

    def action_assess(self) -> None:
        from ..dialogs.pie_form import AssessmentForm

        last = self.summary.latest.ratings if self.summary.latest else None
        form = AssessmentForm(pie.areas(), day_label=f"{today():%a %d %b %Y}", last=last)
        self.app.push_screen(form, self._assessed)

    def _assessed(self, result: dict | None) -> None:
        if result is None:
            return
        record = Assessment(date=today().isoformat(), ratings=result["ratings"],
                            note=result["note"])
        before = self.summary.total
        if self.save_record(record, editing=False):
            after = pie.weighted_total(pie.area_scores(record.ratings))
            change = ("" if before is None
                      else f" ({signed(pie.percent(after) - pie.percent(before))})")
            self.notify(f"Assessment saved: weighted total {pct(after)}{change}", timeout=4)

