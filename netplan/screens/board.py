"""The Board section: the week's goal cards in To do / Doing / Done, streak and events."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ..domain import goals as board
from ..domain.goals import COLUMNS, GoalView
from ..domain.metrics import METRIC_LABELS, Records, count_all_weeks, store_counts
from ..store.records import Event, Goal
from ..support.dates import to_date, week_bounds
from ..support.sanitize import one_line
from ..support.words import counted
from ..widgets.goal_card import GoalCard
from ..widgets.literal import literal
from ..widgets.next_actions_panel import NextActionsPanel
from ..widgets.week_bar import WeekBar
from .goal_count import count_by_hand
from .week_section import WeekSection

# The dialogs (netplan.widgets.form and the Textual widgets it needs) are imported when
# first opened: the board's first paint does not wait for them (bench/README.md).

STATUSES = [status for status, _ in COLUMNS]
WIDE = 120  # columns from which the next-actions panel is shown without asking


def palette_commands(app) -> list:
    from textual.app import SystemCommand

    return [SystemCommand("Next actions", "Follow-ups, thank-yous, bumps and prep for the "
                          "week, on the Board (key a)", lambda: show_next_actions(app))]


def show_next_actions(app) -> None:
    """The Board with its next-actions panel shown and focused (the palette's entry)."""
    app.action_switch_section("board")

    def show() -> None:
        if isinstance(app.screen, BoardScreen):
            panel = app.screen.next_panel
            if not (panel.display and panel.has_focus_within):
                app.screen.action_toggle_next()

    app.call_after_refresh(show)


class CardList(VerticalScroll, can_focus=False, inherit_bindings=False):
    """A column's cards; scrolls to the focused card, leaves the arrow keys to the board."""


class BoardScreen(WeekSection):
    SECTION_TITLE = "Board"
    UNAFFECTED_BY = frozenset({"questions", "assessments", "pitches"})
    CSS_PATH = "board.tcss"
    # The cards take the first focus; the next-actions panel only when asked (a).
    AUTO_FOCUS = "GoalCard"
    BINDINGS = [
        # Most used first: at 80 columns the footer shows the first that fit.
        Binding("n", "new_goal", "New", id="board.new", tooltip="New goal"),
        Binding("space", "progress(1)", "+1", id="board.plus", tooltip="Add one to the goal"),
        Binding("a", "toggle_next", "Next", id="board.next",
                tooltip="Next actions: who to write to, thank or follow up"),
        Binding("T", "apply_template", "Template", id="board.template",
                tooltip="Apply a goal template to this week"),
        Binding("v", "events", "Events", id="board.events", tooltip="Events: list and plan"),
        Binding("e", "edit_goal", "Edit", id="board.edit", tooltip="Edit goal"),
        Binding("d", "delete_goal", "Delete", id="board.delete", tooltip="Delete goal"),
        Binding("plus", "progress(1)", "+1", show=False, id="board.plus2"),
        Binding("minus", "progress(-1)", "-1", show=False, id="board.minus"),
        Binding("less_than_sign", "move(-1)", "Move left", show=False, id="board.left"),
        Binding("greater_than_sign", "move(1)", "Move right", show=False, id="board.right"),
        Binding("S", "save_template", "Save as template", show=False, id="board.save_template",
                tooltip="Save this week as a goal template"),
        Binding("left", "focus_card(-1, 0)", "Column left", show=False, id="board.col_left"),
        Binding("right", "focus_card(1, 0)", "Column right", show=False, id="board.col_right"),
        Binding("up", "focus_card(0, -1)", "Card up", show=False, id="board.card_up"),
        Binding("down", "focus_card(0, 1)", "Card down", show=False, id="board.card_down"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.views: list[GoalView] = []
        self.counts = count_all_weeks(Records())
        self.selected_id: str | None = None
        # The cards shown per column, reused in place so a refresh does not flicker.
        self._pool: dict[str, list[GoalCard]] = {status: [] for status in STATUSES}

    def compose_body(self) -> ComposeResult:
        yield WeekBar(id="board-week")
        with Horizontal(id="board-columns"):
            for status, label in COLUMNS:
                with Vertical(classes="board-column", id=f"column-{status}"):
                    yield Static(label, classes="column-title")
                    with CardList(classes="card-list"):
                        yield Static("", classes="column-empty")
            panel = NextActionsPanel(id="board-next")
            panel.display = False  # shown on mount when wide (before anything takes focus)
            yield panel
        yield Static(id="board-events")

    # -- showing -----------------------------------------------------------------

    def warm_up(self) -> None:
        store_counts(self.store), board.goals_by_week(self.store)

    def refresh_data(self) -> None:
        # Shown as derived (goals.view): a refresh reads and never writes. The stored
        # progress of automatic goals is written where interactions are written.
        counts = store_counts(self.store)
        self.counts = counts
        self.views = board.week_views(self.store, self.week, counts)
        n = board.streak(board.goals_by_week(self.store), counts)
        note = Text(f"streak {counted(n, 'week')}", style="bold" if n else "")
        self.query_one(WeekBar).show(self.week, note)
        self._fill_columns()
        self._show_events()
        self._show_next_actions()

    def _fill_columns(self) -> None:
        by_column = board.columns(self.views)
        for status, label in COLUMNS:
            column = self.query_one(f"#column-{status}")
            views = by_column[status]
            column.query_one(".column-title", Static).update(Text(f"{label} ({len(views)})"))
            cards = self._pool[status]
            for card, v in zip(cards, views, strict=False):
                card.show(v)
            for card in cards[len(views):]:
                card.remove()
            if len(views) > len(cards):
                new = [GoalCard(v) for v in views[len(cards):]]
                column.query_one(CardList).mount_all(new)
                cards.extend(new)
            del cards[len(views):]
            empty = column.query_one(".column-empty", Static)
            empty.display = not views
            if not views:
                empty.update(self._empty_text(status))
        self.call_after_refresh(self._restore_focus)

    def _empty_text(self, status: str) -> Text:
        if self.views:
            return Text("—", style="dim")
        if status == "todo":
            return Text("No goals this week.\nn  new goal\nT  apply a template", style="dim")
        return Text("")

    def _show_events(self) -> None:
        monday, sunday = week_bounds(self.week)
        planned = sorted(
            (e for e in self.store.all(Event)
             if e.status == "planned" and (d := to_date(e.date)) and monday <= d <= sunday),
            key=lambda e: str(e.date),
        )
        text = Text("Events: ", style="bold")
        if not planned:
            text.append("none planned this week", style="dim")
        for i, e in enumerate(planned):
            if i:
                text.append(" · ")
            text.append(f"{to_date(e.date):%a %d} ")
            text.append_text(literal(e.name, width=30))
        self.query_one("#board-events", Static).update(text)

    # -- next actions ----------------------------------------------------------------

    @property
    def next_panel(self) -> NextActionsPanel:
        return self.query_one(NextActionsPanel)

    def on_mount(self) -> None:
        # (Textual runs SectionScreen.on_mount, which fills the board, after this one.)
        # Beside the columns when there is room for both; at 80 columns `a` shows it.
        self.next_panel.display = self.app.size.width >= WIDE

    def _show_next_actions(self) -> None:
        panel = self.next_panel
        if panel.display:  # computed only while shown: the board paints first
            from ..domain.next_actions import for_store
            from ..support.dates import today

            panel.show(for_store(self.store, today()), today())

    def action_toggle_next(self) -> None:
        panel = self.next_panel
        if panel.display and panel.has_focus_within:
            self._show_panel(False)
            self._restore_focus()
            return
        self._show_panel(True)  # which draws its actions once it has its width
        panel.focus_list()

    def _show_panel(self, shown: bool) -> None:
        """The panel beside the columns when there is room; in a narrower terminal it takes
        their place while it is open (three 12-column cards broke "informational" in two)."""
        panel = self.next_panel
        panel.display = shown
        full = shown and self.app.size.width < WIDE
        panel.set_class(full, "-full")
        for column in self.query(".board-column"):
            column.display = not full
        if shown:  # its lines are cut to its width: drawn again once it has the new one
            self.call_after_refresh(self._show_next_actions)

    def on_resize(self) -> None:
        # In the columns' place it follows the terminal's width (beside them it has its own).
        panel = self.next_panel
        if panel.display and (panel.has_class("-full") or self.app.size.width < WIDE):
            self._show_panel(True)

    def on_next_actions_panel_chosen(self, event: NextActionsPanel.Chosen) -> None:
        from .next_actions import act

        act(self, event.action, event.verb)

    # -- selection ---------------------------------------------------------------

    def _cards(self, status: str) -> list[GoalCard]:
        return list(self._pool[status])

    def _restore_focus(self) -> None:
        if not self.is_current or isinstance(self.app.focused, GoalCard) and \
                self.app.focused.goal_id == self.selected_id:
            return
        if self.next_panel.has_focus_within and self.next_panel.display:
            return  # working through the next actions
        cards = [c for s in STATUSES for c in self._cards(s)]
        wanted = next((c for c in cards if c.goal_id == self.selected_id), None)
        if wanted is None and cards:
            wanted = cards[0]
        if wanted is not None:
            self._select(wanted)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, GoalCard):
            self.selected_id = event.widget.goal_id

    def selected(self) -> GoalView | None:
        # selected_id, not app.focused: focus moves a tick later, and keys typed
        # quickly (or pasted by tmux) must each act on the card chosen before.
        return next((v for v in self.views if v.goal.id == self.selected_id), None)

    def _select(self, card: GoalCard) -> None:
        self.selected_id = card.goal_id
        card.focus(scroll_visible=False)
        # A card mounted a moment ago (a goal just added) has no place on screen until the
        # next layout, so scrolling to it now would leave it below the fold: scroll then.
        self.call_after_refresh(card.scroll_visible, animate=False)

    def action_focus_card(self, dx: int, dy: int) -> None:
        current = self.selected()
        if current is None:
            self._restore_focus()
            return
        col = STATUSES.index(current.status)
        cards = self._cards(current.status)
        row = next((i for i, c in enumerate(cards) if c.goal_id == current.goal.id), 0)
        if dy:
            if 0 <= row + dy < len(cards):
                self._select(cards[row + dy])
            return
        col += dx
        while 0 <= col < len(STATUSES):
            cards = self._cards(STATUSES[col])
            if cards:
                self._select(cards[min(row, len(cards) - 1)])
                return
            col += dx

    # -- changing ----------------------------------------------------------------

    def _need_selection(self) -> GoalView | None:
        v = self.selected()
        if v is None:
            self.notify("No goal selected: n adds one, T applies a template.", timeout=3)
        return v

    def action_new_goal(self) -> None:
        from ..dialogs.goal_form import goal_dialog, goal_from_values

        week = self.week

        def done(values) -> None:
            if values:
                goal = goal_from_values(values, week)
                if self.save_record(goal, editing=False, success=f"Goal added to {week}"):
                    self.selected_id = goal.id

        self.app.push_screen(goal_dialog(None, week), done)

    def action_edit_goal(self) -> None:
        from ..dialogs.goal_form import goal_dialog, goal_from_values

        v = self._need_selection()
        if v is None:
            return

        def done(values) -> None:
            if values:
                self.save_record(goal_from_values(values, v.goal.week, v.goal), editing=True,
                                 success="Goal saved", shown=v.goal)

        self.app.push_screen(goal_dialog(v.goal, v.goal.week), done)

    def action_delete_goal(self) -> None:

        v = self._need_selection()
        if v is None:
            return

        self.confirm_then(f"Delete the goal “{one_line(v.goal.title, 50)}”?",
                          f"{v.progress}/{v.goal.target} · {v.goal.week}",
                          lambda: self.store.delete(Goal, v.goal.id), "Goal deleted")

    def action_progress(self, delta: int) -> None:
        v = self._need_selection()
        if v is None:
            return
        if v.auto:
            self.notify(f"It counts itself: {METRIC_LABELS[v.goal.metric]} logged in "
                        f"{v.goal.week}.", timeout=3)
            return
        count_by_hand(self, v.goal, delta)

    def action_move(self, step: int) -> None:
        v = self._need_selection()
        if v is None:
            return
        fresh = self.store.get(Goal, v.goal.id) or v.goal  # another session may have counted
        goal = board.move(fresh.replace(status=v.status), step)
        if goal.status == v.status:
            if v.status == "done" and step < 0 and not v.auto:
                self.notify(f"It is met ({v.progress}/{v.goal.target}), so it stays in Done; "
                            "- lowers its progress.", timeout=4)
            return
        label = dict(COLUMNS)[goal.status]
        if v.auto and board.view(goal, self.counts).status != goal.status:
            where = dict(COLUMNS)[v.status]
            self.notify(f"It counts itself ({v.progress}/{v.goal.target}), so it stays in {where}.",
                        timeout=4)
            return
        count = "" if v.auto else f" ({goal.progress}/{goal.target})"
        self.save_record(goal, editing=True, success=f"Moved to {label}{count}")

    def action_events(self) -> None:
        from .events import show_events

        show_events(self.app)

    def action_apply_template(self) -> None:
        week = self.week
        self.pick_template(week, f"Apply a template to {week}", "added to")

    def action_save_template(self) -> None:
        from ..dialogs.form import FormDialog, FormField

        week = self.week
        if not self.views:
            self.notify(f"{week} has no goals to keep as a template.", timeout=3)
            return
        form = FormDialog(f"Save {week} as a template", [
            FormField("name", "Template name", value=f"My week {week}", required=True,
                      parse=board.check_title,
                      help="a template with the same name is replaced"),
        ])

        def done(values) -> None:
            if not values:
                return
            result = []

            def save() -> None:
                result.append(board.save_week_as_template(self.store, week, values["name"]))

            try:
                ok = self.save_guarded(save)
            except ValueError as exc:
                self.notify(str(exc), severity="warning", timeout=4)
                return
            if ok:
                template, replaced = result[0]
                self.notify(f"Template “{one_line(template.name, 40)}” "
                            f"{'replaced' if replaced else 'saved'} ({len(template.goals)} goals); "
                            "T applies it", timeout=4)

        self.app.push_screen(form, done)
