"""Figures, their targets (SPEC §7), the printed table and the JSON file."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Figure:
    """One measured figure: a median, what it is compared with, and the target it must meet."""

    key: str  # stable name used in the JSON ("start", "search", "write" …)
    label: str
    store: str
    samples: list[float] = field(default_factory=list)
    unit: str = "ms"
    baseline_samples: list[float] = field(default_factory=list)
    baseline_label: str = ""
    target: float | None = None  # an upper bound
    target_on: str = "value"  # "value" or "ratio" (value / baseline)
    note: str = ""  # why a figure is n/a, or an error
    error: bool = False

    @property
    def value(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def baseline(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def status(self) -> str:
        if self.error:
            return "ERROR"
        measured = self.ratio if self.target_on == "ratio" else self.value
        if measured is None:
            return "n/a"
        if self.target is None:
            return "info"
        return "ok" if measured <= self.target else "MISS"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "label": self.label, "store": self.store, "unit": self.unit,
            "value": _round(self.value), "samples": [_round(s) for s in self.samples],
            "baseline": _round(self.baseline), "baseline_label": self.baseline_label,
            "ratio": _round(self.ratio), "target": self.target, "target_on": self.target_on,
            "status": self.status, "note": self.note,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _fmt(x: float | None, unit: str) -> str:
    if x is None:
        return "n/a"
    if unit == "ms":
        return f"{x:.2f} ms" if x < 10 else f"{x:.0f} ms"
    return f"{x:.0f} {unit}"


def target_text(f: Figure) -> str:
    if f.target is None:
        return "-"
    if f.target_on == "ratio":
        return f"≤ {f.target:g}×"
    return f"{'<' if f.unit == 'MiB' else '≤'} {f.target:g} {f.unit}"


def table(figures: list[Figure]) -> str:
    rows = [("measure", "store", "netplan", "baseline", "ratio", "target", "result")]
    for f in figures:
        base = _fmt(f.baseline, f.unit) if f.baseline_samples else "-"
        if f.baseline_label and f.baseline_samples:
            base = f"{base} ({f.baseline_label})"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "-"
        result = f.status + (f" ({f.note})" if f.note and f.status in ("n/a", "ERROR") else "")
        rows.append((f.label, f.store, _fmt(f.value, f.unit), base, ratio, target_text(f), result))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def growth(figures: list[Figure], stores: list[str]) -> str:
    """Each measure across the stores, and the factor from one store to the next: how
    its cost grows with the store (1.0×: not at all)."""
    by_label: dict[str, dict[str, Figure]] = {}
    for f in figures:
        by_label.setdefault(f.label, {})[f.store] = f
    head = ["measure", *stores]
    rows = [head]
    for label, per_store in by_label.items():
        cells, before = [label], None
        for name in stores:
            f = per_store.get(name)
            value = None if f is None else (f.ratio if f.target_on == "ratio" else f.value)
            text = "n/a" if value is None else (
                f"{value:.2f}×" if f.target_on == "ratio" else _fmt(value, f.unit))
            if value is not None and before:
                text += f" (×{value / before:.1f})"
            cells.append(text)
            before = value
        rows.append(cells)
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "how each cost grows (in brackets: × the store before)\n" + "\n".join(lines)


def environment(command: str) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "command": command,
        "python": platform.python_version(),
        "textual": version("textual"), "tinydb": version("tinydb"), "orjson": version("orjson"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "executable": sys.executable,
    }


def write_json(path: Path, figures: list[Figure], stores: list[dict], env: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    failed = [f for f in figures if f.status in ("MISS", "ERROR")]
    payload = {"environment": env, "stores": stores, "ok": not failed,
               "figures": [f.as_json() for f in figures]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
