"""The house rules: domain and store never import Textual; nothing reads the disk at import."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import netplan

from ..conftest import ROOT

# Everything outside these is domain or store code and must run without Textual.
UI_MODULES = {"netplan.app", "netplan.compat", "netplan.screens", "netplan.dialogs", "netplan.widgets"}


def domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(netplan.__path__, "netplan."):
        if any(info.name == ui or info.name.startswith(ui + ".") for ui in UI_MODULES):
            continue
        names.append(info.name)
    return names


def test_there_are_domain_modules_to_check():
    names = domain_modules()
    assert "netplan.store.database" in names and "netplan.store.storage" in names and "netplan.support.dates" in names


def test_domain_and_store_never_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {domain_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "    assert not bad, f'{name} imported {bad[0]}'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_command_line_does_not_load_textual_for_plain_commands():
    code = ("import sys\nfrom netplan.cli import main\nmain(['where'])\n"
            "assert 'textual' not in sys.modules, 'where loaded textual'\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_every_file_netplan_writes_goes_through_the_one_private_writer():
    # Creating or replacing a file by hand is how the 0644 export and the file written
    # through a planted link came about; support/private_files.py is the one place.
    import re

    writes = re.compile(r"os\.replace\(|os\.rename\(|\.write_text\(|\.write_bytes\(|"
                        r"O_CREAT|open\([^)]*[\"'][wax]b?\+?[\"']")
    allowed = {"netplan/support/private_files.py",
               "netplan/store/side_files.py",  # opens (creates) the lock file, no content
               "netplan/store/own_files.py"}  # the lock file's open, checked as netplan's own
    offenders = []
    for path in sorted((ROOT / "netplan").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if writes.search(line) and rel not in allowed:
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_domain_reads_records_never_the_files_documents():
    """Figures counted over whole tables go through `store.values` and `store.grouped`,
    which read fields as records hold them: the file format stays inside the store."""
    import ast

    found = []
    for path in sorted((ROOT / "netplan" / "domain").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("docs", "raw", "stored_value",
                                                                "_storage"):
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert found == []
