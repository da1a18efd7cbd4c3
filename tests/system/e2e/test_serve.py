"""`netplan serve`: the page over HTTP, a session over its websocket, and real headless Chromium.

Everything stays on 127.0.0.1; every wait is bounded; the server and the
browser run in process groups of their own and are always ended.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

from ...conftest import netplan_cmd, subprocess_env
from .helpers import WAIT, free_port, port_open, wait_until

pytest.importorskip("textual_serve", reason="textual-serve is not installed (netplan[serve])")
aiohttp = pytest.importorskip("aiohttp")

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)


def _stop(proc: subprocess.Popen) -> None:
    """End a process we started and everything it started (its own process group)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    """`netplan serve` on a free loopback port, on a store whose path needs quoting."""
    store = tmp_path / "it's my store" / "net plan.json"
    port = free_port()
    env = subprocess_env()
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(netplan_cmd("serve", "--port", str(port), "--db", str(store)),
                                stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    try:
        wait_until(lambda: port_open(port) or proc.poll() is not None)
        if proc.poll() is not None or not port_open(port):
            pytest.fail(f"netplan serve did not listen on {port}:\n{log.read_text()[-2000:]}")
        yield port, store, env
    finally:
        _stop(proc)


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=WAIT) as response:
        return response.status, response.read().decode()


def test_the_terminal_page_arrives_over_http(served):
    port, store, _ = served
    status, html = _get(f"http://127.0.0.1:{port}/")
    assert status == 200
    assert 'class="textual-terminal"' in html
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in html
    assert "netplan" in html  # the page's title is ours, not the shell command
    status, script = _get(f"http://127.0.0.1:{port}/static/js/textual.js")
    assert status == 200 and "textual-terminal" in script


async def _session_output(port: int, until: str) -> str:
    """Open a browser session over the websocket; return what the app drew."""
    seen = ""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24") as ws:
            async with asyncio.timeout(WAIT):
                while until not in seen:
                    message = await ws.receive()
                    if message.type == aiohttp.WSMsgType.BINARY:
                        seen += message.data.decode("utf-8", "replace")
                    elif message.type == aiohttp.WSMsgType.TEXT:
                        seen += message.data
                    else:
                        break
    return seen


def test_a_browser_session_runs_netplan_on_the_same_store(served):
    port, store, env = served
    seen = asyncio.run(_session_output(port, "2026-W48"))
    assert "Board" in seen and "2026-W48" in seen
    assert store.exists()  # --db reached the served command, quotes and spaces intact
    default = Path(env["XDG_DATA_HOME"]) / "netplan" / "netplan.json"
    assert not default.exists()


async def _cdp_until_first_byte(debug_port: int, url: str, shot: Path) -> str:
    """Drive Chromium over the DevTools protocol: open the page, wait for the app's output."""
    async with aiohttp.ClientSession() as session:
        async with asyncio.timeout(WAIT):
            while True:
                try:
                    async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as r:
                        pages = [t for t in await r.json() if t.get("type") == "page"]
                    if pages:
                        break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
        async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            ids = iter(range(1, 10_000))

            async def call(method: str, **params):
                msg_id = next(ids)
                await ws.send_str(json.dumps({"id": msg_id, "method": method, "params": params}))
                while True:
                    reply = json.loads((await ws.receive()).data)
                    if reply.get("id") == msg_id:
                        return reply.get("result", {})

            await call("Page.navigate", url=url)
            classes = ""
            async with asyncio.timeout(WAIT):
                while "-first-byte" not in classes:
                    await asyncio.sleep(0.2)
                    result = await call("Runtime.evaluate",
                                        expression="document.body ? document.body.className : ''")
                    classes = result.get("result", {}).get("value", "")
            await asyncio.sleep(0.5)  # let xterm paint the first frame for the screenshot
            png = await call("Page.captureScreenshot", format="png")
            import base64

            shot.write_bytes(base64.b64decode(png["data"]))
            dom = await call("Runtime.evaluate", expression="document.documentElement.outerHTML")
            return dom["result"]["value"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_headless_chromium_shows_the_terminal(served, tmp_path):
    port, _, _ = served
    debug_port = free_port()
    profile = Path(tempfile.mkdtemp(prefix="np-chromium-"))
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1000,700", f"--user-data-dir={profile}",
         "--remote-debugging-address=127.0.0.1", f"--remote-debugging-port={debug_port}",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    shot = tmp_path / "netplan-in-chromium.png"
    try:
        dom = asyncio.run(_cdp_until_first_byte(debug_port, f"http://127.0.0.1:{port}/", shot))
    finally:
        _stop(browser)
        shutil.rmtree(profile, ignore_errors=True)
    # textual.js built an xterm terminal in the page and the app's first bytes reached it.
    assert 'class="textual-terminal' in dom and "xterm-screen" in dom
    assert shot.stat().st_size > 5_000  # a picture of the terminal (look at it: tmp_path)
