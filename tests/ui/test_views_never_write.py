"""Views never write: two sessions showing every section and the pitch tab, and an
outside change arriving while they idle, leave the file as the last writer left it; and
typing into a draft that another process changed meanwhile keeps both texts."""

from __future__ import annotations

import asyncio
import os

from netplan.store.database import open_store
from netplan.store.records import Contact, Goal, Interaction, Pitch

from ..conftest import make_app
from .test_questions_screen import open_tab


def _stamp(path) -> tuple[int, bytes]:
    return os.stat(path).st_mtime_ns, path.read_bytes()


async def _tour(pilot) -> None:
    for key in "12345":
        await pilot.press(key)
        await pilot.pause(0.1)
    await open_tab(pilot, "i")  # the pitch tab


async def test_two_sessions_on_every_screen_write_nothing_while_idle(store, store_path):
    ada = store.save(Contact(name="Ada"))
    store.save(Interaction(kind="coffee", contacts=(ada.id,), date="2026-11-23"))
    store.save(Goal(week="2026-W48", title="Talk to two people", target=2,
                    metric="conversations"))
    store.save(Pitch(title="Short", text="I build things."))
    first, second = make_app(open_store(store_path)), make_app(open_store(store_path))
    async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
        await _tour(one)
        await _tour(two)
        await asyncio.sleep(0.5)
        before = _stamp(store_path)
        # another process (an import, a cron job) changes the pitch meanwhile
        outside = open_store(store_path)
        (pitch,) = outside.all(Pitch)
        outside.save(pitch.replace(text="I build things for people."))
        changed = _stamp(store_path)
        assert changed != before
        for _ in range(10):  # 2 s of idling, five polls of each session
            await one.pause(0.1)
            await two.pause(0.1)
            await asyncio.sleep(0.1)
        assert _stamp(store_path) == changed
        assert [p.text for p in open_store(store_path).all(Pitch)] == [
            "I build things for people."]


async def test_typing_over_a_draft_changed_elsewhere_keeps_both_texts(store, store_path):
    store.save(Pitch(title="Short", text="I build things."))
    app = make_app(open_store(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "i")
        await pilot.press("enter")  # into the editor
        await pilot.pause()
        await pilot.press(*"Mine. ")  # typing, not yet saved (it saves after a pause)
        outside = open_store(store_path)
        (pitch,) = outside.all(Pitch)
        outside.save(pitch.replace(text="Their version."))
        await pilot.pause(0.5)  # the session notices the outside change
        await pilot.press("escape")
        await pilot.pause(0.5)
    texts = sorted(p.text for p in open_store(store_path).all(Pitch))
    assert "Their version." in texts
    assert "Mine. I build things." in texts
