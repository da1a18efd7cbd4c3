"""The two-way sync without the tools: three-way field merges, conflicts, deletions, the
state file's safety, and the card fidelity a sync relies on."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from netplan.cli.sync import _ask
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction
from netplan.transfer.exports import export_to
from netplan.transfer.files import TransferError
from netplan.transfer.import_plan import apply_import
from netplan.transfer.sync_report import SyncReport
from netplan.transfer.sync_state import state_path
from netplan.transfer.sync_vcard import merge3, sync_vcards
from netplan.transfer.vcard import parse_text
from netplan.transfer.vcard_card_writing import card_text

APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:ada@example.org\r\n"
    "EMAIL;type=INTERNET;type=HOME:ada@home.example\r\n"
    "item1.URL;type=pref:https://ada.example\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n"
    "TEL;type=CELL:+44 1\r\nNOTE:hello\r\nUID:6F1C2B3A-8D4E-4F5A-9B6C-7D8E9F0A1B2C\r\n"
    "END:VCARD\r\n"
)
COMPANY = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Acme\r\nORG:Acme;\r\n"
           "X-ABShowAs:COMPANY\r\nUID:acme-1\r\nEND:VCARD\r\n")
ORG4 = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Initech\r\nUID:initech\r\nEND:VCARD\r\n"


def imported(store, text=APPLE) -> Contact:
    apply_import(store, parse_text(text))
    return store.all(Contact)[0]


def test_a_card_keeps_uid_groups_types_and_version_when_written_back(store, tmp_path):
    ada = imported(store)
    text = card_text(ada.replace(role="Countess"))
    assert "UID:6F1C2B3A-8D4E-4F5A-9B6C-7D8E9F0A1B2C\r\n" in text  # not lower-cased
    assert "EMAIL;type=INTERNET;type=WORK;type=pref:ada@example.org\r\n" in text
    assert "item1.URL;type=pref:https://ada.example\r\nitem1.X-ABLabel:" in text
    assert "TEL;type=CELL:+44 1\r\n" in text and "TITLE:Countess\r\n" in text
    # In a store of its own: in this one the card would be another tool's card about Ada,
    # which adds to her but does not replace her own card.
    v4 = imported(open_store(tmp_path / "v4.json"), APPLE.replace(
        "VERSION:3.0", "VERSION:4.0").replace("6F1C2B3A", "7F1C2B3A"))
    assert "VERSION:4.0\r\n" in card_text(v4)


def test_fields_emptied_in_netplan_lose_their_lines_and_groups(store):
    ada = imported(store)
    text = card_text(ada.replace(links={}, notes="", emails=("ada@home.example",)))
    assert "item1." not in text  # the URL and its orphaned label both go
    assert "NOTE" not in text and "ada@example.org" not in text
    assert "EMAIL;type=INTERNET;type=HOME:ada@home.example\r\n" in text


def test_company_cards_are_not_people(store):
    result = apply_import(store, parse_text(COMPANY + ORG4 + APPLE))
    assert [c.name for c in store.all(Contact)] == ["Ada Lovelace"]
    reasons = " ".join(o.reason for o in result.of("skipped"))
    assert "X-ABShowAs:COMPANY" in reasons and "KIND:org" in reasons


def test_merge3_takes_each_sides_change_and_reports_both():
    base = {"name": "A", "company": "X", "role": "r", "location": "", "emails": (),
            "links": {}, "tags": (), "notes": "n"}
    ours = {**base, "company": "Y", "role": "mine"}
    theirs = {**base, "notes": "", "role": "theirs"}
    agreed, clashes = merge3(base, ours, theirs, "netplan")
    assert agreed["company"] == "Y" and agreed["notes"] == "" and agreed["role"] == "mine"
    assert clashes == ["role"]
    assert merge3(base, ours, theirs, "folder")[0]["role"] == "theirs"


def test_sync_both_ways_conflict_and_flagged_deletion(store, tmp_path):
    ada = imported(store)
    bob = store.save(Contact(name="Bob"))
    folder = tmp_path / "cards"
    first = sync_vcards(store, folder)
    assert first.counts() == {"new file": 2}
    ada_file = next(p for p in folder.iterdir() if b"Ada" in p.read_bytes())
    bob_file = next(p for p in folder.iterdir() if b"Bob" in p.read_bytes())
    data = ada_file.read_bytes().replace(b"NOTE:hello\r\n", b"")
    ada_file.write_bytes(data.replace(b"FN:Ada Lovelace", b"FN:Ada King"))
    store.save(store.get(Contact, ada.id).replace(name="Ada L.", company="Engines"))
    bob_file.unlink()
    report = sync_vcards(store, folder)
    now = store.get(Contact, ada.id)
    assert now.notes == "" and now.company == "Engines" and now.name == "Ada L."
    assert any(a == "conflict" and "name" in t for a, t in report.entries)
    assert any(a == "flagged" and "Bob" in t for a, t in report.entries)
    assert b"ORG:Engines" in ada_file.read_bytes()
    assert not bob_file.exists()
    sync_vcards(store, folder)
    assert not bob_file.exists()  # a flagged contact's card never comes back
    store.save(Interaction(kind="call", contacts=(bob.id,)))
    sync_vcards(store, folder, delete={bob.id})
    assert store.get(Contact, bob.id) is None
    assert len(store.all(Interaction)) == 1  # the interaction stays
    assert sync_vcards(store, folder).counts() == {}


def test_prefer_folder_keeps_the_cards_value(store, tmp_path):
    ada = imported(store)
    folder = tmp_path / "cards"
    sync_vcards(store, folder)
    card = next(folder.iterdir())
    card.write_bytes(card.read_bytes().replace(b"NOTE:hello", b"NOTE:theirs"))
    store.save(store.get(Contact, ada.id).replace(notes="mine"))
    sync_vcards(store, folder, prefer="folder")
    assert store.get(Contact, ada.id).notes == "theirs"


def test_state_file_is_private_and_never_followed_through_a_link(store, tmp_path):
    store.save(Contact(name="Ada"))
    sync_vcards(store, tmp_path / "cards")
    state = state_path(store.path)
    assert stat.S_IMODE(os.lstat(state).st_mode) == 0o600
    state.unlink()
    target = tmp_path / "elsewhere.json"
    target.write_text("{}")
    state.symlink_to(target)
    with pytest.raises(TransferError, match="symbolic link"):
        sync_vcards(store, tmp_path / "cards")
    assert target.read_text() == "{}"


def test_export_one_vcf_file_and_folders_made_private(store, tmp_path):
    imported(store)
    store.save(Contact(name="Bob", next_follow_up="2026-11-30"))
    one = tmp_path / "phone.vcf"
    export_to(store, "vcard", one)
    assert one.read_bytes().count(b"BEGIN:VCARD") == 2
    deep = tmp_path / "home" / ".contacts" / "netplan"
    export_to(store, "vcard", deep)
    assert len(list(deep.glob("*.vcf"))) == 2
    assert stat.S_IMODE(os.stat(deep.parent).st_mode) == 0o700
    cal = tmp_path / "cal"
    export_to(store, "ics", str(cal) + "/")
    (item,) = cal.iterdir()
    assert item.read_bytes().count(b"BEGIN:VTODO") == 1


def test_the_summary_counts_one_and_many_as_people_say_them(store, tmp_path):
    store.save(Contact(name="Ada"))
    first = sync_vcards(store, tmp_path / "one")
    assert first.summary().endswith(": 1 new file")
    store.save_many([Contact(name="Bob"), Contact(name="Cy")])
    assert sync_vcards(store, tmp_path / "many").summary().endswith(": 3 new files")
    report = SyncReport("vcard", "cards")
    for action in ("file removed", "file removed", "contact deleted", "contact deleted",
                   "conflict", "conflict", "to folder", "to folder", "skipped"):
        report.add(action, "x")
    assert report.summary() == ("vcard sync with cards: 2 to folder, 2 files removed, "
                                "2 contacts deleted, 2 conflicts, 1 skipped")
    assert report.to_json()["counts"]["file removed"] == 2  # JSON keeps the action names


def test_a_change_line_shows_phones_and_emails_whole(store, tmp_path):
    ada = imported(store)
    folder = tmp_path / "cards"
    sync_vcards(store, folder)
    card = next(folder.iterdir())
    long_note = "word " * 30
    card.write_bytes(card.read_bytes()
                     .replace(b"NOTE:hello", f"NOTE:{long_note}".encode())
                     .replace(b"ada@home.example", b"ada.lovelace@analytical-engines.example")
                     .replace(b"END:VCARD", b"TEL;TYPE=CELL:+15550003333\r\nEND:VCARD"))
    report = sync_vcards(store, folder)
    (text,) = [t for a, t in report.entries if a == "to netplan"]
    assert ("phones mobile:+44 1 → mobile:+44 1, mobile:+15550003333" in text), text
    assert "ada@example.org, ada.lovelace@analytical-engines.example" in text
    note = text.split("notes hello → ")[1]
    assert note.endswith("…") and len(note) == 60  # only really long text is shortened
    assert store.get(Contact, ada.id).phones[-1] == {"type": "mobile", "number": "+15550003333"}


def test_the_question_before_deleting_counts_one_card(monkeypatch, capsys):
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "y")
    bob = Contact(name="Bob")
    assert _ask([bob]) == {bob.id}
    assert capsys.readouterr().out == "1 card was deleted in the folder: Bob\n"
    assert asked[0].startswith("Delete this contact in netplan too")
    _ask([bob, Contact(name="Cy")])
    assert capsys.readouterr().out.startswith("2 cards were deleted in the folder: Bob, Cy")
    assert asked[1].startswith("Delete these contacts")
