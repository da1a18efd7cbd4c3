"""The weekly review from its kept figure (the recent interactions and people): brought
forward by any change, it is what reading every record gives, and `netplan review` from cron
then reads neither the contacts nor the interactions."""

from __future__ import annotations

import datetime as dt

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.domain.due_dates import follow_ups
from netplan.domain.metrics import store_counts
from netplan.domain.review import build_review
from netplan.domain.review_reads import SLACK_WEEKS, figure, first_read, made, recent_for
from netplan.domain.review_report import to_json
from netplan.store.database import open_for_reading, open_store
from netplan.store.records import Contact, Interaction, Referral
from netplan.support.dates import iso_week

from ...conftest import TODAY
from ...helpers.change_batches import (
    BATCH_SETTINGS,
    batches_of,
    each_batch_written,
    interactions_changed,
)

PEOPLE = [f"p{n}" for n in range(5)]
WEEK = iso_week(TODAY)


def _day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def _seed(path) -> None:
    store = open_store(path)
    # p0 new this week, introduced by p1; p3 met long ago; p4 resting.
    store.save_many([
        Contact(id="p0", name="Ada", company="Acme", created=_day(1), introduced_by="p1"),
        Contact(id="p1", name="Bob", created=_day(400), cadence_days=14),
        Contact(id="p2", name="Cy", created=_day(200), next_follow_up=_day(-3)),
        Contact(id="p3", name="Dee", created=_day(300), met_on=_day(300)),
        Contact(id="p4", name="Eve", created=_day(3), stage="dormant")])
    store.save_many([Interaction(id=f"old{n}", date=_day(11 * n), kind="coffee",
                                 contacts=(PEOPLE[n % 5],)) for n in range(12)])
    store.save(Interaction(id="long-ago", date=_day(280), kind="call", contacts=("p3",)))
    store.save(Interaction(id="thanks-long-ago", date=_day(500), kind="thanks",
                           contacts=("p3",)))
    store.save(Referral(id="r1", contact="p3", company="Initech", status="agreed",
                        updated=_day(450)))


def _cached(path) -> None:
    """What the TUI does on the way (the board's counts, the follow-ups, the review)."""
    store = open_store(path)
    store_counts(store)
    follow_ups(store)
    build_review(store, WEEK)


def test_cron_reads_no_contact_and_no_interaction_after_the_tui_kept_the_review(store_path):
    _seed(store_path)
    _cached(store_path)
    open_store(store_path).save(Interaction(date=_day(0), kind="call", contacts=("p2",)))
    cron = open_for_reading(store_path)
    review = build_review(cron, WEEK)
    assert not {"contacts", "interactions"} & cron._storage.parsed_tables
    assert cron.forwarded >= 1
    store_path.with_name(store_path.name + ".cache").unlink()
    everything = open_for_reading(store_path)
    assert to_json(review) == to_json(build_review(everything, WEEK))
    assert {"contacts", "interactions"} <= everything._storage.parsed_tables
    assert review.names["p2"] == "Cy" and len(review.interactions) == 2
    # The coffee and the call of today; the introduction to Ada, owed to Bob; the referral
    # that moved, owed to Dee (the thank-you of 500 days ago came before it).
    assert sorted(a.title for a in review.thanks_owed) == [
        "Thank Ada for the coffee", "Thank Bob for the intro to Ada", "Thank Cy for the call",
        "Thank Dee for the referral (Initech)"]


def test_a_week_before_the_kept_figure_is_read_from_the_store(store_path):
    _seed(store_path)
    _cached(store_path)
    store = open_store(store_path)
    kept = recent_for(store, WEEK, TODAY)
    long_ago = iso_week(TODAY - dt.timedelta(days=280))
    older = recent_for(store, long_ago, TODAY)
    assert older.since == first_read(long_ago, TODAY) < kept.since
    read_more = [d for d in older.documents if d not in list(kept.documents)]
    assert "long-ago" in {orjson.loads(d)["id"] for d in read_more}
    assert all(orjson.loads(d)["date"] < kept.since for d in read_more)
    assert [i.id for i in build_review(store, long_ago).interactions] == ["long-ago"]
    # The figure kept is still the one for the current weeks, and reaches four weeks back.
    cron = open_for_reading(store_path)
    assert figure(cron, TODAY)["since"] == kept.since and cron._storage.parsed_tables <= {"meta"}
    assert recent_for(cron, iso_week(TODAY - dt.timedelta(weeks=SLACK_WEEKS)), TODAY).since == kept.since


