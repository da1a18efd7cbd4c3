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
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from ..support import dates
from ..support.private_files import replace_durably
from . import layout as storeformat
from . import lockfile
from .backups import keep_todays_backup, list_backups, newest_backup
from .figure_cache import KeptFigures
from .own_files import NotOurs, open_own
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


class DurableStorage(Storage):
    """TinyDB storage over one JSON file; see the module docstring.

    TinyDB calls `read()` before and `write()` after every change. Outside a
    transaction `read()` only re-parses the file when its (inode, size, mtime)
    changed; inside one (`Store.transaction`) the lock is held, the data is
    fresh, and `write()` only marks it dirty: `commit()` writes it once.
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
        self._signature: tuple[int, int, int] | None = None
        self._in_transaction = False
        self._dirty = False
        self._backed_up_on: dt.date | None = None
        self.kept_figures = KeptFigures(self.path)
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
        """True when the file on disk is not the one held in memory (a stat, no read)."""
        return self._data is None or self._disk_signature() != self._signature

    def _load(self) -> None:
        if not self._folder_checked:
            check_store_folder(self.path.parent)
            self._folder_checked = self.path.parent.exists()
        fd, signature = open_store_file(self.path)
        self._forget_layout()
        data: dict[str, Any] = {}
        found = None
        try:
            if fd >= 0:
                read = reader(fd)
                try:  # where the tables lie, read a block at a time; none is parsed yet
                    found = storeformat.layout(read, signature[1])
                except storeformat.NotTheLayout:
                    data = self._parse_whole(read(0, signature[1]))
        finally:
            if (found is None or not found.names) and fd >= 0:
                found = None
                os.close(fd)
        self._data = data
        self._layout = found
        if found is not None:
            self._file = weakref.finalize(self, os.close, fd)
        self._signature = signature
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
                        data[name] = found.table(name)
            except storeformat.NotTheLayout:
                whole = self._parse_whole(found.read(0, self._signature[1] if self._signature
                                                     else 0))
                self._forget_layout()
                self._data = whole
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
        """The whole file, parsed (TinyDB's view; writes start from it)."""
        self.fresh()
        if self._layout is not None:
            self._parse(self._layout.names)
        return self._data

    def fresh(self) -> None:
        """Re-read the file if it changed on disk (only the layout: tables parse lazily)."""
        if not self._in_transaction and self.changed_on_disk() and not self.vanished():
            self._load()

    def vanished(self) -> bool:
        """The file read before is gone (moved or deleted): what was read is kept, not
        replaced by an empty store (store.Store refuses to write then)."""
        return (self._signature is not None and self._data is not None
                and not os.path.lexists(self.path))

    def table(self, name: str) -> Any:
        """One table, parsed on first use; None when the file has no such table."""
        self.fresh()
        if self._layout is not None and name not in self._data:
            self._parse([name])
        return (self._data or {}).get(name)

    def shape(self) -> dict[str, bool]:
        """Each table's name, and whether it is a JSON object, without parsing them."""
        self.fresh()
        out = {name: isinstance(value, dict) for name, value in (self._data or {}).items()}
        if self._layout is not None:
            for name in self._layout.names:
                out.setdefault(name, self._layout.is_object(name))
        return out

    @property
    def fully_parsed(self) -> bool:
        return self._layout is None

    @property
    def parsed_tables(self) -> set[str]:
        """The tables parsed so far."""
        return set(self._data or ())

    def refresh(self) -> bool:
        """Re-read the file if another process changed it; True when it did."""
        if self.changed_on_disk() and not self.vanished():
            self._load()
            return True
        return False

    # -- kept figures (netplan/kept.py) -------------------------------------------

    def kept(self, name: str) -> Any:
        """A figure kept for the file as it is now, or None."""
        self.fresh()
        return self.kept_figures.get(self._signature, name) if self._signature else None

    def keep(self, name: str, value: Any) -> None:
        """Keep a figure derived from the file as it is now (JSON-serialisable)."""
        if self._signature is not None and not self._in_transaction:
            self.kept_figures.put(self._signature, name, value)

    # -- writing -----------------------------------------------------------------

    def write(self, data: dict[str, Any]) -> None:
        if not self._in_transaction:
            # TinyDB writing outside Store.transaction would skip the lock.
            raise RuntimeError("store writes must run inside Store.transaction()")
        if self._layout is not None:  # tables not parsed yet would be lost
            raise RuntimeError("a store write must start from a full read()")
        self._data = data
        self._dirty = True

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock, with fresh data, for one read-modify-write."""
        if self._in_transaction:
            yield
            return
        prepare_folder(self.path.parent)
        # The wait for the lock is not shielded from signals: Ctrl-C ends it at once.
        lock_fd = self._take_lock()
        try:
            old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
            try:
                self._note_holder(lock_fd)
                if self.changed_on_disk():
                    self._load()
                self._in_transaction = True
                self._dirty = False
                try:
                    yield
                    if self._dirty:
                        self._commit()
                except BaseException:
                    # Whatever TinyDB changed in memory is not on disk: forget it.
                    self._data = None
                    self._forget_layout()
                    self._signature = None
                    raise
                finally:
                    self._in_transaction = False
                    self._dirty = False
            finally:
                os.close(lock_fd)  # closing the descriptor releases the flock
                lock_fd = -1
                # Signals that arrived during the write are delivered now, after it.
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        finally:
            if lock_fd >= 0:
                os.close(lock_fd)

    def _open_lock(self) -> int:
        try:
            return open_own(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            why = str(exc) if isinstance(exc, NotOurs) else f"{self.lock_path.name}: {exc.strerror}"
            raise StoreWriteError(
                f"cannot lock the store {self.path} ({why}). "
                "Nothing was saved; the store on disk is as it was."
            ) from None

    def _take_lock(self) -> int:
        """The lock file's descriptor, holding the exclusive lock; waits at most
        `lock_timeout` seconds, telling `on_wait` who holds it after half a second."""
        lock_fd = self._open_lock()
        try:
            lockfile.wait_for(lock_fd, self.lock_timeout, self.on_wait, self.on_wait_end,
                              self.wait_stopped, busy=StoreBusy)
        except BaseException:
            os.close(lock_fd)
            raise
        return lock_fd

    def _note_holder(self, lock_fd: int) -> None:
        """Write who holds the lock into the lock file (best effort: only a hint)."""
        with contextlib.suppress(OSError):
            lockfile.write_holder(lock_fd)

    def try_locked_cleanup(self) -> list[Path]:
        """Remove a crashed writer's leftovers if the lock is free now; never waits."""
        if not self.path.parent.exists():
            return []
        try:
            lock_fd = open_own(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return []
        try:
            if not lockfile.try_lock(lock_fd):
                return []
            return self.remove_leftovers()
        finally:
            os.close(lock_fd)

    def _commit(self) -> None:
        assert self._data is not None
        payload = storeformat.dump_chunks(self._data)
        self._backup_once_a_day()
        try:
            self._write_file(payload)
        except OSError as exc:
            raise StoreWriteError(
                f"could not save to {self.path}: {exc.strerror or exc}. "
                "The change was not saved; the store on disk is as it was."
            ) from None
        except TypeError as exc:  # orjson.JSONEncodeError: e.g. a lone surrogate in text
            raise StoreWriteError(
                f"could not save to {self.path}: the change holds data that cannot be stored "
                f"as JSON ({exc}). Nothing was saved."
            ) from None
        self._signature = self._disk_signature()
        self.writes += 1

    def _write_file(self, payload: bytes | Iterable[bytes]) -> None:
        # The crash point "half-written" stops at half the size: of the payload when it is
        # known, else of the file being replaced (the chunks come as they are made).
        replace_durably(self.path, payload, self._signature[1] if self._signature else 0,
                        steps=True)

    def _backup_once_a_day(self) -> None:
        """Keep yesterday's file before today's first write (netplan/backups.py)."""
        today = dates.today()
        if self._backed_up_on != today and self._signature is not None:
            if keep_todays_backup(self.path, today):
                self._backed_up_on = today

    def remove_leftovers(self) -> list[Path]:
        """Delete temp files a crashed writer left behind (call with the lock held)."""
        removed = []
        leftovers = [*self.path.parent.glob(f".{self.path.name}.tmp-*"),
                     *self.kept_figures.leftovers()]
        for tmp in leftovers:
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
        return removed

    def close(self) -> None:
        self._data = None
        self._forget_layout()
        self._signature = None
