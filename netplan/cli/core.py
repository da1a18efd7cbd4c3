"""Core commands: open the TUI, `where`, `check`."""

from __future__ import annotations

import argparse

from . import output
from .args import store_path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("where", parents=[common], help="print the store path in use")
    p.set_defaults(func=cmd_where)
    p = sub.add_parser("check", parents=[common], help="validate the store")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_check)


def cmd_where(args: argparse.Namespace) -> int:
    print(store_path(args))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..store.validate import check_data, summary
    from ..support.words import counted
    from .args import open_for_reading

    path = store_path(args)
    store = open_for_reading(args, as_stored=True)  # an older schema is reported, not read
    data = store.raw()
    problems = check_data(data)
    notes, journal_problems = store.journal_report()
    problems = [*problems, *journal_problems]
    counts = summary(data)
    if getattr(args, "json", False):
        output.emit_json({"path": str(path), "ok": not problems, "counts": counts,
                          "problems": [str(p) for p in problems], "notes": notes})
    else:
        output.line(f"{path}: " + ", ".join(
            counted(n, t[:-2] if t.endswith("hes") else t[:-1], t) for t, n in counts.items()))
        for note in notes:
            output.line(f"  note: {note}")
        for problem in problems:
            output.line(f"  problem: {problem}")
        output.line("ok" if not problems else f"{len(problems)} problem(s) found")
    return 0 if not problems else 1


def run_tui(args: argparse.Namespace) -> int:
    import gc

    from ..domain.goals import goals_by_week
    from ..domain.metrics import store_counts
    from ..store.database import open_store
    from ..store.records import Event, Interaction

    store = open_store(store_path(args), readonly=getattr(args, "readonly", False))
    # A session holds its interactions as their JSON (store/packed_table.py), from the
    # first read on: the board's counts below may read them.
    store.hold_packed(Interaction)
    # What the board shows first is read here, where a damaged table still ends with a
    # clear message before the screen is taken over. (The board's counts come from
    # <store>.cache when the file has not changed since they were counted.) The other
    # tables are parsed just after the first paint: NetplanApp.on_ready.
    goals_by_week(store), store.all(Event), store_counts(store)
    # The parsed store is long-lived and free of cycles (JSON): moved out of the cyclic
    # collector's reach, it no longer makes each full collection walk its hundreds of
    # thousands of dicts (~100 ms each on a 10,000-contact store, several during start-up).
    # It is still freed by reference counting when a change by another process replaces it.
    gc.freeze()
    from ..app import NetplanApp

    app = NetplanApp(store)
    try:
        return app.run_until_signal()
    finally:
        store.close()  # what is still only in the journal goes into the file
