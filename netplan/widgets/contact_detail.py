"""The detail pane of a contact: every field, follow-up, timeline, referrals, introductions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain import followups
from ..domain.contacts import OPEN_REFERRAL, introductions, referrals_of
from ..domain.index_changes import reading_is_long
from ..domain.interactions import answers
from ..domain.last_met import NAME as LAST_MET
from ..domain.last_met import last_met
from ..domain.timelines import grouped_before, interactions_with
from ..store.database import Store
from ..store.records import Contact, Event, Interaction, Question, Referral, TagCadence
from ..support.sanitize import clean
from .literal import literal
from .options import highlighted_id, refill

TIMELINE_LIMIT = 30  # newest interactions shown; older ones are in the file and exports
READING = "reading the conversations…"  # a latest date not kept, read by the worker
TEXT_LIMIT = 3000  # characters of a long note shown; wrapping 1 MB would stall every redraw


def _label(text: Text, name: str) -> None:
    text.append(f"{name}: ", style="bold")


def _field(text: Text, name: str, value: object) -> None:
    if value in (None, "", (), {}):
        return
    _label(text, name)
    value = str(value)
    text.append_text(literal(value[:TEXT_LIMIT], multiline=True))
    if len(value) > TEXT_LIMIT:
        text.append(
            f" … ({len(value) - TEXT_LIMIT:,} more characters; e shows all)", style="italic"
        )
    text.append("\n")


def render_contact(store: Store, contact: Contact, mine: list[Interaction] | None) -> Text:
    """The whole pane as one Text (literal user text, words rather than colours for state).
    `mine`: the contact's interactions (interactions_with), or None while a worker groups
    them (a first visit): their latest date is then the kept one, or not known yet when
    none is kept (the worker reads it too)."""
    if mine is not None:
        last = followups.last_interactions(it for it in mine).get(contact.id)
    elif store.figure_at_hand(LAST_MET):
        last = last_met(store).get(contact.id)
    else:
        last = READING
    by_tag = followups.tag_cadences(store.all(TagCadence))
    due = followups.next_follow_up(contact, None if last is READING else last, by_tag)

    t = Text()
    t.append_text(literal(contact.name or "(no name)", style="bold"))
    t.append("\n")
    work = " · ".join(clean(x) for x in (contact.role, contact.company) if x)
    if work:
        t.append_text(literal(work))
        t.append("\n")
    t.append(f"stage {contact.stage}", style="italic")
    cadence = followups.cadence_of(contact, by_tag)
    if cadence:
        by = "" if contact.cadence_days else " (by tag)"
        t.append(f" · every {cadence} days{by}", style="italic")
    t.append("\n")

    _label(t, "Next follow-up")
    if due is None and last is READING and followups.cadence_of(contact, by_tag):
        t.append(f"by cadence, from the last conversation: {READING}\n")
    elif due is None:
        t.append("none (set one with f)\n")
    else:
        days = followups.days_until(due)
        how = followups.describe_days(days)
        style = "bold reverse" if followups.is_overdue(due) else "bold"
        if followups.is_overdue(due):
            t.append("! OVERDUE ", style=style)
        t.append(f"{due:%a %Y-%m-%d} ({how})", style="bold")
        t.append(" explicit\n" if contact.next_follow_up else " by cadence\n", style="italic")
    _field(t, "Last talked", last if last is READING else f"{last:%a %Y-%m-%d}" if last else None)

    t.append("\n")
    _field(t, "Location", contact.location)
    _field(t, "E-mail", ", ".join(contact.emails))
    for phone in contact.phones:
        _field(t, f"Phone ({phone['type']})", phone["number"])
    for kind, url in contact.links.items():
        _field(t, kind, url)
    _field(t, "Tags", ", ".join(contact.tags))
    _field(t, "How we met", contact.how_met)
    _field(t, "Met on", contact.met_on)
    if contact.met_at:
        event = store.get(Event, contact.met_at)
        _field(t, "Met at", event.name if event else "(a deleted event)")
    if contact.introduced_by:
        by = store.get(Contact, contact.introduced_by)
        _field(t, "Introduced by", by.name if by else "(a deleted contact)")
    _field(t, "Personal", contact.personal)
    _field(t, "Notes", contact.notes)

    refs = referrals_of(store.all(Referral), contact.id)
    open_refs = [r for r in refs if r.status in OPEN_REFERRAL]
    if refs:
        t.append(
            f"\nReferral requests ({len(open_refs)} open) · a to manage\n", style="bold underline"
        )
        for r in refs:
            t.append(f"  {r.status.replace('_', ' ')}: ")
            t.append_text(literal(" · ".join(x for x in (r.role, r.company) if x) or "(no role)"))
            if r.asked_on:
                t.append(f" · asked {r.asked_on}")
            if r.thanked:
                t.append(" · thanked")
            t.append("\n")

    intros = introductions(store, contact.id)
    if intros:
        t.append("\nIntroduced you to\n", style="bold underline")
        for c in intros:
            t.append("  ")
            t.append_text(literal(c.name))
            t.append("\n")

    if mine is None:
        t.append("\nTimeline (reading…)\n", style="bold underline")
        return t
    t.append(f"\nTimeline ({len(mine)})", style="bold underline")
    if mine:
        t.append("  t to choose · enter open · e edit · x delete", style="italic")
    t.append("\n")
    if not mine:
        t.append("  nothing logged yet (l logs an interaction)\n", style="italic")
    return t


def timeline_entries(store: Store, contact: Contact,
                     mine: list[Interaction]) -> list[tuple[str | None, Text]]:
    """The contact's newest interactions as (id, text): date, kind, flags, summary, the
    others there, and each question asked with the answer heard."""
    # The others named in the entries shown, looked up one by one (not 50,000 per key).
    others = {cid for it in mine[:TIMELINE_LIMIT] for cid in it.contacts if cid != contact.id}
    names = {cid: c.name for cid in others if (c := store.get(Contact, cid)) is not None}
    texts = {q.id: q.text for q in store.all(Question)} if any(i.questions for i in mine) else {}
    out = []
    for it in mine[:TIMELINE_LIMIT]:
        out.append((it.id, interaction_text(it, contact.id, names, texts)))
    if len(mine) > TIMELINE_LIMIT:
        out.append((None, Text(f"… {len(mine) - TIMELINE_LIMIT} older (netplan interactions "
                               "lists them all)", style="italic")))
    return out


def interaction_text(it: Interaction, contact_id: str, names: dict[str, str],
                     questions: dict[str, str]) -> Text:
    t = Text()
    t.append(f"{it.date} {it.kind.replace('_', ' ')}", style="bold")
    flags = [f for f, on in (("planned", it.planned), ("outreach", it.outreach),
                             ("replied", it.replied)) if on]
    if flags:
        t.append(f" [{', '.join(flags)}]")
    if it.summary:
        t.append("\n  ")
        t.append_text(literal(it.summary[:TEXT_LIMIT]))
    others = [names.get(cid, "?") for cid in it.contacts if cid != contact_id]
    if others:
        t.append("\n  with ")
        t.append_text(literal(", ".join(others)))
    for qid, answer in answers(it):
        t.append("\n  ")
        t.append_text(literal(questions.get(qid, "(a deleted question)"), style="italic"))
        t.append(" → ")
        t.append_text(literal(answer[:TEXT_LIMIT], multiline=True))
    return t


class TimelineList(OptionList):
    """The timeline's entries, to choose one: enter opens it; e edits, x deletes
    (the Contacts screen's keys); escape goes back to the list of contacts."""

    BINDINGS = [Binding("escape", "leave", "Back to the list", show=False)]

    def action_leave(self) -> None:
        self.post_message(ContactDetail.LeaveTimeline())

    def on_focus(self) -> None:
        self.parent.add_class("choosing")  # type: ignore[union-attr]

    def on_blur(self) -> None:
        self.parent.remove_class("choosing")  # type: ignore[union-attr]


class ContactDetail(VerticalScroll, can_focus=True):
    """Scrollable pane; `show(store, contact)` fills it, `show(store, None)` empties it."""

    DEFAULT_CSS = """
    ContactDetail #detail-timeline { height: auto; border: none; padding: 0; }
    ContactDetail.choosing #detail-body { display: none; }
    ContactDetail.choosing #detail-timeline { height: 1fr; }
    """

    class LeaveTimeline(Message):
        """The timeline is done with (escape, or its last entry went): back to the list."""

    def compose(self) -> ComposeResult:
        yield Static(Text("No contact selected. n adds one.", style="italic"), id="detail-body")
        yield TimelineList(id="detail-timeline")

    @property
    def timeline(self) -> TimelineList:
        return self.query_one("#detail-timeline", TimelineList)

    def chosen_interaction(self) -> str | None:
        """The id of the highlighted timeline entry, when the timeline has the focus."""
        listing = self.timeline
        return highlighted_id(listing) if listing.has_focus else None

    def show(self, store: Store, contact: Contact | None, *, at_once: bool = False) -> None:
        """`at_once` (a first visit): while the interactions, many, were never grouped by
        person, the pane without its timeline, which the screen's worker then groups."""
        body = self.query_one("#detail-body", Static)
        if contact is None:
            body.update(Text("No contact selected. n adds one.", style="italic"))
            entries = []
        elif at_once and not grouped_before(store) and reading_is_long(store):
            body.update(render_contact(store, contact, None))
            entries = []
        else:
            mine = interactions_with(store, contact.id)  # one scan for both
            body.update(render_contact(store, contact, mine))
            entries = timeline_entries(store, contact, mine)
        listing = self.timeline
        refill(listing, [Option(text, id=iid, disabled=iid is None) for iid, text in entries],
               prefer=(highlighted_id(listing),))
        if not entries and listing.has_focus:  # the last one was deleted: back to the list
            self.post_message(ContactDetail.LeaveTimeline())
        listing.display = bool(entries)
