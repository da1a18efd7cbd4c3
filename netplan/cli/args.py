"""What every command shares: the parser class, the usage error and the store path."""

from __future__ import annotations

import argparse

from ..store.paths import resolve_store_path


class UsageError(Exception):
    """Bad input on the command line: printed as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on stderr, exit 2 (argparse prints usage too)
        self.exit(2, f"{self.prog}: {message}\n")


def store_path(args: argparse.Namespace):
    return resolve_store_path(getattr(args, "db", None))
