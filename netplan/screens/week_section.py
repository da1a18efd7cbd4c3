"""WeekSection: a section that shows one ISO week, with `[` `]` `t` to move between weeks."""

from __future__ import annotations

from textual.binding import Binding

from ..domain.goals import ApplyResult, all_templates, apply_template
from ..support.dates import iso_week, shift_week
from ..support.words import counted
from .base import SectionScreen


class WeekSection(SectionScreen):
    BINDINGS = [
        # One footer entry for both ("[ ] Week"): the footer has no room for two at 80.
        Binding("left_square_bracket", "shift_week(-1)", "Week", id="week.prev",
                key_display="[ ]", tooltip="Previous week"),
        Binding("right_square_bracket", "shift_week(1)", "Week ▸", id="week.next", show=False,
                tooltip="Next week"),
        Binding("t", "this_week", "This week", id="week.this", show=False,
                tooltip="Back to this week"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week = iso_week()

    @property
    def shown_week(self) -> str:  # type: ignore[override]
        return self.week

    def action_shift_week(self, n: int) -> None:
        self.week = shift_week(self.week, n)
        self.show_subtitle()
        self.refresh_data()

    def action_this_week(self) -> None:
        self.week = iso_week()
        self.show_subtitle()
        self.refresh_data()

    def pick_template(self, week: str, title: str, verb: str = "added to") -> None:
        """Let the user choose a template and add its goals to `week` (Board `T`, Review `T`)."""
        from ..dialogs.template_picker import TemplatePicker

        templates = all_templates(self.store)

        def done(template_id: str | None) -> None:
            template = next((t for t in templates if t.id == template_id), None)
            if template is None:
                return
            result: list[ApplyResult] = []
            if self.save_guarded(lambda: result.append(apply_template(self.store, template, week))):
                added, skipped = result[0].added, result[0].skipped
                message = f"{counted(len(added), 'goal')} {verb} {week}"
                if skipped:
                    message += f"; {len(skipped)} already there"
                self.notify(message, timeout=4)

        self.app.push_screen(TemplatePicker(title, templates), done)
