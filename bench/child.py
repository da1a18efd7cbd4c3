"""Run in a fresh interpreter by the bench, so that import time counts (see bench/README.md).

    python bench/child.py bare              a bare Textual app: Header, DataTable of 50 rows, Footer
    python bench/child.py netplan DB        netplan's own command line on DB, headless
    python bench/child.py memory DB         like netplan, then visits every section, saves one
                                            interaction and exits

Each prints READY on stdout when its first frame has been drawn (Textual's Ready event),
then exits. The script is run by path, not as `-m bench.child`, so that nothing of the
bench package is imported before the app under test.
"""

import sys

SIZE = (80, 24)
SECTION_KEYS = "23451"


def ready() -> None:
    sys.stdout.write("READY\n")
    sys.stdout.flush()


def bare() -> int:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Name", "Company", "Stage", "Follow-up")
            table.add_rows((f"Person {i}", "Company", "talked", "2026-12-01") for i in range(50))

        def on_ready(self) -> None:
            ready()
            self.exit()

    Bare().run(headless=True, size=SIZE)
    return 0


def netplan(db: str, visit_sections: bool) -> int:
    # The command line imports netplan.app only after it has opened the store; the
    # subclass below is swapped in when that import happens, so the order (and the
    # memory peak it decides) stays the real one.
    _after_import("netplan.app", lambda module: _time_app(module, visit_sections))
    import netplan.cli
    from netplan.cli import main

    # Headless, on the bench's pipes: no terminal, which `netplan` alone refuses.
    netplan.cli._has_terminal = lambda: True
    return main(["--db", db])


def _time_app(app_module, visit_sections: bool) -> None:
    base = app_module.NetplanApp

    class Timed(base):  # type: ignore[misc, valid-type]
        # Textual resolves a relative CSS_PATH next to the class's own file: keep netplan's.
        CSS_PATH = _absolute_css(base)

        def run(self, *args, **kwargs):
            kwargs.update(headless=True, size=SIZE)
            return super().run(*args, **kwargs)

        def on_ready(self) -> None:
            ready()
            if visit_sections:
                self._visit(list(SECTION_KEYS))
            else:
                self.exit()

        def _visit(self, keys: list[str]) -> None:
            if not keys:
                if any(not w.is_finished for w in self.workers):
                    # what the sections read on workers is held by the session too
                    self.set_timer(0.2, lambda: self._visit(keys))
                    return
                # and one durable write, as logging an interaction makes: its serialised
                # file is the other peak of a session
                from netplan.store.records import Interaction

                self.store.save(Interaction(kind="coffee", summary="Logged by the benchmark"))
                self.exit()
                return
            key = keys.pop(0)
            self.action_switch_section(next(m for m, k, *_ in app_module.SECTIONS if k == key))
            self.set_timer(0.2, lambda: self._visit(keys))

    app_module.NetplanApp = Timed


def _after_import(name: str, patch) -> None:
    """Run patch(module) right after `name` is first imported (a one-shot import hook)."""
    import importlib.abc
    import importlib.util

    class Hook(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            run_module = spec.loader.exec_module

            def exec_module(module):
                run_module(module)
                patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Hook())


def _absolute_css(cls):
    import inspect
    from pathlib import Path

    folder = Path(inspect.getfile(cls)).parent
    paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list | tuple) else [cls.CSS_PATH]
    return [str(folder / p) for p in paths if p]


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "bare":
        sys.exit(bare())
    sys.exit(netplan(sys.argv[2], visit_sections=what == "memory"))
