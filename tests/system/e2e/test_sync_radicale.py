"""Two-way sync end to end: netplan's vdirs, real vdirsyncer, a real Radicale server.

The issue's scenario: an iPhone's card (upper-case UID) changed on the server the way
an iPhone writes it (item1.URL + X-ABLabel, TEL) comes back into netplan and never
becomes a second card; a card deleted on the server flags its contact and does not come
back; a follow-up completed on the server is followed up in netplan and stays completed.
"""

from __future__ import annotations

import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction

from ...conftest import netplan_cmd, subprocess_env
from ...helpers.sync_tools import Radicale, have, run, tool, vdirsyncer_config

pytestmark = pytest.mark.skipif(not have("radicale", "vdirsyncer"),
                                reason="radicale and vdirsyncer are in the test extras")

IPHONE_UID = "6F1C2B3A-8D4E-4F5A-9B6C-7D8E9F0A1B2C"
IPHONE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 18.1//EN\r\n"
    "N:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\nORG:Analytical Engines;\r\nTITLE:Engineer\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:ada@example.org\r\n"
    f"UID:{IPHONE_UID}\r\nEND:VCARD\r\n"
)


def netplan(store, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(netplan_cmd("--db", str(store), *args), capture_output=True,
                          text=True, timeout=60, env=subprocess_env())
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def server(tmp_path):
    radicale = Radicale(tmp_path).start()
    yield radicale
    radicale.stop()


def card_with(items: dict[str, str], text: str) -> tuple[str, str]:
    found = [(name, body) for name, body in items.items() if text in body]
    assert len(found) == 1, (text, list(items))
    return found[0]


def test_sync_round_trip_through_radicale(tmp_path, server):
    store = tmp_path / "data" / "netplan.json"
    cards, calendar = tmp_path / "cards", tmp_path / "calendar"
    (tmp_path / "iphone.vcf").write_text(IPHONE_CARD)
    netplan(store, "import", "vcard", str(tmp_path / "iphone.vcf"))
    netplan(store, "add", "contact", "Bob Builder", "--company", "Acme")
    netplan(store, "add", "contact", "Cy Gone")
    db = open_store(store)
    bob = next(c for c in db.all(Contact) if c.name == "Bob Builder")
    db.save(bob.replace(next_follow_up="2026-11-20", cadence_days=None))
    db.close()
    config = vdirsyncer_config(tmp_path, server, cards, calendar)

    def cron_run() -> str:
        """The README's cron line: the server's changes down, merged, netplan's up."""
        run([tool("vdirsyncer"), "-c", str(config), "sync"], tmp_path)
        out = netplan(store, "sync", "vcard", str(cards)).stdout
        out += netplan(store, "sync", "ics", str(calendar)).stdout
        run([tool("vdirsyncer"), "-c", str(config), "sync"], tmp_path)
        return out

    netplan(store, "sync", "vcard", str(cards))
    netplan(store, "sync", "ics", str(calendar))
    run([tool("vdirsyncer"), "-c", str(config), "discover"], tmp_path, stdin="y\ny\n")
    run([tool("vdirsyncer"), "-c", str(config), "sync"], tmp_path)
    held = server.items("contacts")
    assert len(held) == 3
    name, ada_card = card_with(held, "Ada Lovelace")
    assert f"UID:{IPHONE_UID}\n" in ada_card  # upper case, as the iPhone wrote it
    assert "EMAIL;TYPE=INTERNET,WORK,pref:ada@example.org" in ada_card \
        or "EMAIL;type=INTERNET;type=WORK;type=pref:ada@example.org" in ada_card
    todo_name, todo = card_with(server.items("calendar"), "Follow up with Bob Builder")
    cy_name, _ = card_with(held, "Cy Gone")

    # On the phone: Ada gets a new title, a phone number and a labelled link.
    changed = (ada_card.replace("TITLE:Engineer", "TITLE:Countess")
               .replace("END:VCARD", "TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0000\r\n"
                        "item1.URL;type=pref:https://ada.example\r\n"
                        "item1.X-ABLabel:_$!<HomePage>!$_\r\nEND:VCARD"))
    server.put("contacts", name, changed)
    server.delete("contacts", cy_name)
    server.put("calendar", todo_name, todo.replace(
        "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261122T090000Z"))
    out = cron_run()  # one run brings the phone's changes into netplan
    assert "Cy Gone: card" in out and "flagged" in out
    assert "mobile:+44 20 7946 0000" in out  # the number whole in the change line
    assert ("Bob Builder: followed up on 2026-11-22 (done in the calendar); explicit "
            "follow-up date 2026-11-20 cleared; no next follow-up (no cadence)") in out

    db = open_store(store)
    ada = next(c for c in db.all(Contact) if c.name == "Ada Lovelace")
    assert ada.role == "Countess" and ada.links == {"site": "https://ada.example"}
    assert any(c.name == "Cy Gone" for c in db.all(Contact))  # flagged, not deleted
    bob = next(c for c in db.all(Contact) if c.name == "Bob Builder")
    assert bob.next_follow_up is None
    logged = [i for i in db.all(Interaction) if bob.id in i.contacts]
    assert [(i.kind, i.date) for i in logged] == [("other", "2026-11-22")]
    due = netplan(store, "due", "--json").stdout
    assert "Bob Builder" not in due
    db.close()

    cron_run()
    cron_run()
    held = server.items("contacts")
    assert len(held) == 2, list(held)  # no second Ada, and Cy never comes back
    _, ada_card = card_with(held, "Ada Lovelace")
    for line in (f"UID:{IPHONE_UID}", "TITLE:Countess", "item1.URL;TYPE=pref:https://ada.example",
                 "item1.X-ABLabel:_$!<HomePage>!$_", "+44 20 7946 0000"):
        assert line.lower() in ada_card.lower(), (line, ada_card)
    _, todo = card_with(server.items("calendar"), "Follow up with Bob Builder")
    assert "STATUS:COMPLETED" in todo  # the next export left it completed

    out = netplan(store, "sync", "vcard", str(cards), "--yes").stdout
    assert "contact deleted" in out
    db = open_store(store)
    assert not any(c.name == "Cy Gone" for c in db.all(Contact))
    db.close()
