"""Each measure of SPEC §7, done the same way for netplan and its baseline."""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

from tinydb import Query, where

from netplan.store.records import Contact, Interaction

from .report import Figure
from .stores import Built, plain_tinydb, reopen

CHILD = Path(__file__).with_name("child.py")
SIZE = (80, 24)
WRITE_TARGET_MS = 10.0  # a save in the TUI: one journal entry, whatever the store's size
SLOWEST_KEY_TARGET_MS = 100.0
SEARCH_TEXT = "sofia"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("TEXTUAL", "NETPLAN_CRASH")):
            env.pop(name)  # a developer's TEXTUAL_DEBUG would skew the timing
    return env


def _until_ready(args: list[str], timeout: float = 60.0) -> float:
    """Milliseconds from starting the process to its READY line (its first frame)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env())
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "READY":
                elapsed = (time.perf_counter() - started) * 1000
                break
        else:
            raise RuntimeError(f"{' '.join(args[1:])} ended without drawing: "
                               + (proc.stderr.read() if proc.stderr else "")[-400:])
        proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args[1:])} exited with {proc.returncode}")
    return elapsed


def start(built: Built, repeat: int) -> Figure:
    fig = Figure("start", "start to first paint (board)", built.size.name,
                 baseline_label="bare app", target=1.5, target_on="ratio")
    _until_ready(_BARE)  # warm the OS file cache for both before timing
    _until_ready(_ours(built))
    return _start_pairs(fig, built, repeat)


def start_after_write(built: Built, repeat: int) -> Figure:
    """Start right after another process wrote (`netplan log` from cron or a phone)."""
    fig = Figure("start_after_write", "start after `netplan log` (board)", built.size.name,
                 baseline_label="bare app", target=1.3, target_on="ratio")
    name = a_unique_name(built)
    log = [sys.executable, "-m", "netplan", "--db", str(built.path), "log", name,
           "--kind", "email", "--summary", "Logged before a start by the bench"]
    # As many pairs as the plain start: one pair moves by a third of the ratio.
    return _start_pairs(fig, built, repeat * 2 + 1,
                        before=lambda: subprocess.run(log, env=_env(), check=True,
                                                      capture_output=True, timeout=120))


WRITER_NAME = "Bench Writer Qx"


def a_unique_name(built: Built) -> str:
    """The name of a contact no other contact's name contains, for `netplan log NAME`:
    the bench's own, added once (demo names repeat across 50,000 contacts)."""
    store = reopen(built)
    try:
        if not any(c.name == WRITER_NAME for c in store.all(Contact)):
            store.save(Contact(name=WRITER_NAME, company="Bench"))
    finally:
        store.close()
    return WRITER_NAME


