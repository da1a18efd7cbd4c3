"""`python -m bench`: build the stores, measure every figure of SPEC §7, print, write JSON.

Exits 1 when a target is missed (or a measure failed), 0 otherwise. `--tiny`
runs every measure once on a tiny store: the smoke test uses it; `--all-sizes` measures
five stores from 500 to 50,000 contacts and prints how each cost grows between them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import bulk, measures
from .report import Figure, environment, growth, table, write_json
from .stores import ALL_SIZES, LARGE, TINY, TYPICAL, build

RESULTS = Path(__file__).with_name("results") / "latest.json"


def run(sizes, repeat: int, json_path: Path | None, log=print) -> list[Figure]:
    figures: list[Figure] = []
    stores = []
    folder = Path(tempfile.mkdtemp(prefix="netplan-bench-"))
    _compiled(log)
    try:
        for size in sizes:
            log(f"building the {size.name} store ({size.contacts:,} contacts, "
                f"{size.interactions:,} interactions, {size.weeks} weeks)…")
            built = build(size, folder)
            stores.append(built.describe())
            log(f"  {built.megabytes:.1f} MB in {built.seconds:.1f} s; measuring…")
            steps = [
                # Twice the runs: one start is ~0.4 s, and on a shared machine single starts
                # vary by half; a median of 11 pairs holds still where one of 5 did not.
                ("start", lambda b=built: [measures.start(b, repeat * 2 + 1)],
                 "start to first paint"),
                ("start_cold", lambda b=built: [measures.start_uncounted(b, repeat)],
                 "start, counts not kept"),
                ("start_after_write", lambda b=built: [measures.start_after_write(b, repeat)],
                 "start after another process wrote"),
                ("pilot", lambda b=built: measures.pilot_figures(b, folder, repeat), "pilot"),
                ("write", lambda b=built: measures.write_and_query(b, folder, repeat * 2 + 1),
                 "write and query"),
                ("open", lambda b=built: [measures.store_open(b, max(1, repeat // 2))], "open"),
                ("review", lambda b=built: [measures.process(b, "review", repeat)], "review"),
                ("slowest_key", lambda b=built, s=size: [measures.slowest_key(
                    b, *((2.0, 1.0) if s is TINY else ()))], "slowest key"),
                ("due", lambda b=built: [measures.process(b, "due", repeat)], "due"),
                ("memory", lambda b=built: [measures.memory(b)], "memory"),
                ("export_yaml", lambda b=built: bulk.yaml_export(b, folder, repeat),
                 "YAML export"),
                ("import", lambda b=built: [bulk.linkedin_import(b, folder, repeat)],
                 "LinkedIn import"),
            ]
            for key, step, label in steps:
                try:
                    figures.extend(step())
                except Exception as exc:  # one broken measure must not hide the others
                    figures.append(Figure(key, label, size.name, note=f"{exc}"[:200], error=True))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures.sort(key=lambda f: (_ORDER.index(f.key) if f.key in _ORDER else 99,
                                [s.name for s in sizes].index(f.store)))
    if json_path is not None:
        write_json(json_path, figures, stores, environment(" ".join(["python -m bench",
                                                                      *sys.argv[1:]])))
    return figures


def _compiled(log) -> None:
    """Compile netplan's modules to bytecode, as pip does for an installed package (and as
    Python does on a first run unless PYTHONDONTWRITEBYTECODE is set). An editable install
    otherwise recompiles every netplan module on every start, which a user sees once but
    the bare app, whose Textual pip compiled, never pays: ~100 ms of the start figure."""
    import compileall

    import netplan

    if not compileall.compile_dir(str(Path(netplan.__file__).parent), quiet=1):
        log("  (could not compile netplan's modules: start figures include compiling them)")


_ORDER = ["start", "start_after_write", "start_cold", "search", "write", "write_file", "query",
          "slowest_key", "switch", "switch_first", "switch_first_row", "open", "review", "due",
          "memory", "import", "export_yaml", "export_yaml_memory"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true",
                        help="one tiny store, each measure once (a smoke run; figures mean little)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per measure; the median is reported (default 5, tiny 1)")
    parser.add_argument("--only", choices=[s.name for s in ALL_SIZES],
                        help="measure one store only")
    parser.add_argument("--all-sizes", action="store_true",
                        help="five stores, 500 to 50,000 contacts (the two largest take "
                             "minutes to build and measure), and how each cost grows")
    parser.add_argument("--json", type=Path, default=RESULTS, metavar="PATH",
                        help=f"where to write the results (default {RESULTS})")
    args = parser.parse_args(argv)
    if args.tiny:
        sizes = [TINY]
    else:
        chosen = ALL_SIZES if args.all_sizes or args.only else (TYPICAL, LARGE)
        sizes = [s for s in chosen if args.only in (None, s.name)]
    repeat = args.repeat or (1 if args.tiny else 5)
    started = time.perf_counter()
    figures = run(sizes, repeat, args.json)
    print()
    print(table(figures))
    if len(sizes) > 1:
        print()
        print(growth(figures, [s.name for s in sizes]))
    missed = [f for f in figures if f.status in ("MISS", "ERROR")]
    print(f"\n{len(figures)} figures in {time.perf_counter() - started:.0f} s; "
          f"results in {args.json}")
    if missed:
        print("missed: " + ", ".join(f"{f.label} ({f.store})" for f in missed))
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
