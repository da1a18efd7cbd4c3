"""vCard 2.1/3.0/4.0 import, vCard 3.0 export, round trips, and the real khard."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netplan.store.records import Contact
from netplan.transfer.contentline import fold, unfold
from netplan.transfer.exports import export_vcards
from netplan.transfer.files import TransferError
from netplan.transfer.import_plan import apply_import
from netplan.transfer.vcard import card_text, parse_path, parse_text

from ...helpers.transfer_files import VCARD_21_QP, VCARD_V3, VCARD_V4, write


def import_text(store, text: str, **kwargs):
    return apply_import(store, parse_text(text), **kwargs)


def by_name(store):
    return {c.name: c for c in store.all(Contact)}


def test_v3_card_maps_its_fields(store):
    result = import_text(store, VCARD_V3 + VCARD_V4 + VCARD_21_QP)
    assert result.counts() == {"created": 3, "updated": 0, "skipped": 0}
    ada = by_name(store)["Ada Lovelace"]
    assert ada.id == "5f0c9a43-1b2c-4d5e-8f90-123456789abc"  # UID kept as the id
    assert ada.company == "Analytical Engines, Ltd"  # escaped comma
    assert ada.role == "Engineer"
    assert ada.emails == ("ada@example.org", "ada@home.example")
    assert ada.links == {"linkedin": "https://www.linkedin.com/in/ada-lovelace",
                         "github": "https://github.com/ada"}
    assert ada.location == "London, United Kingdom"
    assert ada.tags == ("mentor", "python, data", "math")
    assert ada.notes == ("Met at PyCon; talked about the engine.\nAsk about Babbage. This note "
                         "is long enough to be folded over more than one line by a careful "
                         "vCard writer.")
    kept = ada.extra["vcard"]["lines"]  # the whole card, as read
    assert ada.extra["vcard"]["version"] == "3.0"
    assert "X-NETPLAN-TEST:kept as it was" in kept and "BDAY:1815-12-10" in kept
    assert ada.phones == ({"type": "mobile", "number": "+44 20 7946 0000"},)
    # A field now, and its line stays in the kept card, to be written back as it was.
    assert any(line.startswith("TEL") and "+44 20 7946 0000" in line for line in kept)
    assert "X-SOCIALPROFILE;TYPE=mastodon:https://hachyderm.io/@ada" in kept


def test_v4_card_multiple_emails_and_non_uuid_uid(store):
    import_text(store, VCARD_V4)
    grace = by_name(store)["Grace Hopper"]
    assert grace.emails == ("grace@navy.example", "grace@yale.example")
    assert grace.extra["vcard_uid"] == "grace-hopper-0001"
    assert "KIND:individual" in grace.extra["vcard"]["lines"]
    again = import_text(store, VCARD_V4)
    assert again.counts() == {"created": 0, "updated": 0, "skipped": 1}


def test_v21_quoted_printable_and_soft_breaks(store):
    import_text(store, VCARD_21_QP)
    andre = by_name(store)["André Dupré"]
    assert andre.notes == "First line\nand a soft break continues here"


def test_unknown_fields_are_written_back_on_export(store):
    import_text(store, VCARD_V3)
    text = card_text(by_name(store)["Ada Lovelace"])
    assert "X-NETPLAN-TEST:kept as it was\r\n" in text
    # The UID exactly as the card spelt it, so a sync finds the same card again.
    assert "UID:urn:uuid:5f0c9a43-1b2c-4d5e-8f90-123456789abc\r\n" in text
    # N, ORG and ADR hold more than netplan keeps: the original lines come back.
    assert "N:Lovelace;Ada;Augusta;Countess;\r\n" in text
    assert "ORG:Analytical Engines\\, Ltd;Research\r\n" in text
    assert "ADR;TYPE=WORK:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\r\n" in text


def test_an_edited_company_wins_over_the_kept_org_line(store):
    import_text(store, VCARD_V3)
    ada = by_name(store)["Ada Lovelace"]
    text = card_text(ada.replace(company="Babbage & Co", location="Paris"))
    assert "ORG:Babbage & Co\r\n" in text and "Research" not in text
    assert "ADR;TYPE=WORK:;;;Paris;;;\r\n" in text  # the line keeps its TYPE


def test_export_import_round_trip_keeps_every_field(store, tmp_path, store_path):
    import_text(store, VCARD_V3 + VCARD_V4 + VCARD_21_QP)
    export_vcards(store, tmp_path / "cards")
    from netplan.store.database import open_store

    other = open_store(tmp_path / "other.json")
    apply_import(other, parse_path(tmp_path / "cards"))
    # A card is known by its UID (Grace's is khard's own, not a UUID).
    mine = {c.extra.get("vcard_uid", c.id): c for c in store.all(Contact)}
    theirs = {c.extra.get("vcard_uid", c.id): c for c in other.all(Contact)}
    assert set(theirs) == set(mine)
    for cid, c in mine.items():
        t = theirs[cid]
        for field in ("name", "company", "role", "location", "emails", "links", "tags", "notes"):
            assert getattr(t, field) == getattr(c, field), (c.name, field)
        def card(x):  # a card without a UID gets one (the contact's id) on export
            return [line for line in x.extra["vcard"]["lines"] if not line.startswith("UID:")]

        assert card(t) == card(c), c.name
        assert t.extra["vcard"]["version"] == c.extra["vcard"]["version"]
    # Importing the folder into the store it came from changes nothing.
    again = apply_import(store, parse_path(tmp_path / "cards"))
    assert again.counts()["created"] == 0 and again.counts()["updated"] == 0


def test_export_folder_one_file_per_contact_stable_uid_private(store, tmp_path):
    store.save_many([Contact(name="Ada"), Contact(name="Zoë 🚀 [bold]x[/]")])
    folder = tmp_path / "cards"
    export_vcards(store, folder)
    files = sorted(folder.iterdir())
    assert {f.name for f in files} == {f"{c.id}.vcf" for c in store.all(Contact)}
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    first = {f.name: f.read_bytes() for f in files}
    with pytest.raises(TransferError, match="--force"):
        export_vcards(store, folder)
    export_vcards(store, folder, force=True)
    assert {f.name: f.read_bytes() for f in folder.iterdir()} == first  # stable


def test_force_removes_cards_of_deleted_contacts_but_not_others(store, tmp_path):
    gone = Contact(name="Gone")
    store.save_many([Contact(name="Ada"), gone])
    folder = tmp_path / "cards"
    export_vcards(store, folder)
    write(folder / "someone-else.vcf", VCARD_V4)
    store.delete(Contact, gone.id)
    report = export_vcards(store, folder, force=True)
    assert report.removed == 1
    assert not (folder / f"{gone.id}.vcf").exists() and (folder / "someone-else.vcf").exists()


def test_folding_is_at_75_octets_and_never_splits_a_character():
    line = "NOTE:" + "é" * 100 + "🚀" * 30
    folded = fold(line)
    physical = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert "".join(p[1:] if i else p for i, p in enumerate(physical)) == line
    assert [text for _, text in unfold(folded)] == [line, ""]


@pytest.mark.parametrize("text, line, words", [
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n", 1, "has no END:VCARD"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nthis is not a property\nEND:VCARD\n", 4,
     "not a vCard/iCalendar line"),
    ("FN:Ada\n", 1, "outside BEGIN:VCARD"),
    ("BEGIN:VCARD\nFN:Ada\nEND:VCARD\nEND:VCARD\n", 4, "END:VCARD without BEGIN"),
    ("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\n", 3, "inside the card that starts at line 1"),
    ("BEGIN:VCARD\nTEL;TYPE=\"cell:+1\nEND:VCARD\n", 2, "never closed"),
    ("\n\n", 1, "holds no vCards"),
])
def test_malformed_vcards_name_the_line(store, store_path, text, line, words):
    store.save(Contact(name="Already here"))
    before = store_path.read_bytes()
    with pytest.raises(TransferError) as info:
        parse_text(text, source="bad.vcf")
    assert info.value.line == line and words in str(info.value)
    assert f"bad.vcf, line {line}" in str(info.value)
    assert store_path.read_bytes() == before


def test_cards_without_a_name_or_with_a_strange_version_are_skipped(store):
    text = ("BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@example.org\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:5.0\nFN:Future\nEND:VCARD\n" + VCARD_V4)
    result = import_text(store, text)
    assert result.counts() == {"created": 1, "updated": 0, "skipped": 2}
    reasons = " ".join(o.reason for o in result.of("skipped"))
    assert "no name" in reasons and "'5.0' is not supported" in reasons


def test_escape_sequences_in_cards_are_stripped(store):
    import_text(store, "BEGIN:VCARD\nVERSION:4.0\nFN:Eve \x1b]0;pwned\x07Hacker\n"
                       "NOTE:line\x1b[2J two\nX-EVIL:\x1b[31mred\nEND:VCARD\n")
    eve = store.all(Contact)[0]
    assert eve.name == "Eve Hacker" and eve.notes == "line two"
    assert all("\x1b" not in x for x in eve.extra["vcard"]["lines"])


def test_folder_import_reports_which_file_is_bad(tmp_path):
    write(tmp_path / "cards" / "a.vcf", VCARD_V4)
    write(tmp_path / "cards" / "b.vcf", "BEGIN:VCARD\nFN:x\n")
    with pytest.raises(TransferError, match=r"b\.vcf, line 1"):
        parse_path(tmp_path / "cards")
    with pytest.raises(TransferError, match="no .vcf files"):
        parse_path((tmp_path / "empty").mkdir() or tmp_path / "empty")


def test_re_importing_a_changed_card_updates_the_contact(store):
    import_text(store, VCARD_V4)
    changed = VCARD_V4.replace("TITLE:Rear Admiral", "TITLE:Commodore")
    result = import_text(store, changed)
    assert result.counts()["updated"] == 1
    assert "role Rear Admiral → Commodore" in result.of("updated")[0].reason
    assert by_name(store)["Grace Hopper"].role == "Commodore"


KHARD = shutil.which("khard") or str(Path(sys.executable).with_name("khard"))


@pytest.mark.skipif(not Path(KHARD).exists(), reason="khard is in the test extras")
def test_khard_lists_every_exported_contact(store, tmp_path):
    import_text(store, VCARD_V3 + VCARD_V4 + VCARD_21_QP)
    store.save_many([Contact(name="Zoë 🚀 Ünïcode", company="Café, Ltd", emails=("z@example.org",),
                             notes="multi\nline; with, punctuation", tags=("a,b", "c")),
                     Contact(name="Single")])
    folder = tmp_path / "cards"
    export_vcards(store, folder)
    config = write(tmp_path / "khard.conf", f"[addressbooks]\n[[netplan]]\npath = {folder}\n")
    proc = subprocess.run([KHARD, "-c", str(config), "list", "--parsable"],
                          capture_output=True, text=True, timeout=60,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    listed = dict(tuple(line.split("\t")[:2]) for line in proc.stdout.splitlines())
    contacts = {c.extra.get("vcard_uid", c.id): c.name for c in store.all(Contact)}
    assert set(listed) == set(contacts)  # each UID as the card had it
    for cid, name in contacts.items():
        # khard shows names built from N, so Ada's kept middle name shows too.
        assert set(name.split()) <= set(listed[cid].split()), (name, listed[cid])


def _card(name: str, uid: str, *lines: str) -> str:
    body = "".join(line + "\r\n" for line in lines)
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{body}UID:{uid}\r\nEND:VCARD\r\n")


def test_a_phones_card_about_someone_adds_to_them_and_renames_no_one(store):
    """A phone's cards matched by e-mail (not the contacts' own cards): a nickname or a
    typo does not rename anyone, nobody is moved to another company, and the numbers and
    e-mails the card adds are kept beside netplan's."""
    store.save_many([
        Contact(name="Katherine Lee", company="Stripe", emails=("kate@example.org",)),
        Contact(name="Michael Brennan", company="Acme", emails=("mb@example.org",),
                phones=({"type": "work", "number": "+1 212 555 0100"},)),
    ])
    result = import_text(store, _card(
        "Kate Lee", "A1B2C3D4-0000-4000-8000-000000000001", "ORG:Figma",
        "EMAIL:kate@example.org", "EMAIL:kate@home.example", "TEL;TYPE=CELL:+1 212 555 0123",
    ) + _card(
        "Michael Brenan", "A1B2C3D4-0000-4000-8000-000000000002", "EMAIL:mb@example.org",
        "TEL;TYPE=CELL:+1 212 555 0199", "TEL;TYPE=WORK:+1 212 555 0100",
    ))
    assert result.counts()["created"] == 0
    people = by_name(store)
    kate, michael = people["Katherine Lee"], people["Michael Brennan"]
    assert kate.company == "Stripe"
    assert kate.emails == ("kate@example.org", "kate@home.example")
    assert kate.phones == ({"type": "mobile", "number": "+1 212 555 0123"},)
    assert [p["number"] for p in michael.phones] == ["+1 212 555 0100", "+1 212 555 0199"]
    assert "A1B2C3D4-0000-4000-8000-000000000002" in michael.other_uids or \
        michael.extra.get("vcard_uid") == "A1B2C3D4-0000-4000-8000-000000000002"
    # The same file again: nothing more to bring.
    again = import_text(store, _card(
        "Kate Lee", "A1B2C3D4-0000-4000-8000-000000000001", "ORG:Figma",
        "EMAIL:kate@example.org", "EMAIL:kate@home.example", "TEL;TYPE=CELL:+1 212 555 0123"))
    assert again.counts()["updated"] == 0 and by_name(store)["Katherine Lee"].company == "Stripe"


