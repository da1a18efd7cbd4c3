"""Figures derived from whole tables, kept beside the store for the next process.

The board's weekly counts over 50,000 interactions cost more than its first paint may.
They are kept in a side file, `<store>.cache`, stamped with the signature (inode, size,
mtime) of the store file they were derived from, so the next process to open that same
file can take them instead of parsing and counting. Every write to the store changes its
signature, which makes what is kept stale. The file is only a shortcut: missing, stale,
unreadable or unwritable, the figures are simply derived again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from ..support.private_files import replace_durably
from .own_files import NotOurs, open_own

Signature = tuple[int, int, int]


class KeptFigures:
    def __init__(self, store_path: Path):
        self.path = store_path.with_name(store_path.name + ".cache")
        self._figures: dict[str, Any] = {}
        self._for: Signature | None = None
        self.refused: str | None = None  # why the file is not used, once found

    def get(self, signature: Signature, name: str) -> Any:
        """The figure kept for the store file with this signature, or None."""
        return self._of(signature).get(name)

    def latest(self, name: str) -> tuple[Any, Any] | None:
        """The figure as kept, whatever the store was then: (its stamp, its value)."""
        kept = self._load()
        figures = kept.get("figures") if kept else None
        if not isinstance(figures, dict) or name not in figures:
            return None
        return kept.get("store"), figures[name]

    def put(self, signature: Signature, name: str, value: Any) -> None:
        """Keep a figure (JSON-serialisable) derived from the file with this signature."""
        figures = self._of(signature)
        figures[name] = value
        try:
            payload = orjson.dumps({"store": list(signature), "figures": figures})
            if not self._usable():
                return  # refused once with a warning; never followed, never written
            # Cheap to lose (recounted when missing), so not fsynced.
            replace_durably(self.path, payload, durable=False)
        except (OSError, TypeError):
            pass

    def _usable(self) -> bool:
        """False when `<store>.cache` is there but not netplan's own:
        a link, a FIFO, a file of another user's. It is then neither read nor replaced."""
        if self.refused is not None:
            return False
        try:
            os.close(open_own(self.path, os.O_RDONLY))
        except FileNotFoundError:
            return True
        except NotOurs as exc:
            self.refused = f"{exc}; netplan ignores it and keeps no figures there"
            return False
        except OSError:
            return True  # unreadable for another reason: derived again, nothing follows
        return True

    def leftovers(self) -> list[Path]:
        """Temporary files of a writer that died before renaming them."""
        return list(self.path.parent.glob(f".{self.path.name}.*"))

    def _of(self, signature: Signature) -> dict[str, Any]:
        if self._for != signature:
            self._figures, self._for = self._read(signature), signature
        return self._figures

    def _load(self) -> dict[str, Any] | None:
        if not self._usable():
            return None
        try:
            fd = open_own(self.path, os.O_RDONLY)
            try:
                chunks = []
                while chunk := os.read(fd, 1 << 22):
                    chunks.append(chunk)
            finally:
                os.close(fd)
            kept = orjson.loads(b"".join(chunks))
        except (OSError, orjson.JSONDecodeError):
            return None
        return kept if isinstance(kept, dict) else None

    def _read(self, signature: Signature) -> dict[str, Any]:
        kept = self._load()
        if kept is None or kept.get("store") != list(signature):
            return {}
        figures = kept.get("figures")
        return dict(figures) if isinstance(figures, dict) else {}
