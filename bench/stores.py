"""The stores the bench measures, built with `netplan.domain.demo`, and plain TinyDB beside them."""

from __future__ import annotations

import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tinydb import TinyDB

from netplan.domain import demo
from netplan.store.database import Store, open_store


@dataclass(frozen=True)
class Size:
    name: str
    contacts: int
    interactions: int
    weeks: int


TYPICAL = Size("typical", 500, 3_000, 52)
MEDIUM = Size("medium", 2_000, 10_000, 104)
LARGE = Size("large", 10_000, 50_000, 520)
HUGE = Size("huge", 25_000, 125_000, 520)
LARGEST = Size("largest", 50_000, 250_000, 520)
TINY = Size("tiny", 30, 120, 4)
# `make bench` measures TYPICAL and LARGE; `--all-sizes` all five, to see how costs grow.
ALL_SIZES = (TYPICAL, MEDIUM, LARGE, HUGE, LARGEST)
SEED = 7


@dataclass
class Built:
    size: Size
    path: Path
    seconds: float
    megabytes: float

    def describe(self) -> dict:
        return {**asdict(self.size), "path": str(self.path),
                "build_seconds": round(self.seconds, 2), "megabytes": round(self.megabytes, 1)}


def build(size: Size, folder: Path) -> Built:
    """Generate the store as `netplan demo` does: in memory, then one durable write."""
    path = folder / size.name / "netplan.json"
    started = time.perf_counter()
    store = open_store(path)
    demo.fill(store, contacts=size.contacts, interactions=size.interactions, weeks=size.weeks,
              seed=SEED)
    store.close()
    return Built(size, path, time.perf_counter() - started, path.stat().st_size / 1e6)


def reopen(built: Built) -> Store:
    return open_store(built.path)


def plain_tinydb(built: Built, folder: Path) -> TinyDB:
    """Plain TinyDB (default JSONStorage, no cache) on a copy of the same data."""
    copy = folder / f"plain-{built.size.name}.json"
    shutil.copyfile(built.path, copy)
    return TinyDB(copy)  # the store is a TinyDB database: plain TinyDB opens it as it is
