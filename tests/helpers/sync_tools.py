"""The real sync tools for the sync tests: a Radicale server on 127.0.0.1 (auth none,
storage in the test's folder), vdirsyncer, khard and todoman, each with its config in
the test's folder and HOME / XDG_CONFIG_HOME pointed there."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
USER = "ada"


def tool(name: str) -> str:
    return str(BIN / name)


def have(*names: str) -> bool:
    return all((BIN / n).exists() for n in names)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tool_env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CACHE_HOME": str(home / ".cache"),
            "PATH": f"{BIN}:/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"}


def run(args: list[str], home: Path, *, check: bool = True, stdin: str | None = None
        ) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=30,
                          env=tool_env(home), input=stdin if stdin is not None else "")
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stdout}"
                             f"\n{proc.stderr}")
    return proc


class Radicale:
    """A Radicale server of the test's own, with an address book and a calendar."""

    def __init__(self, root: Path):
        self.root = root
        self.storage = root / "radicale"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{USER}/"
        for name, props in (("contacts", {"tag": "VADDRESSBOOK"}),
                            ("calendar", {"tag": "VCALENDAR"})):
            folder = self.storage / "collection-root" / USER / name
            folder.mkdir(parents=True)
            (folder / ".Radicale.props").write_text(json.dumps(props))
        self.config = root / "radicale.conf"
        self.config.write_text(f"[server]\nhosts = 127.0.0.1:{self.port}\n[auth]\ntype = none\n"
                               f"[storage]\nfilesystem_folder = {self.storage}\n"
                               "[logging]\nlevel = warning\n")
        self.proc: subprocess.Popen | None = None

    def start(self) -> Radicale:
        self.proc = subprocess.Popen([tool("radicale"), "--config", str(self.config)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=tool_env(self.root))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(
                        f"radicale did not start: {self.proc.stderr.read()}") from None
                time.sleep(0.05)
        raise AssertionError("radicale did not open its port in 20 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def items(self, collection: str) -> dict[str, str]:
        """What the server holds: href name → item text (read from its storage)."""
        folder = self.storage / "collection-root" / USER / collection
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
                if p.is_file() and not p.name.startswith(".")}

    def put(self, collection: str, name: str, text: str) -> None:
        """Change an item on the server as a phone would (an HTTP PUT)."""
        kind = "text/vcard" if collection == "contacts" else "text/calendar"
        req = urllib.request.Request(f"{self.url}{collection}/{name}", method="PUT",
                                     data=text.encode("utf-8"),
                                     headers={"Content-Type": f"{kind}; charset=utf-8"})
        req.add_header("Authorization", "Basic YWRhOng=")  # ada:x (auth none takes any)
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status in (200, 201, 204), resp.status

    def delete(self, collection: str, name: str) -> None:
        req = urllib.request.Request(f"{self.url}{collection}/{name}", method="DELETE")
        req.add_header("Authorization", "Basic YWRhOng=")
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status in (200, 204), resp.status


def vdirsyncer_config(root: Path, server: Radicale, cards: Path, calendar: Path) -> Path:
    """The pairs the README shows: netplan's folders as the local side."""
    text = f"""[general]
status_path = "{root}/vdirsyncer-status/"

[pair netplan_contacts]
a = "netplan_cards"
b = "server_contacts"
collections = null
conflict_resolution = "b wins"

[storage netplan_cards]
type = "filesystem"
path = "{cards}/"
fileext = ".vcf"

[storage server_contacts]
type = "carddav"
url = "{server.url}contacts/"
username = "{USER}"
password = "x"

[pair netplan_calendar]
a = "netplan_ics"
b = "server_calendar"
collections = null
conflict_resolution = "b wins"

[storage netplan_ics]
type = "filesystem"
path = "{calendar}/"
fileext = ".ics"

[storage server_calendar]
type = "caldav"
url = "{server.url}calendar/"
username = "{USER}"
password = "x"
"""
    path = root / "vdirsyncer.conf"
    path.write_text(text)
    return path
