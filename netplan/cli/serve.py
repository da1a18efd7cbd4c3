"""`netplan serve`: the same TUI in a web browser, through textual-serve.

textual-serve has no authentication: anyone who can reach the port gets the
whole store. So it binds to 127.0.0.1 and people reach it through an SSH
tunnel; binding anywhere else needs an explicit yes.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

from .args import UsageError, store_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'netplan[serve]'"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve", parents=[common],
        help="the same TUI in a web browser (textual-serve; no authentication)",
        description="Serve the netplan TUI to a web browser. There is no authentication: it "
        "binds to 127.0.0.1; reach it from another device through `ssh -L 8000:127.0.0.1:8000`.",
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
    p.add_argument("--yes", action="store_true",
                   help="bind to a non-loopback --host without asking (there is no authentication)")
    p.set_defaults(func=cmd_serve)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so treat it as exposed


def served_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser: netplan on the same store."""
    argv = [sys.executable, "-m", "netplan", "--db", str(store_path(args))]
    if _readonly(args):
        argv.append("--readonly")
    return shlex.join(argv)  # textual-serve runs it through the shell


def _readonly(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "readonly", False) or getattr(args, "serve_readonly", False))


def _confirm_exposed(host: str, assume_yes: bool) -> None:
    print(
        f"netplan: warning: serving on {host} lets anyone who can reach this address use netplan "
        "with your whole store; there is no password or other authentication. "
        "Prefer the default 127.0.0.1 and `ssh -L 8000:127.0.0.1:8000 HOST`.",
        file=sys.stderr,
    )
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"refusing to serve on {host} without --yes (no authentication)")
    try:
        answer = input(f"Serve on {host} anyway? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise UsageError("not serving")


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        print(f"netplan: `netplan serve` needs textual-serve: {INSTALL_HINT}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        _confirm_exposed(args.host, args.yes)
    # Open (create or migrate) the store once here, so a damaged store is reported
    # on this terminal instead of inside every browser session.
    from ..store.database import open_store

    open_store(store_path(args), readonly=_readonly(args))
    host = args.host.strip("[]")
    url_host = f"[{host}]" if ":" in host else host
    server = Server(
        served_command(args), host=host, port=args.port, title="netplan",
        public_url=args.public_url or f"http://{url_host}:{args.port}",
    )
    try:
        server.serve()
    except OSError as exc:  # most often: the port is taken
        problem = exc.strerror or exc
        print(f"netplan: cannot serve on {host}:{args.port}: {problem}", file=sys.stderr)
        return 1
    return 0
