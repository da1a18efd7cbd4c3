"""ctrl+e in a form's text field: the text goes to `$VISUAL` / `$EDITOR` (else `vi`), and
what the editor saved comes back into the field.

The app is suspended (App.suspend) while the editor has the terminal. The text is
written to a private temp file (0600 in a 0700 folder of its own, through
support/private_files.py), read back and removed. Where the app cannot hand the terminal
over (a browser session, a test's headless driver) it says so and changes nothing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..support.private_files import write_new
from ..support.sanitize import clean


class EditorFailed(Exception):
    """The editor could not be run or did not end well; the message says why."""


def editor_command() -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else vi, split as the shell would ("code --wait")."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                raise EditorFailed(f"${name} ({value!r}) cannot be read as a command") from None
            if words:
                return words
    return ["vi"]


def run_editor(text: str, *, suffix: str = ".md") -> str:
    """Open the editor on `text` in the terminal as it is now; return what it saved."""
    command = editor_command()
    if shutil.which(command[0]) is None:
        raise EditorFailed(f"the editor {command[0]!r} was not found "
                           "(set $VISUAL or $EDITOR)")
    folder = Path(tempfile.mkdtemp(prefix="netplan-edit-"))  # 0700
    path = folder / f"text{suffix}"
    try:
        write_new(path, text.encode("utf-8"), durable=False)
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise EditorFailed(f"the editor {command[0]!r} did not start "
                               f"({exc.strerror or exc})") from None
        if done.returncode != 0:
            raise EditorFailed(f"the editor {command[0]!r} ended with status "
                               f"{done.returncode}; the text was left as it was")
        try:
            edited = path.read_bytes().decode("utf-8", "replace")
        except OSError as exc:
            raise EditorFailed(f"the edited text could not be read ({exc.strerror or exc})") \
                from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]  # editors end the file with a newline the field did not have
    return clean(edited, multiline=True)


def edit_in_terminal(app, text: str, *, suffix: str = ".md") -> str:
    """`run_editor` with the app suspended. EditorFailed when there is no terminal to
    hand over (textual-serve's browser session, a headless test)."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            return run_editor(text, suffix=suffix)
    except SuspendNotSupported:
        raise EditorFailed("this session cannot hand the terminal to an editor "
                           "(a browser session): type the text here") from None
