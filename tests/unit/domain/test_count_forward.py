"""The board's kept weekly counts brought forward by another process's changes: always equal
to counting again, and brought forward (not counted) in the everyday case."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from netplan.domain.metrics import Records, count_all_weeks, store_counts
from netplan.store.database import open_store
from netplan.store.records import Contact, Event, Interaction, Referral

from ...conftest import TODAY
from ...helpers.change_batches import BATCH_SETTINGS, batches_of, each_batch_written

PEOPLE = [f"p{n}" for n in range(5)]


def _seed(path) -> None:
    store = open_store(path)
    store.save_many([Contact(id=p, name=p.upper(), created=(TODAY - dt.timedelta(days=60))
                             .isoformat()) for p in PEOPLE])
    store.save_many([Interaction(id=f"old{n}", date=(TODAY - dt.timedelta(days=7 * n)).isoformat(),
                                 kind="coffee", contacts=(PEOPLE[n % 5],), outreach=n % 2 == 0)
                     for n in range(12)])


def _counted(path):
    """A new process's counts (forwarded or not), and the counts made from scratch."""
    fresh = open_store(path)
    counts = store_counts(fresh)
    return fresh, counts, count_all_weeks(Records.from_store(open_store(path)))


def test_logging_today_with_someone_met_before_is_brought_forward(store_path):
    _seed(store_path)
    tui = open_store(store_path)
    store_counts(tui)  # counted and kept beside the store, as the TUI does
    cron = open_store(store_path)  # `netplan log p1 --kind email --outreach`
    cron.save(Interaction(date=TODAY.isoformat(), kind="email", outreach=True, contacts=("p1",)))
    fresh, counts, truth = _counted(store_path)
    assert fresh.forwarded == 1
    assert "interactions" not in fresh._storage.parsed_tables  # nothing was counted again
    assert counts.by_week == truth.by_week
    week = "2026-W48"
    assert counts.count(week, "outreach") == truth.count(week, "outreach") >= 1
    assert counts.count(week, "follow_ups") == truth.count(week, "follow_ups") >= 1


def test_a_change_that_moves_someone_first_day_is_counted_again(store_path):
    _seed(store_path)
    store_counts(open_store(store_path))
    # p4's first coffee was 4 weeks ago; one logged a year ago changes older weeks.
    open_store(store_path).save(Interaction(date=(TODAY - dt.timedelta(days=365)).isoformat(),
                                            kind="call", contacts=("p4",)))
    fresh, counts, truth = _counted(store_path)
    assert fresh.forwarded == 0
    assert counts.by_week == truth.by_week


# Days around the recent weeks' edge (8 weeks back) as often as inside them.
def test_an_outreach_in_an_older_week_is_counted_again(store_path):
    _seed(store_path)  # an outreach to p0 ten weeks ago
    store_counts(open_store(store_path))
    open_store(store_path).save(Interaction(date=(TODAY - dt.timedelta(days=70)).isoformat(),
                                            kind="dm", outreach=True, contacts=("p3",)))
    fresh, counts, truth = _counted(store_path)
    assert fresh.forwarded == 0
    assert counts.by_week == truth.by_week


_day = st.one_of(st.integers(-80, -50), st.integers(-14, 10)).map(
    lambda d: (TODAY + dt.timedelta(days=d)).isoformat())
_change = st.one_of(
    st.tuples(st.just("log"), _day, st.sampled_from(["coffee", "email", "help", "thanks", "dm"]),
              st.lists(st.sampled_from(PEOPLE + ["new1", "new2"]), max_size=3),
              st.booleans(), st.booleans()),
    st.tuples(st.just("edit"), st.integers(0, 11), _day, st.sampled_from(["coffee", "dm"])),
    st.tuples(st.just("delete"), st.integers(0, 11)),
    st.tuples(st.just("contact"), _day),
    st.tuples(st.just("event"), _day, st.sampled_from(["attended", "planned"])),
    st.tuples(st.just("referral"), _day),
)


def _apply(store, change) -> None:
    what = change[0]
    if what == "log":
        _, day, kind, people, outreach, planned = change
        store.save(Interaction(date=day, kind=kind, contacts=tuple(people), outreach=outreach,
                               planned=planned))
    elif what == "edit":
        found = store.get(Interaction, f"old{change[1]}")
        if found is not None:
            store.save(found.replace(date=change[2], kind=change[3]))
    elif what == "delete":
        store.delete(Interaction, f"old{change[1]}")
    elif what == "contact":
        store.save(Contact(name="Someone", created=change[1]))
    elif what == "event":
        store.save(Event(name="Meetup", date=change[1], status=change[2]))
    else:
        store.save(Referral(contact="p0", company="Acme", role="Engineer", asked_on=change[1]))


