"""config.toml: read with tomllib, a wrong line named and ignored (never a crash), written
privately and durably with the user's other lines kept."""

from __future__ import annotations

import os
import stat

import pytest

from netplan.store.lockfile import timeout
from netplan.store.paths import resolve_store_path
from netplan.support import config


def _write(text: str):
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config.forget()
    return path


def test_the_file_is_under_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert config.config_path() == tmp_path / "cfg" / "netplan" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/is/ignored")
    assert config.config_path() == config.Path.home() / ".config" / "netplan" / "config.toml"


def test_no_file_means_the_defaults():
    settings = config.current()
    assert settings.problems == [] and settings.values == {}
    assert settings.get("default_cadence") == 30 and settings.get("lock_wait") == 10.0
    assert settings.get("week_start") == "monday" and settings.get("theme") is None


def test_every_setting_is_read():
    _write('theme = "nord"\ndefault_cadence = 14\nstore = "~/plans/s.json"\n'
           'lock_wait = 2.5\nweek_start = "Sun"\nexport_folder = "~/out"\n')
    settings = config.current()
    assert settings.problems == []
    assert settings.get("theme") == "nord"
    assert settings.default_cadence == 14
    assert settings.store == config.Path.home() / "plans" / "s.json"
    assert settings.get("lock_wait") == 2.5
    assert settings.get("week_start") == "sunday"
    assert settings.export_folder == config.Path.home() / "out"


def test_a_bad_value_is_named_with_its_line_and_the_rest_still_applies():
    path = _write('# my settings\ntheme = "nord"\n\nlock_wait = "soon"\ndefault_cadence = -1\n'
                  'week_start = 3\nstore = ""\ncolour = "red"\n')
    settings = config.current()
    text = "\n".join(settings.problems)
    assert f"{path} line 4: lock_wait" in text
    assert f"{path} line 5: default_cadence = -1" in text
    assert f"{path} line 6: week_start" in text
    assert f"{path} line 7: store" in text
    assert f"{path} line 8: unknown setting 'colour'" in text
    assert len(settings.problems) == 5
    assert settings.get("theme") == "nord"  # the good line still counts
    assert settings.get("lock_wait") == 10.0 and settings.default_cadence == 30


@pytest.mark.parametrize("text", [
    "theme = \n",                  # not TOML
    "[[[\n",
    "theme = \"\\x1b[31m\"\n",     # an escape TOML does not have
    "\xff\xfe garbage",
])
def test_a_file_that_is_not_toml_is_named_and_ignored(text):
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("latin-1"))
    config.forget()
    settings = config.current()
    assert len(settings.problems) == 1 and "not valid TOML" in settings.problems[0]
    assert settings.values == {}


def test_hostile_values_are_refused_not_used():
    _write('theme = "\\u001b]0;pwned\\u0007"\nstore = "a\\u0000b"\nlock_wait = inf\n'
           'default_cadence = true\nexport_folder = 5\n')
    settings = config.current()
    assert settings.values == {}
    assert len(settings.problems) == 5


def test_an_unreadable_file_is_a_problem_not_a_crash():
    path = config.config_path()
    path.mkdir(parents=True)  # a folder where the file should be
    settings = config.load()
    assert settings.values == {} and "cannot be read" in settings.problems[0]


def test_set_writes_a_private_file_in_a_private_folder():
    path = config.config_path()
    path.parent.parent.mkdir(parents=True, exist_ok=True)
    old = os.umask(0)  # the most open umask: the modes must not come from it
    try:
        assert config.set_value("theme", "dracula") == "dracula"
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert config.current().get("theme") == "dracula"


def test_set_tightens_an_open_folder_and_keeps_other_lines_and_comments():
    path = _write('# chosen with care\ntheme = "nord"\nlock_wait = 3 # short\n')
    os.chmod(path.parent, 0o755)
    config.set_value("theme", "gruvbox")
    config.set_value("default_cadence", "45")
    assert path.read_text() == ('# chosen with care\ntheme = "gruvbox"\nlock_wait = 3 # short\n'
                                'default_cadence = 45\n')
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert config.current().get("default_cadence") == 45


def test_set_refuses_a_bad_value_and_leaves_the_file_alone():
    path = _write('theme = "nord"\n')
    with pytest.raises(config.SettingError, match="seconds"):
        config.set_value("lock_wait", "forever")
    with pytest.raises(KeyError):
        config.set_value("colour", "red")
    assert path.read_text() == 'theme = "nord"\n'


def test_a_string_with_quotes_and_unicode_round_trips():
    config.set_value("export_folder", '~/Über "quoted" \\ folder')
    assert config.current().get("export_folder") == '~/Über "quoted" \\ folder'
    assert config.current().problems == []


def test_the_store_setting_comes_after_db_and_netplan_db(monkeypatch, tmp_path):
    _write(f'store = "{tmp_path}/from-config.json"\n')
    assert resolve_store_path() == tmp_path / "from-config.json"
    monkeypatch.setenv("NETPLAN_DB", str(tmp_path / "env.json"))
    assert resolve_store_path() == tmp_path / "env.json"
    assert resolve_store_path(str(tmp_path / "cli.json")) == tmp_path / "cli.json"


def test_lock_wait_comes_after_the_environment(monkeypatch):
    _write("lock_wait = 2\n")
    assert timeout(None) == 2.0
    monkeypatch.setenv("NETPLAN_LOCK_TIMEOUT", "7")
    assert timeout(None) == 7.0
    assert timeout(1) == 1.0


def test_default_cadence_zero_means_never():
    from netplan.domain.followups import default_cadence_days

    assert default_cadence_days() == 30
    _write("default_cadence = 0\n")
    assert default_cadence_days() is None
