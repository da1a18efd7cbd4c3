"""The editor ctrl+e opens: which one, on what file, and what comes back (real processes)."""

from __future__ import annotations

import stat

import pytest

from netplan.dialogs.external_editor import EditorFailed, editor_command, run_editor


def script(tmp_path, body: str):
    path = tmp_path / "ed.sh"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(stat.S_IRWXU)
    return str(path)


def test_visual_then_editor_then_vi(monkeypatch):
    monkeypatch.setenv("VISUAL", "code --wait")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.setenv("VISUAL", "  ")
    assert editor_command() == ["nano"]
    monkeypatch.delenv("VISUAL")
    monkeypatch.delenv("EDITOR")
    assert editor_command() == ["vi"]


def test_the_edited_text_comes_back_cleaned(tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", script(tmp_path, r"""printf 'new \033[31mred\033[0m\n' > "$1" """))
    assert run_editor("old") == "new red"


def test_a_failing_or_missing_editor_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", script(tmp_path, 'echo x > "$1"; exit 3'))
    with pytest.raises(EditorFailed, match="status 3"):
        run_editor("keep")
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    with pytest.raises(EditorFailed, match="not found"):
        run_editor("keep")
    monkeypatch.setenv("EDITOR", "'unclosed")
    with pytest.raises(EditorFailed, match="cannot be read"):
        run_editor("keep")


def test_the_temp_file_is_private_and_removed(tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    seen = tmp_path / "seen"
    monkeypatch.setenv("EDITOR", script(
        tmp_path, f'stat -c "%a %n" "$1" "$(dirname "$1")" > {seen}'))
    assert run_editor("a secret note") == "a secret note"
    (file_line, folder_line) = seen.read_text().splitlines()
    assert file_line.startswith("600 ") and folder_line.startswith("700 ")
    from pathlib import Path

    assert not Path(folder_line.split(" ", 1)[1]).exists()
