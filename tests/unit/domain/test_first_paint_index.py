"""The Contacts list's first paint on a large store reads no interaction: the index without
the answers each contact gave (when each person's latest date is kept), then the whole one;
a small store is read at once, as before."""

from __future__ import annotations

from netplan.domain import index_changes
from netplan.domain.contacts import SORTS, ContactIndex
from netplan.domain.index_changes import contact_index, reading_is_long
from netplan.domain.last_met import last_met
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction


def _seed(path) -> None:
    store = open_store(path)
    store.save_many([Contact(id="ada", name="Ada", cadence_days=14), Contact(id="bo", name="Bo")])
    store.save(Interaction(id="chat", date="2026-11-20", kind="coffee", contacts=("ada",),
                           questions=({"question": "q1", "answer": "grew tomatoes"},)))
    last_met(store)  # kept, as a session keeps it
    store.close()


def test_a_large_store_paints_without_the_answers_then_reads_them(store_path, monkeypatch):
    _seed(store_path)
    monkeypatch.setattr(index_changes, "READ_AT_ONCE", -1)  # every store counts as large
    store = open_store(store_path)
    assert reading_is_long(store)
    first = contact_index(store, at_once=True)
    assert "interactions" not in store._storage.parsed_tables
    assert not first.complete and first.matching_ids("tomatoes") == []
    assert first.by_id["ada"].last.isoformat() == "2026-11-20"  # the kept latest date
    whole = contact_index(store)  # the worker's
    assert whole.complete and whole.matching_ids("tomatoes") == ["ada"]
    assert contact_index(store, at_once=True) is whole
    store.save(Contact(id="cy", name="Cy"))  # a change then changes the whole one
    after = contact_index(store, at_once=True)
    assert after.complete and "cy" in after.by_id and after.matching_ids("tomatoes") == ["ada"]


def test_a_small_store_is_read_whole_at_once(store_path):
    _seed(store_path)
    store = open_store(store_path)
    assert not reading_is_long(store)
    index = contact_index(store, at_once=True)
    assert index.complete and index.matching_ids("tomatoes") == ["ada"]


def test_the_whole_index_made_from_the_first_paints_is_the_one_built_whole(store_path,
                                                                           monkeypatch):
    _seed(store_path)
    many = open_store(store_path)
    many.save_many([Contact(id=f"c{n}", name=f"Person {n}", company="Acme", cadence_days=n + 1)
                    for n in range(30)])
    many.save(Interaction(date="2026-11-01", kind="call", contacts=("c3", "bo"),
                          questions=({"question": "q2", "answer": "likes rust"},)))
    monkeypatch.setattr(index_changes, "READ_AT_ONCE", -1)
    store = open_store(store_path)
    contact_index(store, at_once=True)
    whole = contact_index(store)
    built = ContactIndex.from_store(open_store(store_path))
    assert {k: (r.contact, r.next_follow_up, r.last, r.overdue, r.haystack)
            for k, r in whole.by_id.items()} == {
        k: (r.contact, r.next_follow_up, r.last, r.overdue, r.haystack)
        for k, r in built.by_id.items()}
    for sort in SORTS:
        assert whole.matching_ids("", sort) == built.matching_ids("", sort)
    assert whole.matching_ids("rust") == ["bo", "c3"]
