"""`netplan sync ics DIR`: follow-ups, planned events and planned conversations both ways
with a vdir of `.ics` files (one VTODO or VEVENT a file: todoman's, khal's, vdirsyncer's).

Read back from the folder, for items changed there since the last sync (the state):
- a follow-up marked done (`STATUS:COMPLETED` or a `COMPLETED` date) counts as followed
  up: an interaction of kind `other` is logged with the contact on the completion date
  (through the domain, so the cadence, stage and weekly goals see it), the contact's
  explicit follow-up date, if they had one, is cleared, and the completed file is left as
  it is; the next follow-up, if the cadence gives one, is a new item with its own UID;
- a changed `DUE` becomes the contact's explicit follow-up date;
- an event's changed date is its new date, a cancelled one (`STATUS:CANCELLED`) is skipped;
- a planned conversation's changed date is its new date.
A change on both sides keeps netplan's and is reported. Then every item netplan has is
written where it differs; items netplan no longer has are removed (unless changed in
the folder), and an item deleted in the folder is not written again until netplan's
date for it changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.followups import tag_cadences
from ..store.records import Contact, Event, Interaction, TagCadence, now_iso
from ..support.dates import today
from .contentline import parse_line, unescape, unfold
from .files import TransferError, decode
from .ical import CalendarItem, calendar_items, item_files
from .sync_report import SyncReport
from .sync_state import file_hash, locked_state
from .vdir import Vdir

if TYPE_CHECKING:
    from ..store.database import Store

FOLLOW_UP_SUMMARY = "Followed up (marked done in the calendar)"


@dataclass
class Component:
    """What netplan reads from one `.ics` file's first VTODO or VEVENT."""

    kind: str
    uid: str
    day: dt.date | None
    status: str
    completed: dt.date | None


def _date_of(value: str) -> dt.date | None:
    digits = value.strip()[:8]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def read_component(name: str, data: bytes) -> Component:
    text = decode(data, name)
    kind = ""
    found: dict[str, str] = {}
    for number, raw in unfold(text):
        if not raw.strip():
            continue
        cl = parse_line(raw, number, name)
        value = cl.value.strip()
        if cl.name == "BEGIN" and value.upper() in ("VTODO", "VEVENT") and not kind:
            kind = value.upper()
        elif cl.name == "END" and value.upper() == kind:
            break
        elif kind and cl.name not in found:
            found[cl.name] = unescape(value)
    if not kind:
        raise TransferError("holds no VTODO or VEVENT", path=name)
    day = _date_of(found.get("DUE" if kind == "VTODO" else "DTSTART", ""))
    completed = _date_of(found["COMPLETED"]) if "COMPLETED" in found else None
    status = found.get("STATUS", "").upper()
    if completed and not status:
        status = "COMPLETED"
    return Component(kind, found.get("UID", ""), day, status, completed)


