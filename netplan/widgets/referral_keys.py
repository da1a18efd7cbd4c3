"""The status keys of a list of referral requests, shared by a contact's own list (a
dialog) and the list across contacts (a screen): a advance, b step back, x declined,
c closed, t thanked. The host gives `_current()` (the request under the cursor, or None)
and `_change(before, after, message)` (saves it and shows the list again)."""

from __future__ import annotations

from textual.binding import Binding

from ..domain import referrals
from ..store.records import Referral, now_iso


def referral_bindings(prefix: str) -> list[Binding]:
    return [
        Binding("a", "advance", "Advance status", id=f"{prefix}.advance"),
        Binding("b", "step_back", "Step back", id=f"{prefix}.step_back"),
        Binding("x", "set_status('declined')", "Declined", id=f"{prefix}.declined"),
        Binding("c", "set_status('closed')", "Closed", id=f"{prefix}.closed"),
        Binding("t", "thank", "Thanked", id=f"{prefix}.thanked",
                tooltip="Mark that you thanked them (again: unmark)"),
    ]


class ReferralKeys:
    """Mixed into a dialog or screen that lists referral requests."""

    def _current(self) -> Referral | None:
        raise NotImplementedError

    def _change(self, before: Referral, after: Referral, message: str) -> None:
        raise NotImplementedError

    def action_advance(self) -> None:
        ref = self._current()
        if ref is None:
            return
        nxt = referrals.next_referral_status(ref.status)
        if nxt is None:
            self.notify(f"Already {ref.status}; nothing comes after it (b steps back).",
                        timeout=3)
            return
        self._change(ref, referrals.advance_referral(ref, nxt),
                     f"Referral: {nxt.replace('_', ' ')}")

    def action_step_back(self) -> None:
        ref = self._current()
        if ref is None:
            return
        back = referrals.step_back_referral(ref)
        if back.status == ref.status:
            self.notify("Already at to ask; nothing comes before it.", timeout=3)
            return
        self._change(ref, back, f"Referral back to {back.status.replace('_', ' ')}")

    def action_set_status(self, status: str) -> None:
        ref = self._current()
        if ref is not None and ref.status != status:
            self._change(ref, referrals.advance_referral(ref, status), f"Referral: {status}")

    def action_thank(self) -> None:
        ref = self._current()
        if ref is not None:
            self._change(ref, ref.replace(thanked=not ref.thanked, updated=now_iso()),
                         "Marked as thanked" if not ref.thanked else "No longer marked as thanked")
