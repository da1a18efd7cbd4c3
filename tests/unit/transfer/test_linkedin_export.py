"""LinkedIn's whole data export: the zip, its folder, any one file; every language's
header, every date form, `;` and tab separators, UTF-16 and Windows-1252; messages and
invitations as outreach and replies; notes once; files that are not Connections.csv
refused saying what they look like; a second import creates nothing."""

from __future__ import annotations

import pytest

from netplan.domain.goals import week_views
from netplan.domain.review import build_review
from netplan.store.records import Contact, Goal, Interaction
from netplan.transfer.files import TransferError
from netplan.transfer.import_plan import apply_import
from netplan.transfer.linkedin import parse_file

from ...helpers.linkedin_export import (
    ADA,
    CONNECTIONS,
    GOOGLE_CSV,
    GRACE,
    INVITATIONS,
    LANGUAGE_DATES,
    LANGUAGES,
    LIN,
    MESSAGES,
    NOTES,
    OUTLOOK_CSV,
    PROFILE,
    connections_in,
    export_zip,
)
from ...helpers.transfer_files import write


def by_name(store) -> dict[str, Contact]:
    return {c.name: c for c in store.all(Contact)}


def imported(store, path):
    return apply_import(store, parse_file(str(path)))


def test_the_zip_gives_contacts_outreach_replies_and_notes(store, tmp_path):
    path = write(tmp_path / "Basic_LinkedInDataExport_11-30-2026.zip", export_zip())
    result = imported(store, path)
    people = by_name(store)
    assert set(people) == {"Ada Lovelace", "Grace Hopper", "Lin Clark"}  # Profile.csv: not one
    assert people["Ada Lovelace"].notes == "Met at PyCon, wants to mentor"
    logged = {(tuple(people_of(store, it)), it.outreach, it.replied, it.date)
              for it in store.all(Interaction)}
    assert logged == {
        (("Ada Lovelace",), True, True, "2026-11-23"),     # I wrote, Ada answered
        (("Grace Hopper",), True, False, "2026-11-24"),    # I wrote, no answer
        (("Lin Clark",), False, False, "2026-11-25"),      # Lin wrote first
        (("Grace Hopper",), True, False, "2026-11-27"),    # my connection request
    }
    request = next(it for it in store.all(Interaction) if it.date == "2026-11-27")
    assert request.notes == "Loved your talk on COBOL" and request.kind == "dm"
    skipped = {o.label: o.reason for o in result.of("skipped")}
    assert "not among your contacts" in skipped["conversation with Sam Stranger"]
    assert skipped["invitation from Lin Clark"].startswith("received")
    # Logged through the domain: Ada's stage moved with her reply.
    assert people["Ada Lovelace"].stage == "replied"


def people_of(store, it):
    return sorted(store.get(Contact, cid).name for cid in it.contacts)


def test_a_second_import_of_the_same_zip_creates_nothing(store, tmp_path):
    path = write(tmp_path / "export.zip", export_zip())
    imported(store, path)
    again = imported(store, path)
    assert again.counts()["created"] == 0 and again.counts()["updated"] == 0
    assert len(store.all(Interaction)) == 4 and len(store.all(Contact)) == 3
    assert len(by_name(store)["Ada Lovelace"].notes.split("wants to mentor")) == 2  # once


def test_a_reply_that_came_after_the_last_import_marks_it_replied(store, tmp_path):
    imported(store, write(tmp_path / "a.zip", export_zip(**{
        "Connections.csv": CONNECTIONS, "messages.csv": MESSAGES,
        "Profile.csv": PROFILE})))
    later = MESSAGES + ("c-grace,,Grace Hopper," + GRACE + ",Me Myself,"
                        "https://www.linkedin.com/in/me-myself,2026-11-30 10:00:00 UTC,,"
                        "\"Happy to\",INBOX\r\n")
    result = imported(store, write(tmp_path / "b.zip", export_zip(**{
        "Connections.csv": CONNECTIONS, "messages.csv": later, "Profile.csv": PROFILE})))
    assert [o.label for o in result.of("updated")] == ["conversation with Grace Hopper"]
    grace = next(it for it in store.all(Interaction) if it.date == "2026-11-24")
    assert grace.replied and len(store.all(Interaction)) == 3


def test_messages_count_for_the_outreach_goal_and_the_review(store, tmp_path):
    store.save(Goal(week="2026-W48", title="Reach out to 3 people", target=3,
                    metric="outreach"))
    imported(store, write(tmp_path / "export.zip", export_zip()))
    [view] = week_views(store, "2026-W48")
    # People reached: Ada and Grace (a message and a connection request: one person);
    # Lin wrote first, so that conversation is not outreach.
    assert view.progress == 2
    review = build_review(store, "2026-W48")
    assert review.outreach == 2 and review.replied == 1  # Ada and Grace reached; Ada replied
    assert review.response_rate == pytest.approx(0.5)


