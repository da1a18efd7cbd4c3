"""Referral requests across contacts (from Contacts with `R`, or "Referral requests" in the
palette): status, who, company, role, age and whether the next move is yours; statuses step
forward and back here as in a contact's own list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ..domain import referrals as domain
from ..store.records import Contact, Referral
from ..widgets.literal import literal
from ..widgets.referral_keys import ReferralKeys, referral_bindings
from ..widgets.row_list import RowList, columns
from .base import SectionScreen

if TYPE_CHECKING:
    from textual.app import App


def _widths(width: int) -> tuple[int, ...]:
    """you-marker, status, who, company, role, age: the text columns share what is left."""
    rest = max(width - (3 + 12 + 5) - 5 * 2 - 1, 24)
    who, company = rest * 30 // 100, rest * 30 // 100
    return (3, 12, who, company, rest - who - company, 5)


class ReferralsScreen(ReferralKeys, SectionScreen):
    SECTION_TITLE = "Referral requests"
    UNAFFECTED_BY = frozenset({"goals", "questions", "assessments", "pitches", "events",
                               "interactions", "cadences"})
    BINDINGS = [
        Binding("escape", "back", "Back", id="referral_list.back"),
        *referral_bindings("referral_list"),
    ]
    DEFAULT_CSS = """
    ReferralsScreen #referral-list { height: 1fr; }
    ReferralsScreen #referral-detail {
        height: auto; max-height: 6; padding: 0 1; border-top: hkey $primary;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, domain.RequestRow] = {}

    def compose_body(self) -> ComposeResult:
        with Vertical():
            yield RowList(self._row, header=self._header, id="referral-list")
            yield Static("", id="referral-detail")

    def on_mount(self) -> None:  # (SectionScreen.on_mount runs too: Textual calls each)
        self.query_one(RowList).focus()

    def _header(self, width: int) -> Text:
        titles = ("You", "Status", "Who", "Company", "Role", "Age")
        return columns([(t, "") for t in titles], _widths(width))

    def _row(self, key: str, width: int) -> Text:
        row = self._rows[key]
        r = row.referral
        return columns(
            (("you" if row.waiting_on_you else "", "bold reverse" if row.waiting_on_you else ""),
             (r.status.replace("_", " "), "bold"),
             (row.who or "(deleted)", ""), (r.company, ""), (r.role, ""),
             ("" if row.age_days is None else f"{row.age_days}d", "")),
            _widths(width),
        )

    def refresh_data(self) -> None:
        rows = domain.request_rows(self.store.all(Referral), self.store.all(Contact))
        self._rows = {row.referral.id: row for row in rows}
        listing = self.query_one(RowList)
        listing.set_rows([row.referral.id for row in rows], redraw=True)
        self._show(listing.cursor_key)

    @on(RowList.Highlighted, "#referral-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show(event.key)

    @on(RowList.Selected, "#referral-list")
    def _selected(self, event: RowList.Selected) -> None:
        self.action_advance()

    def _show(self, key: str | None) -> None:
        box = self.query_one("#referral-detail", Static)
        row = self._rows.get(key or "")
        if row is None:
            box.update(Text("No referral requests yet. In Contacts, r asks one of the "
                            "selected contact.", style="italic"))
            return
        r = row.referral
        t = Text()
        nxt = domain.next_referral_status(r.status)
        back = domain.previous_referral_status(r)
        t.append(f"{r.status.replace('_', ' ')}", style="bold")
        t.append(f" · a → {nxt.replace('_', ' ')}" if nxt else " · (the last step)")
        if back:
            t.append(f" · b ← {back.replace('_', ' ')}")
        if r.asked_on:
            t.append(f" · asked {r.asked_on}")
        t.append(" · thanked" if r.thanked else " · not thanked yet (t)")
        if row.waiting_on_you:
            t.append("\nWaiting on you: " + ("ask them" if r.status == "to_ask"
                                             else "send what they need to refer you"),
                     style="bold")
        if r.url:
            t.append("\nLink: ", style="bold")
            t.append_text(literal(r.url))
        box.update(t)

    def _current(self) -> Referral | None:
        key = self.query_one(RowList).cursor_key
        ref = self.store.get(Referral, key) if key else None
        if ref is None:
            self.notify("No referral request selected.", timeout=3)
        return ref

    def _change(self, before: Referral, after: Referral, message: str) -> None:
        if after != before:
            self.save_record(after, editing=True, shown=before, success=message)

    def action_back(self) -> None:
        self.app.pop_screen()


def open_referrals(app: App) -> None:
    """Show the list over whatever is shown (once: a second open does not stack another)."""
    if not isinstance(app.screen, ReferralsScreen):
        app.push_screen(ReferralsScreen())


def palette_commands(app: App) -> Iterable[SystemCommand]:
    yield SystemCommand("Referral requests",
                        "Every referral request across contacts: status, age, waiting on you",
                        lambda: open_referrals(app))