_change = st.one_of(
    st.tuples(st.just("log"), st.integers(0, 200), st.lists(st.sampled_from(PEOPLE), max_size=2),
              st.sampled_from(["coffee", "thanks", "email"]), st.booleans()),
    st.tuples(st.just("move"), st.integers(0, 11), st.integers(0, 200)),
    st.tuples(st.just("delete"), st.integers(0, 11)),
    st.tuples(st.just("contact"), st.sampled_from(PEOPLE),
              st.sampled_from(["stage", "name", "created", "met", "remove"]), st.integers(0, 200)),
)


def _apply(store, change) -> None:
    if interactions_changed(store, change, _day):
        return
    _, cid, field, n = change
    c = store.get(Contact, cid)
    if c is None:
        store.save(Contact(id=cid, name=cid.upper(), created=_day(n)))
    elif field == "remove":
        store.delete(Contact, cid)
    else:
        store.save(c.replace(**{
            "stage": {"stage": "dormant" if n % 2 else "talked"},
            "name": {"name": f"Renamed {n}"},
            "created": {"created": _day(n)},
            "met": {"met_on": _day(n)},
        }[field]))


@BATCH_SETTINGS
@given(batches=batches_of(_change))
def test_brought_forward_the_figure_is_what_every_record_gives(tmp_path_factory, batches):
    path = tmp_path_factory.mktemp("review") / "netplan.json"
    _seed(path)
    _cached(path)
    since = recent_for(open_store(path), WEEK, TODAY).since
    for batch, _ in zip(batches, each_batch_written(path, batches, _apply), strict=True):
        cron = open_for_reading(path)
        kept = figure(cron, TODAY)
        if not any(change[0] == "move" for change in batch):  # (one moved in from before
            # `since` has the figure derived again: its place among the day's is not known)
            assert not {"contacts", "interactions"} & cron._storage.parsed_tables
        assert kept["since"] == since
        assert kept == made(open_for_reading(path), since)
        # and the review says what it says read from every record, in the same order
        review = to_json(build_review(open_for_reading(path), WEEK))
        cache = path.with_name(path.name + ".cache")
        cache.rename(cache.with_name("aside"))
        assert review == to_json(build_review(open_for_reading(path), WEEK))
        cache.with_name("aside").rename(cache)
        _cached(path)  # kept again, as the TUI would at its quit


@settings(max_examples=80, deadline=None)
@given(docs=st.lists(st.fixed_dictionaries({
    "kind": st.one_of(st.sampled_from(["thanks", "coffee", "email"]), st.none(),
                      st.integers(0, 3)),
    "date": st.one_of(st.sampled_from(["2026-01-02", "2026-11-20", "2026-11-20T09:00",
                                       "yesterday", ""]),
                      st.none(), st.integers(0, 3))}), min_size=1, max_size=8))
def test_the_first_look_at_documents_misses_none_the_figure_keeps(tmp_path_factory, docs):
    """What the figure keeps is what reading every document field by field keeps, however
    another tool stored a kind or a date."""
    from netplan.domain.review_reads import _interaction_kept

    from ...helpers.odd_documents import interactions_stored_as

    path = tmp_path_factory.mktemp("first") / "netplan.json"
    interactions_stored_as(path, docs)
    since = "2026-06-01"
    every = open_store(path).records_where(Interaction, ("kind", "date"),
                                           _interaction_kept(since))
    assert list(made(open_store(path), since)["interactions"]) == [i.id for i in every]


def test_a_kept_figure_damaged_inside_is_read_again_from_the_store(store_path):
    """A value edited by hand in `<store>.cache` (a contact that is a number, an
    interaction without its fields, a follow-up row of the wrong shape, a date that is no
    date) gives the review and the follow-ups every record gives, not a traceback."""
    from netplan.domain.due_dates import NAME as DUE
    from netplan.domain.due_dates import listed
    from netplan.store.figure_cache import KeptFigures

    _seed(store_path)
    _cached(store_path)
    kept = KeptFigures(store_path)
    stamp, review = kept.latest("review.recent")
    review["contacts"]["p0"] = -1
    review["interactions"]["old0"] = 5
    kept.put(tuple(stamp), "review.recent", review)
    stamp, due = kept.latest(DUE)
    due["rows"]["p1"] = [[1, 2], "", None, 14]
    due["last"]["p1"] = "2026-13-45"
    kept.put(tuple(stamp), DUE, due)
    cron = open_for_reading(store_path)
    damaged = to_json(build_review(cron, WEEK))
    listed_damaged = listed(open_for_reading(store_path), 400, TODAY)
    store_path.with_name(store_path.name + ".cache").unlink()
    assert damaged == to_json(build_review(open_for_reading(store_path), WEEK))
    assert listed_damaged == listed(open_for_reading(store_path), 400, TODAY)
