"""The command line: one argparse parser; each module in COMMAND_MODULES adds its commands.

A command module has `register(subparsers, common)`; each subcommand it adds
sets `func=handler`, and `handler(args) -> int` returns the exit status. Text
for the terminal goes through `output` so that nothing from the store reaches
the terminal raw. Modules are imported here, not Textual: commands stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys

from .. import __version__
from ..store.storage import StoreError
from ..support.sanitize import clean
from .args import Parser, UsageError, warn_repairs

COMMAND_MODULES = (
    "core", "contacts", "companies", "cadence", "interactions", "goals", "questions",
    "transfer", "sync", "serve", "demo", "config", "completion", "manpage", "actions",
)


def program_name(argv0: str) -> str:
    """The name help and errors use: `netplan-tui` when run by that name (its console
    script), else `netplan` (also for `python -m netplan`)."""
    return "netplan-tui" if os.path.basename(argv0) == "netplan-tui" else "netplan"


def build_parser(commands: bool = True, prog: str = "netplan") -> argparse.ArgumentParser:
    """The whole command line; without `commands`, only the options of opening the TUI."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps `netplan --db X where` and `netplan where --db X` both working.
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the store file (default: $NETPLAN_DB or ~/.local/share/netplan/netplan.json)",
    )
    parser = Parser(
        prog=prog,
        description="A terminal planner for networking your way into a tech job.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"netplan {__version__}")
    parser.add_argument(
        "--readonly",
        action="store_true",
        help="open the TUI without the ability to change anything",
    )
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub, common)
    return parser


def _apply_frozen_today() -> None:
    """NETPLAN_TODAY=2026-11-23 makes netplan act as on that day (demos, tests, cron replays)."""
    import datetime as dt

    from ..support.dates import freeze_today

    value = os.environ.get("NETPLAN_TODAY")
    if value:
        try:
            freeze_today(dt.date.fromisoformat(value))
        except ValueError:
            raise UsageError(f"NETPLAN_TODAY={value!r} is not a date like 2026-11-23") from None


def _opens_the_tui(argv: list[str]) -> bool:
    """No command named, no help asked for: `netplan`, `netplan --db PATH --readonly`."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif arg in ("--readonly", "--version") or arg.startswith("--db="):
            continue
        else:
            return False
    return True


NEEDS_A_TERMINAL = "netplan needs a terminal; for scripts use the subcommands (netplan --help)"


def _has_terminal() -> bool:
    """The TUI reads keys from stdin and draws on stdout: both must be a terminal,
    unless a Textual driver of its own is named (textual-serve's web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return all(s is not None and s.isatty() for s in (sys.stdin, sys.stdout))


def _warn_settings(args: argparse.Namespace) -> None:
    """config.toml's wrong lines, on stderr, when the command read it (`netplan config`
    prints them itself)."""
    from ..support import config

    settings = config.loaded()
    if settings is None or getattr(args, "command", None) == "config":
        return
    for problem in settings.problems:
        print(f"netplan: warning: {clean(problem, multiline=True)}", file=sys.stderr)


def _short_lived(short: bool, process_ends: bool) -> contextlib.AbstractContextManager:
    """A command that reads, prints and ends runs with the cyclic garbage collector off.
    Reading a store makes hundreds of thousands of objects, none in a cycle, and the
    collector walked them again and again (a third of `netplan due` on 50,000
    interactions); what a command frees is freed by reference counting, the rest at exit.
    When the process ends with the command it stays off: turned on again, its first
    pass walks every object the command made (0.3-0.7 s after an import at 50,000)."""
    from ..support.gc_pause import gc_paused

    if not short:
        return contextlib.nullcontext()
    return gc_paused(resume=not process_ends)


def main(argv: list[str] | None = None) -> int:
    process_ends = argv is None  # the program itself, not a caller in the same process
    argv = sys.argv[1:] if argv is None else list(argv)
    # Opening the TUI does not build the 25 commands' parsers (~14 ms of its start).
    parser = build_parser(commands=not _opens_the_tui(argv), prog=program_name(sys.argv[0]))
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    try:
        _apply_frozen_today()
        if func is None:
            if not _has_terminal():
                print(NEEDS_A_TERMINAL, file=sys.stderr)
                return 2
            from .core import run_tui

            return run_tui(args)
        with _short_lived(not getattr(args, "long_running", False), process_ends):
            status = func(args)
        warn_repairs()
        _warn_settings(args)
        return status
    except UsageError as exc:
        print(f"netplan: {clean(str(exc), multiline=True)}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"netplan: {clean(str(exc), multiline=True)}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `netplan due | head`
        return 0
