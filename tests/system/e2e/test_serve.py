"""`netplan serve`: the page over HTTP, a session over its websocket, and real headless Chromium.

Everything stays on 127.0.0.1; every wait is bounded; the server and the
browser run in process groups of their own and are always ended.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import inspect
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact

from ...conftest import netplan_cmd, subprocess_env
from .helpers import WAIT, free_port, port_open, wait_until

pytest.importorskip("textual_serve", reason="textual-serve is not installed (netplan-tui[serve])")
aiohttp = pytest.importorskip("aiohttp")

SECRET_NAME = "Zyxwv Privatename"
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


class Served:
    """A running `netplan serve`: its port, store, environment and the URL it printed."""

    def __init__(self, port: int, store: Path, env: dict[str, str], url: str):
        self.port, self.store, self.env, self.url = port, store, env, url
        self.secret = parse_qs(urlsplit(url).query)["token"][0]
        self.origin = f"http://127.0.0.1:{port}"
        self.cookie = f"netplan-token-{port}={self.secret}"


def start_serve(tmp_path: Path, store: Path, *extra: str, port: int | None = None):
    """Start `netplan serve`; return (process, first stdout line). The caller stops it."""
    env = subprocess_env()
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    out_path, err_path = tmp_path / "serve.out", tmp_path / "serve.err"
    args = ["serve", "--db", str(store), *extra]
    if port is not None:
        args += ["--port", str(port)]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(netplan_cmd(*args), stdout=out, stderr=err, env=env,
                                start_new_session=True)

    def first_line() -> str | None:
        text = out_path.read_text()
        return text.splitlines()[0] if "\n" in text else None

    line = wait_until(lambda: first_line() or proc.poll() is not None)
    line = first_line()
    if port is not None:
        wait_until(lambda: port_open(port) or proc.poll() is not None)
    if line is None or proc.poll() is not None:
        _stop(proc)
        pytest.fail(f"netplan serve did not start:\n{err_path.read_text()[-2000:]}")
    return proc, line


@pytest.fixture
def served(tmp_path):
    """`netplan serve` on a free loopback port, on a store whose path needs quoting and
    that holds a contact nobody else may read."""
    store = tmp_path / "it's my store" / "net plan.json"
    open_store(store).save(Contact(name=SECRET_NAME))
    port = free_port()
    proc, line = start_serve(tmp_path, store, port=port)
    try:
        yield Served(port, store, subprocess_env(), line)
    finally:
        _stop(proc)


def request(port: int, path: str = "/", headers: dict[str, str] | None = None,
            ) -> tuple[int, dict[str, str], str]:
    """One plain HTTP GET with exactly these headers: (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.putrequest("GET", path, skip_host=True)
        sent = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        for name, value in sent.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return (response.status, {k.lower(): v for k, v in response.getheaders()},
                response.read().decode("utf-8", "replace"))
    finally:
        conn.close()


UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def assert_refused(status: int, body: str) -> None:
    assert status == 403
    assert "textual" not in body and "terminal" not in body and SECRET_NAME not in body


def test_no_secret_wrong_secret_or_foreign_host_get_403(served):
    port = served.port
    for path in ("/", "/?token=wrong", f"/?token={served.secret[:-1]}",
                 "/static/js/textual.js", "/ws", "/download/x"):
        status, _, body = request(port, path)
        assert_refused(status, body)
    status, _, body = request(port, "/", {"Cookie": f"netplan-token-{port}=wrong"})
    assert_refused(status, body)
    # DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends its own Host.
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1:1"):
        status, _, body = request(port, f"/?token={served.secret}", {"Host": host})
        assert_refused(status, body)


def test_websocket_upgrade_needs_the_served_origin(served):
    port, cookie = served.port, {"Cookie": served.cookie}
    for origin in ("http://evil.example", f"http://evil.example:{port}", "null",
                   f"http://127.0.0.1:{port + 1}"):
        status, _, body = request(port, "/ws", {**UPGRADE, **cookie, "Origin": origin})
        assert_refused(status, body)
    status, _, body = request(port, "/ws", {**UPGRADE, **cookie})  # no Origin at all
    assert_refused(status, body)
    status, _, body = request(port, "/ws", {**UPGRADE, "Origin": served.origin})  # no secret
    assert_refused(status, body)


def test_the_secret_gives_the_page_and_a_cookie_that_then_works_alone(served):
    port = served.port
    assert served.url == f"http://127.0.0.1:{port}/?token={served.secret}"
    assert len(served.secret) >= 22  # 128 bits or more, as token_urlsafe writes them
    status, headers, html = request(port, f"/?token={served.secret}")
    assert status == 200
    assert 'class="textual-terminal"' in html
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in html
    assert "<title>netplan</title>" in html
    cookie = headers["set-cookie"]
    assert cookie.startswith(served.cookie + ";")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    for path in ("/", "/static/js/textual.js", "/static/css/xterm.css"):
        status, _, body = request(port, path, {"Cookie": served.cookie})
        assert status == 200, path
    status, _, script = request(port, "/static/js/textual.js", {"Cookie": served.cookie})
    assert "textual-terminal" in script


def test_the_page_loads_nothing_from_other_hosts(served):
    status, _, html = request(served.port, f"/?token={served.secret}")
    assert status == 200
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]*)""", html)
    refs = [a or b for a, b in refs]
    assert refs  # the script, the stylesheet and the font are there
    for ref in refs:
        parts = urlsplit(ref)
        assert not parts.scheme and not parts.netloc, ref  # same origin: a path only
    assert "googleapis" not in html and "jsdelivr" not in html
    # What the page pulls in pulls in nothing from outside either.
    _, _, css = request(served.port, "/static/css/xterm.css", {"Cookie": served.cookie})
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments name their authors' sites
    assert "url(" not in css or not re.search(r"url\(\s*[\"']?[a-z]+:", css)
    assert "@import" not in css


def test_the_private_textual_serve_name_netplan_relies_on_is_there():
    # serve_auth.GuardedServer wraps Server._make_app to add its middleware; if
    # textual-serve renames it, this fails before any request goes unguarded.
    from textual_serve.server import Server

    assert callable(getattr(Server, "_make_app", None))
    assert "_make_app" in inspect.getsource(Server.serve)


async def _session_output(port: int, until: str, headers: dict[str, str]) -> str:
    """Open a browser session over the websocket; return what the app drew."""
    seen = ""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24",
                                      headers=headers) as ws:
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


def test_a_browser_session_with_the_cookie_runs_netplan_on_the_same_store(served):
    headers = {"Cookie": served.cookie, "Origin": served.origin}
    seen = asyncio.run(_session_output(served.port, "2026-W48", headers))
    assert "Board" in seen and "2026-W48" in seen
    assert served.store.exists()  # --db reached the served command, quotes and spaces intact
    default = Path(served.env["XDG_DATA_HOME"]) / "netplan" / "netplan.json"
    assert not default.exists()


def test_a_token_file_keeps_the_secret_across_starts(tmp_path):
    store = tmp_path / "s.json"
    token_file = tmp_path / "token"
    lines = []
    for _ in range(2):
        port = free_port()
        proc, line = start_serve(tmp_path, store, "--token-file", str(token_file), port=port)
        try:
            lines.append(line)
            secret = parse_qs(urlsplit(line).query)["token"][0]
            assert request(port, f"/?token={secret}")[0] == 200
        finally:
            _stop(proc)
    secrets_seen = {parse_qs(urlsplit(line).query)["token"][0] for line in lines}
    assert secrets_seen == {token_file.read_text().strip()}
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600


def test_a_loose_token_file_is_refused(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("x" * 40 + "\n")
    token_file.chmod(0o644)
    result = subprocess.run(netplan_cmd("serve", "--db", str(tmp_path / "s.json"),
                                        "--port", str(free_port()),
                                        "--token-file", str(token_file)),
                            capture_output=True, text=True, timeout=WAIT, env=subprocess_env())
    assert result.returncode != 0 and result.stdout == ""
    assert "chmod 600" in result.stderr


def test_a_unix_socket_is_private_and_guarded(tmp_path):
    store = tmp_path / "s.json"
    open_store(store).save(Contact(name=SECRET_NAME))
    sock_path = tmp_path / "netplan.sock"
    proc, line = start_serve(tmp_path, store, "--socket", str(sock_path))
    try:
        wait_until(sock_path.exists)
        assert stat.S_ISSOCK(sock_path.stat().st_mode)
        assert stat.S_IMODE(sock_path.stat().st_mode) == 0o600
        secret = parse_qs(urlsplit(line).query)["token"][0]

        async def get(path: str, headers: dict[str, str]) -> tuple[int, str]:
            connector = aiohttp.UnixConnector(path=str(sock_path))
            async with aiohttp.ClientSession(connector=connector) as session:
                # What the laptop's browser sends through `ssh -L 9000:SOCKET`.
                async with session.get(f"http://localhost:9000{path}", headers=headers,
                                       timeout=aiohttp.ClientTimeout(total=WAIT)) as r:
                    return r.status, await r.text()

        status, body = asyncio.run(get("/", {}))
        assert_refused(status, body)
        status, body = asyncio.run(get(f"/?token={secret}", {}))
        assert status == 200 and 'data-session-websocket-url="ws://localhost:9000/ws"' in body
        status, body = asyncio.run(get(f"/?token={secret}", {"Host": "evil.example:9000"}))
        assert_refused(status, body)
    finally:
        _stop(proc)
    assert not sock_path.exists()  # removed when the server stops


def _as_user(name: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", name, "--", *argv], capture_output=True, text=True,
                          timeout=WAIT * 2, cwd="/")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to create a second OS user")
@pytest.mark.skipif(None in (shutil.which("useradd"), shutil.which("runuser"),
                             shutil.which("curl")),
                    reason="useradd, runuser or curl is missing")
def test_another_os_user_cannot_read_a_contact(served):
    name = f"npserve{os.getpid() % 100000}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                   check=True, capture_output=True, timeout=WAIT)
    try:
        curl = shutil.which("curl")
        base = f"http://127.0.0.1:{served.port}"
        tries = [
            [f"{base}/"],
            [f"{base}/?token=guess"],
            [f"{base}/static/js/textual.js"],
            ["-H", "Upgrade: websocket", "-H", "Connection: Upgrade",
             "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
             "-H", f"Origin: {base}", f"{base}/ws?width=80&height=24"],
        ]
        for extra in tries:
            result = _as_user(name, curl, "-s", "--max-time", "10", "-w", "\nSTATUS %{http_code}",
                              *extra)
            assert result.stdout.rstrip().endswith("STATUS 403"), (extra, result)
            assert SECRET_NAME not in result.stdout and "terminal" not in result.stdout
        # Nor can that user read the store on disk beside it.
        peek = _as_user(name, "cat", str(served.store))
        assert peek.returncode != 0 and SECRET_NAME not in peek.stdout
    finally:
        subprocess.run(["userdel", name], capture_output=True, timeout=WAIT)


async def _cdp_open(debug_port: int, url: str, shot: Path, until_board: bool) -> tuple[str, str]:
    """Drive Chromium over the DevTools protocol: open `url`; return (DOM, what the
    app sent over the page's websocket). With until_board, wait for the Board to arrive."""
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
            frames: list[str] = []

            def keep(event: dict) -> None:
                if event.get("method") == "Network.webSocketFrameReceived":
                    response = event["params"]["response"]
                    data = response.get("payloadData", "")
                    if response.get("opcode") == 2:
                        data = base64.b64decode(data).decode("utf-8", "replace")
                    frames.append(data)

            async def call(method: str, **params):
                msg_id = next(ids)
                await ws.send_str(json.dumps({"id": msg_id, "method": method, "params": params}))
                while True:
                    reply = json.loads((await ws.receive()).data)
                    if reply.get("id") == msg_id:
                        return reply.get("result", {})
                    keep(reply)

            await call("Network.enable")
            await call("Page.navigate", url=url)
            await asyncio.sleep(0.5)
            if until_board:
                async with asyncio.timeout(WAIT):
                    while "Board" not in "".join(frames):
                        await asyncio.sleep(0.2)
                        await call("Runtime.evaluate", expression="1")
                await asyncio.sleep(0.5)  # let xterm paint the frame for the screenshot
            else:
                await asyncio.sleep(1.5)
            png = await call("Page.captureScreenshot", format="png")
            shot.write_bytes(base64.b64decode(png["data"]))
            dom = await call("Runtime.evaluate", expression="document.documentElement.outerHTML")
            where = await call("Runtime.evaluate", expression="location.href")
            return dom["result"]["value"] + "\n<!-- " + where["result"]["value"] + " -->", \
                "".join(frames)


def _chromium(debug_port: int, profile: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1000,700", f"--user-data-dir={profile}",
         "--remote-debugging-address=127.0.0.1", f"--remote-debugging-port={debug_port}",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("with_secret", [True, False])
def test_headless_chromium_gets_the_board_only_with_the_secret(served, tmp_path, with_secret):
    debug_port = free_port()
    profile = Path(tempfile.mkdtemp(prefix="np-chromium-"))
    browser = _chromium(debug_port, profile)
    shot = tmp_path / "netplan-in-chromium.png"
    url = served.url if with_secret else f"http://127.0.0.1:{served.port}/"
    try:
        dom, frames = asyncio.run(_cdp_open(debug_port, url, shot, until_board=with_secret))
    finally:
        _stop(browser)
        shutil.rmtree(profile, ignore_errors=True)
    if with_secret:
        # textual.js built an xterm terminal and the app's Board came over its websocket.
        assert 'class="textual-terminal' in dom and "xterm-screen" in dom
        assert "Board" in frames
        assert "token=" not in dom.rsplit("<!--", 1)[1]  # the secret left the address bar
        assert shot.stat().st_size > 5_000  # a picture of the terminal (look at it: tmp_path)
    else:
        assert "403" in dom and "xterm" not in dom and not frames
