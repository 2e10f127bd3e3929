"""One TUI per book: a second claim is refused with the holder's pid; stale claims are taken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.store import TuiAlreadyOpen, claim_tui
from cockpit.store.paths import tui_path

from .helpers import spawn


def test_a_second_claim_is_refused_with_the_pid(book: Path) -> None:
    first = claim_tui(book)
    assert tui_path(book).read_text().strip() == str(os.getpid())
    with pytest.raises(TuiAlreadyOpen) as refused:
        claim_tui(book)
    assert refused.value.pid == os.getpid()
    assert str(os.getpid()) in str(refused.value)
    first.release()
    assert not tui_path(book).exists()
    with claim_tui(book) as again:
        assert again.held
    assert not again.held
    again.release()  # twice is fine


def test_a_claim_held_by_another_process(book: Path) -> None:
    child = spawn("claim", str(book), stdin=True)
    try:
        assert child.stdout is not None
        word, pid = child.stdout.readline().split()
        assert word == "claimed"
        with pytest.raises(TuiAlreadyOpen) as refused:
            claim_tui(book)
        assert refused.value.pid == int(pid) == child.pid
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)
    claim_tui(book).release()


def test_a_stale_pid_file_is_taken_over(book: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    book.parent.mkdir(parents=True)
    tui_path(book).write_text(dead.stdout)
    with claim_tui(book) as claim:
        assert tui_path(book).read_text().strip() == str(os.getpid())
        assert claim.pid == os.getpid()


def test_a_killed_tui_leaves_a_claim_that_is_taken_over(book: Path) -> None:
    child = spawn("claim", str(book), stdin=True)
    assert child.stdout is not None and child.stdout.readline().startswith("claimed")
    child.kill()
    child.wait(10)
    assert tui_path(book).exists()  # the pid file is left behind...
    with claim_tui(book):  # ...but its flock died with the process
        pass
