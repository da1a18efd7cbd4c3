"""`<store>.cache`: a list of the figures at its head, then their values; a process reads
the list and the figures it asks for, and never takes bytes of a file replaced since."""

from __future__ import annotations

import time

from netplan.store.figure_cache import KeptFigures

STAMP = (1, 2, 3)


def _cache(tmp_path) -> KeptFigures:
    return KeptFigures(tmp_path / "netplan.json")


def test_each_figure_reads_back_and_only_the_one_asked_for_is_read(tmp_path):
    writer = _cache(tmp_path)
    writer.put(STAMP, "counts", {"2026-W48": [1, 2]})
    writer.put(STAMP, "due", {"rows": {"a": ["Ada", "", None, 14]}})
    writer.put((9, 9, 9), "review", ["x" * 100_000])
    reader = _cache(tmp_path)
    assert reader.get(STAMP, "due") == {"rows": {"a": ["Ada", "", None, 14]}}
    assert reader.get(STAMP, "review") is None  # kept for another state of the store
    assert reader.latest("review") == ([9, 9, 9], ["x" * 100_000])
    assert isinstance(reader._figures["counts"][1], tuple)  # listed, never read
    assert reader.get(STAMP, "counts") == {"2026-W48": [1, 2]}


def test_a_figure_kept_again_keeps_the_others(tmp_path):
    first = _cache(tmp_path)
    first.put(STAMP, "counts", [1])
    first.put(STAMP, "due", [2])
    second = _cache(tmp_path)
    second.put(STAMP, "due", [3])  # the counts it never read are copied as they were
    second.put(STAMP, "review", [4])
    again = _cache(tmp_path)
    assert [again.get(STAMP, n) for n in ("counts", "due", "review")] == [[1], [3], [4]]


def test_a_file_replaced_after_its_list_was_read_gives_nothing_rather_than_its_bytes(tmp_path):
    _cache(tmp_path).put(STAMP, "counts", [1, 2, 3])
    reader = _cache(tmp_path)
    assert reader.latest("missing") is None  # the list is read now
    other = _cache(tmp_path)
    other.put(STAMP, "due", ["a longer value, so every offset moves"])
    other.put(STAMP, "counts", [7])
    assert reader.get(STAMP, "counts") is None  # derived again, not read at old offsets
    reader.forget()
    assert reader.get(STAMP, "counts") == [7]


def test_an_older_layout_or_a_damaged_file_is_derived_again_and_replaced(tmp_path):
    cache = _cache(tmp_path)
    cache.path.write_bytes(b'["counts",[1,2,3]]\t[1]\n')  # one figure a line, as before
    assert cache.get(STAMP, "counts") is None
    cache.put(STAMP, "counts", [5])
    assert _cache(tmp_path).get(STAMP, "counts") == [5]
    data = cache.path.read_bytes()
    cache.path.write_bytes(data[:-3])  # cut short inside the value
    assert _cache(tmp_path).get(STAMP, "counts") is None
    cache.path.write_bytes(b'{"figures": [["counts", [1,2,3], 5, -1]]}\n')
    assert _cache(tmp_path).get(STAMP, "counts") is None


def test_a_list_that_points_past_the_file_or_never_ends_is_not_read(tmp_path):
    cache = _cache(tmp_path)
    cache.path.write_bytes(b'{"figures":[["counts",[1,2,3],0,1099511627776]]}\n[1]\n')
    assert _cache(tmp_path).get(STAMP, "counts") is None  # (not a terabyte read)
    cache.path.write_bytes(b'{"figures":[' + b" " * (3 << 20))  # no end to the list
    started = time.monotonic()
    assert _cache(tmp_path).get(STAMP, "counts") is None
    assert time.monotonic() - started < 1


def test_only_netplans_own_leftovers_are_removed(store_path):
    """A crashed writer's temp file is removed; one that is not a regular file of this
    user's (a link planted there) is left alone."""
    from netplan.store.database import open_store

    store = open_store(store_path)
    mine = store_path.with_name(f".{store_path.name}.cache.tmp-1")
    mine.write_bytes(b"half")
    planted = store_path.with_name(f".{store_path.name}.cache.tmp-2")
    target = store_path.with_name("elsewhere")
    target.write_text("keep me")
    planted.symlink_to(target)
    removed = store._storage.remove_leftovers()
    assert removed == [mine] and not mine.exists()
    assert planted.is_symlink() and target.read_text() == "keep me"


def test_a_figure_is_at_hand_once_derived_or_kept_and_not_read_to_say_so(store_path):
    """figure_at_hand: derived in this process, or kept beside the store by another
    (whatever its state then), without reading the figure; not after the cache is gone."""
    from netplan.store.database import open_store
    from netplan.store.records import Contact

    store = open_store(store_path)
    store.save(Contact(id="ada", name="Ada"))
    assert not store.figure_at_hand("names")
    store.derived("names", (Contact,), lambda: [c.name for c in store.all(Contact)],
                  keep=(list, list))
    assert store.figure_at_hand("names")
    store.close()
    later = open_store(store_path)
    assert later.figure_at_hand("names") and not later.figure_at_hand("other")
    assert isinstance(later._storage.kept_figures._figures["names"][1], tuple)  # not read
    store_path.with_name(store_path.name + ".cache").unlink()
    assert not open_store(store_path).figure_at_hand("names")
