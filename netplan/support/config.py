"""netplan's settings: `$XDG_CONFIG_HOME/netplan/config.toml` (else ~/.config/netplan/).

    theme = "nord"                 # the colour theme (ctrl+p, then "Theme"; saved here)
    default_cadence = 30           # days between follow-ups for a new contact; 0: never
    store = "~/notes/netplan.json" # the store, when neither --db nor $NETPLAN_DB names one
    lock_wait = 10                 # seconds a save waits for another process's write
    week_start = "monday"          # the first day of a week as shown (weeks count Mon-Sun)
    export_folder = "~/exports"    # where exports go by default

The file is read with tomllib once per process (`current()`). A value that is wrong is
named with its line (`problems`) and left out, so its default applies; a file that is
not TOML at all is named and ignored whole: a setting never stops netplan from starting.
`set_value` checks a value first, then writes the file the way netplan writes every file
(support/private_files.py: whole, durable, 0600) in a folder of mode 0700, keeping the
other lines -- and the user's comments -- as they were.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .private_files import replace_durably

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
THEME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class SettingError(ValueError):
    """A value a setting cannot take; the message says what it takes."""


def _theme(value: Any) -> str:
    if not isinstance(value, str) or not THEME_NAME.match(value):
        raise SettingError("a theme name such as \"nord\" or \"textual-light\"")
    return value


def _days(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise SettingError("whole days from 0 (never) to 3650")
    return value


def _seconds(value: Any) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise SettingError("seconds from 0 to 600") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 600:
        raise SettingError("seconds from 0 to 600")
    return float(value)


def _weekday(value: Any) -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    for day in WEEKDAYS:
        if text and (text == day or text == day[:3]):
            return day
    raise SettingError("a day of the week, monday to sunday")


def _path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise SettingError("a file or folder path")
    return value.strip()


@dataclass(frozen=True)
class Setting:
    key: str
    parse: Callable[[Any], Any]
    default: Any
    help: str
    as_text: bool = True  # written as a TOML string (else a number)


SETTINGS = {s.key: s for s in (
    Setting("theme", _theme, None, "the colour theme (ctrl+p, then \"Theme\", saves it)"),
    Setting("default_cadence", _days, 30, "days between follow-ups for a new contact; 0: never",
            as_text=False),
    Setting("store", _path, None, "the store file when neither --db nor $NETPLAN_DB is given"),
    Setting("lock_wait", _seconds, 10.0, "seconds a save waits for another process's write "
            "($NETPLAN_LOCK_TIMEOUT wins)", as_text=False),
    Setting("week_start", _weekday, "monday", "the first day of a week as shown"),
    Setting("export_folder", _path, None, "where exports go by default"),
)}


def config_path() -> Path:
    home = os.environ.get("XDG_CONFIG_HOME") or ""
    # XDG: a relative XDG_CONFIG_HOME is invalid and is ignored.
    base = Path(home) if os.path.isabs(home) else Path.home() / ".config"
    return base / "netplan" / "config.toml"


@dataclass
class Config:
    path: Path
    values: dict[str, Any]  # only the settings given, and right
    problems: list[str]

    def get(self, key: str) -> Any:
        return self.values.get(key, SETTINGS[key].default)

    @property
    def default_cadence(self) -> int | None:
        days = self.get("default_cadence")
        return days or None

    @property
    def store(self) -> Path | None:
        value = self.values.get("store")
        return Path(value).expanduser() if value else None

    @property
    def export_folder(self) -> Path | None:
        value = self.values.get("export_folder")
        return Path(value).expanduser() if value else None


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def load(path: Path | None = None) -> Config:
    """The settings in `path` (default: config_path()); never raises for its content."""
    import tomllib

    path = path or config_path()
    config = Config(path=path, values={}, problems=[])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.problems.append(f"{path}: cannot be read ({exc.strerror or exc}); ignored")
        return config
    text = raw.decode("utf-8", "replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message names the line and column
        config.problems.append(f"{path}: not valid TOML ({exc}); the file is ignored")
        return config
    for key, value in data.items():
        where = f"{path} line {_line_of(text, key) or '?'}"
        setting = SETTINGS.get(key)
        if setting is None:
            config.problems.append(f"{where}: unknown setting {key!r} "
                                   f"(known: {', '.join(SETTINGS)}); ignored")
            continue
        try:
            config.values[key] = setting.parse(value)
        except SettingError as exc:
            shown = json.dumps(value, default=str, ensure_ascii=True)[:60]
            config.problems.append(f"{where}: {key} = {shown} is not {exc}; ignored")
    return config


_CURRENT: Config | None = None


def current() -> Config:
    """This process's settings, read on first use."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = load()
    return _CURRENT


def loaded() -> Config | None:
    """The settings if this process has read them, without reading them."""
    return _CURRENT


def forget() -> None:
    """Read the file again on the next `current()` (tests; after `set_value`)."""
    global _CURRENT
    _CURRENT = None


def _toml_value(setting: Setting, value: Any) -> str:
    if not setting.as_text:
        return repr(value) if isinstance(value, int) else f"{value:g}"
    # A TOML basic string: JSON's escapes are TOML's for everything in the BMP, and
    # ensure_ascii=False leaves other characters as they are.
    return json.dumps(value, ensure_ascii=False)


def private_folder(folder: Path) -> None:
    """Make `folder` (and its missing parents) and keep it 0700."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)


def set_value(key: str, raw: Any, path: Path | None = None) -> Any:
    """Check `raw` for `key` and write it into the file; returns the value kept.
    SettingError names what the setting takes; KeyError an unknown key."""
    setting = SETTINGS[key]
    value = setting.parse(raw)
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    line = f"{key} = {_toml_value(setting, value)}"
    lines = text.splitlines()
    number = _line_of(text, key)
    if number is not None:
        lines[number - 1] = line
    else:
        lines.append(line)
    private_folder(path.parent)
    replace_durably(path, ("\n".join(lines) + "\n").encode("utf-8"))
    forget()
    return value