def test_the_unzipped_folder_and_each_single_file_are_read(store, tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport"
    folder.mkdir()
    for name, text in {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES,
                       "Invitations.csv": INVITATIONS, "Notes.csv": NOTES,
                       "Profile.csv": PROFILE}.items():
        (folder / name).write_text(text, encoding="utf-8")
    imported(store, folder)
    assert len(store.all(Contact)) == 3 and len(store.all(Interaction)) == 4


def test_messages_alone_after_connections(store, tmp_path):
    imported(store, write(tmp_path / "Connections.csv", CONNECTIONS.encode()))
    result = imported(store, write(tmp_path / "messages.csv", MESSAGES.encode()))
    assert result.counts()["created"] == 3  # Ada, Grace, Lin; the stranger is skipped
    assert {it.date for it in store.all(Interaction)} == {"2026-11-23", "2026-11-24",
                                                         "2026-11-25"}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_connections_in_every_language_with_its_dates(store, tmp_path, language):
    imported(store, write(tmp_path / "Connections.csv", connections_in(language).encode()))
    [zoe] = store.all(Contact)
    assert (zoe.name, zoe.company, zoe.role, zoe.emails) == (
        "Zoë Müller", "Café Co", "Entwicklerin", ("zoe@example.org",))
    assert zoe.met_on == LANGUAGE_DATES[language]
    assert zoe.links["linkedin"] == "https://www.linkedin.com/in/zoe-muller"


@pytest.mark.parametrize(("written", "iso"), [
    ("8-Feb-26", "2026-02-08"), ("03/15/2024", "2024-03-15"), ("Mar 15, 2024", "2024-03-15"),
    ("15.03.2024", "2024-03-15"), ("12 Mär 2024", "2024-03-12"), ("08 févr. 2026", "2026-02-08"),
])
def test_every_date_form(store, tmp_path, written, iso):
    imported(store, write(tmp_path / "c.csv", connections_in("en", date=written).encode()))
    assert store.all(Contact)[0].met_on == iso


def test_an_unreadable_date_leaves_met_on_empty_with_a_warning(store, tmp_path):
    result = imported(store, write(tmp_path / "c.csv",
                                   connections_in("en", date="next blursday").encode()))
    assert store.all(Contact)[0].met_on is None
    assert "is not a date" in result.of("created")[0].reason


@pytest.mark.parametrize(("sep", "encoding"), [
    (";", "utf-8-sig"), ("\t", "utf-16"), (";", "cp1252"), (",", "utf-16-le"),
])
def test_excel_resaves(store, tmp_path, sep, encoding):
    data = connections_in("de", sep=sep).encode(encoding)
    imported(store, write(tmp_path / "Connections.csv", data))
    [zoe] = store.all(Contact)
    assert zoe.name == "Zoë Müller" and zoe.met_on == "2024-03-12"


def test_unclear_bytes_are_named(store, tmp_path):
    data = connections_in("en").encode("cp1252").replace(b"Caf\xe9", b"Caf\x81")
    with pytest.raises(TransferError, match=r"neither UTF-8 nor Windows-1252.*byte 0x81"):
        parse_file(str(write(tmp_path / "c.csv", data)))


@pytest.mark.parametrize(("name", "data", "words"), [
    ("Profile.csv", PROFILE, "LinkedIn's Profile.csv (your own profile), not Connections.csv"),
    ("contacts.csv", GOOGLE_CSV, "a Google Contacts CSV: use `netplan import csv`"),
    ("outlook.csv", OUTLOOK_CSV, "an Outlook contacts CSV: use `netplan import csv`"),
    ("ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n",
     "a vCard file (use `netplan import vcard`)"),
])
def test_files_that_are_not_connections_are_refused_saying_what_they_look_like(
        store, tmp_path, name, data, words):
    with pytest.raises(TransferError) as err:
        parse_file(str(write(tmp_path / name, data.encode())))
    assert words in str(err.value)
    assert store.all(Contact) == []


def test_a_zip_without_linkedin_files_says_what_it_holds(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("holiday.jpg", b"\xff\xd8")
    with pytest.raises(TransferError, match="holds no Connections.csv.*holiday.jpg"):
        parse_file(str(write(tmp_path / "photos.zip", buf.getvalue())))


def test_an_older_export_without_url_then_a_newer_one_after_a_move_is_one_person(store,
                                                                                 tmp_path):
    old = ("First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
           "Ada,Lovelace,ada@example.org,Engines,Engineer,07 Dec 2025\r\n")
    imported(store, write(tmp_path / "old.csv", old.encode()))
    new = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
           f"Ada,Lovelace,{ADA},ada@example.org,Babbage Labs,Lead,07 Dec 2025\r\n")
    imported(store, write(tmp_path / "new.csv", new.encode()))
    [ada] = store.all(Contact)
    assert ada.company == "Babbage Labs" and ada.links["linkedin"] == ADA


def test_hostile_text_in_messages_is_cleaned(store, tmp_path):
    evil = MESSAGES.replace("Hi Ada, coffee?", "\x1b]52;c;ZXZpbA==\x07[b]x[/b]\x9b31m")
    imported(store, write(tmp_path / "e.zip", export_zip(**{
        "Connections.csv": CONNECTIONS, "messages.csv": evil, "Profile.csv": PROFILE})))
    text = " ".join(it.summary for it in store.all(Interaction))
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text


def test_lin_and_grace_urls_are_distinct_people(store, tmp_path):
    imported(store, write(tmp_path / "export.zip", export_zip()))
    urls = {c.links["linkedin"] for c in store.all(Contact)}
    assert urls == {ADA, GRACE, LIN}
