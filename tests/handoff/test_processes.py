"""The handoff when the open cockpit is dead or stuck: a real TUI process, killed or stopped.

A TUI killed with -9 leaves its socket file behind: the next command notices nobody
listens, removes it and runs itself. A TUI that is stopped (SIGSTOP: it accepts nothing,
answers nothing) makes the command give up after 5 s with exit 4, and the line is
written at most once, even once the TUI wakes up.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from cockpit.demo import write_demo
from cockpit.ui.handoff_server import book_socket
from tests.handoff.helpers import ENV, NOW, cockpit, journal_lines

CHILD = Path(__file__).with_name("tui_child.py")

pytestmark = pytest.mark.slow


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "cockpit.json"
    write_demo(path, datetime.fromisoformat(NOW))
    return path


@pytest.fixture
def tui(book: Path) -> Iterator[subprocess.Popen[str]]:
    """A headless cockpit open on the book, listening once this yields."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(book)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    yield child
    if child.poll() is None:
        child.send_signal(signal.SIGCONT)
        child.kill()
    child.wait(timeout=30)


def test_a_cockpit_killed_with_9_leaves_a_socket_the_next_command_ignores(
    book: Path, tui: subprocess.Popen[str]
) -> None:
    socket_file = book_socket(book)
    handed = cockpit(book, "log", 'call #22 out:connected "to the open cockpit"')
    assert handed.returncode == 0, handed.stderr
    tui.kill()  # SIGKILL: no clean-up of any kind
    tui.wait(timeout=30)
    assert os.path.exists(socket_file)  # what a killed TUI leaves behind
    alone = cockpit(book, "log", 'call #22 out:connected "after the kill"')
    assert (alone.returncode, alone.stderr) == (0, "")
    assert alone.stdout.startswith("logged call on #22 ")
    assert not os.path.exists(socket_file)  # the stale socket was removed
    assert journal_lines(book) == 2


def test_a_stuck_cockpit_gives_exit_4_and_never_a_second_write(
    book: Path, tui: subprocess.Popen[str]
) -> None:
    tui.send_signal(signal.SIGSTOP)
    started = time.monotonic()
    stuck = cockpit(book, "log", 'call #22 out:connected "while it is stuck"')
    waited = time.monotonic() - started
    assert stuck.returncode == 4
    assert stuck.stdout == ""
    assert stuck.stderr.startswith(f"cockpit: error: the open cockpit (pid {tui.pid}) did not")
    assert len(stuck.stderr.splitlines()) == 1
    assert 5.0 <= waited < 30
    assert journal_lines(book) == 0  # the command did not run the line itself
    # The cockpit wakes up and finds the request: its client gave up, so it writes nothing.
    tui.send_signal(signal.SIGCONT)
    after = cockpit(book, "today")
    assert after.returncode == 0, after.stderr
    assert journal_lines(book) == 0
