"""Property-based checks: odd text and odd dates never crash, never corrupt, never leak."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction
from netplan.store.storage import StoreWriteError
from netplan.support.dates import DateError, parse_date
from netplan.support.sanitize import clean

TODAY = dt.date(2026, 11, 23)
NASTY = st.sampled_from([
    "", " ", "[bold]Ada[/]", "[link=https://evil.example]click[/link]", "\x1b]52;c;ZXZpbA==\x07",
    "\x1b[2J\x1b[H", "مرحبا بالعالم", "שלום", "👩🏽‍💻🚀", "\x00\x01\x7f\x9b", "a\u202eb", "\t\n\r",
])
TEXT = st.one_of(st.text(max_size=200), NASTY, st.text(alphabet=st.characters(codec="utf-8"), max_size=50))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(TEXT)
def test_date_parser_answers_with_a_date_or_a_message(text):
    try:
        result = parse_date(text, TODAY)
    except DateError as exc:
        assert str(exc)
    else:
        assert isinstance(result, dt.date)


@FAST
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_iso_dates_are_read_exactly(day):
    assert parse_date(day.isoformat(), TODAY) == day


@FAST
@given(st.integers(min_value=0, max_value=3000))
def test_day_offsets_count_from_today(n):
    assert parse_date(f"+{n}d", TODAY) == TODAY + dt.timedelta(days=n)
    assert parse_date(f"in {n} days", TODAY) == TODAY + dt.timedelta(days=n)


@pytest.mark.parametrize("bad", ["2026-02-30", "next blursday", "32/13/2026", "+3 fortnights",
                                 "tomorrow-ish", "9999999-01-01", "\x1b[2J"])
def test_known_bad_dates_are_refused_with_a_message(bad):
    with pytest.raises(DateError):
        parse_date(bad, TODAY)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@FAST
@given(TEXT)
def test_clean_removes_every_escape_and_control_character(text):
    one = clean(text)
    multi = clean(text, multiline=True)
    assert "\x1b" not in one and "\x1b" not in multi
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", one)
    assert not _CONTROL.search(multi)
    assert clean(one) == one and clean(multi, multiline=True) == multi
    one.encode("utf-8")  # always storable


@FAST
@given(name=TEXT, notes=TEXT, tags=st.lists(TEXT, max_size=4))
def test_any_text_survives_the_store_round_trip(tmp_path_factory, name, notes, tags):
    path = tmp_path_factory.mktemp("rt") / "s.json"
    store = open_store(path)
    saved = store.save(Contact(name=name, notes=notes, tags=tuple(tags), links={"site": name}))
    again = open_store(path).get(Contact, saved.id)
    assert again == saved


def test_a_megabyte_of_notes_is_kept(store, store_path):
    huge = ("Notes from a long conversation. " * 40000)[:1_000_000]
    saved = store.save(Interaction(summary="long", notes=huge))
    assert open_store(store_path).get(Interaction, saved.id).notes == huge


@pytest.mark.parametrize("session", [False, True])
def test_text_that_cannot_be_stored_is_refused_cleanly(store, store_path, session):
    """From the command line, or a session (its saves journalled, its contacts held as
    their JSON): nothing is saved, and what was is read as it was."""
    if session:
        store.defer_checkpoints()
        store.hold_packed(Contact)
    store.save(Contact(name="Ada"))
    store.checkpoint()
    before = store_path.read_bytes()
    with pytest.raises(StoreWriteError) as err:
        store.save(Contact(name="broken \udc80 bytes"))
    assert "cannot be stored" in str(err.value)
    assert store_path.read_bytes() == before
    assert [c.name for c in store.all(Contact)] == ["Ada"]
