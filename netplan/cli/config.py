"""`netplan config path|show|set KEY VALUE`: the settings file (netplan/support/config.py)."""

from __future__ import annotations

import argparse
import sys

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


def cmd_show(args: argparse.Namespace) -> int:
    settings = config.current()
    if getattr(args, "json", False):
        output.emit_json({"path": str(settings.path), "problems": settings.problems,
                          "settings": {k: settings.get(k) for k in config.SETTINGS}})
    else:
        output.line(f"# {settings.path}")
        for key in config.SETTINGS:
            value = settings.get(key)
            shown = "(not set)" if value is None else str(value)
            origin = "" if key in settings.values else "  # default"
            output.line(f"{key} = {shown}{origin}")
    _warn(settings)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    try:
        value = config.set_value(args.key, args.value)
    except config.SettingError as exc:
        raise UsageError(f"{args.key} takes {exc}; {args.value!r} is not one") from None
    except OSError as exc:
        raise UsageError(f"cannot write {config.config_path()} ({exc.strerror or exc})") from None
    output.line(f"{args.key} = {value}")
    _warn(config.current())
    return 0
