"""LinkedIn Connections.csv import: the real file's quirks, re-imports, bad files."""

from __future__ import annotations

import pytest

from netplan.store.records import Contact
from netplan.transfer.files import TransferError
from netplan.transfer.import_plan import apply_import
from netplan.transfer.linkedin import parse_connected_on, parse_file, parse_text
from netplan.transfer.matching import normalise_url

from ...helpers.transfer_files import LINKEDIN_OLD, generated_linkedin, linkedin_csv, write


def by_name(store):
    return {c.name: c for c in store.all(Contact)}


def test_real_export_with_preamble_bom_crlf_quotes_and_empty_rows(store, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    result = apply_import(store, parse_file(str(path)))
    people = by_name(store)
    assert set(people) == {"Ada Lovelace", "Grace Hopper", "Émile Zoë 🚀", "Evil Red"}
    ada = people["Ada Lovelace"]
    assert ada.company == "Analytical Engines, Ltd"  # the quoted comma stayed inside
    assert ada.role == "Engineer"
    assert ada.emails == ("ada@example.org",)
    assert ada.links == {"linkedin": "https://www.linkedin.com/in/ada-lovelace"}
    assert ada.met_on == "2025-12-07" and ada.how_met == "LinkedIn"
    assert people["Grace Hopper"].role == "Rear Admiral, retired"
    assert people["Émile Zoë 🚀"].company == "Café ☕ Co"
    assert result.counts() == {"created": 4, "updated": 0, "skipped": 1}
    empty = result.of("skipped")[0]
    assert empty.line == 6 and "deleted account" in empty.reason
    # Line numbers are the file's: preamble, a blank line, the header on line 4.
    assert [o.line for o in result.of("created")] == [5, 7, 8, 9]


def test_escape_sequences_and_control_characters_are_stripped(store, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    apply_import(store, parse_file(str(path)))
    evil = by_name(store)["Evil Red"]
    assert "\x1b" not in evil.name and "\x07" not in evil.role
    assert evil.role == "Boss"
    assert evil.company == '=HYPERLINK("x")'  # stored as typed; guarded only in CSV exports


def test_older_export_without_url_column_maps_by_name(store, tmp_path):
    path = write(tmp_path / "old.csv", LINKEDIN_OLD)
    apply_import(store, parse_file(str(path)))
    people = by_name(store)
    assert people["Linus Torvalds"].emails == ("linus@example.org",)
    assert people["Linus Torvalds"].company == "Linux Foundation"
    assert people["Margaret Hamilton"].met_on == "2018-10-03"
    assert people["Margaret Hamilton"].links == {}
    # Without a URL, name + company is the key: a second import finds them.
    again = apply_import(store, parse_file(str(path)))
    assert again.counts()["created"] == 0 and len(store.all(Contact)) == 2


def test_reimport_creates_nothing_and_updates_changed_company(store, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    apply_import(store, parse_file(str(path)))
    ids = {c.name: c.id for c in store.all(Contact)}
    again = apply_import(store, parse_file(str(path)))
    assert again.counts() == {"created": 0, "updated": 0, "skipped": 5}
    assert {o.reason for o in again.of("skipped") if o.line != 6} == {"already up to date"}
    # Ada moved on; her profile URL is written differently this time.
    moved = linkedin_csv().replace(
        b'https://www.linkedin.com/in/ada-lovelace,ada@example.org,"Analytical Engines, Ltd",'
        b"Engineer",
        b"http://LinkedIn.com/in/ada-lovelace/?trk=abc,ada@example.org,Babbage & Co,CTO")
    path2 = write(tmp_path / "Connections2.csv", moved)
    third = apply_import(store, parse_file(str(path2)))
    assert third.counts()["created"] == 0 and third.counts()["updated"] == 1
    ada = by_name(store)["Ada Lovelace"]
    assert ada.id == ids["Ada Lovelace"] and (ada.company, ada.role) == ("Babbage & Co", "CTO")
    assert "company Analytical Engines, Ltd → Babbage & Co" in third.of("updated")[0].reason
    assert len(store.all(Contact)) == 4


def test_reimport_keeps_what_the_user_wrote(store, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    apply_import(store, parse_file(str(path)))
    ada = by_name(store)["Ada Lovelace"]
    store.save(ada.replace(notes="Loves engines", stage="talked", how_met="PyCon"))
    apply_import(store, parse_file(str(path)))
    ada = by_name(store)["Ada Lovelace"]
    assert (ada.notes, ada.stage, ada.how_met) == ("Loves engines", "talked", "PyCon")


def test_dry_run_changes_nothing(store, store_path, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    before = store_path.read_bytes()
    result = apply_import(store, parse_file(str(path)), dry_run=True)
    assert result.dry_run and result.counts()["created"] == 4
    assert store_path.read_bytes() == before and store.all(Contact) == []


def test_same_person_twice_in_one_file_is_one_contact(store):
    rows = ("Ada,Lovelace,https://linkedin.com/in/ada,,Engines,Engineer,07 Dec 2025\r\n"
            "Ada,Lovelace,https://www.linkedin.com/in/ada/,,Engines,Engineer,07 Dec 2025\r\n")
    parsed = parse_text(linkedin_csv(rows).decode("utf-8-sig"))
    result = apply_import(store, parsed)
    assert len(store.all(Contact)) == 1
    assert "same person as line 5" in result.of("skipped")[0].reason


@pytest.mark.parametrize("data, line, words", [
    (b"Name,Company\nAda,Engines\n", 1, "no header row"),
    (linkedin_csv('Ada,Lovelace,u,,"Engines,Engineer,07 Dec 2025\r\nGrace,Hopper,,,,,\r\n'), 5,
     "quoted value is never closed"),
    (linkedin_csv("Ada,Lovelace,u,,Engines,Engineer,07 Dec 2025,extra,more\r\n"), 5,
     "9 values but the header has 7"),
    (LINKEDIN_OLD.encode() + b"Bad,\x81\x8dBytes,,x,y,01 Jan 2020\n", 4,
     "neither UTF-8 nor Windows-1252"),
])
def test_malformed_files_name_the_line_and_leave_the_store(store, store_path, tmp_path,
                                                             data, line, words):
    store.save(Contact(name="Already here"))
    before = store_path.read_bytes()
    path = write(tmp_path / "bad.csv", data)
    with pytest.raises(TransferError) as info:
        parse_file(str(path))
    assert info.value.line == line and f"line {line}" in str(info.value)
    assert words in str(info.value)
    assert store_path.read_bytes() == before


def test_rows_without_a_name_and_bad_dates_are_reported(store):
    rows = (",,https://linkedin.com/in/x,x@example.org,Co,Dev,01 Jan 2020\r\n"
            "Ada,,,,,,31 Feb 2025\r\n")
    result = apply_import(store, parse_text(linkedin_csv(rows).decode("utf-8-sig")))
    assert "no first or last name" in result.of("skipped")[0].reason
    created = result.of("created")[0]
    assert created.label == "Ada" and "'31 Feb 2025' is not a date" in created.reason
    assert store.all(Contact)[0].met_on is None


@pytest.mark.parametrize("text, iso", [
    ("07 Dec 2025", "2025-12-07"), ("7 Dec 2025", "2025-12-07"), ("07 December 2025", "2025-12-07"),
    ("2025-12-07", "2025-12-07"), ("", None), ("yesterday", None), ("31 Feb 2025", None),
])
def test_connected_on(text, iso):
    assert parse_connected_on(text) == iso


@pytest.mark.parametrize("url", [
    "https://www.linkedin.com/in/ada/", "http://linkedin.com/in/ADA", "linkedin.com/in/ada?x=1",
    "HTTPS://WWW.LINKEDIN.COM/in/ada#top",
])
def test_profile_urls_normalise_alike(url):
    assert normalise_url(url) == "linkedin.com/in/ada"


def test_two_thousand_rows_twice_no_duplicates(store, tmp_path):
    path = write(tmp_path / "Connections.csv", generated_linkedin(2000))
    first = apply_import(store, parse_file(str(path)))
    assert first.counts() == {"created": 2000, "updated": 0, "skipped": 8}
    second = apply_import(store, parse_file(str(path)))
    assert second.counts() == {"created": 0, "updated": 0, "skipped": 2008}
    assert len(store.all(Contact)) == 2000
    # 2,000 identical reasons are one line of the report, the 8 empty rows are listed.
    report = list(second.report_lines(limit=50))
    assert "  skipped  2000 people (lines 5–2012): already up to date" in report
    assert len(report) == 9
