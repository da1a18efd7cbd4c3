"""Durable, cached, multi-process-safe JSON file storage for TinyDB.

This is the only module that touches the store file. It gives TinyDB a
`Storage` whose writes are atomic and durable (temp file, fsync, replace, fsync
the folder), whose reads come from memory until the file changes on disk, and
whose read-modify-write cycles run under an exclusive `flock` on a side file.
"""

from __future__ import annotations

import contextlib
import datetime as dt  # noqa: F401  (type of _backed_up_on)
import os
import signal
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from . import journal
from . import layout as storeformat
from .backups import list_backups, newest_backup
from .figure_cache import KeptFigures
from .journal_reading import JournalReading
from .journalled import JournalledWrites
from .parsed_tables import ParsedTables
from .side_files import SideFiles
from .store_file import (  # noqa: F401  (the store's errors are imported from here)
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreWriteError,
    check_store_folder,
    open_store_file,
    prepare_folder,
    reader,
)

_DEFERRED_SIGNALS = {signal.SIGHUP, signal.SIGTERM, signal.SIGINT}


class DurableStorage(JournalledWrites, JournalReading, ParsedTables, SideFiles, Storage):
    """TinyDB storage over one JSON file and its journal; see the module docstring.

    Outside a transaction reads come from memory until the file's (inode, size, mtime)
    or the journal changes: new journal entries are applied, a new file is read. Inside
    one (`Store.transaction`) the lock is held, the data is fresh, and `put()` notes each
    change: the commit appends them to the journal or rewrites the file (journalled.py).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        on_reload: Callable[[], None] | None = None,
        *,
        lock_timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ):
        self.path = Path(path)
        # Seconds a writer waits for the lock (None: NETPLAN_LOCK_TIMEOUT, else 10), and
        # who hears, after half a second of waiting, which process holds it.
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        # Told when a wait that on_wait heard about ends (saved, given up or stopped), and
        # asked between polls whether the user stopped waiting (Ctrl-C in the TUI).
        self.on_wait_end: Callable[[], None] | None = None
        self.wait_stopped: Callable[[], bool] | None = None
        self._folder_checked = False
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.on_reload = on_reload
        self._data: dict[str, Any] | None = None  # the tables parsed so far
        self._layout: storeformat.Layout | None = None  # and where the others lie, unparsed
        # The file the layout reads them from (the inode read, kept open), closed when all
        # are parsed, on a reload, or when this storage is garbage collected.
        self._file: weakref.finalize | None = None
        self._fd = -1
        self._signature: tuple[int, int, int] | None = None
        self._in_transaction = False
        self._owner: int | None = None  # the thread whose transaction holds the lock
        # Reads and catch-ups of one thread never interleave with another's (a
        # checkpoint runs on a worker thread while the screen reads).
        self._mutex = threading.RLock()
        self._dirty = False
        self._backed_up_on: dt.date | None = None
        self.journal_path = journal.journal_path(self.path)
        self.deferred = False
        self.readonly = False  # set by a reading Store: it never takes the lock
        self.on_change = None
        self._lineage: str | None = None
        self._seq = self._base_seq = 0
        self._jsig: tuple[int, int] | None = None
        self._jgood = 0
        self._jdurable: int | None = None
        self._between_steps: tuple | None = None
        self._between_until = 0.0
        self._pending: dict[str, list[tuple[str, Any]]] = {}
        self._txn: list[journal.Change] = []
        self._whole = False
        self.journal_problem: str | None = None
        self.appends = 0
        self.kept_figures = KeptFigures(self.path)
        self._kept_for: tuple | None = None  # the state the kept figures were looked up for
        # Tables held as each document's JSON once parsed (packed_table.py): the TUI's.
        self.packed: frozenset[str] = frozenset()
        self.reloads = 0  # how many times the file was (re)read from disk
        self.writes = 0

    # -- reading -----------------------------------------------------------------

    def _disk_signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def changed_on_disk(self) -> bool:
        """True when the file or journal on disk is not what is held in memory (two stats)."""
        return (self._data is None or self._disk_signature() != self._signature
                or journal.disk_signature(self.journal_path) != self._jsig)

    def _load(self) -> None:
        if not self._folder_checked:
            check_store_folder(self.path.parent)
            self._folder_checked = self.path.parent.exists()
        fd, signature = open_store_file(self.path)
        self._forget_layout()
        self._pending = {}
        data: dict[str, Any] = {}
        found = None
        # The journal first: the checkpoint that wrote this file noted where its tables lie.
        written = self._read_journal()
        known = written.header.spans if written is not None and written.header is not None \
            and written.applies_to(signature) else None
        try:
            if fd >= 0:
                read = reader(fd)
                try:  # where the tables lie, read a block at a time; none is parsed yet
                    found = storeformat.layout(read, signature[1], known)
                except storeformat.NotTheLayout:
                    data = self._held(self._parse_whole(read(0, signature[1])))
        finally:
            if (found is None or not found.names) and fd >= 0:
                found = None
                os.close(fd)
        self._data = data
        self._layout = found
        if found is not None:
            self._file = weakref.finalize(self, os.close, fd)
            self._fd = fd
        self._signature = signature
        self._take_journal(written)
        self.reloads += 1
        if self.on_reload is not None:
            self.on_reload()

    def _forget_layout(self) -> None:
        """Drop the unparsed part and close the file it was read from."""
        self._layout = None
        if self._file is not None:
            self._file()  # closes the descriptor (once)
            self._file = None

    def _parse_whole(self, raw: bytes | bytearray) -> dict[str, Any]:
        if not raw or raw.isspace():  # (strip() would copy the whole file)
            if list_backups(self.path):
                raise self._damaged("the file is empty")
            return {}
        try:
            data = storeformat.load_whole(raw)
        except orjson.JSONDecodeError as exc:
            raise self._damaged(f"it is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise self._damaged("it is valid JSON but not a netplan store (not an object)")
        return data

    def _parse(self, names: Iterable[str]) -> None:
        """Parse these tables of the file held in memory (the layout's lazy part).

        A table whose lines do not parse on their own sends the whole file to the
        plain JSON parser: the file is then used as that parser reads it, or refused
        as damaged, exactly as if it had been parsed whole when it was opened."""
        found, data = self._layout, self._data
        if found is None or data is None:
            return
        try:
            try:
                for name in names:
                    if name in found.spans and name not in data:
                        data[name] = found.table(name, packed=name in self.packed)
                        self._apply_pending(data, [name])
            except storeformat.NotTheLayout:
                whole = self._held(self._parse_whole(
                    found.read(0, self._signature[1] if self._signature else 0)))
                self._forget_layout()
                # Changes to tables parsed so far are in them; the others' wait in _pending.
                self._data = whole | {name: data[name] for name in data}
                self._apply_pending(self._data, list(self._pending))
                if self.on_reload is not None:
                    self.on_reload()  # what was derived from the tables parsed so far goes
                return
        except OSError as exc:
            raise StoreDamaged(f"cannot read the store {self.path}: {exc.strerror}.") from None
        if all(name in data for name in found.spans):
            # Everything parsed: keep the file's order, close the file.
            self._data = {name: data[name] for name in found.spans} | {
                k: v for k, v in data.items() if k not in found.spans}
            self._forget_layout()

    def _damaged(self, problem: str) -> StoreDamaged:
        backup = newest_backup(self.path)
        hint = (
            f" The newest backup is {backup}; to go back to it: cp '{backup}' '{self.path}'."
            if backup
            else " There is no backup of it yet."
        )
        return StoreDamaged(
            f"cannot read the store {self.path}: {problem}. netplan has not changed the file.{hint}"
        )

    def read(self) -> dict[str, Any] | None:
        """The whole store, parsed (TinyDB's view)."""
        with self._mutex:
            self.fresh()
            if self._layout is not None:
                self._parse(self._layout.names)
            return self._data

    def _as_written(self) -> tuple[dict[str, Any], storeformat.Layout | None, int]:
        """The tables parsed so far, and where the others lie in the file netplan wrote,
        with a descriptor of that file of the caller's own (another thread's parse of the
        last table closes the store's; the caller closes it). A table the journal changes
        is parsed first. For a file netplan did not write as it is now: everything,
        parsed, no layout and -1. Under the mutex."""
        found = self._layout
        if found is not None and found.own and self._file is not None:
            self._parse(list(self._pending))
            found = self._layout  # (None when that parsed the last of them)
            if found is not None:
                return dict(self._data or {}), found, os.dup(self._fd)
        data = self.read()
        assert data is not None
        return data, None, -1

    def streamed(self, names: Iterable[str]) -> Iterator[tuple[str, Iterable[Any]]]:
        """Each of these tables' documents, one table after another, as they are now: a
        table not parsed yet is read from the file netplan wrote a run at a time and not
        kept (an export holds 500 records at once, not 250,000)."""
        with self._mutex:
            self.fresh()
            data, found, fd = self._as_written()
        try:
            from_file = storeformat.Layout(reader(fd), found.spans) if found else None
            for name in names:
                if name in data:
                    table = data[name]
                    yield name, table.values() if isinstance(table, dict) else ()
                elif from_file is not None and name in from_file.spans:
                    yield name, from_file.documents(name)
                else:
                    yield name, ()
        finally:
            if fd >= 0:
                os.close(fd)

    def fresh(self) -> None:
        """Catch up with the file and journal if they changed on disk (a new file is read
        for its layout only: tables parse lazily). Not while a transaction holds the
        lock: its data is fresh, and another thread's is the one being written."""
        with self._mutex:
            if not self._in_transaction and self.changed_on_disk() and not self.vanished():
                self._catch_up()

    def vanished(self) -> bool:
        """The file read before is gone (moved or deleted): what was read is kept, not
        replaced by an empty store (store.Store refuses to write then)."""
        return (self._signature is not None and self._data is not None
                and not os.path.lexists(self.path))

    def table(self, name: str) -> Any:
        """One table, parsed on first use; None when the file has no such table."""
        with self._mutex:
            self.fresh()
            if self._layout is not None and name not in self._data:
                self._parse([name])
            return (self._data or {}).get(name)

    def refresh(self) -> bool:
        """Catch up with another process's change; True when there was one."""
        with self._mutex:
            if self._in_transaction or not self.changed_on_disk() or self.vanished():
                return False
            return self._catch_up()

    # -- writing -----------------------------------------------------------------

    def write(self, data: dict[str, Any]) -> None:
        """Replace everything (a migration): the commit rewrites the file whole."""
        if not self._in_transaction:
            # TinyDB writing outside Store.transaction would skip the lock.
            raise RuntimeError("store writes must run inside Store.transaction()")
        if self._layout is not None:  # tables not parsed yet would be lost
            raise RuntimeError("a store write must start from a full read()")
        self._data = data
        self._pending = {}
        self._whole = True
        self._dirty = True

    def holds_transaction(self) -> bool:
        """Whether this thread's transaction holds the lock (a nested one joins it)."""
        return self._in_transaction and self._owner == threading.get_ident()

    def checkpoint(self) -> bool:
        """Rewrite the file with the journal's entries in it; False when it held them all.
        Safe from a worker thread: the screen's reads meanwhile come from memory."""
        with self.locked():
            if self._seq == self._base_seq or self._data is None:
                return False
            self._checkpoint(None)
            return True

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock, with fresh data, for one read-modify-write."""
        if self.holds_transaction():
            yield
            return
        prepare_folder(self.path.parent)
        # The wait for the lock is not shielded from signals: Ctrl-C ends it at once.
        lock_fd = self._take_lock()
        try:
            old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
            try:
                self._note_holder(lock_fd)
                with self._mutex:
                    if self.changed_on_disk():
                        self._catch_up(final=True)
                    self._in_transaction, self._owner = True, threading.get_ident()
                self._dirty, self._txn, self._whole = False, [], False
                try:
                    yield
                    if self._dirty:
                        self._commit()
                except BaseException:
                    # Whatever was changed in memory is not on disk: forget it.
                    self._drop_memory()
                    raise
                finally:
                    self._in_transaction, self._owner = False, None
                    self._dirty, self._txn, self._whole = False, [], False
            finally:
                os.close(lock_fd)  # closing the descriptor releases the flock
                lock_fd = -1
                # Signals that arrived during the write are delivered now, after it.
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        finally:
            if lock_fd >= 0:
                os.close(lock_fd)

    def _drop_memory(self) -> None:
        """Forget what is in memory: it is read again from disk on the next use."""
        self._data = None
        self._forget_layout()
        self._signature, self._jsig, self._pending = None, None, {}

    def close(self) -> None:
        self._data = None
        self._forget_layout()
        self._signature = None
