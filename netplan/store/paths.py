"""Where the store lives: --db, then NETPLAN_DB, then `store` in config.toml, then the XDG
data folder."""

from __future__ import annotations

import os
from pathlib import Path


def default_store_path() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or ""
    # XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    base = Path(data_home) if os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "netplan" / "netplan.json"


STORE_ENV = "NETPLAN_DB"


def store_from_environment() -> str | None:
    """NETPLAN_DB, when it names a store."""
    return os.environ.get(STORE_ENV) or None


def resolve_store_path(cli_value: str | None = None) -> Path:
    """The store path in use, from the command line, the environment or the default."""
    chosen = cli_value or store_from_environment()
    if chosen:
        path = Path(chosen).expanduser()
    else:
        from ..support.config import current

        path = current().store or default_store_path()
    return Path(os.path.abspath(path))
