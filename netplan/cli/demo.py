"""`netplan demo`: fill a store with realistic sample data to try every screen (and to bench)."""

from __future__ import annotations

import argparse
import os
import time

from . import output
from .args import UsageError, store_path

LIMITS = {"contacts": 100_000, "interactions": 1_000_000, "weeks": 1040}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from ..domain.demo import DEFAULT_CONTACTS, DEFAULT_INTERACTIONS, DEFAULT_SEED, DEFAULT_WEEKS

    p = sub.add_parser(
        "demo", parents=[common], help="fill a store with realistic sample data",
        description="Fill a store with realistic sample data (contacts, interactions, goals, "
        "events, referrals, PIE assessments, a prep sheet), the same for the same seed. "
        "Without --db or NETPLAN_DB it only writes into a new or empty store.",
    )
    p.add_argument("--contacts", type=_count("contacts"), default=DEFAULT_CONTACTS, metavar="N",
                   help=f"how many contacts (default {DEFAULT_CONTACTS})")
    p.add_argument("--interactions", type=_count("interactions"), default=DEFAULT_INTERACTIONS,
                   metavar="N", help=f"how many interactions (default {DEFAULT_INTERACTIONS})")
    p.add_argument("--weeks", type=_count("weeks", minimum=1), default=DEFAULT_WEEKS,
                   metavar="N", help=f"how many weeks of history (default {DEFAULT_WEEKS})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                   help=f"the same seed gives the same data (default {DEFAULT_SEED})")
    p.add_argument("--json", action="store_true", help="print what was created as JSON")
    p.set_defaults(func=cmd_demo)


def _count(name: str, minimum: int = 0):
    limit = LIMITS[name]

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not minimum <= value <= limit:
            raise argparse.ArgumentTypeError(f"must be between {minimum} and {limit:,}")
        return value

    return parse


def cmd_demo(args: argparse.Namespace) -> int:
    from ..domain.demo import fill
    from ..store.database import open_store

    if args.interactions and not args.contacts:
        raise UsageError("--interactions needs at least one contact (--contacts 1 or more)")
    path = store_path(args)
    chosen = getattr(args, "db", None) or os.environ.get("NETPLAN_DB")
    store = open_store(path)
    held = _records_in(store)
    if held and not chosen:
        raise UsageError(
            f"the store {path} already holds {held} records; demo data would mix with yours. "
            "Name a new file with --db PATH (or NETPLAN_DB) to try the demo."
        )
    started = time.perf_counter()
    counts = fill(store, contacts=args.contacts, interactions=args.interactions,
                  weeks=args.weeks, seed=args.seed)
    elapsed = time.perf_counter() - started
    if args.json:
        output.emit_json({"path": str(path), "seed": args.seed, "created": counts,
                          "seconds": round(elapsed, 2)})
        return 0
    output.line(f"Sample data written to {path} in {elapsed:.1f} s (seed {args.seed}):")
    output.line("  " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    if held:
        output.line(f"  (added to the {held} records already there)")
    output.line(f"Open it with: netplan --db {path}" if chosen and not os.environ.get("NETPLAN_DB")
                else "Open it with: netplan")
    return 0


def _records_in(store) -> int:
    """Records the user may have made. Built-in questions a newer netplan keeps in the
    store do not count: a fresh store is still empty for this purpose."""
    data = store.raw()
    total = 0
    for table, docs in data.items():
        if table == "meta" or not isinstance(docs, dict):
            continue
        if table == "questions":
            total += sum(1 for d in docs.values() if not (isinstance(d, dict) and d.get("builtin")))
        else:
            total += len(docs)
    return total
