"""Reading the built-in YAML content shipped in `data/` (the `netplan.data` package)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def load_yaml(name: str) -> Any:
    """Parse `data/<name>` with the safe loader (cached: the files never change at run time)."""
    from importlib import resources  # (here, with yaml: neither is needed to start)

    import yaml

    text = resources.files("netplan.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
