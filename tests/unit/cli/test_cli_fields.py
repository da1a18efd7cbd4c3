"""`add contact --phone`, `contacts --filter` with fields and `cadence set|list|clear`, run
as a shell runs them (real processes on a real store)."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, TagCadence

from ...conftest import netplan_cmd, subprocess_env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)


@pytest.fixture
def db(store_path):
    return ["--db", str(store_path)]


def test_add_contact_with_several_typed_phones(db, store_path):
    out = run("add", "contact", "Ada", "--phone", "+44 7700 900123", "--phone",
              "work:+44 20 7946 0000", "--phone", "Home: 030 1234", *db)
    assert out.returncode == 0, out.stderr
    (ada,) = open_store(store_path).all(Contact)
    assert ada.phones == ({"type": "mobile", "number": "+44 7700 900123"},
                          {"type": "work", "number": "+44 20 7946 0000"},
                          {"type": "home", "number": "030 1234"})


@pytest.mark.parametrize("phone, words", [
    ("fax:0170 1", "'fax' is not a phone type"),
    ("call me maybe", "is not a phone number"),
    ("12", "is not a phone number"),
])
def test_a_bad_phone_exits_2_and_adds_nobody(db, store_path, phone, words):
    out = run("add", "contact", "Ada", "--phone", phone, *db)
    assert out.returncode == 2 and words in out.stderr
    assert open_store(store_path).all(Contact) == []


@pytest.fixture
def people(store_path):
    store = open_store(store_path)
    ada = Contact(name="Ada Lovelace", company="Acme", stage="talked", tags=("mentor",),
                  cadence_days=30)
    grace = Contact(name="Grace Hopper", company="Navy", stage="talked",
                    next_follow_up="2026-11-26")
    linus = Contact(name="Linus Lee", company="Acme", stage="contacted",
                    next_follow_up="2026-11-01")
    store.save_many([ada, grace, linus, Contact(name="Sam Stone"),
                     Interaction(date="2026-09-01", kind="coffee", contacts=(ada.id,))])
    return store


def names(out: subprocess.CompletedProcess) -> list[str]:
    assert out.returncode == 0, out.stderr
    return [row["name"] for row in json.loads(out.stdout)]


def test_contacts_filter_is_overdue(db, people):
    out = run("contacts", "--filter", "is:overdue", *db)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["NAME", "COMPANY", "STAGE", "FOLLOW-UP"]
    assert [line.split()[0] for line in lines[1:]] == ["Ada", "Linus"]
    assert "days overdue" in lines[1]


@pytest.mark.parametrize("query, expected", [
    ("is:due", ["Ada Lovelace", "Grace Hopper", "Linus Lee"]),
    ("is:overdue stage:talked", ["Ada Lovelace"]),
    ("company:acme lee", ["Linus Lee"]),
    ("tag:mentor", ["Ada Lovelace"]),
])
def test_contacts_filter_fields_as_json(db, people, query, expected):
    assert names(run("contacts", "--filter", query, "--json", *db)) == expected


def test_contacts_filter_with_an_unknown_field_exits_2(db, people):
    out = run("contacts", "--filter", "is:overdue colour:red", *db)
    assert out.returncode == 2
    assert "unknown filter field 'colour:'" in out.stderr and "stage:" in out.stderr
    assert out.stdout == ""


def test_a_tag_cadence_makes_a_contact_due(db, store_path):
    store = open_store(store_path)
    ada = Contact(name="Ada Lovelace", tags=("close",))
    store.save_many([ada, Interaction(date="2026-08-01", kind="coffee", contacts=(ada.id,))])
    assert "nothing due" in run("due", *db).stdout
    out = run("cadence", "set", "close", "90", *db)
    assert out.returncode == 0 and "every 90 days" in out.stdout
    due = run("due", "--json", *db)
    assert [(d["name"], d["due"], d["overdue"]) for d in json.loads(due.stdout)] == [
        ("Ada Lovelace", "2026-10-30", True)]
    assert json.loads(run("cadence", "list", "--json", *db).stdout) == [
        {"tag": "close", "days": 90}]
    assert run("cadence", "clear", "close", *db).returncode == 0
    assert "nothing due" in run("due", *db).stdout
    again = run("cadence", "clear", "close", *db)
    assert again.returncode == 2 and "no cadence is set" in again.stderr


def test_a_new_contact_with_a_cadence_tag_gets_no_cadence_of_its_own(db, store_path):
    assert run("cadence", "set", "close", "90", *db).returncode == 0
    assert run("add", "contact", "Ada", "--tag", "close", *db).returncode == 0
    assert run("add", "contact", "Bob", "--tag", "other", *db).returncode == 0
    assert run("add", "contact", "Cy", "--tag", "close", "--cadence", "7", *db).returncode == 0
    got = {c.name: c.cadence_days for c in open_store(store_path).all(Contact)}
    assert got == {"Ada": None, "Bob": 30, "Cy": 7}


@pytest.mark.parametrize("args, words", [
    (("set", "close", "0"), "between 1 and"),
    (("set", "", "90"), "a tag is needed"),
    (("set", "close", "soon"), "not a number of days"),
])
def test_bad_cadences_exit_2_and_write_nothing(db, store_path, args, words):
    out = run("cadence", *args, *db)
    assert out.returncode == 2 and words in out.stderr
    assert open_store(store_path).all(TagCadence) == []
