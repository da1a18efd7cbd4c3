"""No stored text reaches the terminal raw from any command, plain or --json; CLI
tables align by display width."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.records import Contact

from ..conftest import netplan_cmd, subprocess_env
from ..helpers.hostile_text import EVIL, FORBIDDEN, plant


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, env=subprocess_env(),
                          timeout=60)


COMMANDS = [
    ["contacts"], ["contacts", "--json"], ["due"], ["due", "--json"], ["goals"],
    ["goals", "--json"], ["review"], ["review", "--format", "markdown"],
    ["review", "--format", "json"], ["questions", "--all"], ["questions", "--all", "--json"],
    ["export", "-f", "csv"], ["export", "-f", "json"], ["export", "-f", "yaml"],
    ["export", "-f", "ics"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_commands_print_no_control_characters(store_path, args):
    plant(store_path)
    done = run(*args, "--db", str(store_path))
    out = done.stdout.decode("utf-8")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0, err
    assert "Evil Corp" in out  # the stored text is there…
    if args[0] == "export":
        # A data file keeps bidi marks (a lossless copy) and its format's CRLF, but
        # no escape or control a terminal would act on.
        out = out.replace("\r\n", "\n")
        bad = [ch for ch in FORBIDDEN.findall(out) if ch not in "\u202a\u202b\u202c\u202d\u202e"
               "\u2066\u2067\u2068\u2069"]
        assert not bad, bad[:5]
    else:
        assert not FORBIDDEN.findall(out), FORBIDDEN.findall(out)[:5]  # …but never raw
    assert not FORBIDDEN.findall(err)


def test_json_output_escapes_c1_and_reads_back_exactly(store_path):
    ids = plant(store_path)
    out = run("contacts", "--json", "--db", str(store_path)).stdout.decode("utf-8")
    assert "\\u009b" in out and "\\u202e" in out and "\\u001b" in out
    [row] = [r for r in json.loads(out) if r["id"] == ids["contact"]]
    assert row["name"] == EVIL  # a script gets the data exactly


def test_import_error_quotes_a_short_sanitised_piece(store_path, tmp_path):
    bad = tmp_path / "bad.vcf"
    bad.write_text("BEGIN:VCARD\r\n" + "\x1b]52;c;AAAA\x07" + "x" * 500 + "\r\nEND:VCARD\r\n",
                   encoding="utf-8")
    done = run("import", "vcard", str(bad), "--db", str(store_path))
    err = done.stderr.decode("utf-8")
    assert done.returncode != 0
    assert not FORBIDDEN.findall(err)
    assert "x" * 61 not in err and "xxx" in err


def test_table_pads_by_display_width(store_path):
    from netplan.store.database import open_store

    store = open_store(store_path)
    for name in ("Émile 🚀🚀", "山田太郎", "Ada Lovelace", "Bob\u202eevil"):
        store.save(Contact(name=name, company="Acme"))
    out = run("contacts", "--db", str(store_path)).stdout.decode("utf-8")
    from rich.cells import cell_len

    rows = [ln for ln in out.splitlines() if "Acme" in ln]
    assert len(rows) == 4
    # The company column starts at the same terminal cell on every row.
    starts = {cell_len(r[: r.index("Acme")]) for r in rows}
    assert len(starts) == 1, rows
    assert "\u202e" not in out
