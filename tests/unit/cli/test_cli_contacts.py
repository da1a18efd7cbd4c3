"""`netplan add contact`, `log`, `due` and `contacts` as a shell or cron runs them."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction

from ...conftest import netplan_cmd, subprocess_env


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        netplan_cmd(*args), capture_output=True, text=True, env=subprocess_env(**env), timeout=60
    )


@pytest.fixture
def db(store_path):
    return ["--db", str(store_path)]


def test_add_contact_with_every_option(db, store_path):
    assert run("add", "contact", "Ada Lovelace", *db).returncode == 0
    out = run(
        "add",
        "contact",
        "Grace Hopper",
        "--company",
        "Navy",
        "--role",
        "Admiral",
        "--email",
        "grace@navy.mil",
        "--email",
        "g@h.org",
        "--link",
        "https://github.com/grace",
        "--tag",
        "mentor",
        "--tag",
        "cobol",
        "--how-met",
        "PyCon hallway",
        "--introduced-by",
        "ada",
        "--cadence",
        "14",
        *db,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "added Grace Hopper (Navy)"
    store = open_store(store_path)
    by = {c.name: c for c in store.all(Contact)}
    g = by["Grace Hopper"]
    assert (g.company, g.role, g.emails, g.tags) == (
        "Navy",
        "Admiral",
        ("grace@navy.mil", "g@h.org"),
        ("mentor", "cobol"),
    )
    assert g.links == {"github": "https://github.com/grace"} and g.how_met == "PyCon hallway"
    assert g.introduced_by == by["Ada Lovelace"].id and g.cadence_days == 14
    assert by["Ada Lovelace"].cadence_days == 30  # the default cadence


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "contact", "  "], "needs a name"),
        (["add", "contact", "Bob", "--email", "bob-at-home"], "not an e-mail"),
        (["add", "contact", "Bob", "--cadence", "0"], "cadence"),
        (["add", "contact", "Bob", "--met-on", "blursday"], "not a date"),
        (["add", "contact", "Bob", "--introduced-by", "nobody"], "no contact matches 'nobody'"),
        (["add", "contact", "Bob", "--introduced-by", "grace"], "Grace Hopper, Grace Kelly"),
        (["log", "nobody", "--kind", "coffee"], "no contact matches"),
        (["log", "grace", "--kind", "coffee"], "matches 2 contacts: Grace Hopper, Grace Kelly"),
        (["log", "hopper", "--kind", "nap"], "unknown kind 'nap'"),
        (["log", "hopper", "--kind", "coffee", "--date", "2026-02-30"], "not a real date"),
        (["due", "--within", "soon"], "whole number"),
    ],
)
def test_bad_input_exits_2_with_one_line(db, store_path, args, message):
    store = open_store(store_path)
    store.save_many([Contact(name="Grace Hopper"), Contact(name="Grace Kelly")])
    before = store_path.read_bytes()
    out = run(*args, *db)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and message in out.stderr
    assert store_path.read_bytes() == before


def test_log_resets_follow_up_and_due_lists_for_cron(db, store_path):
    store = open_store(store_path)
    ada = store.save(Contact(name="Ada", cadence_days=30, next_follow_up="2026-11-01"))
    store.save(Contact(name="Bob", next_follow_up="2026-11-25", company="\x1b[31mEvil"))
    store.save(Contact(name="Cy", next_follow_up="2027-05-01"))
    out = run("due", *db)
    assert out.returncode == 0
    assert (
        out.stdout.splitlines()[0]
        == "Follow-ups as of 2026-11-23: 1 overdue, 1 due in the next 7 days"
    )
    assert "22 days overdue" in out.stdout and "Ada" in out.stdout and "Cy" not in out.stdout
    assert "\x1b" not in out.stdout

    out = run(
        "log",
        "ada",
        "bob",
        "--kind",
        "coffee",
        "--date",
        "last friday",
        "--summary",
        "[bold]chat[/]",
        "--outreach",
        *db,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "logged coffee on 2026-11-20 with Ada, Bob"
    store = open_store(store_path)
    (it,) = store.all(Interaction)
    assert (it.kind, it.date, it.summary, it.outreach, it.replied) == (
        "coffee",
        "2026-11-20",
        "[bold]chat[/]",
        True,
        False,
    )
    assert store.get(Contact, ada.id).next_follow_up is None
    data = json.loads(run("due", "--within", "30", "--json", *db).stdout)
    assert [(d["name"], d["due"], d["overdue"]) for d in data] == [
        ("Bob", "2026-11-25", False),
        ("Ada", "2026-12-20", False),
    ]


def test_due_with_nothing_due(db, store_path):
    open_store(store_path).close()
    out = run("due", *db)
    assert out.returncode == 0 and out.stdout.startswith("nothing due in the next 7 days")


def test_contacts_listing(db, store_path):
    store = open_store(store_path)
    store.save_many(
        [Contact(name="Zoe", company="Acme"), Contact(name="[bold]Ada[/]", tags=("rust",))]
    )
    out = run("contacts", *db)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["NAME", "COMPANY", "STAGE", "FOLLOW-UP"]
    assert lines[1].startswith("[bold]Ada[/]") and lines[2].startswith("Zoe")
    data = json.loads(run("contacts", "--filter", "RUST", "--json", *db).stdout)
    assert [d["name"] for d in data] == ["[bold]Ada[/]"]


def test_odd_text_is_kept_literally_and_escapes_are_stripped(db, store_path):
    for name in ("\x1b[31mEvil\x1b[0m Eve", "Zoë 🙂 Ng", "سارة أحمد", "[bold]Ada[/]"):
        out = run("add", "contact", name, "--notes", "x" * 100_000, *db)
        assert out.returncode == 0, out.stderr
    names = sorted(c.name for c in open_store(store_path).all(Contact))
    assert names == sorted(["Evil Eve", "Zoë 🙂 Ng", "سارة أحمد", "[bold]Ada[/]"])
    assert run("log", "سارة", "zoë", "--kind", "dm", *db).returncode == 0
    listing = run("contacts", *db).stdout
    assert "\x1b" not in listing and "[bold]Ada[/]" in listing and "🙂" in listing