def start_uncounted(built: Built, repeat: int) -> Figure:
    """Start when the board's weekly counts are not kept in <store>.cache (the first start
    after another process, e.g. a cron job, changed the store): they are counted first."""
    fig = Figure("start_cold", "start, counts not kept (board)", built.size.name,
                 baseline_label="bare app")
    kept = built.path.with_name(built.path.name + ".cache")
    return _start_pairs(fig, built, max(1, repeat // 2),
                        before=lambda: kept.unlink(missing_ok=True))


_BARE = [sys.executable, str(CHILD), "bare"]


def _ours(built: Built) -> list[str]:
    return [sys.executable, str(CHILD), "netplan", str(built.path)]


def _start_pairs(fig: Figure, built: Built, runs: int, before=None) -> Figure:
    """The bare app and netplan started in turn, so both see the same background load."""
    for _ in range(runs):
        fig.baseline_samples.append(_until_ready(_BARE))
        if before is not None:
            before()
        fig.samples.append(_until_ready(_ours(built)))
    return fig


def memory(built: Built) -> Figure:
    """Peak RSS of the TUI opened headless on the store, visiting every section, one save."""
    fig = Figure("memory", "peak memory (TUI, 5 sections, 1 write)", built.size.name, unit="MiB",
                 target=200.0)
    # A wrapper process waits for the TUI, so RUSAGE_CHILDREN holds exactly its peak.
    wrapper = ("import resource, subprocess, sys\n"
               "proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
               "print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, str(CHILD), "memory", str(built.path)],
        capture_output=True, text=True, env=_env(), timeout=120, check=True)
    code, kib = out.stdout.split()
    if code != "0":
        raise RuntimeError(f"the TUI exited with {code}: {out.stderr[-400:]}")
    fig.samples.append(int(kib) / 1024)  # Linux reports ru_maxrss in KiB
    return fig


def write_and_query(built: Built, folder: Path, repeat: int) -> list[Figure]:
    """A durable write (log one interaction) as the TUI makes it (a journal entry) and as
    a command makes it (the file rewritten), and a get-by-id, netplan vs plain TinyDB."""
    size = built.size.name
    write = Figure("write", "durable write, TUI (journal entry)", size,
                   baseline_label="TinyDB", target=WRITE_TARGET_MS)
    rewrite = Figure("write_file", "durable write, file rewritten", size,
                     baseline_label="TinyDB")
    query = Figure("query", "get one contact by id", size, baseline_label="TinyDB")
    store = reopen(built)
    contacts = [c.id for c in store.all(Contact)]
    rng = random.Random(1)
    plain = plain_tinydb(built, folder)
    try:
        store.save(_interaction(rng.choice(contacts)))  # the day's backup is made by the first
        for _ in range(repeat):
            record = _interaction(rng.choice(contacts))
            t = time.perf_counter()
            store.save(record)
            rewrite.samples.append((time.perf_counter() - t) * 1000)
            doc = _interaction(rng.choice(contacts))
            t = time.perf_counter()
            plain.table("interactions").insert(doc.to_dict())
            write.baseline_samples.append((time.perf_counter() - t) * 1000)
        rewrite.baseline_samples = write.baseline_samples
        store.defer_checkpoints()  # as the TUI saves: appended, the file rewritten later
        for _ in range(repeat):
            record = _interaction(rng.choice(contacts))
            t = time.perf_counter()
            store.save(record)
            write.samples.append((time.perf_counter() - t) * 1000)
        for _ in range(repeat):
            cid = rng.choice(contacts)
            t = time.perf_counter()
            found = store.get(Contact, cid)
            query.samples.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            plain_found = plain.table("contacts").get(Query().id == cid)
            query.baseline_samples.append((time.perf_counter() - t) * 1000)
            assert found is not None and plain_found is not None
    finally:
        plain.close()
        store.close()
    return [write, rewrite, query]


def _interaction(contact_id: str) -> Interaction:
    return Interaction(kind="coffee", contacts=(contact_id,), summary="Bench coffee chat",
                       notes="Logged by the benchmark.")


def process(built: Built, command: str, repeat: int, *, args: tuple[str, ...] = (),
            key: str = "") -> Figure:
    """`netplan review` / `netplan due` as a whole process, beside `netplan where`."""
    fig = Figure(key or command, f"`netplan {command}` (whole process)", built.size.name,
                 baseline_label="netplan where")
    base = [sys.executable, "-m", "netplan"]
    db = ["--db", str(built.path), *args]
    probe = subprocess.run([*base, command, *db], capture_output=True, text=True, env=_env(),
                           timeout=120)
    if probe.returncode == 2 and "invalid choice" in probe.stderr:
        fig.note = f"`netplan {command}` not present"
        return fig
    if probe.returncode not in (0, 1):  # 1: `due` may report overdue follow-ups that way
        raise RuntimeError(f"netplan {command} exited {probe.returncode}: {probe.stderr[-300:]}")
    for _ in range(repeat):
        for args, samples in (([*base, "where", *db], fig.baseline_samples),
                              ([*base, command, *db], fig.samples)):
            t = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=_env(), timeout=120)
            samples.append((time.perf_counter() - t) * 1000)
    return fig


