"""Import and export from the command palette, as a user does it."""

from __future__ import annotations

from netplan.dialogs.form import FormDialog
from netplan.dialogs.transfer import ResultScreen
from netplan.store.records import Contact
from netplan.transfer.import_plan import ImportResult

from ..conftest import make_app
from ..helpers.palette import from_palette
from ..helpers.transfer_files import generated_linkedin, linkedin_csv, write


async def palette(pilot, words: str) -> None:
    await from_palette(pilot, pilot.app, words)


async def wait_for(pilot, condition, tries: int = 50) -> None:
    for _ in range(tries):
        await pilot.pause(0.1)
        if condition():
            return


async def type_path(pilot, app, path: str) -> None:
    field = app.screen.query_one("#field-path")
    field.value = path
    await pilot.pause()


async def test_palette_import_linkedin_fills_the_store(store, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import linkedin")
        assert isinstance(app.screen, FormDialog)
        await type_path(pilot, app, str(path))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen))
        assert isinstance(app.screen, ResultScreen)
        summary = str(app.screen.query_one("#result-summary").render())
        assert "4 created, 0 updated, 1 skipped" in summary
        assert {c.name for c in store.all(Contact)} == {
            "Ada Lovelace", "Grace Hopper", "Émile Zoë 🚀", "Evil Red"}
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ResultScreen)


async def test_palette_dry_run_changes_nothing(store, store_path, tmp_path):
    path = write(tmp_path / "Connections.csv", generated_linkedin(300))
    store.save(Contact(name="Kept"))
    before = store_path.read_bytes()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import linkedin")
        await type_path(pilot, app, str(path))
        await pilot.press("tab", "space")  # the dry-run checkbox
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen))
        assert "dry run" in str(app.screen.query_one("#result-title").render())
        assert "300 created" in str(app.screen.query_one("#result-summary").render())
    assert store_path.read_bytes() == before


async def test_missing_file_is_named_under_the_field(store, tmp_path):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import vcard")
        await type_path(pilot, app, str(tmp_path / "nope.vcf"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "there is no file or folder" in str(app.screen.query_one("#error-path").render())


async def test_malformed_file_shows_the_line_and_keeps_the_store(store, store_path, tmp_path):
    store.save(Contact(name="Kept"))
    before = store_path.read_bytes()
    bad = write(tmp_path / "bad.yaml", "format: netplan-export\nschema: 1\ncontacts: [\n")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import yaml")
        await type_path(pilot, app, str(bad))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen))
        text = str(app.screen.query_one("#result-summary").render())
        assert "line 4" in text and "not valid YAML" in text
        assert app.screen.has_class("failed")
    assert store_path.read_bytes() == before


async def test_palette_export_writes_the_file_and_refuses_overwrite(store, tmp_path):
    store.save(Contact(name="Ada"))
    target = tmp_path / "out.yaml"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "export")
        await type_path(pilot, app, str(target))
        await pilot.press("ctrl+s")
        await wait_for(pilot, target.exists)
        assert "name: Ada" in target.read_text(encoding="utf-8")
        await palette(pilot, "export")
        await type_path(pilot, app, str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "already exists" in str(app.screen.query_one("#error-path").render())


def _result() -> ResultScreen:
    result = ImportResult("linkedin", "/home/ada/Downloads/Connections.csv")
    result.add("created", "Ada Lovelace", "", 5)
    result.add("created", "[bold]Not bold[/]",
               "Connected On 'xx' is not a date; met on left empty", 7)
    result.add("updated", "Grace Hopper", "company Navy → Yale", 8)
    result.add("skipped", "(empty row)", "no name or details (a deleted account?)", 6)
    result.add("skipped", "Linus Torvalds", "already up to date", 9)
    return ResultScreen.for_import(result)


async def test_result_shows_markup_literally(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(_result())
        await pilot.pause()
        text = str(app.screen.query_one("#result-lines Static").render())
        assert "[bold]Not bold[/]" in text


def test_snapshot_import_dialog(snap_compare, store):
    async def open_dialog(pilot):
        from netplan.dialogs.transfer import open_import

        open_import(pilot.app, "linkedin")
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=open_dialog)


def test_snapshot_export_dialog(snap_compare, store):
    async def open_dialog(pilot):
        from netplan.dialogs.transfer import open_export

        open_export(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=open_dialog)


def test_snapshot_result(snap_compare, store):
    async def show(pilot):
        pilot.app.push_screen(_result())
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=show)


