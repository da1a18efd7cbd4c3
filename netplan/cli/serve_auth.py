"""Who may use `netplan serve`: a secret per start, a same-origin check, no outside links.

textual-serve has no access control of its own, and loopback is none on a machine with
more than one account. So every request to the served app must carry the secret that
`netplan serve` printed: once as `?token=` in the URL, after that as a cookie
(HttpOnly, SameSite=Strict). Anything else gets a bare 403. The Host header must be
the address served (a web page that re-points its own name at 127.0.0.1, DNS
rebinding, gets 403) and a websocket upgrade must come from a page of that same
address (its Origin), so no other web page in the owner's browser can drive a session.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import os
import secrets
import socket
import stat
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from ..support.network import is_loopback
from ..support.private_files import write_new

TOKEN_PARAM = "token"
MIN_TOKEN_CHARS = 22  # token_urlsafe(16) is 22 characters: 128 bits
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
FORBIDDEN_TEXT = ("403 Forbidden: this netplan needs the secret in the address that "
                  "`netplan serve` printed.\n")


class TokenFileError(Exception):
    """A --token-file that is not the user's private file."""


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def load_token_file(path: str | os.PathLike[str]) -> str:
    """The secret kept in `path`; a fresh one is written there (0600) when it is missing.

    The file must be a regular file of this user's, not a link, readable by nobody else.
    """
    p = Path(path).expanduser()
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        secret = new_secret()
        try:
            write_new(p, (secret + "\n").encode())  # 0600 whatever the umask; never over a file
        except OSError as exc:
            raise TokenFileError(f"cannot create {p}: {exc.strerror or exc}") from None
        return secret
    except OSError as exc:
        if p.is_symlink():
            raise TokenFileError(f"{p} is a link; give the token file itself") from None
        raise TokenFileError(f"cannot read {p}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TokenFileError(f"{p} is not a regular file")
        if info.st_uid != os.geteuid():
            raise TokenFileError(f"{p} belongs to someone else; it must be your own file")
        if info.st_mode & 0o077:
            raise TokenFileError(f"{p} can be read by others (mode {info.st_mode & 0o777:o}); "
                                 f"run `chmod 600 {p}` first")
        data = os.read(fd, 4096)
    finally:
        os.close(fd)
    secret = data.decode("ascii", "replace").strip()
    if len(secret) < MIN_TOKEN_CHARS or not all(c.isalnum() or c in "-_" for c in secret):
        raise TokenFileError(f"{p} does not hold a usable secret (at least {MIN_TOKEN_CHARS} "
                             "letters, digits, - or _); delete it and a new one is made")
    return secret


def same_secret(given: str | None, secret: str) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode())


class Guard:
    """The aiohttp middleware: Host, Origin and secret, checked on every request."""

    def __init__(self, secret: str, hosts: set[str], *, any_loopback_port: bool,
                 cookie: str, port: int | None = None):
        self.secret = secret
        self.hosts = {h.lower() for h in hosts}
        self.any_loopback_port = any_loopback_port  # a unix socket: the tunnel picks the port
        self.cookie = cookie
        self.port = port

    def host_ok(self, host: str) -> bool:
        """A name of this server, or an IP address (DNS rebinding needs a name) on its port."""
        host = host.lower()
        if host in self.hosts:
            return True
        name, _, port = host.rpartition(":")
        if not port.isdigit():
            return False
        if self.any_loopback_port:  # a unix socket: the tunnel picks the port
            return name in LOOPBACK_NAMES
        if self.port is not None and int(port) == self.port:
            try:
                ipaddress.ip_address(name.strip("[]"))
            except ValueError:
                return False
            return True
        return False

    def origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            # Browsers always send Origin on a websocket upgrade; a page's own GETs may not.
            return request.headers.get("Upgrade", "").lower() != "websocket"
        return origin.lower() in {f"{s}://{request.host.lower()}" for s in ("http", "https")}

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        if not self.host_ok(request.host or "") or not self.origin_ok(request):
            return forbidden()
        from_url = request.query.get(TOKEN_PARAM)
        if same_secret(from_url, self.secret):
            response = await handler(request)
            if not response.prepared:
                response.set_cookie(self.cookie, self.secret, httponly=True,
                                    samesite="Strict", path="/")
        elif same_secret(request.cookies.get(self.cookie), self.secret):
            response = await handler(request)
        else:
            return forbidden()
        for name, value in SAFETY_HEADERS.items():
            if not response.prepared:
                response.headers.setdefault(name, value)
        return response


