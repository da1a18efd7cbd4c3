"""The Contacts index and the duplicates, changed by a change rather than built again: always
what building them again gives, and changed (not rebuilt) when `netplan log` runs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.domain import index_changes
from netplan.domain.contacts import SORTS, ContactIndex
from netplan.domain.duplicates import find_duplicates, store_duplicates
from netplan.store.database import open_store
from netplan.store.records import Company, Contact, Interaction

PEOPLE = [f"p{n}" for n in range(4)]


def _seed(store) -> None:
    store.save_many([Contact(id=p, name=f"Person {p}", cadence_days=14) for p in PEOPLE])
    store.save(Contact(id="twin", name="Person p0"))  # a possible duplicate of p0
    store.save(Interaction(id="first", date="2026-11-02", kind="coffee", contacts=("p0",)))


def _same(a: ContactIndex, b: ContactIndex) -> None:
    for sort in SORTS:
        assert a.matching_ids("", sort) == b.matching_ids("", sort)
    assert {k: (r.contact, r.next_follow_up, r.last, r.overdue, sorted(r.haystack.split("\n")))
            for k, r in a.by_id.items()} == \
        {k: (r.contact, r.next_follow_up, r.last, r.overdue, sorted(r.haystack.split("\n")))
         for k, r in b.by_id.items()}
    assert a.matching_ids("ripe") == b.matching_ids("ripe")


def test_logging_changes_the_index_and_keeps_the_duplicates(store, monkeypatch):
    _seed(store)
    before = index_changes.contact_index(store)
    pairs = store_duplicates(store)
    assert pairs
    built = []
    monkeypatch.setattr(ContactIndex, "from_store", classmethod(
        lambda cls, s: built.append(1) or ContactIndex(s.all(Contact), s.all(Interaction))))
    # what `netplan log p1` writes: an interaction, and the contact's stage moved on
    other = open_store(store.path)
    other.save(Interaction(date="2026-11-20", kind="call", contacts=("p1",),
                           questions=({"question": "q", "answer": "ripe mangoes"},)))
    other.save(other.get(Contact, "p1").replace(stage="talked"))
    store.refresh()
    after = index_changes.contact_index(store)
    assert built == [] and after is not before
    assert after.by_id["p1"].last.isoformat() == "2026-11-20"
    assert after.matching_ids("mangoes") == ["p1"]
    assert after.by_id["p1"].contact.stage == "talked"
    again = store_duplicates(store)
    assert [(p.first.id, p.second.id) for p in again] == [(p.first.id, p.second.id)
                                                          for p in pairs]


_ops = st.lists(st.one_of(
    st.tuples(st.just("log"), st.sampled_from(PEOPLE), st.integers(1, 28), st.booleans(),
              st.booleans()),
    st.tuples(st.just("stage"), st.sampled_from(PEOPLE + ["twin"])),
    st.tuples(st.just("rename"), st.sampled_from(PEOPLE + ["twin"])),
    st.tuples(st.just("add"), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.sampled_from(PEOPLE + ["twin"])),
    st.tuples(st.just("edit"),),
    st.tuples(st.just("company"),),
), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops, elsewhere=st.booleans())
def test_changed_or_built_again_the_index_is_the_same(tmp_path_factory, ops, elsewhere):
    path = tmp_path_factory.mktemp("index") / "netplan.json"
    store = open_store(path)
    _seed(store)
    index_changes.contact_index(store), store_duplicates(store)
    writer = open_store(path) if elsewhere else store
    for n, op in enumerate(ops):
        if op[0] == "log":
            _, who, day, planned, answered = op
            writer.save(Interaction(
                date=f"2026-11-{day:02d}", kind="coffee", contacts=(who,), planned=planned,
                questions=({"question": "q", "answer": f"ripe {n}"},) if answered else ()))
        elif op[0] in ("stage", "rename") and writer.get(Contact, op[1]) is not None:
            c = writer.get(Contact, op[1])
            writer.save(c.replace(stage="ally") if op[0] == "stage"
                        else c.replace(name=f"Renamed {n}"))
        elif op[0] == "add":
            writer.save(Contact(name=f"Person p{op[1]}"))
        elif op[0] == "delete":
            writer.delete(Contact, op[1])
        elif op[0] == "edit" and writer.get(Interaction, "first") is not None:
            writer.save(writer.get(Interaction, "first").replace(date="2026-11-10"))
        elif op[0] == "company":
            writer.save(Company(name="Acme"))
        store.refresh()
        _same(index_changes.contact_index(store), ContactIndex.from_store(store))
        assert [(p.first, p.second, p.reasons) for p in store_duplicates(store)] == \
            [(p.first, p.second, p.reasons)
             for p in find_duplicates(store.all(Contact), store.all(Company))]


def test_a_change_the_index_cannot_follow_builds_it_again(store):
    _seed(store)
    index = index_changes.contact_index(store)
    first = store.get(Interaction, "first")
    assert index_changes.updated(index, [("interactions", None, first)]) is None
