"""Entry point: `netplan` and `python -m netplan`."""

from __future__ import annotations

import sys

NEEDS_POSIX = ("netplan needs a POSIX system (Linux, macOS, a BSD; on Windows, WSL): "
               "it locks its store with fcntl, which this Python does not have")


def main(argv: list[str] | None = None) -> int:
    # Every command opens the store under an fcntl lock: without fcntl (Windows'
    # Python) say so in one line, before any import could fail with a traceback.
    try:
        import fcntl  # noqa: F401
    except ImportError:
        print(NEEDS_POSIX, file=sys.stderr)
        return 2
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
