"""Counts read as people say them: "1 contact", "3 goals", "2 companies"."""

from netplan.support.words import counted


def test_one_is_singular_and_the_rest_plural():
    assert counted(1, "contact") == "1 contact"
    assert counted(0, "contact") == "0 contacts"
    assert counted(3, "goal") == "3 goals"


def test_irregular_plurals():
    assert counted(2, "company") == "2 companies"
    assert counted(2, "person", "people") == "2 people"
