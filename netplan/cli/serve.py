"""`netplan serve`: the same TUI in a web browser, through textual-serve.

Every start makes a fresh secret and prints the address to open with it as the
first line on stdout; a request without it gets 403 (see `serve_auth`). It binds to
127.0.0.1 (or a unix socket) and people reach it through an SSH tunnel; binding
anywhere else needs an explicit yes, because the traffic is not encrypted.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import stat
import sys
from pathlib import Path
from urllib.parse import urlsplit

from ..support.network import is_loopback
from .args import UsageError, store_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# netplan is already installed when this is shown: a plain `pipx install` would stop at
# "already installed", so the pipx command is the one that reinstalls with the extra.
INSTALL_HINT = ("pipx install --force 'netplan-tui[serve]' "
                "(or, where pip installed it: pip install 'netplan-tui[serve]')")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve", parents=[common],
        help="the same TUI in a web browser (textual-serve, behind a secret)",
        description="Serve the netplan TUI to a web browser. The first line printed is the "
        "address to open: it holds a secret made afresh at each start (or kept in "
        "--token-file); without it every request gets 403. It binds to 127.0.0.1; reach it "
        "from another device through `ssh -L 8000:127.0.0.1:8000 HOST`, or serve on a unix "
        "socket (--socket) and tunnel to that.",
    )
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default {DEFAULT_HOST}; others need --yes)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT})")
    p.add_argument("--public-url", metavar="URL",
                   help="the address the browser uses, when it differs from http://HOST:PORT "
                   "(for example a tunnel on another local port)")
    # Its own dest: the subcommand's default would otherwise reset `netplan --readonly serve`.
    p.add_argument("--readonly", dest="serve_readonly", action="store_true",
                   help="serve the TUI read-only (for a shared screen)")
    p.add_argument("--token-file", metavar="PATH",
                   help="keep the secret in this file (made 0600 when missing; refused when "
                   "others can read it), so the address stays the same across restarts")
    p.add_argument("--socket", metavar="PATH",
                   help="serve on a unix socket (made 0600) instead of --host/--port; "
                   "reach it with `ssh -L 8000:PATH HOST`")
    p.add_argument("--yes", action="store_true",
                   help="bind to a non-loopback --host without asking (traffic is not encrypted)")
    p.set_defaults(func=cmd_serve, long_running=True)  # the collector stays on


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def served_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser: netplan on the same store."""
    # NETPLAN_SERVED: the app knows it is a browser's session, not its owner's terminal
    # (exports go only under the export folder; see netplan.transfer.files).
    from ..transfer.files import SERVED_ENV

    argv = ["env", f"{SERVED_ENV}=1", sys.executable, "-m", "netplan",
            "--db", str(store_path(args))]
    if _readonly(args):
        argv.append("--readonly")
    return shlex.join(argv)  # textual-serve runs it through the shell


def _readonly(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "readonly", False) or getattr(args, "serve_readonly", False))


def _confirm_exposed(host: str, assume_yes: bool) -> None:
    print(
        f"netplan: warning: serving on {host} sends your whole store, and the secret that "
        "guards it, unencrypted over the network. "
        "Prefer the default 127.0.0.1 and `ssh -L 8000:127.0.0.1:8000 HOST`.",
        file=sys.stderr,
    )
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"refusing to serve on {host} without --yes (not encrypted)")
    try:
        answer = input(f"Serve on {host} anyway? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise UsageError("not serving")


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401  (serve_auth may already be imported)

        from . import serve_auth
    except ImportError:
        print(f"netplan: `netplan serve` needs textual-serve: {INSTALL_HINT}", file=sys.stderr)
        return 2
    if args.socket is None and not is_loopback(args.host):
        _confirm_exposed(args.host, args.yes)
    # Open (create or migrate) the store once here, so a damaged store is reported
    # on this terminal instead of inside every browser session.
    from ..store.database import open_store

    open_store(store_path(args), readonly=_readonly(args))
    if args.token_file:
        try:
            secret = serve_auth.load_token_file(args.token_file)
        except serve_auth.TokenFileError as exc:
            raise UsageError(str(exc)) from None
    else:
        secret = serve_auth.new_secret()
    host = args.host.strip("[]")
    url_host = f"[{host}]" if ":" in host else host
    try:
        if args.socket:
            sock = _unix_socket(Path(args.socket).expanduser())
            public_url = args.public_url or f"http://localhost:{DEFAULT_PORT}"
            hosts = serve_auth.allowed_hosts(None, None, args.public_url)
            cookie = "netplan-token"
        else:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            sock = socket.create_server((host, args.port), family=family)
            public_url = args.public_url or f"http://{url_host}:{args.port}"
            hosts = serve_auth.allowed_hosts(host, args.port, args.public_url)
            cookie = f"netplan-token-{args.port}"  # cookies do not tell ports apart
    except OSError as exc:  # most often: the port is taken
        where = args.socket or f"{host}:{args.port}"
        print(f"netplan: cannot serve on {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    public_url = public_url.rstrip("/")
    guard = serve_auth.Guard(secret, hosts, any_loopback_port=bool(args.socket), cookie=cookie,
                             port=None if args.socket else args.port)
    server = serve_auth.GuardedServer(served_command(args), guard=guard,
                                      sock=sock, title="netplan", public_url=public_url,
                                      note=_socket_note(args.socket, public_url))
    # The first line on stdout, and the only one: a unit or a script can read it.
    print(f"{public_url}/?{serve_auth.TOKEN_PARAM}={secret}", flush=True)
    try:
        server.serve()
    finally:
        sock.close()
        if args.socket:
            _remove_socket(Path(args.socket).expanduser())
    return 0


def _socket_note(path: str | None, public_url: str) -> str:
    if not path:
        return ""
    port = urlsplit(public_url).port or 80
    return (f"serving netplan on the unix socket {path}; from your laptop run "
            f"`ssh -L {port}:{path} THIS-HOST` and open the address printed above")


def _unix_socket(path: Path) -> socket.socket:
    """A listening unix socket at `path`, mode 0600; a stale socket of ours is replaced."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.geteuid():
            raise UsageError(f"{path} exists and is not a socket of yours; not serving there")
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink()  # nobody listens: left over from an earlier run
        else:
            raise UsageError(f"{path}: another server is listening there")
        finally:
            probe.close()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # born 0600: no moment where others may connect
    try:
        sock.bind(str(path))
    except OSError:
        sock.close()
        raise
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    sock.listen(128)
    return sock


def _remove_socket(path: Path) -> None:
    try:
        if stat.S_ISSOCK(path.lstat().st_mode):
            path.unlink()
    except OSError:
        pass
