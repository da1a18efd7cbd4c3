"""Interactions as records you manage: find one by id, edit it, delete it, and put back
what logging it did to its contacts (no Textual).

Logging an interaction may move its contacts up the stage ladder and clear an explicit
follow-up date it answered. It writes down what it changed in `contact_changes`
({contact id: {"stage": [before, after], "next_follow_up": before}}), so that editing or
deleting it undoes exactly that: a stage goes back only while the contact is still at the
stage this interaction set; a cleared follow-up date comes back only while none was set
since and no remaining interaction answers it. Follow-up dates by cadence, weekly counts,
the review and "asked N×" are computed from the interactions, so they follow by themselves.

An interaction dated after today has not happened: it is kept as planned (shown, with
the next actions' "conversation on Friday", never counted and moving no one) until its
day. Editing one without a prep sheet's questions to a day that has come records it;
a prep sheet is recorded through its answers. Imports bring history and keep their dates
as they are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

from ..store import Store
from ..store.records import Contact, Interaction, now_iso
from ..support.dates import to_date, today
from ..support.sanitize import clean
from . import followups
from .vocabulary import LADDER, TALKED_KINDS

EDITABLE = ("date", "kind", "summary", "notes", "outreach", "replied", "contacts", "event")


class InteractionLookupError(ValueError):
    """An id (or id prefix) that names no interaction, or several."""


def find(interactions: Iterable[Interaction], key: str) -> Interaction:
    """The interaction whose id is `key`, or the one whose id starts with it."""
    key = key.strip().lower()
    if len(key) < 4:
        raise InteractionLookupError(f"{key!r} is too short for an id (give at least 4 characters)")
    pool = list(interactions)
    for it in pool:
        if it.id == key:
            return it
    found = [it for it in pool if it.id.startswith(key)]
    if len(found) == 1:
        return found[0]
    if found:
        raise InteractionLookupError(f"{key!r} starts {len(found)} interaction ids; give more")
    raise InteractionLookupError(f"no interaction has the id {key!r}")


def short_ids(interactions: Iterable[Interaction], least: int = 8) -> dict[str, str]:
    """The shortest prefix (at least `least` characters) that names each id alone."""
    ids = sorted(it.id for it in interactions)
    out: dict[str, str] = {}
    for n, i in enumerate(ids):
        length = least
        for other in (ids[n - 1] if n else "", ids[n + 1] if n + 1 < len(ids) else ""):
            common = 0
            while common < min(len(i), len(other)) and i[common] == other[common]:
                common += 1
            length = max(length, common + 1)
        out[i] = i[:length]
    return out


def stage_after(stage: str, interaction: Interaction) -> str:
    """The stage a logged interaction shows the contact has reached; never a step back.

    A conversation means you talked, a reply means they replied, anything else means you
    were in contact. `ally` is only ever given by hand; a dormant contact you are in touch
    with again wakes up at the stage the interaction shows."""
    if interaction.planned:
        return stage
    reached = ("talked" if interaction.kind in TALKED_KINDS
               else "replied" if interaction.replied else "contacted")
    if stage not in LADDER:
        return reached
    return stage if LADDER.index(stage) >= LADDER.index(reached) else reached


def _touch(contact: Contact) -> Contact:
    return contact.replace(updated=now_iso())


def apply_effects(store: Store, interaction: Interaction,
                  answering: Collection[str] = ()) -> Interaction:
    """Restart the clocks and move the stages of the interaction's contacts (inside a
    transaction); the interaction comes back with what was changed written on it.
    `answering`: the contacts whose follow-up this interaction is (logged from it), so
    their explicit follow-up date is cleared whatever its day."""
    if interaction.planned:
        return interaction.replace(contact_changes={})
    on = to_date(interaction.date) or today()
    changes: dict[str, dict[str, Any]] = {}
    for cid in interaction.contacts:
        contact = store.get(Contact, cid)
        if contact is None:
            continue
        after = followups.after_logging(contact, on, answered=cid in answering)
        record: dict[str, Any] = {}
        if after.next_follow_up != contact.next_follow_up:
            record["next_follow_up"] = contact.next_follow_up
        stage = stage_after(after.stage, interaction)
        if stage != after.stage:
            record["stage"] = [after.stage, stage]
            after = after.replace(stage=stage)
        if record:
            changes[cid] = record
            store.save(_touch(after))
    return interaction.replace(contact_changes=changes)


def undo_effects(store: Store, interaction: Interaction,
                 remaining: list[Interaction]) -> None:
    """Put back what logging `interaction` changed on its contacts, where nothing since
    has built on it (inside a transaction; `remaining` are the other interactions)."""
    for cid, record in (interaction.contact_changes or {}).items():
        contact = store.get(Contact, cid)
        if contact is None or not isinstance(record, dict):
            continue
        theirs = [it for it in remaining if cid in it.contacts and not it.planned]
        changed = contact
        moved = record.get("stage")
        if isinstance(moved, list | tuple) and len(moved) == 2 and contact.stage == moved[1]:
            # Back to where it was, then forward again for what was logged since.
            stage = str(moved[0])
            for it in sorted(theirs, key=lambda i: str(i.date)):
                if str(it.date) >= str(interaction.date):
                    stage = stage_after(stage, it)
            changed = changed.replace(stage=stage)
        if "next_follow_up" in record and record["next_follow_up"] and not contact.next_follow_up:
            before = str(record["next_follow_up"])
            if not any(str(it.date) >= before for it in theirs):
                changed = changed.replace(next_follow_up=before)
        if changed != contact:
            store.save(_touch(changed))


def delete_interaction(store: Store, interaction_id: str) -> Interaction | None:
    """Delete an interaction and undo what it did to its contacts, in one transaction.
    None when it was already gone."""
    _counts_first(store)
    with store.transaction():
        it = store.get(Interaction, interaction_id)
        if it is None:
            return None
        store.delete(Interaction, interaction_id)
        remaining = [i for i in store.all(Interaction) if i.id != interaction_id]
        undo_effects(store, it, remaining)
        _write_down_goals(store, it)
    return it


def update_interaction(store: Store, interaction_id: str, *, by_hand: bool = False,
                       **changes: Any) -> Interaction | None:
    """Change fields of the interaction as it is stored now (fields not named keep newer
    values from elsewhere), and derive its effects on contacts again. None when gone.

    `by_hand`: the user edited it, so a plan whose day has come is recorded (a calendar
    moving a plan's date only moves it)."""
    unknown = set(changes) - set(EDITABLE) - {"questions"}
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
    _counts_first(store)
    with store.transaction():
        current = store.get(Interaction, interaction_id)
        if current is None:
            return None
        remaining = [i for i in store.all(Interaction) if i.id != interaction_id]
        undo_effects(store, current, remaining)
        edited = apply_effects(store, settled(current.replace(**changes), editing=by_hand),
                               answered_by(current))
        store.save(edited)
        _write_down_goals(store, current, edited)
    return edited


def answered_by(interaction: Interaction) -> set[str]:
    """The contacts whose explicit follow-up date this logged interaction cleared although
    it was set for a later day: it was that follow-up, done early (an edit keeps it so)."""
    day = str(interaction.date)[:10]
    return {cid for cid, record in (interaction.contact_changes or {}).items()
            if isinstance(record, dict) and str(record.get("next_follow_up") or "") > day}


def ahead(interaction: Interaction) -> bool:
    """Dated after today: it has not happened yet."""
    day = to_date(interaction.date)
    return day is not None and day > today()


def settled(interaction: Interaction, *, editing: bool = False) -> Interaction:
    """The interaction planned exactly when it has not happened: a date after today makes
    it planned; an edit that brings a plan (one without prep-sheet questions) to a day that
    has come records it."""
    if ahead(interaction):
        return interaction if interaction.planned else interaction.replace(planned=True)
    if editing and interaction.planned and not interaction.questions:
        return interaction.replace(planned=False)
    return interaction


def saved_words(verb: str, interaction: Interaction) -> str:
    """What a save of the interaction did, for a toast or a command's line: "Logged coffee",
    or "Planned coffee on 2026-12-11 — it counts once it has happened"."""
    kind = interaction.kind.replace("_", " ")
    if ahead(interaction):
        return f"Planned {kind} on {interaction.date}: {plan_note(interaction)}"
    note = plan_note(interaction)
    return f"{verb} {kind}" + (f"; {note}" if note else "")


def plan_note(interaction: Interaction) -> str:
    """Why a planned interaction is still a plan, in words ("" when it is not one)."""
    if not interaction.planned:
        return ""
    if ahead(interaction):
        return "it counts once it has happened"
    return "still a plan: record it with the answers on its prep sheet (3, p, a)"


def log(store: Store, interaction: Interaction, answering: Collection[str] = ()) -> Interaction:
    """Save a new interaction with its effects on its contacts, in one write (one dated
    after today is saved as planned: nothing counts it yet). `answering`: as for
    apply_effects."""
    _counts_first(store)
    with store.transaction():
        interaction = apply_effects(store, settled(interaction), answering)
        store.save(interaction)
        _write_down_goals(store, interaction)
    return interaction


def log_many(store: Store, interactions: list[Interaction]) -> list[Interaction]:
    """Save many new interactions (an import's messages) with their effects on their
    contacts, oldest first so stages move in the order things happened, in one write."""
    _counts_first(store)
    with store.transaction():
        done = [apply_effects(store, it)
                for it in sorted(interactions, key=lambda i: str(i.date))]
        store.save_many(done)
        _write_down_goals(store, *done)
    return done


def _counts_first(store: Store) -> None:
    """The weekly counts at hand before a transaction that writes the goals down: inside
    it nothing kept beside the store is used, but counts held are changed by its changes.
    (`netplan log` at 50,000 contacts counted 250,000 interactions again: 2 s.)"""
    from .metrics import store_counts

    if not store.readonly:
        store_counts(store)


def _write_down_goals(store: Store, *changed: Interaction) -> None:
    """Keep the stored progress of the weeks' automatic goals in step with the log, where
    the log is written (screens only show the derived figures; a view never writes)."""
    from ..support.dates import week_of
    from .goals import sync_week, week_views

    for week in {w for it in changed if (w := week_of(it.date))}:
        sync_week(store, week_views(store, week))


# -- answers -------------------------------------------------------------------------

def answers(interaction: Interaction) -> list[tuple[str, str]]:
    """(question id, answer) for each question asked with a non-empty answer."""
    out = []
    for entry in interaction.questions:
        if not isinstance(entry, dict):
            continue
        qid, answer = entry.get("question"), entry.get("answer")
        if isinstance(qid, str) and isinstance(answer, str) and answer.strip():
            out.append((qid, answer.strip()))
    return out


def conversation_near(interactions: Iterable[Interaction], contact_id: str, day: str,
                      *, within: int = 2, exclude: str | None = None) -> Interaction | None:
    """A logged conversation with the contact on `day` or up to `within` days from it
    (the nearest), which answers heard then belong to."""
    target = to_date(day)
    if target is None:
        return None
    best = None
    for it in interactions:
        if it.planned or it.id == exclude or contact_id not in it.contacts:
            continue
        if it.kind not in TALKED_KINDS:
            continue
        when = to_date(it.date)
        if when is None:
            continue
        gap = abs((when - target).days)
        if gap <= within and (best is None or gap < best[0]):
            best = (gap, it)
    return best[1] if best else None


def attach_answers(store: Store, sheet: Interaction, target_id: str) -> Interaction | None:
    """Move the answered questions of `sheet` onto the logged conversation `target_id`
    and drop the sheet: one conversation, one record. The sheet's notes as they are stored
    now (written while preparing, or by another process while the answers were typed) go
    with them rather than with the sheet."""
    with store.transaction():
        target = store.get(Interaction, target_id)
        if target is None:
            return None
        have = {e.get("question") for e in target.questions if isinstance(e, dict)}
        merged = list(target.questions)
        for entry in sheet.questions:
            if isinstance(entry, dict) and entry.get("question") not in have:
                merged.append(dict(entry))
        stored = store.get(Interaction, sheet.id)
        notes = (stored or sheet).notes.strip()
        if notes and notes not in target.notes:
            target = target.replace(notes=f"{target.notes.rstrip()}\n\n{notes}".strip())
        target = target.replace(questions=tuple(merged))
        store.save(target)
        if stored is not None:
            store.delete(Interaction, sheet.id)
    return target


_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:van |de |von |da )?[A-Z][\w'’-]+){0,2}")
_NOT_NAMES = frozenset(
    "I I'm I’m You Your She He They We It The A An And But Or So Yes No Maybe Ask Talk Meet "
    "Try Get Definitely Probably Sure Also My Our Their His Her This That".split()
)


def names_in(text: str) -> list[str]:
    """People an answer seems to name: runs of capitalised words ("Priya Raman"),
    without sentence words like "You" or "Ask", most likely (two words or more) first."""
    found: list[str] = []
    for match in _NAME.finditer(clean(text, multiline=True)):
        words = match.group(0).split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        name = " ".join(words)
        if name and name not in found:
            found.append(name)
    return sorted(found, key=lambda n: len(n.split()) < 2)