def store_open(built: Built, repeat: int) -> Figure:
    """Open the store and build every contact and interaction record (what a screen needs)."""
    fig = Figure("open", "open store + load contacts & interactions", built.size.name)
    for _ in range(repeat):
        t = time.perf_counter()
        store = reopen(built)
        store.all(Contact)
        store.all(Interaction)
        fig.samples.append((time.perf_counter() - t) * 1000)
        store.close()
    return fig


# -- through Pilot, in this process ---------------------------------------------------


def pilot_figures(built: Built, folder: Path, repeat: int) -> list[Figure]:
    switch, first, row = asyncio.run(_switching(built, repeat))
    search = asyncio.run(_search(built, repeat))
    _plain_search(built, folder, search, repeat)
    return [search, switch, first, row]


async def _idle(app) -> None:
    """Until no worker runs (one that ends may have started another: the Contacts list's
    reading starts the search for possible duplicates)."""
    while any(not w.is_finished for w in app.workers):
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.05)


async def _settled(pilot) -> None:
    # Pilot's own wait: used between measured keys only, never inside a timing.
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


_CHARS = {"slash": "/", "backspace": None}


async def _key_to_paint(pilot, key: str, done) -> float:
    """Milliseconds from a key reaching the app to the frame that shows its effect.

    Pilot's `press` waits until the process looks idle by sampling CPU time, which adds
    100-200 ms on a busy machine; so the key is sent straight to the driver, and the clock
    stops at the last frame drawn (App._display) once `done()` holds and the screen has
    nothing left to lay out or repaint for two rounds of message processing in a row.
    """
    from textual import events

    app = pilot.app
    frames: list[float] = []
    original = app._display

    def display(screen, renderable):
        original(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = display
    try:
        started = time.perf_counter()
        app._driver.send_message(events.Key(key, _CHARS.get(key, key if len(key) == 1 else None)))
        quiet = 0
        while quiet < 2:
            if time.perf_counter() - started > 10:
                raise RuntimeError(f"key {key!r} had no visible effect within 10 s")
            await pilot._wait_for_screen()
            await asyncio.sleep(0)
            screen = app.screen
            pending = (screen._layout_required or screen._scroll_required
                       or screen._repaint_required or screen._recompose_required
                       or screen._dirty_widgets)
            if done() and not pending and frames:
                quiet += 1
            else:
                quiet = 0
                if pending:  # the next frame comes from the screen's update timer
                    await asyncio.sleep(0.002)
        return (frames[-1] - started) * 1000
    finally:
        del app._display


def _app(built: Built):
    from netplan.app import NetplanApp

    return NetplanApp(reopen(built))


async def _switching(built: Built, repeat: int) -> tuple[Figure, Figure, Figure]:
    """Warm switches, and each section's first visit twice: from an idle app (whatever the
    section before read on a worker done: the figure) and back to back (keys a second
    apart at most, as a user who knows where to go: its note)."""
    from netplan.app import SECTIONS

    warm = Figure("switch", "switch section (warm)", built.size.name, target=100.0)
    first = Figure("switch_first", "switch section (first visit)", built.size.name)
    row = Figure("switch_first_row", "first visits back to back", built.size.name)
    modes = {key: mode for mode, key, *_ in SECTIONS}
    names = {key: title for _, key, title, *_ in SECTIONS}
    for figure, idle in ((first, True), (row, False)):
        app = _app(built)
        async with app.run_test(size=SIZE) as pilot:
            await _settled(pilot)
            order = ["2", "3", "4", "5", "1"]
            if idle:
                order += ["2", "3", "4", "5", "1"] * repeat
            for n, key in enumerate(order):
                if idle and n < 5:
                    await _idle(app)
                    await _settled(pilot)
                elapsed = await _key_to_paint(
                    pilot, key,
                    lambda m=modes[key], a=app: a.current_mode == m and a.screen.is_current)
                (figure if n < 5 else warm).samples.append(elapsed)
                await _settled(pilot)
        figure.note = " · ".join(f"{names[k]} {ms:.0f}" for k, ms in
                                 zip(order, figure.samples[:5], strict=False))
    return warm, first, row


async def _search(built: Built, repeat: int) -> Figure:
    from textual.widgets import Input

    fig = Figure("search", "search-as-you-type (per key)", built.size.name,
                 baseline_label="TinyDB query", target=20.0)
    app = _app(built)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await _idle(app)  # (a filter typed while the list is read waits for it)
        await _settled(pilot)
        await pilot.press("slash")
        await _settled(pilot)
        focused = app.focused if isinstance(app.focused, Input) else None
        inputs = list(app.screen.query(Input))
        box = focused or (inputs[0] if inputs else None)
        if box is None or app.current_mode != "contacts":
            fig.note = "Contacts filter not present"
            return fig
        box.focus()
        box.value = ""  # start from an empty filter, whatever "/" left in it
        await _settled(pilot)
        for _ in range(repeat):
            typed = [SEARCH_TEXT[:n] for n in range(1, len(SEARCH_TEXT) + 1)]
            expected = typed + typed[-2::-1] + [""]
            keys = [*SEARCH_TEXT, *["backspace"] * len(SEARCH_TEXT)]
            for key, value in zip(keys, expected, strict=True):
                fig.samples.append(await _key_to_paint(pilot, key, lambda v=value: box.value == v))
                await _settled(pilot)
    return fig


def _plain_search(built: Built, folder: Path, fig: Figure, repeat: int) -> None:
    """The same keystrokes as plain TinyDB queries: each one re-reads the whole file."""
    plain = plain_tinydb(built, folder)
    try:
        table = plain.table("contacts")
        prefixes = [SEARCH_TEXT[:n] for n in range(1, len(SEARCH_TEXT) + 1)]
        for _ in range(max(1, repeat // 2)):
            for text in prefixes:
                table.clear_cache()
                pattern = re.compile(re.escape(text), re.IGNORECASE)
                t = time.perf_counter()
                table.search(where("name").test(lambda v, p=pattern: bool(p.search(str(v)))))
                fig.baseline_samples.append((time.perf_counter() - t) * 1000)
    finally:
        plain.close()


def slowest_key(built: Built, seconds: float = 16.0, every: float = 5.0) -> Figure:
    """The slowest key in an open TUI while another process logs an interaction every
    `every` seconds (cron, a phone's SSH app), beside the same keys with no other writer."""
    fig = Figure("slowest_key", "slowest key while `netplan log` runs every 5 s",
                 built.size.name, baseline_label="no other writer",
                 target=SLOWEST_KEY_TARGET_MS)
    fig.baseline_samples.append(max(asyncio.run(_keys_for(built, seconds / 2, None))))
    name = a_unique_name(built)
    log = [sys.executable, "-m", "netplan", "--db", str(built.path), "log", name,
           "--kind", "email", "--summary", "Logged while a session is open"]
    fig.samples.append(max(asyncio.run(_keys_for(built, seconds, (log, every)))))
    return fig


async def _keys_for(built: Built, seconds: float, writer) -> list[float]:
    """Cursor keys on the Contacts table for `seconds`, each timed to its frame; `writer`
    (a command and its interval) runs meanwhile on a thread, as another process would."""
    import threading

    stop = threading.Event()

    def write_every() -> None:
        command, interval = writer
        while not stop.wait(interval):
            subprocess.run(command, env=_env(), check=True, capture_output=True, timeout=120)

    app = _app(built)
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await _settled(pilot)
        thread = threading.Thread(target=write_every, daemon=True) if writer else None
        if thread is not None:
            thread.start()
        try:
            ends = time.perf_counter() + seconds
            n = 0
            while time.perf_counter() < ends:
                key = "down" if n % 20 < 10 else "up"
                samples.append(await _key_to_paint(pilot, key, lambda: True))
                await asyncio.sleep(0.03)
                n += 1
        finally:
            stop.set()
            if thread is not None:
                thread.join()
    return samples
