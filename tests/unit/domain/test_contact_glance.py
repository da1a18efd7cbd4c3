"""The Contacts list at a glance (a first paint with many contacts): the same order and the
same rows as the whole index, each row built only when drawn, and nothing claimed that
is not known yet."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.domain import contact_glance, index_changes
from netplan.domain.contact_glance import ContactGlance, name_order
from netplan.domain.contacts import ContactIndex, introductions
from netplan.domain.index_changes import contact_index
from netplan.domain.last_met import last_met
from netplan.store import table_reads
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, TagCadence

NAMES = st.sampled_from(["Ada", "ada", "ADA", "Ada Lovelace", "Åsa", "Zoë", "", "bo", "Bo",
                         "ada lovelace", "Ada  Lovelace", "straße", "STRASSE", "李"])
COMPANIES = st.sampled_from(["", "Acme", "acme", "Initech", "Ünicorn"])


def _people():
    return st.lists(st.tuples(NAMES, COMPANIES), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=_people())
def test_the_glance_lists_everyone_in_the_whole_index_order(tmp_path_factory, people):
    """Names that differ only in case, twins at one company, empty names, letters that
    casefold to two: the glance's order is the whole index's, name by name."""
    store = open_store(tmp_path_factory.mktemp("g") / "netplan.json")
    store.save_many([Contact(id=f"c{n}", name=name, company=company)
                     for n, (name, company) in enumerate(people)])
    assert name_order(store) == ContactIndex.from_store(store).matching_ids("", "name")


def _store_with_cadences(path):
    store = open_store(path)
    store.save_many([
        Contact(id="ada", name="Ada", cadence_days=14),           # due from her last coffee
        Contact(id="bo", name="Bo", next_follow_up="2026-11-01"),  # explicit, overdue
        Contact(id="cy", name="Cy", tags=("mentor",)),             # a tag's cadence
        Contact(id="di", name="Di"),                               # never due
        Contact(id="ed", name="Ed", cadence_days=30),             # a cadence, never met
    ])
    store.save(TagCadence(tag="mentor", cadence_days=7))
    store.save_many([
        Interaction(id="i1", date="2026-10-01", kind="coffee", contacts=("ada", "cy")),
        Interaction(id="i2", date="2026-11-20", kind="call", contacts=("cy",)),
    ])
    return store


def _shown(row):
    return (row.contact, row.next_follow_up, row.last, row.overdue)


def test_a_glance_row_is_the_whole_index_row_when_the_latest_dates_are_kept(store_path):
    store = _store_with_cadences(store_path)
    last_met(store)  # kept, as a session keeps it
    store.close()
    store = open_store(store_path)
    glance = ContactGlance.from_store(store)
    whole = ContactIndex.from_store(open_store(store_path))
    assert {cid: _shown(glance.by_id[cid]) for cid in glance.ids} == {
        cid: _shown(whole.by_id[cid]) for cid in whole.by_id}
    assert not any(glance.by_id[cid].pending for cid in glance.ids)
    assert glance.by_id["ada"].overdue and glance.by_id["bo"].overdue
    assert not glance.by_id["cy"].overdue  # 2026-11-20 + 7 days is after today


def test_without_the_latest_dates_a_row_due_by_cadence_is_not_known_yet(store_path):
    """Nothing is kept (a store's first session): no interaction is read for the glance,
    and a row whose follow-up counts from a latest date says it is not known, rather than
    none and not overdue."""
    _store_with_cadences(store_path).close()
    store = open_store(store_path)
    glance = ContactGlance.from_store(store)
    assert "interactions" not in store._storage.parsed_tables
    pending = {cid for cid in glance.ids if glance.by_id[cid].pending}
    assert pending == {"ada", "cy", "ed"}  # (ed never met: known only once read)
    assert glance.by_id["bo"].overdue and glance.by_id["bo"].next_follow_up.isoformat() == \
        "2026-11-01"
    assert glance.by_id["di"].next_follow_up is None and not glance.by_id["di"].pending
    assert glance.matching_ids("ada") is None  # a filter waits for everyone to be read
    assert glance.matching_ids("", "last") == glance.ids  # (the same people, meanwhile)
    assert glance.count_overdue(glance.ids) is None and glance.count == 5


def test_a_glance_builds_only_the_rows_asked_for(store_path, monkeypatch):
    """With many contacts the records are not built for the glance, nor for each row it
    draws: get() builds the one asked for."""
    store = open_store(store_path)
    store.save_many([Contact(id=f"c{n:03}", name=f"Person {n:03}", company="Acme",
                             introduced_by="c000" if n % 50 == 1 else None)
                     for n in range(200)])
    store.close()
    monkeypatch.setattr(table_reads, "GET_ALONE", 10)
    monkeypatch.setattr(contact_glance, "GLANCE_FROM", 10)
    monkeypatch.setattr(index_changes, "READ_AT_ONCE", -1)
    store = open_store(store_path)
    glance = contact_index(store, at_once=True)
    assert isinstance(glance, ContactGlance)
    assert glance.ids[:3] == ["c000", "c001", "c002"] and glance.count == 200
    assert glance.by_id["c150"].contact.name == "Person 150"
    assert [c.id for c in introductions(store, "c000")] == ["c001", "c051", "c101", "c151"]
    assert store.get(Contact, "nobody") is None and "nobody" not in glance.by_id
    assert not store._cache.holds(Contact.TABLE)  # no record but those asked for
    whole = contact_index(store)  # the worker's
    assert whole.complete and whole.matching_ids("15") == [
        "c015", "c115", *(f"c{n}" for n in range(150, 160))]
    assert contact_index(store, at_once=True) is whole  # the glance is done with


def test_get_alone_gives_the_record_all_gives(store_path, monkeypatch):
    """A record built alone is the one built with its table: hand-edited values repaired
    alike, and a copied id kept as a record of its own."""
    store = open_store(store_path)
    store.save_many([Contact(id=f"c{n}", name=f"P{n}") for n in range(20)])
    store.close()
    import json

    raw = json.loads(store_path.read_text())
    first = next(iter(raw["contacts"]))
    raw["contacts"][first]["tags"] = "not a list"
    raw["contacts"]["999"] = {**raw["contacts"][first], "name": "Copy"}  # the same id twice
    store_path.write_text(json.dumps(raw))
    monkeypatch.setattr(table_reads, "GET_ALONE", 5)
    alone, whole = open_store(store_path), open_store(store_path)
    everyone = whole.all(Contact)
    assert len(everyone) == 21
    for record in everyone:
        assert alone.get(Contact, record.id) == record
    assert not alone._cache.holds(Contact.TABLE)
    assert alone.warnings() and set(alone.warnings()) <= set(whole.warnings())
