"""No private Textual name outside netplan/compat.py.

Read from the source (AST), checked against the real Textual classes: a module may not
import `textual._…`, reach a private name through a Textual object (`app._loop`,
`super()._size_updated`), or define or set one in a class derived from Textual
(`def _button`, `self._loop = …` on an App clobbers Textual's own). Names private to
netplan's own classes (`self._keys`) are fine, as are other libraries' (`os._exit`).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import typing
from functools import cache
from pathlib import Path

import textual.app
import textual.dom
import textual.drivers.linux_driver
import textual.screen
import textual.scroll_view
import textual.widgets

import netplan

PACKAGE = Path(netplan.__file__).parent
ALLOWED = {"netplan.compat"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_textual(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "textual"


@cache
def _own_privates(cls: type) -> frozenset[str]:
    """Private names a Textual class defines: in its body, or set on `self` in its code."""
    names = {n for n in vars(cls) if _private(n)}
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return frozenset(names)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id == "self" and _private(node.attr)):
            names.add(node.attr)
    return frozenset(names)


def textual_privates(cls: type) -> frozenset[str]:
    return frozenset().union(*(_own_privates(b) for b in cls.__mro__ if _is_textual(b)))


@cache
def any_textual_private() -> frozenset[str]:
    """Private names of the Textual classes an app touches most."""
    roots = (textual.app.App, textual.dom.DOMNode, textual.drivers.linux_driver.LinuxDriver)
    names: set[str] = set()
    for root in roots:
        names |= textual_privates(root)
    for cls in (textual.screen.Screen, textual.scroll_view.ScrollView,
                *(getattr(textual.widgets, n) for n in textual.widgets.__all__)):
        names |= textual_privates(cls)
    return frozenset(names)


def _other_modules(tree: ast.Module) -> set[str]:
    """Names bound by `import x` / `from y import x` to something that is not Textual."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names
                      if not a.name.startswith("textual")}
    return bound


def violations(module: str, source: str, namespace: dict) -> list[str]:
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("textual") and any(
                    _private(part) for part in node.module.split(".")):
                found.append(f"{module}:{node.lineno} imports {node.module}")
            if node.module.startswith("textual"):
                found += [f"{module}:{node.lineno} imports {a.name} from {node.module}"
                          for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Import):
            found += [f"{module}:{node.lineno} imports {a.name}" for a in node.names
                      if a.name.startswith("textual") and any(
                          _private(p) for p in a.name.split("."))]
    # Inside classes derived from Textual: defining, setting or reading a private name of
    # one of its Textual bases.
    in_textual_class: set[int] = set()
    for cls_node in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        bases = []
        for base in cls_node.bases:
            try:
                value = eval(ast.unparse(base), namespace)  # noqa: S307 - our own source
            except Exception:  # a base only known at run time (a class made in a function)
                continue
            bases.append(typing.get_origin(value) or value)  # App[int] is App
        names = frozenset().union(*(textual_privates(b) for b in bases if isinstance(b, type)))
        if not names:
            continue
        for node in ast.walk(cls_node):
            in_textual_class.add(id(node))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in names:
                found.append(f"{module}:{node.lineno} {cls_node.name} defines {node.name}")
            elif isinstance(node, ast.Attribute) and node.attr in names:
                found.append(f"{module}:{node.lineno} {cls_node.name} uses {ast.unparse(node)}")
    # Anywhere: a private Textual name read through something that is not `self` or an
    # imported non-Textual module (`app._css_update_count`, `driver._file`).
    others = _other_modules(tree)
    textual_names = any_textual_private()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and id(node) not in in_textual_class
                and node.attr in textual_names):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and (root.id in ("self", "cls") or root.id in others):
                continue
            found.append(f"{module}:{node.lineno} uses {ast.unparse(node)}")
    return found


def package_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def test_no_private_textual_name_outside_compat():
    found = []
    for name, path in package_modules():
        if name in ALLOWED:
            continue
        module = importlib.import_module(name)
        found += violations(name, path.read_text(encoding="utf-8"), vars(module))
    assert found == [], "private Textual names belong in netplan/compat.py:\n" + "\n".join(found)


def test_the_check_catches_each_kind_of_use():
    # The checker itself: each line below is one way the rule has been broken before.
    source = textwrap.dedent('''
        import os
        from textual._context import active_app
        from textual.app import App
        from textual.scroll_view import ScrollView
        from textual.widgets import Checkbox

        class Rows(ScrollView):
            def _size_updated(self, size, virtual_size, container_size, layout=True):
                self._scroll_update(size)
                return super()._size_updated(size, virtual_size, container_size, layout)

        class Box(Checkbox):
            @property
            def _button(self):
                return ""

        class Main(App[int]):
            def __init__(self):
                super().__init__()
                self._loop = None
                self._mine = 1

        def poke(app):
            app._css_update_count = 0
            os._exit(0)
    ''')
    from textual.app import App
    from textual.scroll_view import ScrollView
    from textual.widgets import Checkbox

    found = violations("sample", source, {"App": App, "ScrollView": ScrollView,
                                          "Checkbox": Checkbox})
    text = "\n".join(found)
    for expected in ("imports textual._context", "Rows defines _size_updated",
                     "uses self._scroll_update", "uses super()._size_updated",
                     "Box defines _button", "Main uses self._loop",
                     "uses app._css_update_count"):
        assert expected in text, (expected, found)
    assert "_mine" not in text and "os._exit" not in text
