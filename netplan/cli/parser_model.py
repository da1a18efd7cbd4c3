"""The command line as plain data, read from the argparse parser: for the shell
completions and the man page (netplan/cli/shell_completion.py, netplan/cli/manpage.py).

argparse has no public API to walk a parser, so its private `_actions` and
`_choices_actions` are read here and only here (standard library, stable since 3.2).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

# Options whose value is a file or folder name: the shells complete file names there.
PATH_WORDS = ("PATH", "FILE", "DIR", "FOLDER")


@dataclass
class Option:
    flags: list[str]
    help: str
    takes_value: bool
    metavar: str = ""
    choices: list[str] = field(default_factory=list)

    @property
    def is_path(self) -> bool:
        return any(word in self.metavar.upper() for word in PATH_WORDS)


@dataclass
class Positional:
    name: str
    help: str
    choices: list[str] = field(default_factory=list)
    is_path: bool = False


@dataclass
class Command:
    path: list[str]  # ["netplan", "add", "contact"]
    help: str
    usage: str
    description: str
    options: list[Option] = field(default_factory=list)
    positionals: list[Positional] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)

    @property
    def key(self) -> str:
        return " ".join(self.path)

    def walk(self):
        yield self
        for sub in self.commands:
            yield from sub.walk()


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if text == argparse.SUPPRESS:
        return ""
    return " ".join(text.split()).replace("%(default)s", str(action.default)).replace(
        "%(prog)s", "netplan").replace("%%", "%")


def read(parser: argparse.ArgumentParser, path: list[str] | None = None,
         help_text: str = "") -> Command:
    """The command tree under `parser` (hidden commands and options left out)."""
    path = path or [parser.prog.split()[0]]
    command = Command(path=path, help=help_text, usage=parser.format_usage().strip(),
                      description=" ".join((parser.description or help_text).split()))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: _help(a) for a in action._choices_actions}
            for name, sub in action.choices.items():
                if name in helps:  # aliases and hidden commands have no help entry
                    command.commands.append(read(sub, [*path, name], helps[name]))
        elif action.help == argparse.SUPPRESS:
            continue
        elif action.option_strings:
            takes_value = action.nargs != 0
            metavar = action.metavar or (action.dest.upper() if takes_value else "")
            command.options.append(Option(
                flags=list(action.option_strings), help=_help(action), takes_value=takes_value,
                metavar=str(metavar) if takes_value else "",
                choices=[str(c) for c in action.choices or ()]))
        else:
            name = str(action.metavar or action.dest)
            command.positionals.append(Positional(
                name=name, help=_help(action), choices=[str(c) for c in action.choices or ()],
                is_path=any(word in name.upper() for word in PATH_WORDS)))
    return command
