"""`netplan import …` and `netplan export …` as a user types them."""

from __future__ import annotations

import json
import subprocess

from netplan.cli import main
from netplan.store.database import open_store
from netplan.store.records import Contact

from ...conftest import netplan_cmd, subprocess_env
from ...helpers.transfer_files import VCARD_V4, linkedin_csv, write


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_created_updated_skipped_with_reasons(capsys, store_path, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    code, out, _ = run(capsys, "import", "linkedin", str(path), "--db", str(store_path))
    assert code == 0
    assert "4 created, 0 updated, 1 skipped" in out.splitlines()[0]
    assert "created  Ada Lovelace (line 5)" in out
    assert "skipped  (empty row) (line 6): no name or details (a deleted account?)" in out
    assert "\x1b" not in out and "\x07" not in out
    code, out, _ = run(capsys, "--db", str(store_path), "import", "linkedin", str(path))
    assert "0 created, 0 updated, 5 skipped" in out and "already up to date" in out


def test_dry_run_and_json(capsys, store_path, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    code, out, _ = run(capsys, "import", "linkedin", str(path), "--dry-run", "--json",
                       "--db", str(store_path))
    data = json.loads(out)
    assert code == 0 and data["dry_run"] and data["counts"]["created"] == 4
    assert data["skipped"][0]["line"] == 6
    assert open_store(store_path).all(Contact) == []


def test_malformed_file_exit_2_with_line_and_store_untouched(capsys, store_path, tmp_path):
    open_store(store_path).save(Contact(name="Kept"))
    before = store_path.read_bytes()
    bad = write(tmp_path / "bad.vcf", VCARD_V4 + "BEGIN:VCARD\nFN:Half\n")
    code, out, err = run(capsys, "import", "vcard", str(bad), "--db", str(store_path))
    assert code == 2 and out == ""
    assert err.startswith(f"netplan: {bad}, line 11: the card that starts at line 11")
    assert store_path.read_bytes() == before
    code, _, err = run(capsys, "import", "yaml", str(tmp_path / "missing.yaml"),
                       "--db", str(store_path))
    assert code == 2 and "no such file" in err
    # 0x81 is neither UTF-8 here nor any Windows-1252 character: named, not guessed.
    unclear = write(tmp_path / "unclear.csv", b"First Name,Last Name\nJos\xe9\x81,M\n")
    code, _, err = run(capsys, "import", "linkedin", str(unclear), "--db", str(store_path))
    assert code == 2 and "line 2: is neither UTF-8 nor Windows-1252 text (byte 0x81" in err
    assert store_path.read_bytes() == before


def test_export_to_stdout_file_and_refusal(capsys, store_path, tmp_path):
    open_store(store_path).save(Contact(name="Ada", next_follow_up="2026-12-01"))
    code, out, _ = run(capsys, "export", "--format", "ics", "--db", str(store_path))
    assert code == 0 and out.startswith("BEGIN:VCALENDAR\r\n") and "Follow up with Ada" in out
    code, out, _ = run(capsys, "export", "-f", "json", "-o", "-", "--db", str(store_path))
    assert json.loads(out)["contacts"][0]["name"] == "Ada"
    target = tmp_path / "all.yaml"
    code, out, _ = run(capsys, "export", "-f", "yaml", "-o", str(target), "--db", str(store_path))
    assert code == 0 and "written to" in out and target.stat().st_mode & 0o777 == 0o600
    code, _, err = run(capsys, "export", "-f", "yaml", "-o", str(target), "--db", str(store_path))
    assert code == 2 and "already exists; use --force" in err
    code, _, _ = run(capsys, "export", "-f", "yaml", "-o", str(target), "--force",
                     "--db", str(store_path))
    assert code == 0
    code, _, err = run(capsys, "export", "-f", "vcard", "--db", str(store_path))
    assert code == 2 and "give a folder with -o DIR" in err
    code, out, _ = run(capsys, "export", "-f", "vcard", "-o", str(tmp_path / "cards"),
                       "--db", str(store_path))
    assert code == 0 and "1 vCards written" in out
    assert len(list((tmp_path / "cards").iterdir())) == 1


def test_round_trip_through_the_command_line(capsys, store_path, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    run(capsys, "import", "linkedin", str(path), "--db", str(store_path))
    export = tmp_path / "export.json"
    run(capsys, "export", "-f", "json", "-o", str(export), "--db", str(store_path))
    other = tmp_path / "other" / "netplan.json"
    code, out, _ = run(capsys, "import", "yaml", str(export), "--db", str(other))
    assert code == 0 and "4 created" in out
    _, first, _ = run(capsys, "export", "-f", "yaml", "--db", str(store_path))
    _, second, _ = run(capsys, "export", "-f", "yaml", "--db", str(other))
    assert first == second


def test_real_command_in_a_subprocess(tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    db = tmp_path / "s.json"
    proc = subprocess.run(netplan_cmd("import", "linkedin", str(path), "--db", str(db)),
                          capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "4 created" in proc.stdout
    assert len(open_store(db).all(Contact)) == 4
