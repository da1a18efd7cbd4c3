"""Imports never merge distinct people: a distinct profile URL is a distinct person,
and a name + company that fits more than one contact is reported, never guessed."""

from __future__ import annotations

import csv
import io

from netplan.store.records import Contact
from netplan.transfer.import_plan import apply_import
from netplan.transfer.linkedin import parse_file, parse_text

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]


def export(rows: list[list[str]]) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADER)
    w.writerows(rows)
    return out.getvalue()


def big_export() -> tuple[str, int]:
    """2,000 rows; 400 pairs share first name, last name and company (distinct URLs)."""
    firsts = ["Alex", "Sam", "Chris", "Jordan", "Taylor", "Morgan", "Jamie", "Robin"]
    lasts = ["Lee", "Kim", "Smith", "Garcia", "Nguyen"]
    rows = []
    for i in range(2000):
        pair = i // 2 if i < 800 else i  # rows 0..799 come in same-name pairs
        first, last = firsts[pair % 8], lasts[(pair // 8) % 5] + str(pair // 40)
        company = ["Acme", "Globex", "Initech"][pair % 3]
        rows.append([first, last, f"https://www.linkedin.com/in/person-{i}/", "",
                     company, "Engineer", "07 Dec 2025"])
    return export(rows), 2000


def test_two_thousand_rows_with_hundreds_of_name_collisions_give_one_contact_per_url(
        store, tmp_path):
    text, n = big_export()
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    result = apply_import(store, parse_file(str(path)))
    contacts = store.all(Contact)
    urls = {c.links["linkedin"] for c in contacts}
    assert len(contacts) == n and len(urls) == n
    assert result.counts() == {"created": n, "updated": 0, "skipped": 0}
    # The same file again changes nothing and creates nobody.
    again = apply_import(store, parse_file(str(path)))
    assert len(store.all(Contact)) == n
    assert again.counts() == {"created": 0, "updated": 0, "skipped": n}
    assert {o.reason for o in again.of("skipped")} == {"already up to date"}


def test_same_name_rows_in_one_file_with_different_urls_are_two_people(store):
    text = export([
        ["Ada", "Lovelace", "https://linkedin.com/in/ada-1", "", "Acme", "Eng", ""],
        ["Ada", "Lovelace", "https://linkedin.com/in/ada-2", "", "Acme", "Eng", ""],
    ])
    result = apply_import(store, parse_text(text))
    assert result.counts()["created"] == 2
    assert len(store.all(Contact)) == 2


def test_url_less_row_matching_one_contact_by_name_updates_it(store):
    store.save(Contact(name="Ada Lovelace", company="Acme",
                       links={"linkedin": "https://linkedin.com/in/ada"}))
    result = apply_import(store, parse_text(export(
        [["Ada", "Lovelace", "", "ada@example.org", "Acme", "", ""]])))
    assert result.counts() == {"created": 0, "updated": 1, "skipped": 0}
    [ada] = store.all(Contact)
    assert ada.emails == ("ada@example.org",)


def test_ambiguous_name_and_company_is_reported_with_line_and_candidates(store):
    one = store.save(Contact(name="Sam Lee", company="Acme"))
    two = store.save(Contact(name="Sam Lee", company="Acme", role="Designer"))
    text = export([["Sam", "Lee", "", "sam@example.org", "Acme", "", ""]])
    result = apply_import(store, parse_text(text))
    assert result.counts() == {"created": 0, "updated": 0, "skipped": 1}
    [skip] = result.of("skipped")
    assert skip.line == 2
    assert "ambiguous" in skip.reason
    assert one.id[:8] in skip.reason and two.id[:8] in skip.reason
    stored = store.all(Contact)
    assert len(stored) == 2 and all(c.emails == () for c in stored)  # nothing merged in


def test_row_with_a_url_does_not_merge_into_a_contact_with_another_url(store):
    store.save(Contact(name="Sam Lee", company="Acme",
                       links={"linkedin": "https://linkedin.com/in/sam-a"}))
    result = apply_import(store, parse_text(export(
        [["Sam", "Lee", "https://linkedin.com/in/sam-b", "", "Acme", "", ""]])))
    assert result.counts()["created"] == 1
    assert len(store.all(Contact)) == 2


def test_an_email_finds_the_contact_when_the_name_changed(store):
    store.save(Contact(name="Ada King", company="Acme", emails=("ada@example.org",)))
    result = apply_import(store, parse_text(export(
        [["Ada", "Lovelace", "https://linkedin.com/in/ada", "ADA@example.org", "Acme", "", ""]])))
    assert result.counts() == {"created": 0, "updated": 1, "skipped": 0}
    [ada] = store.all(Contact)
    assert ada.links == {"linkedin": "https://linkedin.com/in/ada"}


def test_a_shared_email_does_not_merge_two_different_profile_urls(store):
    store.save(Contact(name="Sam Lee", company="Acme", emails=("team@acme.example",),
                       links={"linkedin": "https://linkedin.com/in/sam-a"}))
    result = apply_import(store, parse_text(export(
        [["Sam", "Lee", "https://linkedin.com/in/sam-b", "team@acme.example", "Acme", "", ""]])))
    assert result.counts()["created"] == 1
    assert len(store.all(Contact)) == 2
