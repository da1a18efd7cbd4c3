"""The Elevator pitch tab: drafts, a multi-line editor, live word count and spoken time.

Typing is saved by itself a moment after you stop (and when you leave the
editor), so there is no save step; the status line says when it was saved.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...compat import OrderedTextArea
from ...dialogs.form import FormDialog, FormField
from ...domain.pitch import LIMIT_SECONDS, TEMPLATE_HINT, pitch_stats
from ...store.records import Pitch, now_iso
from ...store.storage import StoreError
from ...support.sanitize import clean
from ...widgets.literal import literal
from ...widgets.options import highlighted_id, refill
from ..base import SectionPane

if TYPE_CHECKING:
    from .view import QuestionsView

SAVE_AFTER = 0.8  # seconds of quiet typing before the draft is written
MAX_TEXT = 20_000


def _title(raw: str) -> str:
    if len(raw) > 80:
        raise ValueError("keep the title under 80 characters")
    return raw


class PitchPane(SectionPane, Vertical):
    BINDINGS = [
        Binding("n", "new", "New", id="pitch.new", tooltip="New elevator pitch"),
        Binding("e", "edit", "Edit", id="pitch.edit", tooltip="Write the pitch (edit its text)"),
        Binding("r", "rename", "Rename", id="pitch.rename", tooltip="Rename pitch"),
        Binding("d", "delete", "Delete", id="pitch.delete", tooltip="Delete pitch"),
        Binding("escape", "leave_editor", "Done", id="pitch.done"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: QuestionsView | None = None
        self.pitches: dict[str, Pitch] = {}
        self.loaded_id: str | None = None  # the pitch in the editor
        # What the editor was loaded with (the stored text, and the text shown): the
        # editor is only ever saved when the user changed what it showed, and never
        # over a draft that another session or an import changed meanwhile.
        self._source: str | None = None
        self._shown = ""
        self._save_timer: Timer | None = None
        # Kept as an attribute (not queried): the last flush runs while the app unmounts.
        self.editor = OrderedTextArea(id="pitch-text", soft_wrap=True, disabled=True,
                               placeholder="I'm … I've been … In a year I want to …")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="pitch-list")
            with Vertical(id="pitch-editor"):
                yield Static("", id="pitch-title")
                yield Static(Text(TEMPLATE_HINT), id="pitch-hint", classes="dim")
                yield self.editor
                yield Static("", id="pitch-stats")


    def focus_list(self) -> None:
        # At once, not on the next message like Widget.focus: QuestionsScreen._show_tab.
        self.screen.set_focus(self.query_one("#pitch-list", OptionList))

    # -- showing -------------------------------------------------------------------

    def refresh_from(self, view: QuestionsView) -> None:
        self.view = view
        self.pitches = {p.id: p for p in self.section.store.all(Pitch)}
        drafts = sorted(self.pitches.values(), key=lambda p: p.updated, reverse=True)
        items = []
        for p in drafts:
            prompt = Text("! " if pitch_stats(p.text).over else "  ", style="bold")
            prompt.append_text(literal(p.title or "Untitled"))
            prompt.no_wrap, prompt.overflow = True, "ellipsis"
            items.append(Option(prompt, id=p.id))
        if not items:
            items.append(Option(Text("No drafts yet: n starts one.", style="italic"),
                                disabled=True))
        options = self.query_one("#pitch-list", OptionList)
        # While the editor holds a draft, keep the list cursor on it: the list is
        # refilled after every autosave and the draft moves to the top.
        refill(options, items, prefer=(self.loaded_id, highlighted_id(options)))
        self._load(highlighted_id(options))

    def _typed_here(self) -> bool:
        """The user changed the editor's text since it was loaded."""
        return self.loaded_id is not None and self.editor.text != self._shown

    def _load(self, pitch_id: str | None) -> None:
        """Show a draft in the editor, unless the user is typing in it right now (a view
        never writes: loading, reloading and leaving an untouched editor save nothing)."""
        pitch = self.pitches.get(pitch_id or "")
        editor = self.editor
        if pitch_id == self.loaded_id and self._typed_here():
            self._show_stats()
            return
        self._flush()
        self.loaded_id = pitch.id if pitch else None
        editor.disabled = pitch is None
        self._source = pitch.text if pitch else None
        self._shown = clean(pitch.text, multiline=True) if pitch else ""  # no raw escapes
        if editor.text != self._shown:
            editor.load_text(self._shown)
        title = self.query_one("#pitch-title", Static)
        title.update(literal(pitch.title or "Untitled", style="bold") if pitch
                     else Text("Press n and name a draft, then write it here.",
                                style="italic"))
        self._show_stats()

    def _to_save(self) -> tuple[Pitch, str] | None:
        """What the editor's typing should be saved as, and a note: the draft with the new
        text, or, when the draft was changed or deleted elsewhere since it was loaded, a
        new draft beside it, so neither side's words are lost."""
        if not self._typed_here():
            return None
        text = clean(self.editor.text, multiline=True)[:MAX_TEXT]
        current = self.section.store.get(Pitch, self.loaded_id)
        if current is not None and current.text == self._source:
            return current.replace(text=text, updated=now_iso()), "saved"
        title = (current or self.pitches.get(self.loaded_id or "") or Pitch()).title
        copy = Pitch(title=f"{title or 'Untitled'} (my edit)", text=text, updated=now_iso())
        return copy, "changed elsewhere: your text is kept as a new draft"

    def _show_stats(self, saved: str = "") -> None:
        box = self.query_one("#pitch-stats", Static)
        if self.loaded_id is None:
            box.update("")
            return
        stats = pitch_stats(self.editor.text)
        out = Text(stats.label, style="bold")
        if stats.over:
            out.append(f"  ! over {LIMIT_SECONDS} s: trim it", style="bold reverse")
        else:
            out.append(f"  ✓ fits in {LIMIT_SECONDS} s", style="dim")
        if saved:
            out.append(f"  · {saved}", style="dim")
        box.update(out)

    # -- editing -------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#pitch-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.loaded_id:
            self._load(event.option.id)

    @on(OptionList.OptionSelected, "#pitch-list")
    def _selected(self) -> None:
        self.action_edit()

    @on(TextArea.Changed, "#pitch-text")
    def _typed(self) -> None:
        self._show_stats()
        if not self._typed_here():
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self._flush)

    def _flush(self) -> None:
        """Write what the user typed (and nothing else) to its draft."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        found = self._to_save()
        if found is None:
            return
        record, note = found
        if self.section.save_record(record, editing=note == "saved"):
            self.pitches[record.id] = record
            self.loaded_id, self._source, self._shown = record.id, record.text, self.editor.text
            self._show_stats(saved=note)

    def on_descendant_blur(self, event) -> None:
        if event.widget is self.editor:
            self._flush()

    def on_unmount(self) -> None:
        # Quitting within a second of typing must not lose the last words.
        with contextlib.suppress(StoreError):
            found = self._to_save()
            if found is not None:
                self.section.store.save(found[0])

    def action_edit(self) -> None:
        if self.loaded_id is None:
            self.app.notify("No draft to edit: n starts one.", severity="warning", timeout=3)
            return
        self.editor.focus()

    def action_leave_editor(self) -> None:
        self._flush()
        self.focus_list()

    def action_new(self) -> None:
        count = len(self.pitches) + 1
        field = FormField("title", "Title", value=f"Pitch {count}", required=True, parse=_title,
                          help="e.g. Meetups, Career fair, Recruiter call")

        def done(values: dict | None) -> None:
            if not values:
                return
            record = Pitch(title=values["title"])
            if self.section.save_record(record, editing=False, success="Draft created"):
                self.loaded_id = record.id
                self.section.refresh_data()
                # after the closing dialog has handed focus back to the list
                self.call_after_refresh(self.editor.focus)

        self.app.push_screen(FormDialog("New elevator pitch", [field]), done)

    def action_rename(self) -> None:
        pitch = self.pitches.get(self.loaded_id or "")
        if pitch is None:
            return
        field = FormField("title", "Title", value=pitch.title, required=True, parse=_title)

        def done(values: dict | None) -> None:
            if values:
                self._flush()
                current = self.pitches.get(pitch.id, pitch)
                self.section.save_record(current.replace(title=values["title"]), editing=True,
                                         success="Renamed")

        self.app.push_screen(FormDialog("Rename pitch", [field]), done)

    def action_delete(self) -> None:
        pitch = self.pitches.get(self.loaded_id or "")
        if pitch is None:
            return

        def delete() -> None:
            if self._save_timer is not None:
                self._save_timer.stop()
                self._save_timer = None
            self.loaded_id = None
            self.section.store.delete(Pitch, pitch.id)

        self.section.confirm_then(f"Delete the draft “{pitch.title}”?", "", delete,
                                  "Draft deleted")
