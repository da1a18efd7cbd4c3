"""The referral requests of one contact: the list, new requests and their next steps."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain import contacts as domain
from ..store.database import Store
from ..store.records import (
    Contact,
    Referral,
)
from ..widgets.literal import literal
from ..widgets.referral_keys import ReferralKeys, referral_bindings
from .base import Dialog


class ReferralsDialog(ReferralKeys, Dialog[None]):
    """A contact's referral requests: choose one and advance, decline, close or thank.

    Every change is saved at once through `save(referral) -> bool`."""

    changes_store = True

    BINDINGS = [
        Binding("escape", "close", "Close", id="referrals.close"),
        *referral_bindings("referrals"),
    ]
    DEFAULT_CSS = """
    ReferralsDialog > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
    }
    ReferralsDialog .referrals-title { text-style: bold; }
    ReferralsDialog OptionList { height: auto; max-height: 14; }
    ReferralsDialog .referrals-keys { color: $text-muted; }
    """

    def __init__(self, store: Store, contact: Contact, save: Callable[[Referral, str], bool]):
        super().__init__()
        self.store = store
        self.contact = contact
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                literal(f"Referral requests · {self.contact.name}"), classes="referrals-title"
            )
            yield OptionList(id="referrals-list")
            yield Static(
                Text("a / enter advance · b step back · x declined · c closed · t thanked · "
                     "escape close"),
                classes="referrals-keys",
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _referrals(self) -> list[Referral]:
        return domain.referrals_of(self.store.all(Referral), self.contact.id)

    def _fill(self, keep: str | None = None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        refs = self._referrals()
        for r in refs:
            label = Text(f"{r.status.replace('_', ' '):<13}", style="bold")
            label.append_text(
                literal(" · ".join(x for x in (r.role, r.company) if x) or "(no role)")
            )
            nxt = domain.next_referral_status(r.status)
            label.append(f"  → {nxt.replace('_', ' ')}" if nxt else "  (done)", style="italic")
            if r.thanked:
                label.append(" · thanked")
            options.add_option(Option(label, id=r.id))
        if not refs:
            options.add_option(Option(Text("No referral requests yet (r adds one)"), disabled=True))
        ids = [r.id for r in refs]
        options.highlighted = ids.index(keep) if keep in ids else (0 if refs else None)

    def _current(self) -> Referral | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.store.get(Referral, option.id) if option.id else None

    def _change(self, before: Referral, after: Referral, message: str) -> None:
        if after != before:
            self.save(after, message)
            self._fill(keep=after.id)

    @on(OptionList.OptionSelected)
    def _enter(self, event: OptionList.OptionSelected) -> None:
        self.action_advance()

    def action_close(self) -> None:
        self.dismiss(None)
