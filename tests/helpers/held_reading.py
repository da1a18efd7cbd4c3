"""A large store's first visits, with the worker that reads its conversations held back."""

from __future__ import annotations

import threading

from netplan.domain import index_changes
from netplan.screens.worker_reading import ReadsOnWorker


def hold_readings(monkeypatch) -> threading.Event:
    """Every store counts as large, and every section's reading on a worker waits until
    the event returned is set (a large table takes a while)."""
    monkeypatch.setattr(index_changes, "READ_AT_ONCE", -1)
    gate, original = threading.Event(), ReadsOnWorker.read_on_worker

    def held(self, read, group):
        def slow():
            gate.wait(10)
            read()
        original(self, slow, group)

    monkeypatch.setattr(ReadsOnWorker, "read_on_worker", held)
    return gate
