"""Writing the journal (journal.py): appending a transaction's changes, and checkpoints that
rewrite the store file with them. A mixin of DurableStorage (journal_reading.py reads it).

A transaction that only put and removed documents is appended to the journal when the
store defers its checkpoints (the TUI: `deferred`), and the file is rewritten later, off
the screen's thread; otherwise (the command line, a migration) the file is rewritten at
once and the change goes into the new journal's tail, so open sessions still catch up by
applying it rather than reading the whole store again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..support import dates
from ..support.private_files import crash_point, fsync_folder, replace_durably
from . import journal
from . import layout as storeformat
from .backups import keep_todays_backup
from .journal_reading import set_doc
from .own_files import open_own, refusal
from .store_file import StoreWriteError, reader

# The steps of an append, for the crash tests (NETPLAN_CRASH_AT), after WRITE_STEPS.
APPEND_STEPS = ("journal-half-appended", "journal-appended", "journal-synced")
BIG_CHANGE = 2000  # documents: a change this large is not kept in the tail (read the file)
CHECKPOINT_STEPS = ("checkpoint-file-replaced", "checkpoint-journal-replaced")

Notify = Callable[[str, str, Any, Any], None]  # (table, key, old document, new document)


class JournalledWrites:
    """DurableStorage's journal: the attributes below are set by its __init__."""

    path: Path
    journal_path: Path
    deferred: bool  # appends, checkpointed later by checkpoint(); else rewrite at once
    on_change: Notify | None
    _data: dict[str, Any] | None
    _layout: storeformat.Layout | None
    _signature: tuple[int, int, int] | None
    _lineage: str | None
    _seq: int  # the last entry in memory
    _base_seq: int  # the last entry already in the file read (`_signature`)
    _jsig: tuple[int, int] | None  # the journal's (inode, size) as read
    _jgood: int  # where its last whole entry ends
    _pending: dict[str, list[tuple[str, Any]]]  # entries for tables not parsed yet
    _txn: list[journal.Change]
    _whole: bool
    _backed_up_on: Any
    _jdurable: int | None  # the inode of the journal known to be on disk, name and all
    journal_problem: str | None
    writes: int
    appends: int

    # Given by DurableStorage and JournalReading (declared, not defined: a definition here
    # would come first in DurableStorage's method order and hide theirs).
    _disk_signature: Callable[[], tuple[int, int, int] | None]
    _as_written: Callable[[], tuple[dict[str, Any], storeformat.Layout | None, int]]
    _mutex: Any
    _read_journal: Callable[[], journal.Journal | None]
    _drop_memory: Callable[[], None]

    # -- writing ---------------------------------------------------------------------

    def put(self, table: str, key: str, doc: dict[str, Any] | None, old: Any = None) -> None:
        """Inside a transaction: set (or with None remove) one document of a parsed table;
        `old`, the document it replaces, goes into the journal with it (for figures kept
        beside the store, brought forward by the change: count_forward.py)."""
        data = self._data
        assert data is not None and table not in self._pending
        try:
            set_doc(data, table, key, doc)  # (a packed table keeps the document's JSON)
        except TypeError as exc:  # orjson: data that is not JSON (a lone surrogate)
            raise StoreWriteError(
                f"could not save to {self.path}: the change holds data that cannot be "
                f"stored as JSON ({exc}). Nothing was saved.") from None
        self._txn.append((table, key, doc, old))
        self._dirty = True

    def _commit(self) -> None:
        if not self._whole and self.deferred and self._txn and self.journal_problem is None:
            self._append(self._txn)
        else:
            self._checkpoint(None if self._whole else self._txn)

    def _append(self, changes: list[journal.Change]) -> None:
        """One entry on the end of the journal, durable before this returns."""
        try:
            if self._lineage is None or self._jsig is None:
                self._start_journal()
            line = journal.entry_frame(self._seq + 1, changes)
            fd = open_own(self.journal_path, os.O_WRONLY)
            try:
                if os.fstat(fd).st_ino != self._jsig[0]:  # pragma: no cover - under the lock
                    raise OSError("the journal was replaced during the save")
                os.ftruncate(fd, self._jgood)  # an entry a crash cut short goes
                try:
                    self._write_entry(fd, line)
                except OSError:
                    # Not confirmed, so not kept: readers that saw it read the store again.
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, self._jgood)
                    raise
            finally:
                os.close(fd)
        except OSError as exc:
            self._drop_memory()
            raise StoreWriteError(
                f"could not save to {self.journal_path}: {exc.strerror or exc}. "
                "The change was not saved; the store on disk is as it was.") from None
        except TypeError as exc:  # orjson: data that is not JSON (a lone surrogate)
            self._drop_memory()
            raise StoreWriteError(
                f"could not save to {self.path}: the change holds data that cannot be "
                f"stored as JSON ({exc}). Nothing was saved.") from None
        self._seq += 1
        self._jgood += len(line)
        self._jsig = (self._jsig[0], self._jgood)
        self.appends += 1

    def _write_entry(self, fd: int, line: bytes) -> None:
        half = len(line) // 2
        os.pwrite(fd, line[:half], self._jgood)
        crash_point("journal-half-appended")
        os.pwrite(fd, line[half:], self._jgood + half)
        crash_point("journal-appended")
        os.fdatasync(fd)
        if self._jdurable != self._jsig[0]:
            # A journal written by a checkpoint is not fsynced (it only repeats what the
            # file holds) until an entry that is not in the file lands.
            os.fsync(fd)
            fsync_folder(self.journal_path.parent)
            self._jdurable = self._jsig[0]
        crash_point("journal-synced")

    def _start_journal(self) -> None:
        """A new journal on the file as it is (the data in memory is that file)."""
        assert self._signature is not None and self._seq == self._base_seq
        lineage = journal.new_lineage()
        payload = journal.header_frame(self._signature, lineage, self._seq, self._seq)
        replace_durably(self.journal_path, payload)
        self._lineage, self._jgood = lineage, len(payload)
        self._jsig = journal.disk_signature(self.journal_path)
        self._jdurable = self._jsig[0] if self._jsig else None

    @property
    def journal_pending(self) -> int:
        """Bytes of entries not yet in the file (0: the file holds everything)."""
        return 0 if self._seq == self._base_seq else max(self._jgood, 1)

    def to_write(self) -> tuple[dict[str, Any], int]:
        """What a checkpoint writes: every table, those not parsed yet as `Copied` from the
        file netplan wrote (copying 100 MB costs what the disk does; parsing it and dumping
        it again, seconds and its size in memory), and the descriptor to copy them from."""
        with self._mutex:
            data, found, fd = self._as_written()
        if found is None:
            return data, fd
        out: dict[str, Any] = {name: data[name] if name in data else storeformat.Copied(span)
                               for name, span in found.spans.items()}
        out.update((name, value) for name, value in data.items() if name not in out)
        return out, fd

    def _checkpoint(self, extra: list[journal.Change] | None) -> None:
        """Rewrite the file with everything in memory (and `extra`, this transaction's
        changes), then a new journal whose tail keeps the latest entries."""
        data, copy_fd = self.to_write()
        old = self._read_journal() if self._lineage is not None else None
        keep = old is not None and old.applies_to(self._signature) \
            and old.header is not None and old.header.lineage == self._lineage \
            and not self._whole
        last = self._seq + (1 if extra else 0)
        tail = old.frames_bytes(after=old.header.since) if keep and old and old.header else b""
        spans: dict[str, storeformat.Span] = {}
        payload = storeformat.dump_chunks(data, spans, reader(copy_fd) if copy_fd >= 0 else None)
        try:
            self._backup_once_a_day()
            if extra and len(extra) <= BIG_CHANGE:
                tail += journal.entry_frame(last, extra)
            elif extra:
                tail = b""  # an import: readers read the file again rather than this
            self._write_file(payload)
            crash_point("checkpoint-file-replaced")
            sig = self._disk_signature()
            assert sig is not None
            lineage = self._lineage if keep and self._lineage else journal.new_lineage()
            since, tail = _trimmed(tail, last)
            prev = None
            if self._signature is not None and not self._whole and (
                    keep or self._seq == self._base_seq):
                prev = (self._signature, self._base_seq)
            head = journal.header_frame(sig, lineage, last, since, prev, spans)
            # A damaged journal of ours is replaced; a link or another user's file is not.
            wrote = self.journal_problem is None or refusal(self.journal_path) is None
            if wrote:
                # Not fsynced: until an entry is appended (which syncs it) the journal
                # only repeats what is in the file, and a stale one is ignored.
                replace_durably(self.journal_path, head + tail, durable=False)
            crash_point("checkpoint-journal-replaced")
        except OSError as exc:
            self._drop_memory()
            raise StoreWriteError(
                f"could not save to {self.path}: {exc.strerror or exc}. "
                "The change was not saved; the store on disk is as it was."
            ) from None
        except TypeError as exc:  # orjson.JSONEncodeError: e.g. a lone surrogate in text
            self._drop_memory()
            raise StoreWriteError(
                f"could not save to {self.path}: the change holds data that cannot be stored "
                f"as JSON ({exc}). Nothing was saved."
            ) from None
        finally:
            if copy_fd >= 0:
                os.close(copy_fd)
        self._signature = sig
        # (A journal that is not ours was left alone: the data is then the file's alone.)
        self._lineage, self._seq, self._base_seq = (lineage if wrote else None), last, last
        if wrote:
            self.journal_problem = None
        self._jsig = journal.disk_signature(self.journal_path)
        self._jgood = self._jsig[1] if self._jsig else 0
        self.writes += 1

    def _write_file(self, payload: Iterable[bytes]) -> None:
        # The crash point "half-written" stops at half the size of the file being replaced
        # (the chunks come as they are made).
        replace_durably(self.path, payload, self._signature[1] if self._signature else 0,
                        steps=True)

    def _backup_once_a_day(self) -> None:
        """Keep yesterday's file before today's first write (netplan/backups.py)."""
        today = dates.today()
        if self._backed_up_on != today and self._signature is not None:
            if keep_todays_backup(self.path, today):
                self._backed_up_on = today


def _trimmed(tail: bytes, last: int) -> tuple[int, bytes]:
    """The newest entries of `tail` that fit in TAIL_BYTES, and the seq before them."""
    if len(tail) <= journal.TAIL_BYTES:
        first = _first_seq(tail)
        return (last if first is None else first - 1), tail
    kept = [f for f in journal.frames(tail) if not isinstance(f, str)]
    size, start = 0, len(kept)
    while start > 0 and size + (kept[start - 1].end - kept[start - 1].start) <= journal.TAIL_BYTES:
        start -= 1
        size += kept[start].end - kept[start].start
    if start == len(kept):
        return last, b""
    return kept[start].seq - 1, tail[kept[start].start:]


def _first_seq(tail: bytes) -> int | None:
    with contextlib.suppress(ValueError):
        return int(tail[:10]) if tail else None
    return None
