"""ctrl+e in a form's notes field, in a real terminal (tmux): netplan suspends, the
editor ($EDITOR, here a script) changes the text, and the form saves what it wrote."""

from __future__ import annotations

import shlex
import shutil
import stat

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact

from .helpers import netplan_shell, wait_until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it)")

EDITOR = """#!/bin/sh
# What it was given, and its mode, for the test; then two lines more, as a person types.
cp "$1" "{seen}"
stat -c %a "$1" > "{seen}.mode"
stat -c %a "$(dirname "$1")" >> "{seen}.mode"
printf '\\nLikes Rust\\nmet at [b]PyCon[/b]\\n' >> "$1"
"""


@pytest.fixture
def editor(tmp_path):
    script = tmp_path / "editor.sh"
    script.write_text(EDITOR.format(seen=tmp_path / "seen"))
    script.chmod(stat.S_IRWXU)
    return script


def test_ctrl_e_edits_the_notes_in_editor_and_the_form_saves_them(tmux, store_path, editor,
                                                                 tmp_path):
    open_store(store_path).save(Contact(name="Ada", notes="First note"))
    command = f"env EDITOR={shlex.quote(str(editor))} VISUAL= {netplan_shell(store_path)}"
    tmux.new_session("np", command)
    tmux.wait_for_text("np", "Board")
    tmux("send-keys", "-t", "np", "2")
    tmux.wait_for_text("np", "Ada")
    tmux("send-keys", "-t", "np", "e")
    tmux.wait_for_text("np", "Edit contact")
    for _ in range(8):  # name … tags, then the folded "More"
        tmux("send-keys", "-t", "np", "Tab")
    tmux.wait_for_text("np", "More (8 fields)")
    tmux("send-keys", "-t", "np", "Enter")  # opens it
    tmux.wait_for_text("np", "Stage *")  # the first folded field, shown without scrolling
    for _ in range(8):  # stage … personal details, then Notes
        tmux("send-keys", "-t", "np", "Tab")
    tmux("send-keys", "-t", "np", "C-e")
    # The editor's last line, once the form is redrawn (a capture mid-redraw under load
    # could hold the first added line only).
    screen = tmux.wait_for_text("np", "met at [b]PyCon[/b]")  # shown as typed, not markup
    assert "Likes Rust" in screen
    assert "Edit contact" in screen  # back in the form, redrawn
    assert (tmp_path / "seen").read_text() == "First note"  # the editor got the field's text
    assert (tmp_path / "seen.mode").read_text().split() == ["600", "700"]
    tmux("send-keys", "-t", "np", "C-s")

    def saved():
        contact = open_store(store_path).all(Contact)[0]
        return contact.notes if contact.notes != "First note" else None

    assert wait_until(saved) == "First note\nLikes Rust\nmet at [b]PyCon[/b]"
    assert not list(tmp_path.glob("netplan-edit-*"))
    tmux("send-keys", "-t", "np", "q")
