"""Files beside the store are netplan's own: a link, a FIFO or another user's file in
their place is refused or ignored with a message, never followed and never a hang; the
store's folder is the user's and 0700; backups are 0600 (issue 14)."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact
from netplan.store.storage import StoreError
from netplan.support import dates
from tests.conftest import netplan_cmd, subprocess_env

NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")


def run(*args, timeout=20, **env):
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True, timeout=timeout,
                          env=subprocess_env(**env))


def side(store_path, suffix):
    return store_path.with_name(store_path.name + suffix)


def make_store(store_path):
    store = open_store(store_path)
    store.save(Contact(name="Ada"))
    return store


@pytest.mark.parametrize("kind", ["fifo", "symlink", "foreign"])
def test_a_lock_file_that_is_not_netplans_own_is_refused_without_a_hang(store_path, tmp_path,
                                                                       kind):
    make_store(store_path)
    lock = side(store_path, ".lock")
    lock.unlink(missing_ok=True)
    target = tmp_path / "elsewhere"
    target.write_text("keep me")
    if kind == "fifo":
        os.mkfifo(lock)
    elif kind == "symlink":
        lock.symlink_to(target)
    else:
        if os.geteuid() != 0:
            pytest.skip("chown to another user needs root")
        lock.write_text("")
        os.chown(lock, NOBODY, NOBODY)
    done = run("add", "contact", "Bob", "--db", str(store_path), timeout=15)
    assert done.returncode == 1
    assert str(lock) in done.stderr
    assert {"fifo": "FIFO", "symlink": "symbolic link", "foreign": "another user"}[kind] \
        in done.stderr
    assert target.read_text() == "keep me"
    assert [c.name for c in open_store(store_path).all(Contact)] == ["Ada"]


@pytest.mark.parametrize("kind", ["fifo", "symlink", "foreign"])
def test_a_cache_that_is_not_netplans_own_is_ignored_and_never_written(store_path, tmp_path,
                                                                      kind):
    make_store(store_path)
    cache = side(store_path, ".cache")
    cache.unlink(missing_ok=True)
    target = tmp_path / "elsewhere"
    target.write_text("keep me")
    if kind == "fifo":
        os.mkfifo(cache)
    elif kind == "symlink":
        cache.symlink_to(target)
    else:
        if os.geteuid() != 0:
            pytest.skip("chown to another user needs root")
        cache.write_text('{"store": [], "figures": {}}')
        os.chown(cache, NOBODY, NOBODY)
    before = os.lstat(cache)
    store = open_store(store_path)
    store._storage.keep("weekly", [1, 2, 3])
    assert open_store(store_path)._storage.kept("weekly") is None  # nothing was kept there
    assert store._storage.kept_figures.refused and str(cache) in store._storage.kept_figures.refused
    after = os.lstat(cache)
    assert after.st_ino == before.st_ino
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert target.read_text() == "keep me"
    # The command line still works beside it, and at once; `netplan check` says so.
    assert run("contacts", "--db", str(store_path), timeout=15).returncode == 0
    checked = run("check", "--db", str(store_path), timeout=15)
    assert checked.returncode == 0
    assert f"note: {cache}" in checked.stdout and "keeps no figures there" in checked.stdout


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_a_backup_name_taken_by_a_link_or_fifo_is_never_followed(store_path, tmp_path, kind):
    make_store(store_path)
    for old in store_path.parent.glob("*.bak"):
        old.unlink()
    backup = side(store_path, f".{dates.today().isoformat()}.bak")
    target = tmp_path / "elsewhere"
    target.write_text("keep me")
    if kind == "fifo":
        os.mkfifo(backup)
    else:
        backup.symlink_to(target)
    done = run("add", "contact", "Bob", "--db", str(store_path), timeout=15)
    assert done.returncode == 0, done.stderr  # the write goes on without a backup
    assert target.read_text() == "keep me"
    assert stat.S_IFMT(os.lstat(backup).st_mode) == (stat.S_IFIFO if kind == "fifo"
                                                     else stat.S_IFLNK)
    assert sorted(c.name for c in open_store(store_path).all(Contact)) == ["Ada", "Bob"]


def test_a_backup_is_0600_after_another_tool_made_the_store_0644(store_path):
    make_store(store_path)
    for old in store_path.parent.glob("*.bak"):
        old.unlink()
    os.chmod(store_path, 0o644)
    store = open_store(store_path)
    store._storage._backed_up_on = None
    store.save(Contact(name="Bob"))
    [backup] = store_path.parent.glob("*.bak")
    assert stat.S_IMODE(os.lstat(backup).st_mode) == 0o600
    assert os.lstat(backup).st_ino != os.lstat(store_path).st_ino


def test_a_loose_folder_of_the_users_is_tightened_to_0700(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    os.chmod(folder, 0o777)
    make_store(folder / "netplan.json")
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


@as_root
def test_a_folder_of_another_user_is_refused(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir()
    os.chown(folder, NOBODY, NOBODY)
    os.chmod(folder, 0o777)
    done = run("add", "contact", "Ada", "--db", str(folder / "netplan.json"))
    assert done.returncode == 1
    assert str(folder) in done.stderr and "another user" in done.stderr
    assert list(folder.iterdir()) == []
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o777


def test_a_sticky_shared_folder_is_used_with_each_file_checked(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    path = folder / "netplan.json"
    make_store(path)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o1777  # never chmod-ed
    side(path, ".lock").unlink()
    side(path, ".lock").symlink_to(tmp_path / "planted")
    with pytest.raises(StoreError, match="symbolic link"):
        open_store(path).save(Contact(name="Bob"))
    assert not (tmp_path / "planted").exists()


def test_umask_000_default_path_gives_0700_folders_and_0600_files(tmp_path):
    home = tmp_path / "newhome"
    home.mkdir()
    env = subprocess_env(HOME=str(home), XDG_DATA_HOME="")
    env.pop("NETPLAN_DB", None)
    done = subprocess.run(["sh", "-c", 'umask 000 && exec "$@"', "sh",
                           *netplan_cmd("add", "contact", "Ada")],
                          capture_output=True, text=True, timeout=30, env=env)
    assert done.returncode == 0, done.stderr
    for folder in (home / ".local", home / ".local" / "share", home / ".local/share/netplan"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
    files = list((home / ".local/share/netplan").iterdir())
    assert files
    for f in files:
        assert stat.S_IMODE(os.lstat(f).st_mode) == 0o600, f


def test_a_store_in_the_home_folder_never_chmods_home(tmp_path):
    home = tmp_path / "home-of-ada"
    home.mkdir()
    os.chmod(home, 0o755)
    env = {"HOME": str(home)}
    done = run("add", "contact", "Ada", "--db", str(home / "s.json"), **env)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o755  # readable by others: left alone
    os.chmod(home, 0o777)
    done = run("add", "contact", "Bob", "--db", str(home / "s.json"), **env)
    assert done.returncode == 1 and "home folder" in done.stderr
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o777
