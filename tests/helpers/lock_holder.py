"""Another process holding the store's lock, as a long `netplan` write would."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

# The holder's line is hostile on purpose: an escape sequence and markup, which every
# place that shows it must show cleaned and literally.
HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, f"{os.getpid()} netplan edit \\x1b[31m[red]x\\n".encode())
print("held", flush=True)
time.sleep(60)
"""


@contextlib.contextmanager
def lock_held(store_path: Path) -> Iterator[subprocess.Popen]:
    """A process holding the lock of the store at `store_path` until the block ends."""
    lock = store_path.with_name(store_path.name + ".lock")
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()