SAFETY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def forbidden() -> web.Response:
    return web.Response(status=403, text=FORBIDDEN_TEXT, headers={"Cache-Control": "no-store"})


def allowed_hosts(host: str | None, port: int | None, public_url: str | None) -> set[str]:
    """The Host headers that name this server: the address served, its loopback aliases,
    and the public URL's."""
    hosts: set[str] = set()
    if host is not None and port is not None:
        url_host = f"[{host}]" if ":" in host else host
        names = {url_host}
        if is_loopback(host):
            names |= set(LOOPBACK_NAMES)
        for name in names:
            hosts.add(f"{name}:{port}")
            if port == 80:
                hosts.add(name)
    if public_url:
        parts = urlsplit(public_url)
        if parts.netloc:
            hosts.add(parts.netloc)
    return hosts


class GuardedServer(Server):
    """textual-serve's Server with the Guard in front and a page of our own."""

    def __init__(self, command: str, *, guard: Guard, sock: socket.socket,
                 title: str, public_url: str, note: str = ""):
        super().__init__(command, title=title, public_url=public_url)
        self.note = note
        self.guard = guard
        self.sock = sock
        from rich.console import Console

        self.console = Console(stderr=True)  # stdout carries the URL, and only that

    async def _make_app(self) -> web.Application:
        # textual-serve builds its aiohttp Application in this private method (1.1.x);
        # the only private name netplan uses. tests/e2e/test_serve_auth.py fails if it goes.
        app = await super()._make_app()
        app.middlewares.insert(0, self.guard.middleware)
        return app

    async def on_startup(self, app: web.Application) -> None:
        note = self.note or f"serving {self.title} on {self.public_url}/"
        print(f"netplan: {note} (Ctrl+C stops)", file=self.console.file, flush=True)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page: textual-serve's terminal, with nothing loaded from another host."""
        size = request.query.get("fontsize", "16")
        font_size = int(size) if size.isdigit() and 6 <= int(size) <= 64 else 16
        static = "/static/"
        # The Host header passed the Guard: it names this server as the browser reaches it
        # (a tunnel's local port included).
        scheme = "wss" if self.public_url.startswith("https:") else "ws"
        ws = f"{scheme}://{request.host}/ws"
        page = PAGE.format(
            title=html.escape(self.title), static=html.escape(static),
            ws=html.escape(ws), font_size=font_size,
        )
        response = web.Response(text=page, content_type="text/html")
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {ws}; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")
        return response

    def serve(self, debug: bool = False) -> None:
        import asyncio
        import signal

        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        # No access log: a request line can hold the secret.
        web.run_app(self._make_app(), sock=self.sock, handle_signals=False, loop=loop,
                    access_log=None, print=lambda *args: None)


# The terminal page. textual.js draws into #terminal and marks <body> with -first-byte
# once the app's output arrives and -closed when the session ends.
PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="{static}css/xterm.css">
<script src="{static}js/textual.js"></script>
<style>
@font-face {{ font-family: "Roboto Mono";
  src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }}
html, body {{ margin: 0; background: #0c181f; color: #eee;
  font-family: "Roboto Mono", monospace; }}
.notice {{ position: absolute; inset: 0; display: flex; align-items: center;
  justify-content: center; z-index: 10; background: #0c181f; }}
body.-first-byte .starting {{ display: none; }}
.ended {{ display: none; }}
body.-closed .ended {{ display: flex; }}
.textual-terminal {{ opacity: 0; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
button {{ margin-left: 16px; padding: 8px 16px; font: inherit; }}
</style>
<script>
// The secret leaves the address bar (and history); the cookie carries it from here on.
if (new URLSearchParams(location.search).has("token")) {{
  const url = new URL(location.href);
  url.searchParams.delete("token");
  history.replaceState(null, "", url.pathname + url.search);
}}
</script>
</head>
<body>
<div class="notice starting">{title}: starting…</div>
<div class="notice ended">Session ended.
  <button type="button" onclick="location.reload()">Restart</button></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{ws}"
  data-font-size="{font_size}"></div>
</body>
</html>
"""
