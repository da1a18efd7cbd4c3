"""The bulk paths of issue #24, as whole processes: a LinkedIn import of 2,000 rows into the
store, and the YAML export of all of it (time and peak memory)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from tinydb import TinyDB

from netplan.store.database import open_store
from netplan.store.records import Contact

from .measures import _env
from .report import Figure
from .stores import Built

IMPORT_ROWS = 2_000
IMPORT_TARGET_MS = 2_000.0
EXPORT_TARGET_MS = 15_000.0
EXPORT_MEMORY_TARGET_MIB = 400.0
NETPLAN = [sys.executable, "-m", "netplan"]


def connections_csv(path: Path, rows: int = IMPORT_ROWS) -> Path:
    """A LinkedIn Connections.csv as the export writes it (its notes first, CRLF, dates
    like "04 Mar 2024"), of people the demo store does not hold."""
    lines = ["Notes:\r\n", '"When exporting your connection data, you may notice that some '
             'of the email addresses are missing."\r\n', "\r\n",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"]
    for n in range(rows):
        lines.append(f"Bench{n},Importee{n % 700},https://www.linkedin.com/in/bench-{n}-x,,"
                     f"Company {n % 300},Engineer {n % 17},{n % 28 + 1:02d} Mar 2024\r\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _working_copy(built: Built, folder: Path) -> Path:
    """A copy of the store as netplan leaves it: written by a checkpoint, with its journal
    (which says where the tables lie). Not timed."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700, parents=True)
    path = folder / "netplan.json"
    shutil.copyfile(built.path, path)
    store = open_store(path)
    store.save(Contact(name="Bench Import Prep"))
    store.close()
    return path


def linkedin_import(built: Built, folder: Path, repeat: int) -> Figure:
    """`netplan import linkedin Connections.csv` (2,000 new people) as a whole process,
    beside plain TinyDB inserting the same 2,000 documents into a copy of the file."""
    fig = Figure("import", f"LinkedIn import of {IMPORT_ROWS:,} rows (whole process)",
                 built.size.name, baseline_label="plain TinyDB insert_multiple",
                 target=IMPORT_TARGET_MS)
    csv = connections_csv(folder / "Connections.csv")
    docs = [Contact(name=f"Bench{n} Importee{n % 700}").to_dict() for n in range(IMPORT_ROWS)]
    for n in range(repeat):
        path = _working_copy(built, folder / f"import-{n}")
        t = time.perf_counter()
        done = subprocess.run([*NETPLAN, "import", "linkedin", str(csv), "--db", str(path)],
                              capture_output=True, text=True, env=_env(), timeout=300)
        fig.samples.append((time.perf_counter() - t) * 1000)
        if done.returncode != 0 or f"{IMPORT_ROWS} created" not in done.stdout:
            raise RuntimeError(f"the import did not create {IMPORT_ROWS}: {done.stdout[-300:]}"
                               f"{done.stderr[-300:]}")
        plain = folder / f"plain-import-{n}.json"
        shutil.copyfile(built.path, plain)
        t = time.perf_counter()
        with TinyDB(plain) as db:
            db.table("contacts").insert_multiple(docs)
        fig.baseline_samples.append((time.perf_counter() - t) * 1000)
        plain.unlink()
        shutil.rmtree(path.parent, ignore_errors=True)
    return fig


def yaml_export(built: Built, folder: Path, repeat: int) -> list[Figure]:
    """`netplan export --format yaml -o FILE` as a whole process: its time (with the
    wrapper's own start, ~20 ms), and its peak memory (ru_maxrss of the child, through a
    wrapper that waits for it)."""
    took = Figure("export_yaml", "`netplan export --format yaml` (whole process)",
                  built.size.name, target=EXPORT_TARGET_MS)
    peak = Figure("export_yaml_memory", "peak memory of the YAML export", built.size.name,
                  unit="MiB", target=EXPORT_MEMORY_TARGET_MIB)
    out = folder / "export.yaml"
    wrapper = ("import resource, subprocess, sys\n"
               "proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
               "print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    for _ in range(repeat):
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", wrapper, *NETPLAN, "export", "--format", "yaml", "-o",
             str(out), "--force", "--db", str(built.path)],
            capture_output=True, text=True, env=_env(), timeout=600)
        took.samples.append((time.perf_counter() - t) * 1000)
        code, kib = done.stdout.split()
        if code != "0":
            raise RuntimeError(f"the export exited with {code}: {done.stderr[-300:]}")
        peak.samples.append(int(kib) / 1024)  # Linux reports ru_maxrss in KiB
        out.unlink()
    return [took, peak]