def test_the_contacts_own_card_edited_elsewhere_is_the_newer_word(store, tmp_path):
    """An exported card edited in khard (its UID is the contact's): a rename, a removed
    number and a new company come back."""
    ada = store.save(Contact(name="Ada", company="Engines", emails=("ada@example.org",),
                             phones=({"type": "mobile", "number": "+44 1"},
                                     {"type": "work", "number": "+44 2"})))
    edited = card_text(ada).replace("FN:Ada\r\n", "FN:Ada Lovelace\r\n").replace(
        "ORG:Engines", "ORG:Analytical").replace("TEL;TYPE=work:+44 2\r\n", "")
    edited = "\r\n".join(line for line in edited.split("\r\n") if "+44 2" not in line)
    import_text(store, edited)
    (back,) = store.all(Contact)
    assert (back.id, back.name, back.company) == (ada.id, "Ada Lovelace", "Analytical")
    assert back.phones == ({"type": "mobile", "number": "+44 1"},)


def test_a_card_read_again_brings_only_what_changed_on_it(store):
    """Imported from a phone, renamed in netplan, then the phone's file imported again:
    the rename stands; what was changed on the phone since comes in."""
    card = _card("Kate Lee", "A1B2C3D4-0000-4000-8000-000000000003", "TITLE:Engineer",
                 "EMAIL:kate@example.org")
    import_text(store, card)
    (kate,) = store.all(Contact)
    store.save(kate.replace(name="Katherine Lee"))
    assert import_text(store, card).counts()["updated"] == 0
    result = import_text(store, card.replace("TITLE:Engineer", "TITLE:Staff engineer"))
    (back,) = store.all(Contact)
    assert (back.name, back.role) == ("Katherine Lee", "Staff engineer")
    assert result.of("updated")[0].reason == "role Engineer → Staff engineer"


def test_two_people_of_one_name_at_one_company_with_other_addresses_stay_two(store):
    """Two Sam Parks at Acme, each with their own address: one file, or one already known."""
    two = (_card("Sam Park", "A1B2C3D4-0000-4000-8000-000000000011", "ORG:Acme",
                 "EMAIL:sam1@a.example", "TEL:111")
           + _card("Sam Park", "A1B2C3D4-0000-4000-8000-000000000012", "ORG:Acme",
                   "EMAIL:sam2@b.example", "TEL:222"))
    assert import_text(store, two).counts()["created"] == 2
    sams = sorted(store.all(Contact), key=lambda c: c.emails)
    assert [c.emails for c in sams] == [("sam1@a.example",), ("sam2@b.example",)]
    assert [len(c.phones) for c in sams] == [1, 1]
    # A third card with no address still fits nobody for sure: reported, nothing created.
    third = import_text(store, _card("Sam Park", "A1B2C3D4-0000-4000-8000-000000000013",
                                     "ORG:Acme", "TEL:333"))
    assert third.counts()["created"] == 0 and "ambiguous" in third.of("skipped")[0].reason
