"""`netplan sync vcard DIR`: contacts both ways with a vdir of `.vcf` cards.

Per contact, three versions are compared field by field: what netplan holds, what the
card holds, and what both held at the last sync (the state, `sync_state.py`). A field
changed on one side is copied to the other (an emptied field too); changed on both
to different values, it is a conflict: reported, netplan's value kept unless
`prefer="folder"`. A contact deleted in netplan loses its card; a card deleted in the
folder flags its contact (kept, never written again), or deletes it when confirmed —
its interactions stay. Cards keep their file name, UID, groups, parameters and
version: netplan writes its changes into the card that is there (`vcard_card.py`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.contact_fields import format_phones
from ..store.records import Contact, now_iso
from ..support.sanitize import snippet
from .contentline import ContentLine
from .files import TransferError, decode
from .matching import ContactIndex, Incoming
from .sync_report import SyncReport
from .sync_state import file_hash, locked_state
from .vcard import card_blocks, card_version, contact_from_card, safe_file_name
from .vcard_card import (
    CARD_FIELDS,
    CardFields,
    contact_values,
    kept_card,
    read_fields,
    same,
    template_of,
)
from .vcard_card_writing import card_text
from .vdir import Vdir

if TYPE_CHECKING:
    from ..store.database import Store

PREFER = ("netplan", "folder")


@dataclass
class Card:
    """One file of the folder, read."""

    name: str
    version: str
    lines: list[ContentLine]
    values: dict[str, Any]
    uid: str
    not_a_person: str


def read_card(name: str, data: bytes) -> Card:
    text = decode(data, name)
    blocks = list(card_blocks(text, name))
    if len(blocks) != 1:
        raise TransferError(f"holds {len(blocks)} cards; a vdir has one a file", path=name)
    lines = blocks[0][1]
    got = read_fields(lines)
    return Card(name, card_version(lines), lines, got.values(), got.uid, got.not_a_person)


def _base(entry: dict[str, Any]) -> dict[str, Any] | None:
    base = entry.get("base")
    if not isinstance(base, dict):
        return None
    out = dict(base)
    for key in ("emails", "tags"):
        out[key] = tuple(str(x) for x in out.get(key) or ())
    out["links"] = {str(k): str(v) for k, v in (out.get("links") or {}).items()}
    return out


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


def merge3(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any],
           prefer: str) -> tuple[dict[str, Any], list[str]]:
    """The agreed values and the fields changed on both sides (conflicts).

    Without a base (a card met for the first time) a field either side leaves empty
    takes the other's value, and other differences are conflicts."""
    out: dict[str, Any] = {}
    clashes: list[str] = []
    empty = CardFields().values()  # a field a side (or an older state) does not name
    for name in CARD_FIELDS:
        mine, other = ours.get(name, empty[name]), theirs.get(name, empty[name])
        if same(name, mine, other):
            out[name] = mine
            continue
        if base is None:
            mine_changed, other_changed = bool(mine), bool(other)
        else:
            mine_changed = not same(name, mine, base.get(name, empty[name]))
            other_changed = not same(name, other, base.get(name, empty[name]))
        if other_changed and not mine_changed:
            out[name] = other
        elif mine_changed and not other_changed:
            out[name] = mine
        else:
            clashes.append(name)
            out[name] = other if prefer == "folder" else mine
    return out, clashes


def _show(value: Any) -> str:
    """A field's value in a change line: each e-mail, phone, link or tag whole; only a
    really long one (a note, mostly) is shortened."""
    if isinstance(value, dict):
        parts = [f"{k} {v}" for k, v in value.items()]
    elif isinstance(value, tuple | list):
        parts = [format_phones((x,)) if isinstance(x, dict) else str(x) for x in value]
    else:
        parts = [str(value)]
    return ", ".join(snippet(p, 60) for p in parts if p) or "—"


