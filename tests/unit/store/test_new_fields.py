"""Schema 3: phones on contacts, a start time and length on events, the cadences table.
Old stores read fine, wrong values are repaired as read and named by the validator."""

from __future__ import annotations

import json

from netplan.store.database import open_store
from netplan.store.records import SCHEMA_VERSION, Contact, Event, TagCadence
from netplan.store.validate import check_data


def write_v2_store(path, contact: dict, event: dict) -> dict:
    old = {"meta": {"1": {"id": "meta", "schema": 2, "created": "2026-01-01T00:00:00"}},
           "contacts": {"1": contact}, "events": {"1": event}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(old))
    return old


def test_a_version_2_store_reads_with_the_new_defaults_and_migrates(store_path):
    old = write_v2_store(store_path, {"id": "c1", "name": "Ada", "emails": ["a@b.org"]},
                         {"id": "e1", "name": "PyCon", "date": "2026-12-01"})
    store = open_store(store_path)
    ada = store.get(Contact, "c1")
    assert ada.name == "Ada" and ada.phones == ()
    event = store.get(Event, "e1")
    assert (event.start_time, event.duration_minutes) == (None, None)
    assert store.all(TagCadence) == []
    data = json.loads(store_path.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION == 3
    assert data["cadences"] == {}
    kept = store_path.with_name("netplan.json.schema2.bak")
    assert json.loads(kept.read_text()) == old
    assert check_data(data) == []


def test_wrong_phone_values_are_repaired_as_read_and_named_by_check(store_path):
    write_v2_store(store_path, {"id": "c1", "name": "Ada", "phones": [
        {"type": "cell", "number": "+44 7700 900123"}, "+1 555 0100", {"type": "work"},
        {"type": "home", "number": 5550100}, None]},
        {"id": "e1", "name": "PyCon", "start_time": "7pm", "duration_minutes": "90"})
    store = open_store(store_path)
    assert store.get(Contact, "c1").phones == (
        {"type": "other", "number": "+44 7700 900123"}, {"type": "other", "number": "+1 555 0100"},
        {"type": "home", "number": "5550100"})
    assert store.get(Event, "e1").duration_minutes == 90
    problems = [str(p) for p in check_data(json.loads(store_path.read_text()))]
    assert any("contacts/c1: phones should be a list of {type, number}" in p for p in problems)
    assert any("events/e1: start_time is not a time of day like 18:30: '7pm'" in p
               for p in problems)
    assert any("events/e1: duration_minutes should be a whole number" in p for p in problems)
    assert any(w.startswith("contacts/c1: phones should be") for w in store.warnings())


def test_phones_and_times_written_by_netplan_pass_check(store, store_path):
    store.save(Contact(name="Ada", phones=({"type": "work", "number": "+44 20 7946 0000"},)))
    store.save(Event(name="PyCon", date="2026-12-01", start_time="18:30", duration_minutes=90))
    store.save(TagCadence(tag="close", cadence_days=90))
    again = open_store(store_path)
    assert again.all(Contact)[0].phones == ({"type": "work", "number": "+44 20 7946 0000"},)
    assert again.all(Event)[0].start_time == "18:30"
    assert check_data(json.loads(store_path.read_text())) == []