async def test_palette_imports_the_linkedin_zip(store, tmp_path):
    from ..helpers.linkedin_export import export_zip

    path = write(tmp_path / "Basic_LinkedInDataExport_11-30-2026.zip", export_zip())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import linkedin")
        await type_path(pilot, app, str(path))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen))
        assert "7 created" in str(app.screen.query_one("#result-summary").render())
    assert len(store.all(Contact)) == 3


async def test_palette_imports_any_csv_with_its_columns_named(store, tmp_path):
    path = write(tmp_path / "export.csv",
                 b"Nom complet;Courriel\r\nJeanne Dupont;jd@example.fr\r\n")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import contacts csv")
        await type_path(pilot, app, str(path))
        await pilot.press("tab", *"Nom complet=name, Courriel=email", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen))
        assert "1 created" in str(app.screen.query_one("#result-summary").render())
    [jeanne] = store.all(Contact)
    assert (jeanne.name, jeanne.emails) == ("Jeanne Dupont", ("jd@example.fr",))


async def test_a_large_import_shows_rows_read_then_the_result(store, tmp_path, monkeypatch):
    from netplan.dialogs.import_progress import ImportProgress

    seen: list[tuple[int, int]] = []
    original = ImportProgress.rows_read

    def watched(self, done: int) -> None:
        original(self, done)
        seen.append((done, self.total))

    monkeypatch.setattr(ImportProgress, "rows_read", watched)
    path = write(tmp_path / "Connections.csv", generated_linkedin(3000))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import linkedin")
        await type_path(pilot, app, str(path))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen))
        assert isinstance(app.screen, ResultScreen)
        assert not any(isinstance(s, ImportProgress) for s in app.screen_stack)
    assert seen and seen[-1][0] == seen[-1][1] >= 3000  # every row read, shown as such
    assert len(store.all(Contact)) == 3000


async def test_palette_exports_one_vcf_for_a_phone_and_refuses_overwrite(store, tmp_path):
    from netplan.dialogs.form import FormDialog as Form

    store.save_many([Contact(name="Ada"), Contact(name="Grace")])
    target = tmp_path / "contacts.vcf"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for attempt in range(2):
            await palette(pilot, "export")
            select = app.screen.query_one("#field-format")
            select.value = "vcard"
            await type_path(pilot, app, str(target))
            await pilot.press("ctrl+s")
            if attempt == 0:
                await wait_for(pilot, target.exists)
                assert target.read_text().count("BEGIN:VCARD") == 2
                await pilot.press("escape")
            else:
                await pilot.pause()
                assert isinstance(app.screen, Form)
                assert "already exists" in str(app.screen.query_one("#error-path").render())


async def test_the_offered_export_path_follows_the_format_until_one_is_typed(store, tmp_path):
    """Choosing vCard offers a .vcf (not a .yaml holding cards); a path the user typed
    stays whatever format is chosen after."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "export")
        path = app.screen.query_one("#field-path")
        assert path.value == "~/netplan-2026-11-23.yaml"
        for fmt, ending in (("vcard", "vcf"), ("ics", "ics"), ("csv", "csv"), ("json", "json")):
            app.screen.query_one("#field-format").value = fmt
            await pilot.pause()
            assert path.value == f"~/netplan-2026-11-23.{ending}"
        await type_path(pilot, app, str(tmp_path / "mine.json"))
        app.screen.query_one("#field-format").value = "yaml"
        await pilot.pause()
        assert path.value == str(tmp_path / "mine.json")
        await type_path(pilot, app, "")  # cleared: the next format offers its path again
        app.screen.query_one("#field-format").value = "csv"
        await pilot.pause()
        assert path.value == "~/netplan-2026-11-23.csv"