class VcardSync:
    """One run: the folder, the store (inside its transaction) and the folder's state."""

    def __init__(self, store: Store, vdir: Vdir, items: dict[str, dict[str, Any]],
                 report: SyncReport, prefer: str, delete: Collection[str]):
        self.store, self.vdir, self.items, self.report = store, vdir, items, report
        self.prefer, self.delete = prefer, delete
        self.cards: dict[str, Card] = {}

    def run(self) -> None:
        for name, data in self.vdir.files.items():
            try:
                self.cards[name] = read_card(name, data)
            except TransferError as exc:
                self.report.add("skipped", f"{name}: {exc}")
        for name, why in self.vdir.refused.items():
            self.report.add("skipped", f"{name}: {why}")
        contacts = {c.id: c for c in self.store.all(Contact)}
        self._follow_renames()
        linked = set()
        for cid in list(self.items):
            linked.add(self.items[cid].get("file"))
            self._linked(cid, contacts.get(cid))
        self._new_cards(contacts, linked)
        for c in contacts.values():
            if c.id not in self.items and self.store.get(Contact, c.id) is not None:
                self._new_file(self.store.get(Contact, c.id))

    def _follow_renames(self) -> None:
        """A card that moved to another file name (same UID) is the same card."""
        known = {e.get("file") for e in self.items.values()}
        by_uid = {card.uid: name for name, card in self.cards.items()
                  if name not in known and card.uid}
        for entry in self.items.values():
            if entry.get("file") not in self.cards and entry.get("uid") in by_uid:
                entry["file"] = by_uid.pop(entry["uid"])

    def _linked(self, cid: str, contact: Contact | None) -> None:
        entry = self.items[cid]
        name = str(entry.get("file"))
        card = self.cards.get(name)
        if contact is None:
            if card is not None:
                self.vdir.remove(name)
                self.report.add("file removed", f"{name}: its contact was deleted in netplan")
            del self.items[cid]
            return
        if card is None:
            self._card_gone(cid, contact, entry, name)
            return
        if entry.get("hash") == file_hash(self.vdir.files[name]) and not entry.get("gone") \
                and same_values(_base(entry), contact_values(contact)):
            return  # neither side changed
        entry.pop("gone", None)
        self._reconcile(contact, card, _base(entry))

    def _card_gone(self, cid: str, contact: Contact, entry: dict[str, Any], name: str) -> None:
        if cid in self.delete:
            from ..domain.contacts import delete_contact

            delete_contact(self.store, cid)
            del self.items[cid]
            self.report.add("contact deleted", f"{contact.name}: its card {name} was deleted "
                            "in the folder (interactions kept)")
            return
        if entry.get("gone") and not same_values(_base(entry), contact_values(contact)):
            # Changed in netplan after its card was deleted: the user wants it back.
            entry.pop("gone", None)
            self._write(contact, None, name)
            self.report.add("to folder", f"{contact.name}: written again ({name}); "
                            "changed in netplan after its card was deleted")
            return
        entry["gone"] = True
        self.report.add("flagged", f"{contact.name}: card {name} was deleted in the folder; "
                        "contact kept and not written back (sync with --yes to delete it)")

    def _reconcile(self, contact: Contact, card: Card, base: dict[str, Any] | None) -> None:
        ours = contact_values(contact)
        agreed, clashes = merge3(base, ours, card.values, self.prefer)
        for name in clashes:
            kept = "the folder's" if self.prefer == "folder" else "netplan's"
            self.report.add("conflict", f"{contact.name}: {name} changed on both sides "
                            f"(netplan {_show(ours[name])}, folder {_show(card.values[name])});"
                            f" {kept} kept")
        changed = [n for n in CARD_FIELDS if not same(n, agreed[n], ours[n])]
        updated = contact.replace(**{n: agreed[n] for n in changed}) if changed else contact
        if changed:
            updated = updated.replace(updated=now_iso())
            self.report.add("to netplan", f"{contact.name}: " + ", ".join(
                f"{n} {_show(ours[n])} → {_show(agreed[n])}" for n in changed))
        to_folder = [n for n in CARD_FIELDS if not same(n, agreed[n], card.values[n])]
        if to_folder:
            self.report.add("to folder", f"{updated.name}: {card.name}: " + ", ".join(
                f"{n} {_show(card.values[n])} → {_show(agreed[n])}" for n in to_folder))
            self._write(updated, card, card.name)
        else:
            self._keep(updated, card, card.name)

    def _keep(self, contact: Contact, card: Card, name: str) -> None:
        """Both agree: the contact keeps the card as it is now (for exports), the state
        notes the agreement."""
        self._save_with_card(contact, card.version, card.lines)
        self.items[contact.id] = self._entry(name, card.uid, self.vdir.files[name], contact)

    def _write(self, contact: Contact, card: Card | None, name: str) -> None:
        template = (card.version, card.lines) if card else template_of(contact)
        text = card_text(contact, template)
        data = text.encode("utf-8")
        self.vdir.write(name, data)
        written = read_card(name, data)
        self._save_with_card(contact, written.version, written.lines)
        self.items[contact.id] = self._entry(name, written.uid, data, contact)

    def _save_with_card(self, contact: Contact, version: str, lines: list[ContentLine]) -> None:
        kept = kept_card(version, lines)
        if contact.extra.get("vcard") != kept or contact != self.store.get(Contact, contact.id):
            extra = {**contact.extra, "vcard": kept}
            for key in ("vcard_extra", "vcard_mapped"):  # what older versions kept
                extra.pop(key, None)
            self.store.save(contact.replace(extra=extra))

    def _entry(self, name: str, uid: str, data: bytes, contact: Contact) -> dict[str, Any]:
        return {"file": name, "uid": uid, "hash": file_hash(data),
                "base": _stored(contact_values(contact))}

    def _new_cards(self, contacts: dict[str, Contact], linked: set[Any]) -> None:
        """Cards no contact is linked to: matched to a contact (first sync of a folder
        netplan exported, or a card imported before), else a new contact."""
        linked_uids = {e.get("uid"): e.get("file") for e in self.items.values()}
        unlinked = [c for c in contacts.values() if c.id not in self.items]
        index = ContactIndex.of(unlinked, use_email=True)
        for name, card in self.cards.items():
            if name in linked or any(e.get("file") == name for e in self.items.values()):
                continue
            if card.not_a_person:
                self.report.add("skipped", f"{name}: {card.not_a_person}")
                continue
            if card.uid and card.uid in linked_uids:
                self.report.add("skipped", f"{name}: same UID as {linked_uids[card.uid]}")
                continue
            new, why = contact_from_card(card.lines)
            if new is None:
                self.report.add("skipped", f"{name}: {why}")
                continue
            found = index.find(Incoming(0, new, uid=card.uid or None))
            if isinstance(found, list):
                self.report.add("skipped", f"{name}: {new.name} fits several contacts; "
                                "nothing linked")
                continue
            if found is None or found.id in self.items:
                self.store.save(new)
                self.items[new.id] = self._entry(name, card.uid, self.vdir.files[name], new)
                self.report.add("created", f"{new.name} (from {name})")
                continue
            self._reconcile(found, card, None)
            linked_uids[card.uid] = name

    def _new_file(self, contact: Contact) -> None:
        template = template_of(contact)
        uid = read_fields(template[1]).uid if template else ""
        name = self.vdir.free_name(safe_file_name(uid or contact.id))
        self._write(contact, None, name)
        self.report.add("new file", f"{contact.name}: {name}")


