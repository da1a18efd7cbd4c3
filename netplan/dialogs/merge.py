"""Merging contacts: the side-by-side field chooser (`m` in Contacts) and the list of
possible duplicates. Both only answer; the screen merges (domain.merge)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.contact_fields import format_phones
from ..domain.duplicates import Pair
from ..domain.merge import UNITED_FIELDS, default_choices, differing, united
from ..store.records import Contact
from ..support.sanitize import one_line
from ..widgets.literal import literal
from .base import Dialog

LABEL, SIDE = 14, 26


class MergeDialog(Dialog[dict[str, str] | None]):
    """Every field that differs, the kept contact's value beside the other's; ← → (or
    space) picks a side for the highlighted field, enter merges, escape cancels. Lists
    (e-mails, tags, past companies, phones) are united and only shown. Answers the choices."""

    BINDINGS = [
        Binding("left,h", "pick('keep')", "Keep's value", show=False),
        Binding("right,l", "pick('other')", "Other's value", show=False),
        Binding("space", "pick(None)", "Switch side", show=False),
        Binding("ctrl+s", "merge", "Merge", show=False),
        Binding("escape", "cancel", "Cancel", id="merge.cancel"),
    ]
    DEFAULT_CSS = """
    MergeDialog > Vertical { width: 78; max-width: 100%; }
    MergeDialog .merge-title { text-style: bold; }
    MergeDialog .merge-head { color: $text-muted; }
    MergeDialog OptionList, MergeDialog OptionList:focus {
        height: auto; max-height: 13; border: none; padding: 0;
    }
    MergeDialog .merge-keys { color: $text-muted; }
    """

    def __init__(self, keep: Contact, other: Contact, *, moves: str = "",
                 show: Callable[[str, object], str] | None = None):
        """`moves` says what else moves (interactions …); `show(field, value)` shows a
        value (an event or contact id as its name)."""
        super().__init__()
        self.keep, self.other = keep, other
        self.moves = moves
        self.show_value = show or (lambda _field, value: "" if value is None else str(value))
        self.fields = differing(keep, other)
        self.choices = default_choices(keep, other)

    def compose(self) -> ComposeResult:
        with Vertical():
            title = Text("Merge ")
            title.append_text(literal(self.other.name, width=25))
            title.append(" into ")
            title.append_text(literal(self.keep.name, width=25))
            yield Static(title, classes="merge-title")
            head = "Field".ljust(LABEL) + "  Keep (this contact)".ljust(SIDE + 2) + "  Merge in"
            yield Static(Text(head), classes="merge-head")
            yield OptionList(*self._options(), id="merge-fields")
            yield Static(self._united(), id="merge-united")
            yield Static(Text("← → choose a side · enter merge · escape cancel"),
                         classes="merge-keys")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.fields:
            listing.highlighted = 0
        listing.focus()

    def _cell(self, name: str, value: object, chosen: bool) -> Text:
        text = Text("▶ " if chosen else "  ", style="bold")
        shown = one_line(self.show_value(name, value), SIDE) or "—"
        text.append_text(literal(shown.ljust(SIDE), style="bold reverse" if chosen else ""))
        return text

    def _prompt(self, name: str, label: str) -> Text:
        side = self.choices.get(name, "keep")
        line = Text(label.ljust(LABEL))
        line.append_text(self._cell(name, getattr(self.keep, name), side == "keep"))
        line.append(" ")
        line.append_text(self._cell(name, getattr(self.other, name), side == "other"))
        return line

    def _options(self) -> list[Option]:
        if not self.fields:
            return [Option(Text("Every field is the same; only lists are united."),
                           disabled=True)]
        return [Option(self._prompt(name, label), id=name) for name, label in self.fields]

    def _united(self) -> Text:
        text = Text()
        for name in UNITED_FIELDS:
            after = united(self.keep, self.other, name)
            if after != tuple(getattr(self.keep, name) or ()):
                shown = format_phones(after) if name == "phones" else ", ".join(after)
                text.append(f"{name.replace('_', ' ').capitalize()} united: ", style="bold")
                text.append_text(literal(shown, width=58))
                text.append("\n")
        links = [k for k in self.other.links if k not in self.keep.links]
        if links:
            text.append("Links added: ", style="bold")
            text.append_text(literal(", ".join(links)))
            text.append("\n")
        if self.moves:
            text.append("Moves here: ", style="bold")
            text.append(self.moves)
        return text

    def action_pick(self, side: str | None) -> None:
        listing = self.query_one(OptionList)
        index = listing.highlighted
        if index is None or not self.fields:
            return
        name, label = self.fields[index]
        if side is None:
            side = "other" if self.choices.get(name) == "keep" else "keep"
        self.choices[name] = side
        listing.replace_option_prompt_at_index(index, self._prompt(name, label))

    @on(OptionList.OptionSelected, "#merge-fields")
    def _enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_merge()

    def action_merge(self) -> None:
        # Only the sides picked for fields shown: the others are chosen at the merge from
        # the records as they are then (another process may have changed one meanwhile).
        self.dismiss({name: self.choices[name] for name, _ in self.fields})

    def action_cancel(self) -> None:
        self.dismiss(None)


class DuplicatesDialog(Dialog[tuple[str, str] | None]):
    """The possible duplicates; enter on a pair answers (first id, second id) to merge."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="duplicates.cancel")]
    DEFAULT_CSS = """
    DuplicatesDialog > Vertical { width: 76; max-width: 100%; }
    DuplicatesDialog .dup-title { text-style: bold; }
    DuplicatesDialog OptionList, DuplicatesDialog OptionList:focus {
        height: auto; max-height: 14; border: none; padding: 0;
    }
    DuplicatesDialog .dup-keys { color: $text-muted; }
    """

    def __init__(self, pairs: Sequence[Pair]):
        super().__init__()
        self.pairs = list(pairs)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Possible duplicates ({len(self.pairs)})"), classes="dup-title")
            options = []
            for n, pair in enumerate(self.pairs):
                line = literal(_who(pair.first), width=30)
                line.append("  ⇄  ")
                line.append_text(literal(_who(pair.second), width=30))
                line.append(f"\n   {pair.describe()}", style="dim")
                options.append(Option(line, id=str(n)))
            if not options:
                options.append(Option(Text("No possible duplicates."), disabled=True))
            yield OptionList(*options, id="dup-list")
            yield Static(Text("↑↓ move · enter merge the second into the first · "
                              "escape close"), classes="dup-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#dup-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        pair = self.pairs[int(event.option.id or 0)]
        self.dismiss((pair.first.id, pair.second.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _who(c: Contact) -> str:
    return c.name + (f" · {c.company}" if c.company else "")