@BATCH_SETTINGS
@given(batches=batches_of(_change))
def test_brought_forward_or_not_the_counts_equal_counting_again(tmp_path_factory, batches):
    from netplan.domain.followups import last_interactions
    from netplan.domain.last_met import last_met

    path = tmp_path_factory.mktemp("forward") / "netplan.json"
    _seed(path)
    store_counts(open_store(path))
    last_met(open_store(path))
    for _ in each_batch_written(path, batches, _apply):
        _, counts, truth = _counted(path)
        assert {w: dict(c) for w, c in counts.by_week.items() if c} == \
            {w: dict(c) for w, c in truth.by_week.items() if c}
        assert last_met(open_store(path)) == last_interactions(open_store(path).all(Interaction))


def test_due_from_cron_reads_no_interaction_after_the_tui_kept_the_dates(store_path):
    """`netplan due` takes each contact's latest date as the TUI kept it, brought forward
    by what `netplan log` changed since: it never parses the interactions."""
    from netplan.domain.followups import due_within, tag_cadences
    from netplan.domain.last_met import last_met
    from netplan.store.database import open_for_reading
    from netplan.store.records import TagCadence

    _seed(store_path)
    last_met(open_store(store_path))  # the TUI keeps them
    open_store(store_path).save(Interaction(date=TODAY.isoformat(), kind="call",
                                            contacts=("p2",)))
    cron = open_for_reading(store_path)
    last = last_met(cron)
    assert "interactions" not in cron._storage.parsed_tables
    assert cron.forwarded == 1
    assert last["p2"] == TODAY
    everyone = open_store(store_path)
    expected = due_within(everyone.all(Contact), everyone.all(Interaction), 30,
                          by_tag=tag_cadences(everyone.all(TagCadence)))
    assert due_within(cron.all(Contact), (), 30, by_tag=tag_cadences(cron.all(TagCadence)),
                      last=last) == expected
    # Deleting someone's latest interaction cannot be followed: read again, still right.
    latest = next(i for i in everyone.all(Interaction) if i.contacts == ("p2",)
                  and i.date == TODAY.isoformat())
    everyone.delete(Interaction, latest.id)
    again = open_for_reading(store_path)
    assert last_met(again)["p2"] < TODAY and again.forwarded == 0


def _counts_kept_then_one_logged(path, *, same_process: bool):
    """Counts kept for the file, then one interaction logged (by the same process or
    another); the counts held in memory are changed by it, the kept ones are not."""
    tui = open_store(path)
    store_counts(tui)  # kept under the file's signature: it has no journal of its own
    writer = tui if same_process else open_store(path)
    writer.save(Interaction(date=TODAY.isoformat(), kind="email", outreach=True,
                            contacts=("p1",)))
    return tui


def test_counts_kept_before_the_file_had_a_journal_are_brought_forward(store_path):
    """A store synced in from elsewhere (no journal): the first save starts one, and the
    counts kept for the file are brought forward by it, here and in the next process,
    rather than counted again over every interaction."""
    _seed(store_path)
    journal = store_path.with_name(store_path.name + ".journal")
    raw = store_path.read_bytes()
    journal.unlink()
    store_path.write_bytes(raw)
    for same_process in (True, False):
        tui = _counts_kept_then_one_logged(store_path, same_process=same_process)
        counts = store_counts(tui)
        fresh, fresh_counts, truth = _counted(store_path)
        assert fresh.forwarded == 1  # the figure kept for the file, brought forward
        assert counts.by_week == fresh_counts.by_week == truth.by_week
        assert "interactions" not in fresh._storage.parsed_tables


def test_counts_kept_beside_a_stale_journal_are_brought_forward_past_the_checkpoint(tmp_path):
    """A store copied elsewhere (its journal no longer fits the file): the first save
    rewrites the file, and the counts kept for the file as read are brought forward by
    the journal that checkpoint leaves."""
    import shutil

    _seed(tmp_path / "a" / "netplan.json")
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # (a new file: the journal is stale)
    path = tmp_path / "b" / "netplan.json"
    tui = _counts_kept_then_one_logged(path, same_process=True)
    counts = store_counts(tui)
    fresh, fresh_counts, truth = _counted(path)
    assert fresh.forwarded == 1
    assert counts.by_week == fresh_counts.by_week == truth.by_week
    assert "interactions" not in fresh._storage.parsed_tables


def test_a_logged_interaction_changes_the_counts_held_without_counting_again(store_path):
    """Logging counts the goals' progress inside the save: the counts held are changed by
    the save's changes (nothing kept is used inside a transaction), not counted again."""
    from netplan.domain import metrics

    _seed(store_path)
    store = open_store(store_path)
    store_counts(store)
    recounted = []
    original = metrics.count_store
    metrics.count_store = lambda s: recounted.append(1) or original(s)
    try:
        with store.transaction():
            store.save(Interaction(date=TODAY.isoformat(), kind="email", outreach=True,
                                   contacts=("p1",)))
            inside = store_counts(store)
        after = store_counts(store)
    finally:
        metrics.count_store = original
    assert recounted == []
    truth = count_all_weeks(Records.from_store(open_store(store_path)))
    assert inside.by_week == after.by_week == truth.by_week
