"""Figures derived from whole tables, kept beside the store for the next process.

The board's weekly counts over 50,000 interactions cost more than its first paint may.
They are kept in a side file, `<store>.cache`, each stamped with the state of the store it
was derived from (the journal's lineage and last entry, or without a journal the file's
inode, size and mtime), so the next process to find the store in that state can take them
instead of parsing and counting; a figure kept before changes the journal still lists can
be brought forward by them (store/derived.py). The file is only a shortcut: missing, stale,
unreadable or unwritable, the figures are simply derived again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from ..support.private_files import replace_durably
from .own_files import open_own, refusal
from .packed_table import dumps as packed_dumps

Signature = tuple[int, int, int]
HEAD_LIMIT = 1 << 20  # a list of figures longer than this is not one netplan wrote


class KeptFigures:
    """`<store>.cache`: a first line that lists the figures, each `[name, stamp, offset,
    length]`, then each figure's value (JSON) where its entry says. Every figure is stamped
    with the state of the store it describes, so that one can be brought forward while
    another stays; a process reads the list and then only the figures it asks for (the
    board's start reads its counts, not the follow-up list or the review's conversations)."""

    HEAD = b'{"figures":'

    def __init__(self, store_path: Path):
        self.path = store_path.with_name(store_path.name + ".cache")
        # name -> [stamp, value, or (offset, length) in the file as listed]
        self._figures: dict[str, list] | None = None
        self._listed: tuple[int, int, int] | None = None  # the listed file: inode, size, mtime
        self.refused: str | None = None  # why the file is not used, once found

    def get(self, signature: Signature, name: str) -> Any:
        """The figure kept for the store in this state, or None."""
        kept = self._all().get(name)
        if kept is not None and kept[0] == list(signature):
            return self._value(kept)
        return None

    def lists(self, name: str) -> bool:
        """Whether the file lists this figure, for whatever state of the store."""
        return name in self._all()

    def latest(self, name: str) -> tuple[Any, Any] | None:
        """The figure as kept, whatever the store was then: (its stamp, its value)."""
        kept = self._all().get(name)
        return None if kept is None else (kept[0], self._value(kept))

    def _value(self, kept: list) -> Any:
        if isinstance(kept[1], tuple):
            kept[1] = self._bytes(*kept[1])
        if isinstance(kept[1], bytes):
            try:
                kept[1] = orjson.loads(kept[1])
            except orjson.JSONDecodeError:
                kept[1] = None
        return kept[1]

    def _bytes(self, offset: int, length: int) -> bytes | None:
        """A figure's value from the file as listed (None when it was replaced since: the
        figure is then derived again)."""
        try:
            fd = open_own(self.path, os.O_RDONLY)
            try:
                found = os.fstat(fd)
                if (found.st_ino, found.st_size, found.st_mtime_ns) != self._listed:
                    return None
                return os.pread(fd, length, offset)
            finally:
                os.close(fd)
        except OSError:
            return None

    def put(self, signature: Signature, name: str, value: Any) -> None:
        """Keep a figure (JSON-serialisable) derived from the store in this state."""
        figures = self._figures = dict(self._read())  # what another process kept meanwhile
        figures[name] = [list(signature), value]
        try:
            values = []
            for n, kept in list(figures.items()):
                raw = self._bytes(*kept[1]) if isinstance(kept[1], tuple) else kept[1]
                if raw is None:
                    del figures[n]  # (replaced meanwhile: derived again when asked for)
                    continue
                raw = raw if isinstance(raw, bytes) else packed_dumps(raw)
                figures[n] = [kept[0], raw]
                values.append((n, kept[0], raw))
            payload = self._laid_out(values)
            if not self._usable():
                return  # refused once with a warning; never followed, never written
            # Cheap to lose (counted again when missing), so not fsynced.
            replace_durably(self.path, payload, durable=False)
            # The values are in the file (the process that asked keeps its own): the list
            # is read again when next asked for, not the megabytes of JSON kept here.
            self._figures = None
        except (OSError, TypeError):
            pass

    def _usable(self) -> bool:
        """False when `<store>.cache` is there but not netplan's own:
        a link, a FIFO, a file of another user's. It is then neither read nor replaced."""
        if self.refused is not None:
            return False
        why = refusal(self.path)
        if why is not None:
            self.refused = f"{why}; netplan ignores it and keeps no figures there"
        return why is None

    def refused_note(self) -> str | None:
        """Why the file is not used, when it is not (for `netplan check`)."""
        return None if self._usable() else self.refused

    def leftovers(self) -> list[Path]:
        """Temporary files of a writer that died before renaming them."""
        return list(self.path.parent.glob(f".{self.path.name}.*"))

    def _all(self) -> dict[str, list]:
        if self._figures is None:
            self._figures = self._read()
        return self._figures

    def forget(self) -> None:
        """Read the file again on the next use (the store changed: another process may
        have kept newer figures)."""
        self._figures = None

    @classmethod
    def _laid_out(cls, values: list[tuple[str, Any, bytes]]) -> bytes:
        """The file: the list of figures (each value's offset counted from the line after
        the list), then the values, a line each."""
        offset, listed = 0, []
        for name, stamp, raw in values:
            listed.append([name, stamp, offset, len(raw)])
            offset += len(raw) + 1
        return (cls.HEAD + orjson.dumps(listed) + b"}\n"
                + b"".join(raw + b"\n" for _, _, raw in values))

    def _read(self) -> dict[str, list]:
        """The list of figures (their values are read when asked for)."""
        if not self._usable():
            return {}
        try:
            fd = open_own(self.path, os.O_RDONLY)
            try:
                found = os.fstat(fd)
                chunks: list[bytes] = []
                read = 0
                while read < HEAD_LIMIT:  # (the list, not the figures after it)
                    chunk = os.read(fd, 1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    read += len(chunk)
                    if b"\n" in chunk:
                        break
            finally:
                os.close(fd)
        except OSError:
            return {}
        self._listed = (found.st_ino, found.st_size, found.st_mtime_ns)
        line, newline, _ = b"".join(chunks).partition(b"\n")
        if not (newline and line.startswith(self.HEAD)):
            return {}  # not a list of figures (an older layout, or no end to the list)
        try:
            listed = orjson.loads(line)["figures"]
        except (orjson.JSONDecodeError, TypeError, KeyError):
            return {}
        body = len(line) + 1
        figures: dict[str, list] = {}
        for entry in listed if isinstance(listed, list) else ():
            if (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)
                    and all(isinstance(n, int) and n >= 0 for n in entry[2:])
                    and body + entry[2] + entry[3] <= found.st_size):  # (inside the file)
                figures[entry[0]] = [entry[1], (body + entry[2], entry[3])]
        return figures
