"""Fixtures the end-to-end tests share."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from .helpers import Tmux


@pytest.fixture
def tmux():
    """A tmux server of our own; its socket path is short (unix sockets allow ~100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="np-tmux-"))
    server = Tmux(folder / "sock")
    yield server
    server.kill()
    shutil.rmtree(folder, ignore_errors=True)
