"""Events (meetups, conferences, hackathons …), opened with `v` from the Board or Contacts,
and from anywhere with "Go to events" in the palette."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ..dialogs.contact_forms import DATE_HELP, iso
from ..dialogs.contact_picker import ContactSuggester, names_parser
from ..dialogs.form import FormDialog, FormField
from ..domain import contacts as domain
from ..domain import event_fields
from ..store.database import Store
from ..store.records import EVENT_KINDS, EVENT_STATUSES, Contact, Event, Interaction
from ..widgets.literal import literal
from .base import SectionScreen


def event_form(store: Store, event: Event | None = None) -> FormDialog:
    e = event or Event()
    met = domain.people_met_at(store.all(Contact), store.all(Interaction), e.id) if event else []
    fields = [
        FormField("name", "Name", value=e.name, required=True),
        FormField(
            "kind",
            "Kind",
            kind="select",
            value=e.kind,
            required=True,
            options=[(k.replace("_", " "), k) for k in EVENT_KINDS],
        ),
        FormField("date", "Date", value=e.date or "", parse=iso, help=DATE_HELP),
        FormField("start_time", "Starts at", value=e.start_time or "",
                  parse=event_fields.parse_clock,
                  help="18:30 or 6:30pm; empty: all day"),
        FormField("duration_minutes", "Length",
                  value="" if e.duration_minutes is None else str(e.duration_minutes),
                  parse=event_fields.parse_minutes, help="minutes, or 1h30; empty: an hour"),
        FormField("place", "Place", value=e.place),
        FormField("url", "Link", value=e.url),
        FormField(
            "status",
            "Status",
            kind="select",
            value=e.status,
            required=True,
            options=[(s, s) for s in EVENT_STATUSES],
        ),
        FormField(
            "people",
            "People met there",
            value=", ".join(c.name for c in met),
            parse=names_parser(store),
            suggester=ContactSuggester(store),
            help="part of a name, commas between; their 'met at' becomes this event",
        ),
        FormField("notes", "Notes", kind="multiline", value=e.notes),
    ]
    return FormDialog("Edit event" if event else "New event", fields)


def event_from_values(values: dict[str, Any], base: Event | None = None) -> Event:
    changes = {
        "name": " ".join(values["name"].split()),
        "kind": values["kind"],
        "date": values.get("date"),
        "start_time": values.get("start_time"),
        "duration_minutes": values.get("duration_minutes"),
        "place": values.get("place") or "",
        "url": values.get("url") or "",
        "status": values["status"],
        "notes": values.get("notes") or "",
    }
    return base.replace(**changes) if base else Event(**changes)


class EventsScreen(SectionScreen):
    SECTION_TITLE = "Events"
    UNAFFECTED_BY = frozenset({"goals", "questions", "assessments", "pitches"})
    BINDINGS = [
        Binding("escape", "back", "Back", id="events.back"),
        Binding("n", "new", "New", id="events.new", tooltip="New event"),
        Binding("e", "edit", "Edit", id="events.edit", tooltip="Edit event"),
        Binding("d", "delete", "Delete", id="events.delete", tooltip="Delete event"),
    ]
    DEFAULT_CSS = """
    EventsScreen #events-table { height: 1fr; }
    EventsScreen #events-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: hkey $primary;
    }
    """

    def compose_body(self) -> ComposeResult:
        with Vertical():
            yield DataTable(id="events-table", cursor_type="row")
            yield Static("", id="events-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Date", 10), ("Name", 28), ("Kind", 11), ("Status", 8), ("Met", 4)):
            table.add_column(label, width=width)
        table.focus()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        keep = self._current_id()
        table.clear()
        contacts = self.store.all(Contact)
        interactions = self.store.all(Interaction)
        events = sorted(
            self.store.all(Event),
            key=lambda e: (str(e.date or ""), e.name.casefold()),
            reverse=True,
        )
        for e in events:
            met = len(domain.people_met_at(contacts, interactions, e.id))
            table.add_row(
                Text(e.date or ""),
                literal(e.name),
                Text(e.kind.replace("_", " ")),
                Text(e.status),
                Text(str(met) if met else ""),
                key=e.id,
            )
        ids = [e.id for e in events]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        self._show(self._current_id())

    def _current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _show(self, event_id: str | None) -> None:
        box = self.query_one("#events-detail", Static)
        event = self.store.get(Event, event_id) if event_id else None
        if event is None:
            box.update(
                Text("No events yet. n adds a meetup, conference, hackathon …", style="italic")
            )
            return
        t = Text()
        t.append_text(literal(event.name, style="bold"))
        t.append(f" · {event.kind.replace('_', ' ')} · {event.status}")
        if event.date:
            t.append(f" · {event.date}")
        when = event_fields.describe_time(event.start_time, event.duration_minutes)
        if when:
            t.append_text(literal(f" {when}"))
        for label, value in (("Place", event.place), ("Link", event.url), ("Notes", event.notes)):
            if value:
                t.append(f"\n{label}: ", style="bold")
                t.append_text(literal(value))
        met = domain.people_met_at(self.store.all(Contact), self.store.all(Interaction), event.id)
        t.append("\nMet there: ", style="bold")
        t.append_text(literal(", ".join(c.name for c in met) if met else "nobody yet"))
        box.update(t)

    @on(DataTable.RowHighlighted, "#events-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.row_key.value if event.row_key else None)

    def _selected(self) -> Event | None:
        event_id = self._current_id()
        event = self.store.get(Event, event_id) if event_id else None
        if event is None:
            self.notify("No event selected; n adds one.", timeout=3)
        return event

    def _save(self, values: dict[str, Any] | None, base: Event | None) -> None:
        if values is None:
            return
        event = event_from_values(values, base)
        people = values.get("people") or ()
        # An edit is saved against the event as it is now (SectionScreen.save_record).
        self.save_record(event, editing=base is not None, shown=base,
                         success="Event saved" if base else f"Added {event.name}",
                         save=lambda e: domain.save_event(self.store, e, people))

    def action_new(self) -> None:
        self.app.push_screen(event_form(self.store), lambda v: self._save(v, None))

    def action_edit(self) -> None:
        event = self._selected()
        if event is not None:
            self.app.push_screen(event_form(self.store, event), lambda v: self._save(v, event))

    def action_delete(self) -> None:
        event = self._selected()
        if event is None:
            return

        self.confirm_then(
            f"Delete the event {event.name}?",
            "Contacts met there and interactions at it stay, without the link to it.",
            partial(domain.delete_event, self.store, event.id), f"Deleted {event.name}")

    def action_back(self) -> None:
        self.app.pop_screen()


def show_events(app) -> None:
    """Show the events list over the section on screen (once: not a second copy)."""
    if not isinstance(app.screen, EventsScreen):
        app.push_screen(EventsScreen())


def palette_commands(app):
    """"Go to events" in the palette, from anywhere."""
    from textual.app import SystemCommand

    yield SystemCommand("Go to events", "Events: meetups, conferences … (key v on the Board)",
                        lambda: show_events(app))
