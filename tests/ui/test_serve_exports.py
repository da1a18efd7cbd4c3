"""A browser session of `netplan serve` exports only under exports/, never over a file;
a read-only session exports nothing. Pilot presses the keys; the files are real."""

from __future__ import annotations

import os
import stat

import pytest

from netplan.dialogs.form import FormDialog
from netplan.store.database import open_store
from netplan.store.records import Contact
from netplan.transfer.files import SERVED_ENV, TransferError, export_folder, served_target

from ..conftest import make_app
from .test_transfer_tui import palette, type_path, wait_for


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setenv(SERVED_ENV, "1")


def _error(app) -> str:
    return str(app.screen.query_one("#error-path").render())


async def _export(pilot, app, name: str) -> None:
    await palette(pilot, "export")
    assert isinstance(app.screen, FormDialog)
    await type_path(pilot, app, name)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_served_export_lands_under_exports_and_never_overwrites(served, store, store_path):
    store.save(Contact(name="Ada"))
    exports = store_path.parent / "exports"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _export(pilot, app, "out")
        await wait_for(pilot, (exports / "out.yaml").exists)
        first = (exports / "out.yaml").read_bytes()
        assert b"name: Ada" in first
        store.save(Contact(name="Grace"))
        await _export(pilot, app, "out.yaml")
        await wait_for(pilot, (exports / "out-2.yaml").exists)
    assert (exports / "out.yaml").read_bytes() == first  # the first export is untouched
    assert b"name: Grace" in (exports / "out-2.yaml").read_bytes()
    assert stat.S_IMODE(exports.stat().st_mode) == 0o700
    assert stat.S_IMODE((exports / "out-2.yaml").stat().st_mode) == 0o600


async def test_served_export_refuses_a_path_outside_the_folder(served, store, store_path,
                                                              tmp_path):
    store.save(Contact(name="Evil; rm -rf ~"))
    victim = tmp_path / ".bashrc"
    victim.write_text("# the owner's shell\n")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for typed in (str(victim), "../../.bashrc", "~/.bashrc"):
            await _export(pilot, app, typed)
            assert isinstance(app.screen, FormDialog), typed
            assert "only under" in _error(app), typed
            await pilot.press("escape")
            await pilot.pause()
    assert victim.read_text() == "# the owner's shell\n"
    assert sorted(os.listdir(tmp_path / "data" / "exports")) == []


def test_a_link_inside_exports_does_not_lead_out(served, store, store_path, tmp_path):
    folder = export_folder(store_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (folder / "link").symlink_to(outside)
    with pytest.raises(TransferError, match="only under"):
        served_target(folder, "link/x.csv")
    (folder / "taken.csv").symlink_to(tmp_path / "nowhere")
    assert served_target(folder, "taken.csv").name == "taken-2.csv"  # a dangling link is taken


def test_an_exports_link_or_foreign_folder_is_refused(store_path, tmp_path):
    store_path.parent.mkdir(parents=True)
    (store_path.parent / "exports").symlink_to(tmp_path)
    with pytest.raises(TransferError, match="not a folder"):
        export_folder(store_path)


def test_a_loose_exports_folder_is_tightened(store_path):
    (store_path.parent / "exports").mkdir(parents=True, mode=0o777)
    os.chmod(store_path.parent / "exports", 0o777)
    export_folder(store_path)
    assert stat.S_IMODE((store_path.parent / "exports").stat().st_mode) == 0o700


async def test_served_vcard_export_goes_to_a_new_folder(served, store, store_path):
    store.save(Contact(name="Ada"))
    exports = store_path.parent / "exports"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "export")
        app.screen.query_one("#field-format").value = "vcard"
        await type_path(pilot, app, "cards")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any((exports / "cards").glob("*.vcf")))
        await palette(pilot, "export")
        app.screen.query_one("#field-format").value = "vcard"
        await type_path(pilot, app, "cards")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any((exports / "cards-2").glob("*.vcf")))
    assert len(list((exports / "cards").glob("*.vcf"))) == 1
    assert len(list((exports / "cards-2").glob("*.vcf"))) == 1


@pytest.mark.parametrize("in_browser", [False, True])
async def test_readonly_refuses_exports(in_browser, monkeypatch, store, store_path, tmp_path):
    if in_browser:
        monkeypatch.setenv(SERVED_ENV, "1")
    store.save(Contact(name="Ada"))
    readonly = open_store(store_path, readonly=True)
    app = make_app(readonly)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "export")
        assert not isinstance(app.screen, FormDialog)
        assert any("read-only" in str(n.message) for n in app._notifications)
    assert not (store_path.parent / "exports").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.suffix != ".json"
                  and not p.name.startswith("netplan.json")) == ["data"]
