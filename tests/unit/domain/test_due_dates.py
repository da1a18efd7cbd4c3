"""`netplan due` from the kept follow-up list: brought forward by any change, or derived
again, it lists what followups.due_within lists from every contact and interaction."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from netplan.domain.due_dates import due_lines, follow_ups
from netplan.domain.followups import due_within, tag_cadences
from netplan.domain.index_changes import contact_index
from netplan.store.database import open_for_reading, open_store
from netplan.store.records import Contact, Interaction, TagCadence

from ...conftest import TODAY
from ...helpers.change_batches import (
    BATCH_SETTINGS,
    batches_of,
    each_batch_written,
    interactions_changed,
)

PEOPLE = [f"p{n}" for n in range(5)]


def _day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def _seed(path) -> None:
    store = open_store(path)
    store.save_many([Contact(id=p, name=p.upper(), company="Acme",
                             cadence_days=None if n % 2 else 10 * (n + 1),
                             tags=("close",) if n % 2 else ()) for n, p in enumerate(PEOPLE)])
    store.save_many([Interaction(id=f"old{n}", date=_day(9 * n), kind="coffee",
                                 contacts=(PEOPLE[n % 5],)) for n in range(8)])
    store.save(TagCadence(id="close", tag="close", cadence_days=14))


def _expected(path, within: int) -> list[tuple]:
    everyone = open_store(path)
    return [(d.contact.id, d.contact.name, d.contact.company, d.due, d.days)
            for d in due_within(everyone.all(Contact), everyone.all(Interaction), within,
                                ref=TODAY, by_tag=tag_cadences(everyone.all(TagCadence)))]


def _listed(store, within: int) -> list[tuple]:
    return [(d.id, d.name, d.company, d.due, d.days)
            for d in due_lines(follow_ups(store), within, TODAY)]


def test_cron_reads_no_contact_and_no_interaction_after_the_tui_kept_the_list(store_path):
    """The TUI's Contacts list keeps the follow-up list on the way; `netplan log` from cron
    changes it by its change; `netplan due` then reads only the kept list."""
    _seed(store_path)
    contact_index(open_store(store_path))  # the TUI opened Contacts
    open_store(store_path).save(Interaction(date=TODAY.isoformat(), kind="call",
                                            contacts=("p2",)))
    cron = open_for_reading(store_path)
    assert _listed(cron, 400) == _expected(store_path, 400)
    assert cron._storage.parsed_tables <= {"meta"}
    assert cron.forwarded == 1
    assert "p2" not in {d[0] for d in _listed(cron, 7)}  # just met: not due for 30 days


def test_the_cli_prints_the_kept_list(store_path, capsys):
    from netplan.cli import main

    _seed(store_path)
    contact_index(open_store(store_path))
    assert main(["due", "--db", str(store_path), "--within", "400"]) == 0
    out = capsys.readouterr().out
    expected = _expected(store_path, 400)
    assert out.count("\n") == len(expected) + 1
    assert [line.split()[-2] for line in out.splitlines()[1:]] == [e[1] for e in expected]


_change = st.one_of(
    st.tuples(st.just("log"), st.integers(0, 90), st.lists(st.sampled_from(PEOPLE), max_size=2),
              st.just("email"), st.booleans()),
    st.tuples(st.just("move"), st.integers(0, 7), st.integers(0, 90)),
    st.tuples(st.just("delete"), st.integers(0, 7)),
    st.tuples(st.just("contact"), st.sampled_from(PEOPLE),
              st.sampled_from(["stage", "cadence", "date", "tags", "name", "remove"]),
              st.integers(-5, 60)),
    st.tuples(st.just("new"), st.integers(0, 30)),
    st.tuples(st.just("tag"), st.integers(0, 40)),
)


def _apply(store, change) -> None:
    what = change[0]
    if interactions_changed(store, change, _day):
        return
    if what == "contact":
        _, cid, field, n = change
        c = store.get(Contact, cid)
        if c is None:
            store.save(Contact(id=cid, name=cid.upper(), cadence_days=n or None))
        elif field == "remove":
            store.delete(Contact, cid)
        else:
            store.save(c.replace(**{
                "stage": {"stage": "dormant" if n % 2 else "talked"},
                "cadence": {"cadence_days": n if n > 0 else None},
                "date": {"next_follow_up": _day(n) if n % 3 else None},
                "tags": {"tags": ("close",) if n % 2 else ()},
                "name": {"name": f"Renamed {n}", "company": "Elsewhere"},
            }[field]))
    elif what == "new":
        store.save(Contact(name="Someone new", cadence_days=change[1] or None))
    else:
        if change[1]:
            store.save(TagCadence(id="close", tag="close", cadence_days=change[1]))
        else:
            store.delete(TagCadence, "close")


@BATCH_SETTINGS
@given(batches=batches_of(_change))
def test_brought_forward_or_not_the_list_is_what_every_record_gives(tmp_path_factory, batches):
    path = tmp_path_factory.mktemp("due") / "netplan.json"
    _seed(path)
    follow_ups(open_store(path))  # kept
    for _ in each_batch_written(path, batches, _apply):
        assert _listed(open_for_reading(path), 10_000) == _expected(path, 10_000)
        follow_ups(open_store(path))  # kept again, as the TUI would at its quit
