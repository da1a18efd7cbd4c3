"""`netplan sync ics` without the tools: what a follow-up ticked off in the folder does to
the contact, and what the report says about it."""

from __future__ import annotations

import pytest

from netplan.domain.interactions import log
from netplan.store.records import Contact, Interaction, TagCadence
from netplan.transfer.exports import export_to
from netplan.transfer.sync_ics import sync_ics

DONE = b"STATUS:COMPLETED\r\nCOMPLETED:20261122T090000Z"


def tick_off(folder, name: str) -> None:
    """Mark a contact's follow-up done in the folder, as todoman or a phone does."""
    (path,) = [p for p in folder.iterdir() if f"Follow up with {name}".encode() in p.read_bytes()]
    path.write_bytes(path.read_bytes().replace(b"STATUS:NEEDS-ACTION", DONE))


def logged_line(report) -> str:
    (text,) = [t for a, t in report.entries if a == "logged"]
    return text


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "calendar"


def test_a_follow_up_by_cadence_done_in_the_folder_clears_nothing(store, folder):
    ada = store.save(Contact(name="Ada", cadence_days=30))
    store.save(Contact(name="Bob", next_follow_up="2026-11-20", cadence_days=14))
    log(store, Interaction(date="2026-10-01", kind="call", contacts=(ada.id,)))
    sync_ics(store, folder)
    tick_off(folder, "Ada")
    tick_off(folder, "Bob")
    report = sync_ics(store, folder)
    texts = {t.split(":")[0]: t for a, t in report.entries if a == "logged"}
    assert texts["Ada"] == ("Ada: followed up on 2026-11-22 (done in the calendar); "
                            "next one by cadence on 2026-12-22")
    assert texts["Bob"] == ("Bob: followed up on 2026-11-22 (done in the calendar); "
                            "explicit follow-up date 2026-11-20 cleared; "
                            "next one by cadence on 2026-12-06")
    # The next follow-ups written to the folder are on the days the report names.
    assert sorted(t[-10:] for a, t in report.entries if a == "new file") == [
        "2026-12-06", "2026-12-22"]


def test_without_a_cadence_the_report_says_no_follow_up_comes_next(store, folder):
    store.save(Contact(name="Cy", next_follow_up="2026-11-20"))
    sync_ics(store, folder)
    tick_off(folder, "Cy")
    report = sync_ics(store, folder)
    assert logged_line(report) == ("Cy: followed up on 2026-11-22 (done in the calendar); "
                                   "explicit follow-up date 2026-11-20 cleared; "
                                   "no next follow-up (no cadence)")
    assert "new file" not in report.counts()


def test_a_tags_cadence_gives_follow_ups_in_the_folder_as_netplan_due_does(store, folder,
                                                                           tmp_path):
    store.save(TagCadence(tag="close", cadence_days=60))
    store.save(Contact(name="Dee", tags=("close",), next_follow_up="2026-11-21"))
    sync_ics(store, folder)
    tick_off(folder, "Dee")
    report = sync_ics(store, folder)
    assert logged_line(report).endswith("; next one by cadence on 2027-01-21")
    assert any(b"DUE;VALUE=DATE:20270121" in p.read_bytes() for p in folder.iterdir())
    exported = tmp_path / "export"
    export_to(store, "ics", str(exported) + "/")
    (item,) = exported.iterdir()
    assert b"DUE;VALUE=DATE:20270121" in item.read_bytes()
