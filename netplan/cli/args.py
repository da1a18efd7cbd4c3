"""What every command shares: the parser class, the usage error and the store path."""

from __future__ import annotations

import argparse
import sys

from ..store.paths import resolve_store_path


class UsageError(Exception):
    """Bad input on the command line: printed as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on stderr, exit 2 (argparse prints usage too)
        self.exit(2, f"{self.prog}: {message}\n")


def store_path(args: argparse.Namespace):
    return resolve_store_path(getattr(args, "db", None))


_READERS: list = []  # the stores reading commands opened, for their warnings


def open_for_reading(args: argparse.Namespace, *, as_stored: bool = False):
    """The store, for a command that only reads it: nothing is created, migrated or
    cleaned up; a path with no store ends the command (exit 1, `no store at PATH`)."""
    from ..store.database import open_for_reading as open_reading

    store = open_reading(store_path(args), as_stored=as_stored)
    _READERS.append(store)
    return store


def warn_repairs() -> None:
    """Wrong values read from the store, on stderr (after the command's own output)."""
    lines = [line for store in _READERS for line in store.warnings()]
    _READERS.clear()
    for line in lines[:5]:
        print(f"netplan: warning: {line}", file=sys.stderr)
    if len(lines) > 5:
        print(f"netplan: warning: and {len(lines) - 5} more; `netplan check` lists them all",
              file=sys.stderr)
