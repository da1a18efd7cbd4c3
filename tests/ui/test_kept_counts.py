"""The board's weekly counts kept beside the store (<store>.cache) for the next start."""

from __future__ import annotations

import stat

import orjson
import pytest

from netplan.domain.metrics import Records, count_all_weeks, store_counts
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction

from ..conftest import TODAY

W48 = "2026-W48"


def _fill(store) -> None:
    # Three people reached (outreach counts people): Ada, Bo and Cy, one coffee each.
    people = [Contact(name=name) for name in ("Ada", "Bo", "Cy")]
    store.save_many([*people, *(Interaction(date=TODAY.isoformat(), kind="coffee", outreach=True,
                                            contacts=(c.id,)) for c in people)])


def test_a_second_process_takes_the_counts_without_parsing_interactions(store, store_path):
    _fill(store)
    first = store_counts(store)
    cache = store_path.with_name(store_path.name + ".cache")
    assert cache.exists() and stat.S_IMODE(cache.stat().st_mode) == 0o600
    again = open_store(store_path)
    kept = store_counts(again)
    assert kept.week(W48) == first.week(W48) and kept.count(W48, "outreach") == 3
    assert "interactions" not in again._storage.parsed_tables  # never parsed: not counted


def test_a_change_elsewhere_makes_the_kept_counts_stale(store, store_path):
    _fill(store)
    store_counts(store)
    open_store(store_path).save(Interaction(date=TODAY.isoformat(), kind="dm", outreach=True))
    again = open_store(store_path)
    assert store_counts(again).count(W48, "outreach") == 4  # recounted, not the kept 3
    assert store_counts(again).week(W48) == count_all_weeks(Records.from_store(again)).week(W48)


def test_counts_from_documents_equal_counts_from_records(store, store_path):
    # odd documents, as a hand edit leaves them, are read as from_dict reads them
    _fill(store)
    raw = orjson.loads(store_path.read_bytes())
    raw["interactions"]["odd1"] = {"id": "odd1", "kind": "help", "contacts": "solo",
                                    "date": TODAY.isoformat(), "outreach": 1}
    raw["interactions"]["odd2"] = {"id": "odd2", "kind": "call"}  # no date: today, as a record
    raw["contacts"]["c2"] = {"id": "c2", "name": "No created date"}
    store_path.write_bytes(orjson.dumps(raw))
    again = open_store(store_path)
    assert store_counts(again).by_week == count_all_weeks(Records.from_store(again)).by_week


def test_a_damaged_or_foreign_cache_file_is_ignored(store, store_path):
    _fill(store)
    cache = store_path.with_name(store_path.name + ".cache")
    stamp = list(open_store(store_path)._storage._stamp())
    name = b'["metrics.weekly_counts.forward",'
    for junk in (b"not json", b"[]", b"\t\t\n", name + b"[1,2,3]]\t{}\n",
                 name + orjson.dumps(stamp) + b']\t{"weeks":{"2026-W48":"x"}}\n',
                 name + orjson.dumps(stamp) + b']\t{"weeks":[],"recent":null}\n',
                 name + orjson.dumps(stamp) + b']\t{"weeks":\n'):
        cache.write_bytes(junk)
        assert store_counts(open_store(store_path)).count(W48, "outreach") == 3


def test_a_read_only_session_keeps_nothing(store, store_path):
    _fill(store)
    cache = store_path.with_name(store_path.name + ".cache")
    cache.unlink(missing_ok=True)
    assert store_counts(open_store(store_path, readonly=True)).count(W48, "outreach") == 3
    assert not cache.exists()




@pytest.mark.parametrize("ending", ["q", "exit"])
async def test_ending_keeps_the_counts_of_changes_made_away_from_the_board(store, store_path,
                                                                          ending):
    """Quitting with q, or a session ended another way (the app told to exit), keeps the
    figures it derived: the next start and cron read them, not every interaction and
    contact (the follow-up list too, and cron's `due` reads neither table)."""
    from netplan.domain.due_dates import follow_ups
    from netplan.store.database import open_for_reading

    from ..conftest import make_app

    _fill(store)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # on Contacts: the board does not recount what is logged here
        await pilot.pause()
        app.store.save(Interaction(date=TODAY.isoformat(), kind="dm", outreach=True))
        app.store.save(Contact(name="Dee", next_follow_up=TODAY.isoformat()))
        await pilot.pause()
        if ending == "q":
            await pilot.press("q")
        else:
            app.exit()
    again = open_store(store_path)
    assert store_counts(again).count(W48, "outreach") == 4
    assert "interactions" not in again._storage.parsed_tables  # kept, not counted again
    cron = open_for_reading(store_path)
    assert "Dee" in [row[0] for row in follow_ups(cron)["rows"].values()]
    assert cron._storage.parsed_tables <= {"meta"}  # neither contacts nor interactions
