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

Signature = tuple[int, int, int]


class KeptFigures:
    """`<store>.cache`: one line per figure, `[name, stamp]` TAB `value` (JSON each), every
    figure stamped with the state of the store it describes, so that one can be brought
    forward while another stays; a figure's value is parsed only when it is asked for (the
    board's start does not parse the dates kept for `netplan due`)."""

    def __init__(self, store_path: Path):
        self.path = store_path.with_name(store_path.name + ".cache")
        self._figures: dict[str, list] | None = None  # name -> [stamp, value or its bytes]
        self.refused: str | None = None  # why the file is not used, once found

    def get(self, signature: Signature, name: str) -> Any:
        """The figure kept for the store in this state, or None."""
        kept = self._all().get(name)
        if kept is not None and kept[0] == list(signature):
            return self._value(kept)
        return None

    def latest(self, name: str) -> tuple[Any, Any] | None:
        """The figure as kept, whatever the store was then: (its stamp, its value)."""
        kept = self._all().get(name)
        return None if kept is None else (kept[0], self._value(kept))

    @staticmethod
    def _value(kept: list) -> Any:
        if isinstance(kept[1], bytes):
            try:
                kept[1] = orjson.loads(kept[1])
            except orjson.JSONDecodeError:
                kept[1] = None
        return kept[1]

    def put(self, signature: Signature, name: str, value: Any) -> None:
        """Keep a figure (JSON-serialisable) derived from the store in this state."""
        figures = self._figures = dict(self._read())  # what another process kept meanwhile
        figures[name] = [list(signature), value]
        try:
            payload = b"".join(
                orjson.dumps([n, kept[0]]) + b"\t"
                + (kept[1] if isinstance(kept[1], bytes) else orjson.dumps(kept[1])) + b"\n"
                for n, kept in figures.items())
            if not self._usable():
                return  # refused once with a warning; never followed, never written
            # Cheap to lose (counted again when missing), so not fsynced.
            replace_durably(self.path, payload, durable=False)
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

    def _read(self) -> dict[str, list]:
        if not self._usable():
            return {}
        try:
            fd = open_own(self.path, os.O_RDONLY)
            try:
                chunks = []
                while chunk := os.read(fd, 1 << 22):
                    chunks.append(chunk)
            finally:
                os.close(fd)
        except OSError:
            return {}
        figures: dict[str, list] = {}
        for line in b"".join(chunks).split(b"\n"):
            head, tab, value = line.partition(b"\t")
            try:
                name, stamp = orjson.loads(head) if tab else (None, None)
            except (orjson.JSONDecodeError, TypeError, ValueError):
                continue
            if isinstance(name, str):
                figures[name] = [stamp, value]
        return figures
