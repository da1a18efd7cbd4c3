"""`netplan import csv`: Google Contacts and Outlook exports by their headers, any other CSV
through --map; matched like every import; a LinkedIn file sent to the right command."""

from __future__ import annotations

import json

import pytest

from netplan.cli import main
from netplan.store.database import open_store
from netplan.store.records import Contact

from ...helpers.linkedin_export import CONNECTIONS, GOOGLE_CSV, OUTLOOK_CSV
from ...helpers.transfer_files import write


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_google_contacts(capsys, store_path, tmp_path):
    path = write(tmp_path / "contacts.csv", GOOGLE_CSV.encode())
    code, out, err = run(capsys, "import", "csv", str(path), "--db", str(store_path))
    assert code == 0, err
    people = {c.name: c for c in open_store(store_path).all(Contact)}
    priya = people["Priya Raman"]
    assert (priya.company, priya.role, priya.notes) == ("Stripe", "Staff Engineer",
                                                       "Met at PyCon")
    assert priya.emails == ("priya@example.org", "priya@stripe.test")
    assert priya.phones == ({"type": "mobile", "number": "+44 7700 900123"},
                            {"type": "work", "number": "+44 20 7946 0000"})
    assert priya.tags == ("mentors",)  # Google's own "myContacts" is not a tag
    assert priya.links == {"linkedin": "https://www.linkedin.com/in/priya-raman"}
    assert priya.how_met == ""  # never "LinkedIn" for a Google file
    assert "2 created" in out


def test_outlook_contacts(capsys, store_path, tmp_path):
    path = write(tmp_path / "outlook.csv", OUTLOOK_CSV.encode("cp1252"))
    assert run(capsys, "import", "csv", str(path), "--db", str(store_path))[0] == 0
    [tom] = open_store(store_path).all(Contact)
    assert (tom.name, tom.company, tom.role) == ("Tom Okafor", "Initech", "CTO")
    assert tom.tags == ("Mentors", "Founders")
    assert {p["type"] for p in tom.phones} == {"work", "mobile"}


def test_a_second_import_creates_nothing_and_matches_by_email(capsys, store_path, tmp_path):
    open_store(store_path).save(Contact(name="Ada L.", emails=("ada@example.org",)))
    path = write(tmp_path / "contacts.csv", GOOGLE_CSV.encode())
    run(capsys, "import", "csv", str(path), "--db", str(store_path))
    code, out, _ = run(capsys, "import", "csv", str(path), "--db", str(store_path), "--json")
    result = json.loads(out)
    assert result["counts"]["created"] == 0
    names = sorted(c.name for c in open_store(store_path).all(Contact))
    assert names == ["Ada L.", "Priya Raman"]  # Ada matched by her e-mail, kept her name


def test_any_csv_with_a_map(capsys, store_path, tmp_path):
    text = "Nom complet;Courriel;Société;Portable\r\nJeanne Dupont;jd@example.fr;Acme;06 12\r\n"
    path = write(tmp_path / "export.csv", text.encode("utf-8"))
    code, _, err = run(capsys, "import", "csv", str(path), "--db", str(store_path))
    assert code == 2 and "--map COLUMN=FIELD" in err and "'Nom complet'" in err
    assert "semicolons" in err
    code, _, err = run(capsys, "import", "csv", str(path), "--db", str(store_path),
                       "--map", "Nom complet=name", "--map", "Courriel=email",
                       "--map", "Société=company", "--map", "Portable=phone")
    assert code == 0, err
    [jeanne] = open_store(store_path).all(Contact)
    assert (jeanne.name, jeanne.emails, jeanne.company) == ("Jeanne Dupont", ("jd@example.fr",),
                                                          "Acme")
    assert jeanne.phones == ({"type": "mobile", "number": "06 12"},)


def test_a_bad_map_and_a_dry_run(capsys, store_path, tmp_path):
    path = write(tmp_path / "contacts.csv", GOOGLE_CSV.encode())
    code, _, err = run(capsys, "import", "csv", str(path), "--db", str(store_path),
                       "--map", "Name=nickname")
    assert code == 2 and "FIELD one of name" in err
    code, out, _ = run(capsys, "import", "csv", str(path), "--db", str(store_path), "--dry-run")
    assert code == 0 and "dry run" in out
    assert open_store(store_path).all(Contact) == []


@pytest.mark.parametrize(("data", "words"), [
    (CONNECTIONS.encode(), "LinkedIn's Connections.csv: use `netplan import linkedin`"),
    (b"PK\x03\x04rest", "this is a zip archive"),
])
def test_files_for_another_command_are_sent_there(capsys, store_path, tmp_path, data, words):
    path = write(tmp_path / "x.csv", data)
    code, _, err = run(capsys, "import", "csv", str(path), "--db", str(store_path))
    assert code == 2 and words in err
