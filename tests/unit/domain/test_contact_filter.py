"""The Contacts filter language: each field selects the right contacts, with free words too."""

from __future__ import annotations

import pytest

from netplan.domain import contact_filter
from netplan.domain.contacts import ContactIndex
from netplan.store.records import Contact, Event, Interaction


@pytest.fixture
def index():
    """Six people, dates relative to the frozen today (2026-11-23)."""
    pycon = Event(id="e-pycon", name="PyCon Berlin")
    contacts = [
        Contact(id="ada", name="Ada Lovelace", company="Acme Corp", stage="talked",
                tags=("mentor", "close"), met_at="e-pycon", cadence_days=30),
        Contact(id="grace", name="Grace Hopper", company="Navy", stage="talked",
                tags=("Mentor",), next_follow_up="2026-11-27"),
        Contact(id="linus", name="Linus Lee", company="ACME labs", stage="contacted",
                how_met="PyCon hallway", next_follow_up="2026-11-01"),
        Contact(id="priya", name="Priya Patel", company="Initech", stage="ally",
                tags=("mentor",), next_follow_up="2026-12-20", notes="knows Ada"),
        Contact(id="sam", name="Sam Stone", company="Big Co", stage="identified"),
        Contact(id="tom", name="Tom Talker", company="", stage="dormant", tags=("close",)),
    ]
    talks = [Interaction(date="2026-09-01", kind="coffee", contacts=("ada",))]
    return ContactIndex(contacts, talks, [pycon])


def ids(index, query):
    return sorted(index.matching_ids(query))


@pytest.mark.parametrize("query, expected", [
    ("stage:talked", ["ada", "grace"]),
    ("stage:talk", ["ada", "grace"]),  # a unique prefix is enough
    ("STAGE:Ally", ["priya"]),
    ("tag:mentor", ["ada", "grace", "priya"]),  # any case, on either side
    ("tag:close", ["ada", "tom"]),
    ("tag:ment", []),  # a whole tag, not part of one
    ("company:acme", ["ada", "linus"]),  # part of the company, any case
    ('company:"big co"', ["sam"]),
    ("is:overdue", ["ada", "linus"]),  # ada: 2026-09-01 + 30 days; linus: explicit
    ("is:due", ["ada", "grace", "linus"]),  # overdue or within 7 days
    ("met:pycon", ["ada", "linus"]),  # the event met at, or how we met
    ("met:berlin", ["ada"]),
])
def test_each_field_selects_the_right_contacts(index, query, expected):
    assert ids(index, query) == expected


@pytest.mark.parametrize("query, expected", [
    ("tag:mentor ada", ["ada", "priya"]),  # priya's notes say "knows Ada"
    ("ada tag:mentor stage:talked", ["ada"]),
    ("stage:talked is:overdue", ["ada"]),
    ("company:acme is:overdue lee", ["linus"]),
    ("tag:mentor company:navy is:due", ["grace"]),
    ("is:overdue nobody", []),
])
def test_fields_combine_with_free_words(index, query, expected):
    assert ids(index, query) == expected


def test_an_unknown_field_is_named_and_the_rest_still_filters(index):
    flt = contact_filter.parse("foo:bar tag:mentor")
    assert flt.problems and "unknown filter field 'foo:'" in flt.problems[0]
    assert "stage:" in flt.problems[0]  # says what works
    with pytest.raises(contact_filter.FilterError):
        flt.check()
    assert ids(index, "foo:bar tag:mentor") == ["ada", "grace", "priya"]


@pytest.mark.parametrize("query, words", [
    ("is:soon", "is:soon is not known"),
    ("stage:x", "stage:x is not a stage"),
    ("stage:zzz", "stage:zzz is not a stage"),
])
def test_bad_values_are_named(query, words):
    assert words in contact_filter.parse(query).problems[0]


def test_a_field_still_being_typed_narrows_nothing_and_is_no_problem(index):
    assert contact_filter.parse("stage:").problems == ()
    assert len(ids(index, "stage:")) == 6


def test_words_with_colons_that_are_not_fields_stay_words():
    flt = contact_filter.parse("https://example.org/ada 10:30")
    assert flt.problems == () and flt.terms == ()
    assert flt.words == ("https://example.org/ada", "10:30")


def test_hostile_text_in_a_filter_is_cleaned_not_a_crash(index):
    assert ids(index, "\x1b[31mtag:mentor\x1b[0m ada") == ["ada", "priya"]
    assert ids(index, "[bold]ada[/]") == []  # markup is text to look for, nothing more
    flt = contact_filter.parse("x" * 5000 + ' company:"' + "y" * 5000)  # an unclosed quote
    assert flt.terms == (contact_filter.Term("company", "y" * 5000),)
