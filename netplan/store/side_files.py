"""The files beside the store other than the journal: the lock, crashed writers' leftovers,
and the figures kept for the next start (`<store>.cache`). A mixin of DurableStorage."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import lockfile
from .figure_cache import KeptFigures
from .own_files import NotOurs, open_own
from .store_file import StoreBusy, StoreWriteError


class SideFiles:
    """DurableStorage's lock file, leftovers and kept figures."""

    path: Path
    journal_path: Path
    lock_path: Path
    lock_timeout: float | None
    on_wait: Any
    on_wait_end: Any
    wait_stopped: Any
    kept_figures: KeptFigures
    _kept_for: tuple | None
    _lineage: str | None
    _seq: int
    _signature: tuple[int, int, int] | None
    _in_transaction: bool

    fresh: Callable[[], None]  # DurableStorage's (declared: a definition here would hide it)

    # -- kept figures ---------------------------------------------------------------

    def _stamp(self) -> tuple | None:
        """What the data in memory is: the journal's lineage and last entry, which a
        checkpoint keeps, or without a journal the file's signature."""
        if self._lineage is not None:
            return ("journal", self._lineage, self._seq)
        return self._signature

    def kept(self, name: str) -> Any:
        """A figure kept for the store as it is now, or None."""
        self.fresh()
        stamp = self._stamp()
        if stamp != self._kept_for:  # another process may have kept newer figures since
            self.kept_figures.forget()
            self._kept_for = stamp
        return self.kept_figures.get(stamp, name) if stamp else None

    def has_kept(self, name: str) -> bool:
        """Whether a figure is kept, for whatever state of the store (not read)."""
        return self.kept_figures.lists(name)

    def kept_latest(self, name: str) -> tuple[Any, Any] | None:
        """A figure as last kept, for whatever state of the store: (stamp, value)."""
        return self.kept_figures.latest(name)

    def keep(self, name: str, value: Any) -> None:
        """Keep a figure derived from the store as it is now (JSON-serialisable)."""
        stamp = self._stamp()
        if stamp is not None and not self._in_transaction:
            self.kept_figures.put(stamp, name, value)

    # -- the lock and leftovers -------------------------------------------------------

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

    def lock_held(self) -> bool:
        """Whether another writer holds the store's lock now (a look, never a wait)."""
        try:
            fd = open_own(self.lock_path, os.O_RDWR)
        except OSError:
            return False
        try:
            return not lockfile.try_lock(fd)  # taken for an instant, released on close
        except OSError:
            return False
        finally:
            os.close(fd)

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

    def remove_leftovers(self) -> list[Path]:
        """Delete temp files a crashed writer left behind (call with the lock held)."""
        removed = []
        leftovers = [*self.path.parent.glob(f".{self.path.name}.tmp-*"),
                     *self.path.parent.glob(f".{self.journal_path.name}.tmp-*"),
                     *self.kept_figures.leftovers()]
        for tmp in leftovers:
            with contextlib.suppress(OSError):
                found = tmp.lstat()
                if found.st_uid != os.geteuid() or not stat.S_ISREG(found.st_mode):
                    continue  # not a file netplan wrote: another user's, a link
                tmp.unlink()
                removed.append(tmp)
        return removed
