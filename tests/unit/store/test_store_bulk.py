"""save_many in one write, and caches kept up to date in place by save and delete."""

from __future__ import annotations

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction


def test_save_many_is_one_durable_write(store, store_path):
    before = store._storage.writes
    people = [Contact(name=f"P{i}") for i in range(500)]
    store.save_many(people)
    assert store._storage.writes == before + 1
    again = open_store(store_path)
    assert {c.name for c in again.all(Contact)} == {f"P{i}" for i in range(500)}


def test_save_many_replaces_by_id(store, store_path):
    ada = Contact(name="Ada")
    store.save(ada)
    store.save_many([ada.replace(name="Ada L."), Contact(name="Grace")])
    names = sorted(c.name for c in open_store(store_path).all(Contact))
    assert names == ["Ada L.", "Grace"]


def test_cache_follows_saves_and_deletes_without_a_reload(store):
    ada, grace = Contact(name="Ada"), Contact(name="Grace")
    store.save_many([ada, grace])
    assert len(store.all(Contact)) == 2 and store.get(Contact, ada.id) == ada
    reloads = store._storage.reloads
    store.save(ada.replace(company="Analytical"))
    store.save(Contact(name="Linus"))
    assert [c.name for c in store.all(Contact)] == ["Ada", "Grace", "Linus"]
    assert store.get(Contact, ada.id).company == "Analytical"
    assert store.delete(Contact, grace.id)
    assert not store.delete(Contact, grace.id)
    assert [c.name for c in store.all(Contact)] == ["Ada", "Linus"]
    assert store.get(Contact, grace.id) is None
    assert store._storage.reloads == reloads  # all in memory: no re-parse of the file


def test_cached_record_is_what_a_fresh_read_gives(store, store_path):
    store.all(Interaction)
    odd = Interaction(contacts=["x"], questions=[{"question": "q", "answer": "a"}])  # lists
    store.save(odd)
    cached = store.get(Interaction, odd.id)
    fresh = open_store(store_path).get(Interaction, odd.id)
    assert cached == fresh and isinstance(cached.contacts, tuple)


def test_a_failed_write_leaves_no_trace_in_the_cache(store, store_path, monkeypatch):
    store.save(Contact(name="Ada"))
    store.all(Contact)

    def broken(payload):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store._storage, "_write_file", broken)
    try:
        store.save(Contact(name="Ghost"))
    except Exception as exc:  # StoreWriteError
        assert "could not save" in str(exc)
    monkeypatch.undo()
    assert [c.name for c in store.all(Contact)] == ["Ada"]


def test_another_process_write_replaces_the_cache(store, store_path):
    store.save(Contact(name="Ada"))
    assert len(store.all(Contact)) == 1
    other = open_store(store_path)
    other.save(Contact(name="Grace"))
    assert sorted(c.name for c in store.all(Contact)) == ["Ada", "Grace"]


def test_an_import_into_a_listed_table_keeps_its_order_and_replaces_in_place(store, store_path):
    """save_many of more records than SCANS_BEFORE_PLACES into a table already listed: the
    list keeps every record where it was, the new ones after, as a fresh read has them."""
    from netplan.store.record_cache import SCANS_BEFORE_PLACES

    first = [Contact(name=f"P{i}") for i in range(60)]
    store.save_many(first)
    assert len(store.all(Contact)) == 60
    changed = [c.replace(company="Acme") for c in first[::2]]
    new = [Contact(name=f"N{i}") for i in range(SCANS_BEFORE_PLACES + 5)]
    store.save_many(changed + new)
    listed = store.all(Contact)
    assert [c.name for c in listed] == [c.name for c in first] + [c.name for c in new]
    assert [c.company for c in listed[:4]] == ["Acme", "", "Acme", ""]
    assert listed == open_store(store_path).all(Contact)
    assert store.get(Contact, new[-1].id) == new[-1]
