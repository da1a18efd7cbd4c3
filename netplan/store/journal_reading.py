"""The journal as read: catching up with what other processes appended, entries for tables
not parsed yet, the changes a kept figure is brought forward by, and what `netplan check`
says of the journal. A mixin of DurableStorage (journalled.py writes it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import journal
from . import layout as storeformat
from .own_files import NotOurs

MID_CHECKPOINT_SECONDS = 3.0


class JournalReading:
    """DurableStorage's reading of the journal; the attributes are set by its __init__."""

    path: Path
    journal_path: Path
    on_change: Any
    _data: dict[str, Any] | None
    _layout: storeformat.Layout | None
    _signature: tuple[int, int, int] | None
    _lineage: str | None
    _seq: int
    _base_seq: int
    _jsig: tuple[int, int] | None
    _jgood: int
    _pending: dict[str, list[tuple[str, Any]]]
    # Waiting for the second step of another process's checkpoint: (file, journal) as seen.
    _between_steps: tuple | None
    _between_until: float
    journal_problem: str | None

    readonly: bool  # reading only: never takes the lock, not even to look
    # Given by DurableStorage and SideFiles (declared, not defined: a definition here would
    # come before theirs in DurableStorage's method order and hide them).
    _disk_signature: Callable[[], tuple[int, int, int] | None]
    _load: Callable[[], None]
    fresh: Callable[[], None]
    lock_held: Callable[[], bool]

    def _read_journal(self) -> journal.Journal | None:
        try:
            found = journal.read(self.journal_path)
        except NotOurs as exc:
            self.journal_problem = f"{exc}; netplan neither reads nor replaces it"
            return None
        except OSError as exc:
            self.journal_problem = f"{self.journal_path}: {exc.strerror}"
            return None
        self.journal_problem = found.problem if found is not None else None
        return found

    def _take_journal(self, found: journal.Journal | None) -> None:
        """Just after the file was read whole: the journal's entries go on top of it."""
        self._lineage, self._seq, self._base_seq = None, 0, 0
        self._jsig, self._jgood = None, 0
        if found is None:
            return
        self._jsig, self._jgood = (found.ino, found.size), found.good_end
        if not found.applies_to(self._signature):
            return  # stale: the file was rewritten after it
        assert found.header is not None
        self._lineage = found.header.lineage
        self._seq = self._base_seq = found.header.seq
        self._apply(found.after(found.header.seq), notify=False)

    def _catch_up(self, *, final: bool = False) -> bool:
        """Bring what is in memory up to the file and journal on disk: by applying the
        journal's new entries when they follow on from what was read, else by reading
        the file again. True when anything changed. `final`: the lock is held, so no
        checkpoint is half done."""
        if self._data is None:
            self._load()
            return True
        sig = self._disk_signature()
        if not final and self._between_steps == (sig, journal.disk_signature(self.journal_path)) \
                and time.monotonic() < self._between_until:
            return False  # still as it was a moment ago: the checkpoint's second step comes
        found = self._read_journal()
        if found is not None and found.header is not None:
            head = found.header
            try:
                if head.lineage == self._lineage and self._seq <= found.last_seq and (
                        sig == self._signature
                        or (found.applies_to(sig) and head.since <= self._seq)):
                    entries = found.after(self._seq)
                    self._apply(entries, notify=True)
                    self._jsig, self._jgood = (found.ino, found.size), found.good_end
                    if sig != self._signature:  # a checkpoint holding what is in memory
                        self._signature, self._base_seq = sig, head.seq
                    return bool(entries)
                if self._seq == self._base_seq and found.applies_to(sig):
                    if sig == self._signature:
                        # A new journal on the very file in memory (the old one was stale).
                        start = head.seq
                    elif head.prev is not None and tuple(head.prev[0]) == self._signature:
                        start = head.prev[1]  # the file read, rewritten with the tail's entries
                    else:
                        start = None
                    if start is not None:
                        self._seq = start
                        self._apply(found.after(start), notify=True)
                        self._lineage, self._signature, self._base_seq = head.lineage, sig, head.seq
                        self._jsig, self._jgood = (found.ino, found.size), found.good_end
                        return True
            except journal.Gap:
                pass
        if sig == self._signature and found is None and self._lineage is None:
            self._jsig = None
            return False
        if not final and self._mid_checkpoint(sig, found):
            return False
        self._between_steps = None
        self._load()
        return True

    def _mid_checkpoint(self, sig: Any, found: journal.Journal | None) -> bool:
        """A new file beside the journal of the one in memory: another process is between
        the two steps of a checkpoint (file, then journal), and the journal that lets this
        one carry on without reading 130 MB comes in a moment. Waited for up to
        MID_CHECKPOINT_SECONDS, then the file is read (a file put there from outside)."""
        if not (found is not None and found.header is not None and sig != self._signature
                and found.header.lineage == self._lineage and found.applies_to(self._signature)):
            return False
        if not self.readonly and not self.lock_held():
            return False  # no one is writing: the file was put there from outside
        if self._between_steps is None:
            self._between_until = time.monotonic() + MID_CHECKPOINT_SECONDS
        elif time.monotonic() >= self._between_until:
            return False
        self._between_steps = (sig, journal.disk_signature(self.journal_path))
        return True

    def _apply(self, entries: Iterable[journal.Frame], *, notify: bool) -> None:
        data = self._data
        assert data is not None
        for entry in entries:
            for table, key, doc, _ in entry.changes():
                if self._layout is not None and table in self._layout.spans \
                        and table not in data:
                    self._pending.setdefault(table, []).append((key, doc))
                    old = None
                else:
                    old = set_doc(data, table, key, doc)
                if notify and self.on_change is not None:
                    self.on_change(table, key, old, doc)
            self._seq = entry.seq

    def _apply_pending(self, data: dict[str, Any], names: Iterable[str]) -> None:
        """Entries read before their table was parsed, applied to it now."""
        for name in names:
            for key, doc in self._pending.pop(name, ()):
                set_doc(data, name, key, doc)

    def journal_report(self) -> tuple[list[str], list[str]]:
        """What `netplan check` says of the journal (and of the kept figures' file, when
        it is not used): notes, and problems (which fail it)."""
        self.fresh()
        notes: list[str] = [n for n in (self.kept_figures.refused_note(),) if n]
        problems: list[str] = []
        found = self._read_journal()
        name = self.journal_path.name
        if self.journal_problem is not None and found is None:
            problems.append(f"journal: {self.journal_problem}")
            return notes, problems
        if found is None:
            return notes, problems
        if found.problem is not None:
            (notes if "torn" in found.problem else problems).append(
                f"journal {name}: ends with {found.problem}; "
                + ("that save was never confirmed and is not used" if "torn" in found.problem
                   else "the entries from there on are not used"))
        if found.header is not None and not found.applies_to(self._disk_signature()):
            lost = sum(1 for entry in found.entries if entry.seq > found.header.seq)
            if lost:
                problems.append(
                    f"journal {name}: {lost} change(s) were made to an earlier version of the "
                    "store file, which was replaced after them; they are not in the store")
        elif self._seq != self._base_seq:
            notes.append(f"journal {name}: {self._seq - self._base_seq} change(s) not yet "
                         "written into the store file (netplan reads them; the next save "
                         "or the session's end writes them in)")
        return notes, problems

    def changes_since(self, stamp: Any) -> list[journal.Change] | None:
        """Every change after the state `stamp` (a kept figure's) up to what is in memory,
        when the journal still holds them all; else None."""
        if (isinstance(stamp, list | tuple) and len(stamp) == 3 and stamp[0] != "journal"
                and self._lineage is not None):
            # Kept for a file before this journal (its signature): the file the journal
            # started on, or the one its checkpoint rewrote. (Else a store's first save in
            # a session counted the weekly figures of 250,000 interactions again.)
            stamp = self._journal_stamp_of(tuple(stamp))
        if not (isinstance(stamp, list | tuple) and len(stamp) == 3 and stamp[0] == "journal"
                and stamp[1] == self._lineage and isinstance(stamp[2], int)):
            return None
        if stamp[2] == self._seq:
            return []
        found = self._read_journal()
        if found is None or found.header is None or found.header.lineage != self._lineage:
            return None
        try:
            entries = [e for e in found.after(stamp[2]) if e.seq <= self._seq]
        except journal.Gap:
            return None
        if not entries or entries[-1].seq != self._seq:
            return None
        return [change for entry in entries for change in entry.changes()]

    def _journal_stamp_of(self, signature: tuple) -> tuple | None:
        """The journal's stamp of a file's state, known by the file's signature."""
        if signature == self._signature:
            return ("journal", self._lineage, self._base_seq)
        found = self._read_journal()
        head = found.header if found is not None else None
        if head is not None and head.prev is not None and tuple(head.prev[0]) == signature:
            return ("journal", head.lineage, head.prev[1])
        return None


def set_doc(data: dict[str, Any], table: str, key: str, doc: Any) -> Any:
    """Put (None: remove) one document of a parsed table; the one it replaced."""
    docs = data.get(table)
    if not isinstance(docs, dict):
        docs = data[table] = {}
    if doc is None:
        return docs.pop(key, None)
    old, docs[key] = docs.get(key), doc
    return old
