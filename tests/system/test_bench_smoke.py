"""The benchmark runs end to end on a tiny store and produces every figure (no timing asserted)."""

from __future__ import annotations

import json

from bench.__main__ import run
from bench.stores import TINY

FIGURES = {"start", "start_cold", "start_after_write", "search", "write", "write_file", "query",
           "slowest_key", "switch", "switch_first", "switch_first_row", "open", "review", "due",
           "memory", "import", "export_yaml", "export_yaml_memory"}


def test_bench_runs_on_a_tiny_store_and_reports_every_figure(tmp_path):
    out = tmp_path / "results.json"
    figures = run([TINY], 1, out, log=lambda *_: None)
    by_key = {f.key: f for f in figures}
    assert set(by_key) == FIGURES
    assert not [f for f in figures if f.error], [(f.key, f.note) for f in figures if f.error]
    # measured ones have a value; the rest say why not (sections still being written)
    for f in figures:
        assert f.value is not None or f.note, f.key
    measured = ("start", "start_cold", "start_after_write", "write", "write_file", "query",
                "slowest_key", "switch", "switch_first", "switch_first_row", "open", "memory",
                "import",
                "export_yaml", "export_yaml_memory")
    for key in measured:
        assert by_key[key].value is not None and by_key[key].value > 0, key
    assert by_key["start"].baseline is not None and by_key["write"].baseline is not None
    assert by_key["import"].baseline is not None
    saved = json.loads(out.read_text())
    assert {f["key"] for f in saved["figures"]} == FIGURES
    assert saved["stores"][0]["contacts"] == TINY.contacts
    assert all(f["status"] in ("ok", "MISS", "info", "n/a") for f in saved["figures"])
    # each section's first visit, named in the order visited
    assert [part.split()[0] for part in by_key["switch_first"].note.split(" · ")] == [
        "Contacts", "Questions", "PIE", "Review", "Board"]
