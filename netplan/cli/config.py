"""`netplan config path|show|set KEY VALUE`: the settings file (netplan/support/config.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..store import lockfile, paths
from ..support import config
from ..support.sanitize import clean
from . import output
from .args import UsageError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("config", help="show or change the settings (config.toml)",
                       description="The settings file: $XDG_CONFIG_HOME/netplan/config.toml. "
                       "Settings: " + "; ".join(f"{s.key}: {s.help}"
                                                for s in config.SETTINGS.values()) + ".")
    actions = p.add_subparsers(dest="config_action", metavar="ACTION", parser_class=type(p))
    a = actions.add_parser("path", help="print where the settings file is")
    a.set_defaults(func=cmd_path)
    a = actions.add_parser("show", help="every setting, its value and where it came from")
    a.add_argument("--json", action="store_true", help="print them as JSON")
    a.set_defaults(func=cmd_show)
    a = actions.add_parser("set", help="change one setting (checked before it is written)")
    a.add_argument("key", metavar="KEY", choices=list(config.SETTINGS), help="the setting")
    a.add_argument("value", metavar="VALUE", help="its new value")
    a.set_defaults(func=cmd_set)
    p.set_defaults(func=cmd_show)


def _warn(settings: config.Config) -> None:
    for problem in settings.problems:
        print(f"netplan: warning: {clean(problem, multiline=True)}", file=sys.stderr)


def cmd_path(args: argparse.Namespace) -> int:
    print(config.config_path())
    return 0


# Shown first when a theme name is refused, if this Textual has them.
FAMILIAR_THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "dracula")


def theme_names() -> list[str]:
    """The themes the TUI offers: Textual's built-in ones (netplan registers none of its
    own; a test checks that the app offers exactly these). Imported here, not at the top:
    Textual's theme module costs ~130 ms that only `config set theme` needs."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


def check_theme(name: str) -> None:
    """SettingError naming a few themes the TUI offers, unless `name` is one of them."""
    import difflib

    names = theme_names()
    if name in names:
        return
    close = difflib.get_close_matches(name, names, n=2)
    few = list(dict.fromkeys([*close, *(n for n in FAMILIAR_THEMES if n in names)]))[:5]
    raise config.SettingError(f"one of the app's {len(names)} themes, such as {', '.join(few)}")


def _environment(key: str) -> tuple[str, Any] | None:
    """The variable that wins over `key` and the value netplan takes from it, when set."""
    if key == "store" and paths.store_from_environment():
        return f"${paths.STORE_ENV}", str(paths.resolve_store_path())
    if key == "lock_wait":
        seconds = lockfile.timeout_from_environment()
        if seconds is not None:
            return f"${lockfile.TIMEOUT_ENV}", seconds
    return None


def in_use(settings: config.Config) -> dict[str, tuple[Any, str]]:
    """Each setting's value as netplan uses it and where it came from: an environment
    variable ("$NETPLAN_DB"), the file ("config.toml") or the "default"."""
    found = {}
    for key in config.SETTINGS:
        from_environment = _environment(key)
        if from_environment is not None:
            origin, value = from_environment
        elif key in settings.values:
            origin, value = "config.toml", settings.values[key]
        else:
            origin, value = "default", settings.get(key)
        found[key] = (value, origin)
    return found


def cmd_show(args: argparse.Namespace) -> int:
    settings = config.current()
    found = in_use(settings)
    if getattr(args, "json", False):
        output.emit_json({"path": str(settings.path), "problems": settings.problems,
                          "settings": {k: value for k, (value, _) in found.items()},
                          "from": {k: origin for k, (_, origin) in found.items()}})
    else:
        output.line(f"# {settings.path}")
        for key, (value, origin) in found.items():
            shown = "(not set)" if value is None else str(value)
            output.line(f"{key} = {shown}  # {origin}")
    _warn(settings)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    try:
        if args.key == "theme":  # the file takes any name; the TUI only the ones it has
            check_theme(args.value)
        value = config.set_value(args.key, args.value)
    except config.SettingError as exc:
        raise UsageError(f"{args.key} takes {exc}; {args.value!r} is not one") from None
    except OSError as exc:
        raise UsageError(f"cannot write {config.config_path()} ({exc.strerror or exc})") from None
    output.line(f"{args.key} = {value}")
    _warn(config.current())
    return 0