def same_values(base: dict[str, Any] | None, values: dict[str, Any]) -> bool:
    return base is not None and all(same(n, base.get(n), values[n]) for n in CARD_FIELDS)


def sync_vcards(store: Store, folder: str | Path, *, prefer: str = "netplan",
                delete: Collection[str] = ()) -> SyncReport:
    """Sync the store's contacts with a vdir; `delete`: ids of contacts whose cards were
    deleted in the folder that may be deleted (the rest are flagged)."""
    if prefer not in PREFER:
        raise TransferError(f"--prefer takes {' or '.join(PREFER)}")
    vdir = Vdir.read(folder, ".vcf")
    report = SyncReport("vcard", str(vdir.folder))
    with locked_state(store.path) as state:
        with store.transaction(f"sync vcard {vdir.folder.name}"):
            # Read again under the locks: another sync may have written meanwhile.
            vdir = Vdir.read(vdir.folder, ".vcf")
            items = state.folder(vdir.folder, "vcard")
            VcardSync(store, vdir, items, report, prefer, delete).run()
            vdir.flush()
        # After the store's write: a crash in between leaves both sides agreeing with
        # each other but not with the old state, which the next sync takes as agreed.
        state.save()
    return report


def cards_deleted_in_folder(store: Store, folder: str | Path) -> list[Contact]:
    """Contacts whose cards were deleted from the folder since the last sync (to ask)."""
    vdir = Vdir.read(folder, ".vcf")
    with locked_state(store.path) as state:
        items = state.folder(vdir.folder, "vcard")
    store.refresh()
    out = []
    for cid, entry in items.items():
        contact = store.get(Contact, cid)
        if contact is not None and entry.get("file") not in vdir.files:
            uid = entry.get("uid")
            moved = uid and any(f"UID:{uid}".encode() in data for data in vdir.files.values())
            if not moved:
                out.append(contact)
    return out
