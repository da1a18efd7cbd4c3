"""Commands run with the cyclic collector off; a caller in the same process gets it back."""

from __future__ import annotations

import gc
import subprocess
import sys

from netplan.cli import main


def test_a_command_called_in_process_turns_the_collector_on_again(store_path, capsys):
    assert gc.isenabled()
    assert main(["where", "--db", str(store_path)]) == 0
    assert str(store_path) in capsys.readouterr().out
    assert gc.isenabled()


def test_the_program_leaves_it_off_for_the_moment_it_has_left(store_path):
    """As `netplan` itself the process ends with the command: turning the collector on
    again would only walk every object the command made (0.3-0.7 s at 50,000 contacts)."""
    code = ("import gc, sys; from netplan.cli import main; "
            f"sys.argv = ['netplan', 'where', '--db', {str(store_path)!r}]; "
            "status = main(); print('collector', gc.isenabled()); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert "collector False" in done.stdout
