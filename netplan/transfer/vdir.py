"""A vdir: a folder with one item a file (`.vcf` cards, `.ics` calendar items), the layout
vdirsyncer, khard, todoman and khal share. Reading never follows a link; writing
replaces a file atomically (0600), never writing through a link someone placed there.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..store.own_files import NotOurs, open_own
from ..support.private_files import replace_durably, sync_folder
from .files import MAX_IMPORT_BYTES, TransferError, make_private_folder


@dataclass
class Vdir:
    folder: Path
    ext: str  # ".vcf" or ".ics"
    files: dict[str, bytes] = field(default_factory=dict)  # name -> bytes, as read
    refused: dict[str, str] = field(default_factory=dict)  # name -> why it was not read

    @classmethod
    def read(cls, folder: str | os.PathLike[str], ext: str) -> Vdir:
        """The folder's item files (made 0700 when missing); hidden and temp files are not."""
        path = make_private_folder(Path(folder).expanduser().absolute())
        vdir = cls(path, ext)
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.name.lower().endswith(ext):
                continue
            try:
                fd = open_own(path / entry.name, os.O_RDONLY)
            except NotOurs as exc:
                vdir.refused[entry.name] = str(exc)
                continue
            except OSError as exc:
                vdir.refused[entry.name] = f"cannot read it ({exc.strerror or exc})"
                continue
            try:
                size = os.fstat(fd).st_size
                if size > MAX_IMPORT_BYTES:
                    vdir.refused[entry.name] = "too big to be one item"
                    continue
                with os.fdopen(os.dup(fd), "rb") as fh:
                    vdir.files[entry.name] = fh.read()
            finally:
                os.close(fd)
        return vdir

    def write(self, name: str, data: bytes) -> None:
        try:
            replace_durably(self.folder / name, data, durable=False)
        except OSError as exc:
            raise TransferError(f"cannot write it ({exc.strerror or exc})",
                                path=self.folder / name) from None
        self.files[name] = data

    def remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / name)
        self.files.pop(name, None)

    def free_name(self, stem: str) -> str:
        name = stem + self.ext
        n = 2
        while name in self.files or os.path.lexists(self.folder / name):
            name, n = f"{stem}-{n}{self.ext}", n + 1
        return name

    def flush(self) -> None:
        sync_folder(self.folder)
