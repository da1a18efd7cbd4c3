"""`netplan companies`, `company add`, `duplicates` and `merge` as a shell runs them."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Company, Contact, Interaction, Referral

from ...conftest import netplan_cmd, subprocess_env


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True, input=stdin,
                          env=subprocess_env(), timeout=60)


@pytest.fixture
def db(store_path):
    return ["--db", str(store_path)]


@pytest.fixture
def people(store):
    store.save_many([
        Contact(id="ada", name="Ada Lovelace", company="Analytical", stage="talked",
                emails=("ada@a.test",), created="2026-01-01T09:00:00"),
        Contact(id="ada2", name="ada lovelace", company="ANALYTICAL", role="CTO",
                created="2026-06-01T09:00:00"),
        Contact(id="grace", name="Grace Hopper", company="Navy", stage="ally"),
        Contact(id="g2", name="Grace Brewster", company="Navy"),
        Interaction(id="i", kind="coffee", contacts=("ada2",), date="2026-11-20"),
        Referral(id="r", contact="ada2", company="Analytical", status="asked"),
    ])
    return store


def test_company_add_then_list(db, store_path, people):
    out = run("company", "add", "Analytical", "--priority", "dream", "--why", "engines", *db)
    assert out.returncode == 0 and "added Analytical (dream)" in out.stdout
    again = run("company", "add", "analytical inc.", *db)
    assert again.returncode == 0 and "already there" in again.stdout
    assert run("company", "add", "Navy", *db).returncode == 0
    listed = run("companies", *db)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:3] == ["COMPANY", "PRIORITY", "STATUS"]
    assert lines[1].startswith("Analytical") and "1 talked" in lines[1]
    data = json.loads(run("companies", "--json", *db).stdout)
    assert [c["name"] for c in data] == ["Analytical", "Navy"]
    assert data[0]["why"] == "engines" and data[0]["could_refer"] == ["ada"]
    assert data[0]["open_referrals"] == ["r"] and data[0]["last_interaction"] == "2026-11-20"
    assert len(open_store(store_path).all(Company)) == 2


@pytest.mark.parametrize("args, message", [
    (("company", "add", "X", "--priority", "someday"), "unknown priority"),
    (("company", "add", "  "), "needs a name"),
])
def test_company_add_refuses_bad_input(db, store_path, args, message):
    out = run(*args, *db)
    assert out.returncode == 2 and message in out.stderr


def test_duplicates_lists_the_pair_with_why(db, people):
    out = run("duplicates", *db)
    assert out.returncode == 0
    assert "Ada Lovelace" in out.stdout and "same name and company" in out.stdout
    assert "Grace" not in out.stdout
    data = json.loads(run("duplicates", "--json", *db).stdout)
    assert data == [{"first": {"id": "ada", "name": "Ada Lovelace", "company": "Analytical"},
                     "second": {"id": "ada2", "name": "ada lovelace", "company": "ANALYTICAL"},
                     "reasons": ["name"]}]


def test_merge_with_yes_moves_everything(db, store_path, people):
    out = run("merge", "Grace Hopper", "Grace Brewster", "--yes", *db)
    assert out.returncode == 0, out.stderr
    store = open_store(store_path)
    assert store.get(Contact, "g2") is None and store.get(Contact, "grace") is not None
    assert "g2" in store.get(Contact, "grace").other_uids


def test_merge_moves_the_other_s_interactions_and_referrals(db, store_path, store):
    store.save_many([Contact(id="k", name="Keep Me"), Contact(id="o", name="Other One"),
                     Interaction(id="i", kind="call", contacts=("o",)),
                     Referral(id="r", contact="o")])
    out = run("merge", "keep", "other", "--yes", "--json", *db)
    assert out.returncode == 0 and json.loads(out.stdout)["id"] == "k"
    again = open_store(store_path)
    assert again.get(Interaction, "i").contacts == ("k",)
    assert again.get(Referral, "r").contact == "k"


@pytest.mark.parametrize("keep, other, message", [
    ("Nobody", "Grace Hopper", "no contact matches"),
    ("Grace", "Ada Lovelace", "matches 2 contacts"),  # ambiguous
    ("Ada Lovelace", "Grace Hopper", "matches 2 contacts"),  # two exact Ada Lovelaces
    ("Grace Hopper", "grace hopper", "the same contact"),
])
def test_merge_refuses_unknown_ambiguous_and_same_names(db, store_path, people, keep, other,
                                                         message):
    out = run("merge", keep, other, "--yes", *db)
    assert out.returncode == 2 and message in out.stderr
    assert len(open_store(store_path).all(Contact)) == 4


def test_merge_without_yes_off_a_terminal_changes_nothing(db, store_path, people):
    out = run("merge", "Grace Hopper", "Grace Brewster", *db, stdin="n\n")
    assert out.returncode == 2 and "--yes" in out.stderr  # not a terminal: it will not ask
    assert len(open_store(store_path).all(Contact)) == 4
