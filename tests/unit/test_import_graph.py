"""The house's direction of imports, read from the source:

    app, screens, dialogs, widgets  →  cli, transfer, domain, store, support
    transfer → domain, store, support;   domain → store (package and records), support;
    store → support;   support → nothing of netplan

No circle anywhere, counting every import (deferred ones inside functions and
type-only ones too); the domain never reaches into store internals; the store never
imports the domain.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ..conftest import ROOT

PACKAGE = ROOT / "netplan"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, *([target] if target else [])])


def _imports(path: Path, *, deferred: bool) -> set[str]:
    """Modules this one imports: when it is loaded, or (deferred) anywhere in it."""
    module = _module_name(path)
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def visit(nodes):
        for node in nodes:
            if not deferred and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if deferred:
                    visit(ast.iter_child_nodes(node))
                continue
            if isinstance(node, ast.ImportFrom):
                base = (_resolve(module, path.name == "__init__.py", node.level, node.module)
                        if node.level else node.module or "")
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.stmt):
                visit(ast.iter_child_nodes(node))
    visit(tree.body)
    return {m for m in found if m.split(".")[0] == "netplan"}


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: _imports(path, deferred=False) for name, path in MODULES.items()}
EVERY_IMPORT = {name: _imports(path, deferred=True) for name, path in MODULES.items()}


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_graph_sees_the_package():
    assert "netplan.store.database" in GRAPH and "netplan.domain.goals" in GRAPH
    assert "netplan.store.records" in GRAPH["netplan.domain.goals"]


def test_no_import_circle():
    def cycle_from(start):
        graph = EVERY_IMPORT
        stack, on_path, seen = [(start, iter(sorted(graph.get(start, ()))))], [start], set()
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.pop()
                continue
            if child == start:
                return [*on_path, child]
            if child in seen or child not in graph:
                continue
            seen.add(child)
            stack.append((child, iter(sorted(graph.get(child, ())))))
            on_path.append(child)
        return None

    circles = [c for name in sorted(EVERY_IMPORT) if (c := cycle_from(name))]
    assert not circles, " → ".join(circles[0])


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if _layer(n) == "domain"))
def test_the_domain_uses_only_the_store_s_public_face(name):
    allowed_store = {"netplan.store", "netplan.store.records"}
    bad = [m for m in GRAPH[name] if _layer(m) == "store" and m not in allowed_store]
    bad += [m for m in GRAPH[name] if _layer(m) in ("screens", "dialogs", "widgets", "cli", "app")]
    assert not bad, f"{name} imports {bad}"


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if _layer(n) in ("store", "support")))
def test_the_store_and_support_never_import_the_domain_or_the_ui(name):
    bad = [m for m in GRAPH[name]
           if _layer(m) in ("domain", "transfer", "screens", "dialogs", "widgets", "cli", "app")]
    if _layer(name) == "support":
        bad += [m for m in GRAPH[name] if _layer(m) == "store"]
    assert not bad, f"{name} imports {bad}"