class IcsSync:
    def __init__(self, store: Store, vdir: Vdir, items: dict[str, dict[str, Any]],
                 report: SyncReport):
        self.store, self.vdir, self.items, self.report = store, vdir, items, report
        self.read: dict[str, Component] = {}
        # Follow-ups done in the folder: (contact id, what happened), told once the next
        # follow-up (the cadence's, from the log) is known.
        self.followed_up: list[tuple[str, str]] = []

    def run(self) -> None:
        for name, data in self.vdir.files.items():
            try:
                self.read[name] = read_component(name, data)
            except TransferError as exc:
                self.report.add("skipped", f"{name}: {exc}")
        now = self._wanted()
        for key in list(self.items):
            entry = self.items[key]
            if entry.get("done"):
                continue
            name = entry.get("file")
            if not name:
                continue  # the next follow-up after a completed one: not written yet
            comp = self.read.get(str(name))
            if comp is None:
                if not entry.get("gone") and key in now:
                    entry["gone"] = True
                    self.report.add("flagged", f"{name}: deleted in the folder; not written "
                                    "again until its date changes in netplan")
                elif key not in now:
                    del self.items[key]
                continue
            if entry.get("hash") != file_hash(self.vdir.files[str(name)]):
                self._read_back(key, entry, comp, now.get(key))
        wanted = self._wanted()
        for cid, text in self.followed_up:
            after = wanted.get(f"followup-{cid}")
            self.report.add("logged", text + (f"; next one by cadence on {after.day}" if after
                                              else "; no next follow-up (no cadence)"))
        self._write(wanted)

    def _wanted(self) -> dict[str, CalendarItem]:
        uid_keys = {k: str(e["uid"]).split("@", 1)[0] for k, e in self.items.items()
                    if not e.get("done") and e.get("uid")}
        items = calendar_items(self.store.all(Contact), self.store.all(Interaction),
                               self.store.all(Event), uid_keys=uid_keys,
                               by_tag=tag_cadences(self.store.all(TagCadence)))
        return {item.key: item for item in items}

    def _read_back(self, key: str, entry: dict[str, Any], comp: Component,
                   ours: CalendarItem | None) -> None:
        base = entry.get("base") if isinstance(entry.get("base"), dict) else {}
        base_day = base.get("day")
        kind, _, record_id = key.partition("-")
        if kind == "followup" and comp.status == "COMPLETED":
            self._completed(key, entry, record_id, comp)
            return
        changed_day = comp.day is not None and comp.day.isoformat() != base_day
        if kind == "event" and comp.status == "CANCELLED" and base.get("status") != "CANCELLED":
            event = self.store.get(Event, record_id)
            if event is not None and event.status == "planned":
                self.store.save(event.replace(status="skipped"))
                self.report.add("to netplan", f"{event.name}: cancelled in the calendar; "
                                "marked skipped")
            return
        if not changed_day:
            return
        if ours is not None and ours.day.isoformat() != base_day:
            self.report.add("conflict", f"{entry.get('file')}: date changed on both sides "
                            f"(netplan {ours.day}, folder {comp.day}); netplan's kept")
            return
        new = comp.day.isoformat()
        if kind == "followup":
            contact = self.store.get(Contact, record_id)
            if contact is not None:
                self.store.save(contact.replace(next_follow_up=new, updated=now_iso()))
                self.report.add("to netplan", f"{contact.name}: follow-up date → {new}")
        elif kind == "event":
            event = self.store.get(Event, record_id)
            if event is not None:
                self.store.save(event.replace(date=new))
                self.report.add("to netplan", f"{event.name}: date → {new}")
        elif kind == "planned":
            from ..domain.interactions import update_interaction

            if update_interaction(self.store, record_id, date=new) is not None:
                self.report.add("to netplan", f"planned conversation {record_id[:8]}: "
                                f"date → {new}")

    def _completed(self, key: str, entry: dict[str, Any], cid: str, comp: Component) -> None:
        from ..domain.interactions import log

        contact = self.store.get(Contact, cid)
        # Done is in the past: a completion stamped ahead (a phone's clock) is today.
        on = min(comp.completed or today(), today())
        # The completed item stays as the folder has it; a next follow-up gets a new UID.
        self.items[f"done-{entry.get('uid')}"] = {**entry, "done": True,
                                                  "hash": file_hash(self.vdir.files[
                                                      str(entry["file"])])}
        self.items[key] = {"uid": f"{key}-{on.strftime('%Y%m%d')}@netplan"}
        if contact is None:
            return
        log(self.store, Interaction(date=on.isoformat(), kind="other", contacts=(cid,),
                                    summary=FOLLOW_UP_SUMMARY))
        after = self.store.get(Contact, cid)
        if after is not None and after.next_follow_up:
            self.store.save(after.replace(next_follow_up=None, updated=now_iso()))
        text = f"{contact.name}: followed up on {on} (done in the calendar)"
        if contact.next_follow_up:
            text += f"; explicit follow-up date {contact.next_follow_up} cleared"
        self.followed_up.append((cid, text))

    def _write(self, wanted: dict[str, CalendarItem]) -> None:
        files = item_files(wanted.values())
        for key, item in wanted.items():
            entry = self.items.get(key, {})
            base = {"day": item.day.isoformat(), "status": item.status}
            if entry.get("gone"):
                if entry.get("base") == base:
                    continue  # deleted in the folder and unchanged in netplan
                entry.pop("gone")
            name = entry.get("file")
            if not name:  # an earlier export's file of the same item is that item
                there = self.read.get(item.file_name)
                name = item.file_name if there and there.uid == item.uid \
                    else self.vdir.free_name(item.file_name[:-4])
            comp = self.read.get(name)
            if comp is not None and comp.day == item.day and comp.status == item.status \
                    and comp.uid == item.uid:
                data = self.vdir.files[name]  # the folder agrees; its file stays as it is
            else:
                data = files[item.file_name]
                self.vdir.write(name, data)
                self.report.add("to folder" if entry.get("file") else "new file",
                                f"{name}: {item.kind} on {item.day}")
            self.items[key] = {"file": name, "uid": item.uid, "hash": file_hash(data),
                               "base": base}
        for key in [k for k, e in self.items.items() if k not in wanted and not e.get("done")]:
            entry = self.items.pop(key)
            name = entry.get("file")
            if name in self.vdir.files:
                if entry.get("hash") == file_hash(self.vdir.files[name]):
                    self.vdir.remove(name)
                    self.report.add("file removed", f"{name}: no longer in netplan")
                else:
                    self.report.add("skipped", f"{name}: no longer in netplan but changed "
                                    "in the folder; left there")


def sync_ics(store: Store, folder: str | Path) -> SyncReport:
    vdir = Vdir.read(folder, ".ics")
    report = SyncReport("ics", str(vdir.folder))
    with locked_state(store.path) as state:
        with store.transaction(f"sync ics {vdir.folder.name}"):
            vdir = Vdir.read(vdir.folder, ".ics")
            IcsSync(store, vdir, state.folder(vdir.folder, "ics"), report).run()
            vdir.flush()
        state.save()
    return report
