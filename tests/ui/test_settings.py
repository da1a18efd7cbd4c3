"""config.toml in the TUI: a theme picked in the palette is there after a restart; a bad
settings file is named in a toast and the app starts all the same."""

from __future__ import annotations

from netplan.store.database import open_store
from netplan.support import config

from ..conftest import ROOT, make_app
from ..helpers.waits import until


def offers(app, first: str):
    """A condition: the palette's first offer starts with `first` (it searches as you type)."""
    from textual.command import CommandList

    def check() -> bool:
        lists = app.screen.query(CommandList)
        return bool(lists) and lists.first().option_count > 0 and str(
            lists.first().get_option_at_index(0).prompt).startswith(first)

    return check


async def pick_theme(pilot, name: str) -> None:
    """ctrl+p, "theme", enter, the theme's name, enter: as a user picks one."""
    await pilot.press("ctrl+p")
    await pilot.press(*"theme")
    assert await until(pilot, offers(pilot.app, "Theme"))
    await pilot.press("enter")
    assert await until(pilot, offers(pilot.app, "ansi-dark"))  # the list of themes
    await pilot.press(*name)
    assert await until(pilot, offers(pilot.app, name))
    await pilot.press("enter")


async def test_a_theme_picked_in_the_palette_is_there_after_a_restart(store, store_path):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme != "nord"
        await pick_theme(pilot, "nord")
        assert await until(pilot, lambda: app.theme == "nord")
        assert await until(pilot, lambda: config.config_path().exists())
    assert 'theme = "nord"' in config.config_path().read_text()
    assert config.config_path().stat().st_mode & 0o777 == 0o600

    config.forget()  # a new process reads the file afresh
    again = make_app(open_store(store_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        await pick_theme(pilot, "gruvbox")
        assert await until(pilot, lambda: again.theme == "gruvbox")
        assert await until(pilot, lambda: 'theme = "gruvbox"' in config.config_path().read_text())


async def test_starting_with_the_saved_theme_does_not_rewrite_the_file(store):
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text('# mine\ntheme = "nord"\n')
    before = path.stat().st_mtime_ns
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert app.theme == "nord"
    assert path.stat().st_mtime_ns == before and path.read_text() == '# mine\ntheme = "nord"\n'


async def test_bad_settings_are_named_and_the_app_starts(store):
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "no-such-theme"\nlock_wait = "soon"\n')
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
        text = "\n".join(str(n.message) for n in app._notifications)
        assert "line 2: lock_wait" in text and "no-such-theme" in text
        assert app.theme == "textual-dark"


async def test_config_set_knows_exactly_the_themes_the_app_offers(store):
    from netplan.cli.config import theme_names

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert sorted(app.available_themes) == theme_names()


async def test_the_help_and_readme_name_the_theme_command_as_the_palette_does(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Theme" in titles
    assert 'ctrl+p, then "Theme"' in config.SETTINGS["theme"].help
    assert 'ctrl+p, then "Theme"' in (ROOT / "README.md").read_text(encoding="utf-8")
