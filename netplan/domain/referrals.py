"""Referral requests: the status ladder both ways, and the list across contacts.

to_ask → asked → agreed → submitted → interviewing → offer, or declined / closed from any
step. A step back undoes one step: down the ladder, or out of declined/closed to the status
it had before (`status_before`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..store.records import REFERRAL_STATUSES, Contact, Referral, now_iso
from ..support.dates import to_date, today

OPEN_REFERRAL = ("to_ask", "asked", "agreed", "submitted", "interviewing")
LADDER = ("to_ask", "asked", "agreed", "submitted", "interviewing", "offer")
ENDED = ("declined", "closed")
# Your move: ask, or send what they need to refer you (the review and the list mark these).
WAITING_ON_YOU = ("to_ask", "agreed")


def next_referral_status(status: str) -> str | None:
    """The next step on to_ask → … → offer; None at the end or from declined/closed."""
    if status in LADDER[:-1]:
        return LADDER[LADDER.index(status) + 1]
    return None


def previous_referral_status(ref: Referral) -> str | None:
    """One step back: the ladder's previous step, or from declined/closed the status it had
    before (to_ask when that is not known); None at to_ask."""
    if ref.status in ENDED:
        before = ref.status_before
        return before if before in REFERRAL_STATUSES and before not in ENDED else "to_ask"
    if ref.status in LADDER[1:]:
        return LADDER[LADDER.index(ref.status) - 1]
    return None


def advance_referral(ref: Referral, status: str | None = None) -> Referral:
    """Move a referral to `status` (default: the next step); asking dates it, and declining
    or closing remembers where it was."""
    status = status or next_referral_status(ref.status)
    if status is None or status not in REFERRAL_STATUSES:
        return ref
    changes: dict = {"status": status, "updated": now_iso()}
    if status == "asked" and not ref.asked_on:
        changes["asked_on"] = today().isoformat()
    if status in ENDED and ref.status not in ENDED:
        changes["status_before"] = ref.status
    return ref.replace(**changes)


def step_back_referral(ref: Referral) -> Referral:
    """The referral one step back (unchanged at to_ask). Back to to_ask, it was not asked
    after all: the asked date goes."""
    status = previous_referral_status(ref)
    if status is None:
        return ref
    changes: dict = {"status": status, "updated": now_iso()}
    if ref.status in ENDED:
        changes["status_before"] = None
    if status == "to_ask":
        changes["asked_on"] = None
    return ref.replace(**changes)


def referrals_of(
    referrals: Iterable[Referral], contact_id: str, *, open_only: bool = False
) -> list[Referral]:
    out = [
        r
        for r in referrals
        if r.contact == contact_id and (not open_only or r.status in OPEN_REFERRAL)
    ]
    out.sort(key=lambda r: (r.status not in OPEN_REFERRAL, str(r.updated)), reverse=False)
    return out


@dataclass(frozen=True)
class RequestRow:
    """One referral request as the list across contacts shows it."""

    referral: Referral
    who: str  # the contact's name, or "" when they were deleted
    age_days: int | None  # since asked (or since last changed, before asking)
    waiting_on_you: bool


def request_rows(referrals: Iterable[Referral], contacts: Iterable[Contact],
                 ref: dt.date | None = None) -> list[RequestRow]:
    """Every request: waiting on you first, then the other open ones, then the ended,
    the oldest first within each."""
    ref = ref or today()
    names = {c.id: c.name for c in contacts}
    rows = []
    for r in referrals:
        since = to_date(r.asked_on) or to_date(str(r.updated or "")[:10])
        rows.append(RequestRow(r, names.get(r.contact or "", ""),
                               (ref - since).days if since else None,
                               r.status in WAITING_ON_YOU))
    rows.sort(key=lambda row: (not row.waiting_on_you,
                               row.referral.status not in OPEN_REFERRAL,
                               -(row.age_days or 0), row.who.casefold()))
    return rows
