"""The store's write-ahead journal, `<store>.journal`: what a save costs is its own size.

The store stays one TinyDB JSON file. A save appends one entry here -- the documents it
put or removed, each by table and TinyDB key -- and is acknowledged once that entry is on
disk (append, fdatasync): 1 KB, not the 130 MB file. Every netplan process reads the
file and then the journal's entries on top of it. From time to time the file is
rewritten with everything in it (a *checkpoint*) and the journal starts again.

The file's bytes:

    <seq> <length> <crc32> <header JSON>\\n        seq 0: what the journal applies to
    <seq> <length> <crc32> <entry JSON>\\n         one per save, seq 1, 2, 3 …

The header names the store file the entries apply to (`base`: its inode, size and
modification time), a `lineage` that checkpoints carry on, the last `seq` already in
that file, and `since`: the entries after `since` are kept even when they are in the
file (the *tail*), so another process that had read up to any of them carries on from
there instead of reading the whole store again.

A journal whose `base` is not the store file on disk is stale (the file was rewritten
after it: by a checkpoint that died before it replaced the journal, by hand, by a sync
tool) and is ignored: the file holds what it holds. An entry cut short by a crash fails
its length or checksum and is dropped, never applied in part; a writer cuts it off.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .own_files import open_own

PREFIX = 29  # "0000000001 0000002a 1c291ca3 ": seq, length, crc32, each and a space
TAIL_BYTES = 1 << 20  # entries kept after a checkpoint, for processes that read up to them
CHECKPOINT_BYTES = 4 << 20  # a journal this long is checkpointed without waiting

Signature = tuple[int, int, int]
# (table, TinyDB key, document or None: removed, the document before or None: new)
Change = tuple[str, str, Any, Any]


def journal_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".journal")


def frame(seq: int, payload: bytes) -> bytes:
    head = b"%010d %08x " % (seq, len(payload))
    return head + b"%08x " % zlib.crc32(payload, zlib.crc32(head)) + payload + b"\n"


def entry_frame(seq: int, changes: list[Change]) -> bytes:
    return frame(seq, orjson.dumps({"seq": seq, "changes": changes}))


def header_frame(base: Signature, lineage: str, seq: int, since: int,
                 prev: tuple[Signature, int] | None = None,
                 spans: dict[str, Any] | None = None) -> bytes:
    return frame(0, orjson.dumps({"journal": 1, "base": list(base), "lineage": lineage,
                                  "seq": seq, "since": since,
                                  "prev": [*prev[0], prev[1]] if prev else None,
                                  "spans": spans}))


@dataclass
class Frame:
    seq: int
    start: int
    end: int
    payload: bytes

    def changes(self) -> list[Change]:
        return [(c[0], c[1], c[2], c[3] if len(c) > 3 else None)
                for c in orjson.loads(self.payload)["changes"]]


@dataclass
class Header:
    base: Signature
    lineage: str
    seq: int
    since: int
    # The file this one replaced, and the last entry in it: a process that read that
    # file and nothing more carries on from the tail.
    prev: tuple[Signature, int] | None = None
    # Where each table lies in `base`, as its writer wrote it (layout.dump_chunks).
    spans: dict[str, tuple[bool, int, int, bool]] | None = None


@dataclass
class Journal:
    """A journal as read: its header and whole entries; where the good part ends and why
    it ends there (None: at the end of the file)."""

    header: Header | None
    entries: list[Frame] = field(default_factory=list)
    good_end: int = 0
    size: int = 0
    ino: int = 0
    problem: str | None = None
    raw: bytes = b""

    def applies_to(self, signature: Signature | None) -> bool:
        return self.header is not None and signature is not None \
            and tuple(self.header.base) == tuple(signature)

    def after(self, seq: int) -> list[Frame]:
        """The entries after `seq`; Gap when one of them is no longer here (then read the
        store again)."""
        out = [f for f in self.entries if f.seq > seq]
        if self.last_seq > seq and (not out or out[0].seq != seq + 1):
            raise Gap
        return out

    @property
    def last_seq(self) -> int:
        seq = self.header.seq if self.header else 0
        return max(seq, self.entries[-1].seq) if self.entries else seq

    def frames_bytes(self, after: int) -> bytes:
        return b"".join(self.raw[f.start:f.end] for f in self.entries if f.seq > after)


class Gap(Exception):
    """An entry this process needs is no longer in the journal."""


def frames(raw: bytes) -> Iterator[Frame | str]:
    """The whole frames of `raw` in order; a string saying why the rest is not used."""
    pos, size = 0, len(raw)
    while pos < size:
        if size - pos < PREFIX:
            yield "an entry cut short (torn write)"
            return
        head = raw[pos:pos + PREFIX]
        try:
            seq, length, crc = int(head[:10]), int(head[11:19], 16), int(head[20:28], 16)
        except ValueError:
            yield f"bytes that are not a journal entry at offset {pos}"
            return
        end = pos + PREFIX + length + 1
        if end > size:
            yield "an entry cut short (torn write)"
            return
        payload = raw[pos + PREFIX:end - 1]
        if raw[end - 1:end] != b"\n" or zlib.crc32(payload, zlib.crc32(head[:20])) != crc:
            yield f"an entry whose checksum does not match at offset {pos}"
            return
        yield Frame(seq, pos, end, payload)
        pos = end


def parse(raw: bytes, ino: int = 0) -> Journal:
    """Read a journal's bytes; entries after a bad or cut one are not used."""
    journal = Journal(header=None, size=len(raw), ino=ino, raw=raw)
    for n, item in enumerate(frames(raw)):
        if isinstance(item, str):
            journal.problem = item
            break
        if n == 0:
            try:
                head = orjson.loads(item.payload)
                prev, spans = head.get("prev"), head.get("spans")
                journal.header = Header(
                    tuple(head["base"]), str(head["lineage"]),  # type: ignore[arg-type]
                    int(head["seq"]), int(head["since"]),
                    (tuple(prev[:3]), int(prev[3])) if prev else None,  # type: ignore[arg-type]
                    {str(k): tuple(v) for k, v in spans.items()}  # type: ignore[misc]
                    if isinstance(spans, dict) else None)
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                journal.problem = "a header that is not a netplan journal's"
                break
        elif item.seq != (journal.entries[-1].seq if journal.entries
                          else journal.header.since) + 1:  # type: ignore[union-attr]
            journal.problem = f"entry {item.seq} out of order"
            break
        else:
            journal.entries.append(item)
        journal.good_end = item.end
    if journal.header is None and journal.problem is None and raw:
        journal.problem = "no header"
    return journal


def read(path: Path) -> Journal | None:
    """The journal at `path`, or None when there is none. NotOurs (an OSError) for a
    link, a FIFO or another user's file there."""
    try:
        fd = open_own(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        chunks, want = [], st.st_size
        while True:
            chunk = os.read(fd, max(want, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
        return parse(b"".join(chunks), st.st_ino)
    finally:
        os.close(fd)


def disk_signature(path: Path) -> tuple[int, int] | None:
    """The journal's (inode, size), a stat without reading; None when absent."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_size)


def new_lineage() -> str:
    return os.urandom(8).hex()
