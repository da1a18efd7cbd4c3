"""`netplan next` and `netplan draft` as cron and scripts run them."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, Referral

from ...conftest import netplan_cmd, subprocess_env


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True,
                          env=subprocess_env(**env), timeout=60)


@pytest.fixture
def db(store_path):
    return ["--db", str(store_path)]


@pytest.fixture
def seeded(store_path):
    store = open_store(store_path)
    ada = store.save(Contact(name="Ada Lovelace", company="Acme", next_follow_up="2026-11-20"))
    bob = store.save(Contact(name="Bob Stone"))  # no company, no role
    store.save(Interaction(date="2026-11-18", kind="email", outreach=True, contacts=(bob.id,)))
    store.save(Referral(contact=ada.id, company="Acme", role="Dev", url="https://acme/jobs/7",
                        status="to_ask"))
    store.close()
    return ada, bob


def test_next_json_lists_each_action_with_its_reason_and_key(db, seeded):
    ada, bob = seeded
    out = run("next", "--json", *db, NETPLAN_TODAY="2026-11-23")
    assert out.returncode == 0, out.stderr
    actions = json.loads(out.stdout)
    by_kind = {a["kind"]: a for a in actions}
    assert by_kind["follow_up"]["contact"] == ada.id
    assert by_kind["follow_up"]["when"] == "3 days overdue"
    assert by_kind["bump"]["contact"] == bob.id and by_kind["bump"]["template"] == "bump"
    assert by_kind["referral"]["title"] == "Ask Ada Lovelace for a referral (Dev at Acme)"
    assert all(a["reason"] and a["key"] for a in actions)
    # two business days after the outreach, no bump yet
    early = json.loads(run("next", "--json", *db, NETPLAN_TODAY="2026-11-20").stdout)
    assert "bump" not in {a["kind"] for a in early}


def test_next_text_and_within(db, seeded):
    out = run("next", *db, NETPLAN_TODAY="2026-11-23")
    assert out.returncode == 0
    assert "follow-up: Follow up with Ada Lovelace" in out.stdout
    assert "\x1b" not in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 120
    assert run("next", "--within", "-1", *db).returncode == 2


def test_next_on_a_missing_store_is_exit_1(tmp_path):
    out = run("next", "--db", str(tmp_path / "none.json"))
    assert out.returncode == 1 and "no store" in out.stderr


def test_draft_fills_the_template(db, seeded):
    out = run("draft", "referral-ask", "ada", *db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Hi Ada,")
    assert "https://acme/jobs/7" in out.stdout and "Acme has an opening for Dev" in out.stdout


def test_draft_for_a_contact_without_a_company_shows_the_gap(db, seeded):
    out = run("draft", "info-warm", "Bob", *db)
    assert out.returncode == 0, out.stderr
    assert "[company?]" in out.stdout and "[role?]" in out.stdout
    as_json = json.loads(run("draft", "info-warm", "Bob", "--json", *db).stdout)
    assert as_json["gaps"] == ["introduced_by", "role", "company"]


def test_draft_unknown_template_or_contact_is_exit_2(db, seeded):
    out = run("draft", "no-such-template", "Ada", *db)
    assert out.returncode == 2 and "no message template 'no-such-template'" in out.stderr
    out = run("draft", "thanks", "Nobody Here", *db)
    assert out.returncode == 2


def test_draft_never_writes_hostile_text_raw(db, store_path):
    store = open_store(store_path)
    store.save(Contact(name="Eve\x1b]52;c;aGk=\x07", company="\x9b31mEvil"))
    store.close()
    out = run("draft", "info-warm", "Eve", *db)
    assert out.returncode == 0
    assert "\x1b" not in out.stdout and "\x9b" not in out.stdout and "\x07" not in out.stdout
