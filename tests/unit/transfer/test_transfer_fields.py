"""Phones through vCard TEL, timed events through iCalendar (read back with the icalendar
library), and phones, event times and tag cadences through the YAML/JSON round trip."""

from __future__ import annotations

import datetime as dt

import icalendar

from netplan.store.database import open_store
from netplan.store.records import Contact, Event, Interaction, TagCadence
from netplan.transfer.exports import export_vcards, render
from netplan.transfer.ical import calendar_text
from netplan.transfer.import_plan import apply_import
from netplan.transfer.vcard import parse_path, parse_text
from netplan.transfer.yamljson import dump_yaml, export_data
from netplan.transfer.yamljson import parse_text as parse_yaml

PHONES = ({"type": "mobile", "number": "+44 7700 900123"},
          {"type": "work", "number": "+44 20 7946 0000"},
          {"type": "home", "number": "030 1234; 5"},  # a ; that vCard must escape
          {"type": "other", "number": "555 0100"})


def test_phones_round_trip_through_vcard(store, tmp_path):
    ada = store.save(Contact(name="Ada Lovelace", phones=PHONES))
    export_vcards(store, tmp_path / "cards")
    text = (tmp_path / "cards" / f"{ada.id}.vcf").read_bytes().decode()
    assert "TEL;TYPE=CELL:+44 7700 900123\r\n" in text
    assert "TEL;TYPE=WORK,VOICE:+44 20 7946 0000\r\n" in text
    assert "TEL;TYPE=HOME,VOICE:030 1234\\; 5\r\n" in text
    other = open_store(tmp_path / "other" / "netplan.json")
    result = apply_import(other, parse_path(tmp_path / "cards"))
    assert result.counts()["created"] == 1
    back = other.get(Contact, ada.id)
    assert back.phones == PHONES
    assert "vcard_extra" not in back.extra  # no TEL kept twice


def test_vcard_tel_types_from_the_wild(store):
    cards = parse_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Phone\r\nTEL;CELL;PREF:0170 1\r\n"
        "TEL;WORK;FAX:0170 2\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:New Phone\r\n"
        "TEL;VALUE=uri;TYPE=\"voice,home\":tel:+1-555-555-0101\r\nTEL:\r\nEND:VCARD\r\n")
    old, new = (p.contact for p in cards.people)
    assert old.phones == ({"type": "mobile", "number": "0170 1"},)
    assert "TEL;WORK;FAX:0170 2" in old.extra["vcard"]["lines"]  # a fax stays as it was
    assert new.phones == ({"type": "home", "number": "+1-555-555-0101"},)


def test_a_timed_event_is_a_timed_vevent_and_an_untimed_one_all_day():
    events = [Event(id="t", name="Talk night", date="2026-12-03", start_time="18:30",
                    duration_minutes=150),
              Event(id="n", name="No length", date="2026-12-04", start_time="09:00"),
              Event(id="a", name="All day", date="2026-12-05", duration_minutes=30),
              Event(id="bad", name="Hand edited", date="2026-12-06", start_time="7pm")]
    text = calendar_text([], [], events, now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    cal = icalendar.Calendar.from_ical(text)
    got = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    timed = got["event-t"]
    assert timed["DTSTART"].dt == dt.datetime(2026, 12, 3, 18, 30)  # floating local time
    assert timed["DTEND"].dt == dt.datetime(2026, 12, 3, 21, 0)
    assert timed["DTSTART"].dt.tzinfo is None
    assert got["event-n"]["DTEND"].dt - got["event-n"]["DTSTART"].dt == dt.timedelta(hours=1)
    assert got["event-a"]["DTSTART"].dt == dt.date(2026, 12, 5)  # all day
    assert got["event-a"]["DTEND"].dt == dt.date(2026, 12, 6)
    assert got["event-bad"]["DTSTART"].dt == dt.date(2026, 12, 6)  # unreadable: all day


def test_a_timed_event_crossing_midnight_ends_the_next_day():
    text = calendar_text([], [], [Event(id="x", name="Hack", date="2026-12-31",
                                        start_time="22:00", duration_minutes=180)])
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event["DTEND"].dt == dt.datetime(2027, 1, 1, 1, 0)


def test_phones_times_and_cadences_round_trip_through_yaml(store, tmp_path):
    store.save_many([
        Contact(name="Ada", phones=PHONES, tags=("close",)),
        Event(name="PyCon", date="2026-12-01", start_time="18:30", duration_minutes=90),
        TagCadence(tag="close", cadence_days=90),
    ])
    first = export_data(store)
    assert first["cadences"] == [{"id": store.all(TagCadence)[0].id, "tag": "close",
                                  "cadence_days": 90}]
    other = open_store(tmp_path / "other" / "netplan.json")
    result = apply_import(other, parse_yaml(dump_yaml(first)))
    assert result.counts()["created"] == 3
    assert export_data(other) == first


def test_the_ics_export_counts_tag_cadences(store):
    ada = store.save(Contact(name="Ada", tags=("close",)))
    store.save(Interaction(date="2026-09-01", kind="coffee", contacts=(ada.id,)))
    assert "BEGIN:VTODO" not in render(store, "ics")[0]
    store.save(TagCadence(tag="close", cadence_days=90))
    text = render(store, "ics")[0]
    (todo,) = icalendar.Calendar.from_ical(text).walk("VTODO")
    assert todo["DUE"].dt == dt.date(2026, 11, 30)
