"""`netplan man`: the manual page, in roff, made from the parser (every command and
option, as `--help` shows them). `netplan man | man -l -` reads it; installed as
~/.local/share/man/man1/netplan.1 it is what `man netplan` opens for the user.
"""

from __future__ import annotations

import argparse

SEE_ALSO = "netplan.io's netplan(8) is Canonical's network configuration tool, not this one."

# What the parser cannot say: where things are and what changes them.
FILES = (
    ("~/.local/share/netplan/netplan.json",
     "the store (JSON; $XDG_DATA_HOME moves it, --db or $NETPLAN_DB names another)"),
    ("~/.config/netplan/config.toml",
     "settings: theme, default cadence, store path, lock wait, week start, export folder "
     "($XDG_CONFIG_HOME moves it; see netplan config)"),
)
ENVIRONMENT = (
    ("NETPLAN_DB", "the store file, when --db is not given"),
    ("NETPLAN_LOCK_TIMEOUT", "seconds a save waits for another process's write"),
    ("NETPLAN_TODAY", "act as on this day (YYYY-MM-DD): demos, tests, replays"),
    ("VISUAL, EDITOR", "the editor ctrl+e opens on a notes field (else vi)"),
    ("XDG_CONFIG_HOME, XDG_DATA_HOME", "where the settings and the store live"),
    ("NO_COLOR", "no colours"),
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("man", help="print the manual page (roff; `netplan man | man -l -`)")
    p.set_defaults(func=cmd_man)


def cmd_man(args: argparse.Namespace) -> int:
    from .. import __version__
    from . import build_parser
    from .parser_model import read

    print(manual(read(build_parser()), __version__), end="")
    return 0


def roff(text: str) -> str:
    """Text as roff shows it: backslashes, hyphens and non-ASCII escaped, no line read as
    a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # Non-ASCII as groff's named glyphs: troff reads its input as Latin-1 without preconv.
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)
    lines = []
    for line in text.splitlines() or [""]:
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def _bold(text: str) -> str:
    return f"\\fB{roff(text)}\\fR"


def _option_lines(options) -> list[str]:
    out = []
    for option in options:
        flags = ", ".join(_bold(f) for f in option.flags)
        if option.takes_value:
            value = "{" + ",".join(option.choices) + "}" if option.choices else option.metavar
            flags += f" \\fI{roff(value)}\\fR"
        out += [".TP", flags, roff(option.help or "")]
    return out


def manual(tree, version: str) -> str:
    lines = [
        f'.TH NETPLAN 1 "" "netplan {roff(version)}" "User Commands"',
        ".SH NAME",
        "netplan, netplan\\-tui \\- " + roff(tree.description.rstrip(".").lower()),
        ".SH SYNOPSIS",
        f"{_bold('netplan')} [\\fIOPTIONS\\fR]",
        ".br",
        f"{_bold('netplan')} \\fICOMMAND\\fR [\\fIARGS\\fR]",
        ".SH DESCRIPTION",
        roff("Without a command, netplan opens its full-screen planner in the terminal "
             "(Board, Contacts, Questions, PIE, Review; ? lists the keys of each screen). "
             "The commands below work without a terminal, for scripts and cron. "
             "netplan-tui is the same program under a name no system tool has."),
        ".SH OPTIONS",
        *_option_lines(tree.options),
        ".SH COMMANDS",
    ]
    for node in list(tree.walk())[1:]:
        if node.commands:  # a group: its subcommands get their own entries
            continue
        name = " ".join(node.path)
        positionals = " ".join(f"\\fI{roff(p.name.upper())}\\fR" for p in node.positionals)
        lines += [".SS " + _bold(name) + (f" {positionals}" if positionals else ""),
                  roff(node.description or node.help)]
        for positional in node.positionals:
            if positional.choices or positional.help:
                text = positional.help or ""
                if positional.choices:
                    text += (" " if text else "") + "(" + ", ".join(positional.choices) + ")"
                lines += [".TP", f"\\fI{roff(positional.name.upper())}\\fR", roff(text)]
        lines += _option_lines(o for o in node.options if o.flags[0] not in ("-h", "--db"))
    lines.append(".SH FILES")
    for path, text in FILES:
        lines += [".TP", f"\\fI{roff(path)}\\fR", roff(text)]
    lines.append(".SH ENVIRONMENT")
    for name, text in ENVIRONMENT:
        lines += [".TP", _bold(name), roff(text)]
    lines += [".SH EXIT STATUS",
              roff("0 on success; 1 when a check finds problems or a record is missing; "
                   "2 for a usage error (or no terminal for the planner); 3 and up for a "
                   "store that cannot be read or written."),
              ".SH SEE ALSO", roff(SEE_ALSO), ""]
    return "\n".join(lines)
