"""SIGKILL inside the checkpoint that follows a saved line: what was reported is in the book.

A child process logs lines through a real Session with the automatic checkpoint made
frequent. It prints "F seq" when a line's journal fsync is done (the store's listener
runs then) and "O seq" when `execute` returned its outcome. The parent kills it at
random, half the time just after an "F" that a checkpoint follows. Every reported
outcome, and every fsync'd line, must be in the book afterwards.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)

CHILD = r"""
import sys
from pathlib import Path
from cockpit.services.session import Session
from cockpit.services.clock import fixed_clock
from datetime import datetime, UTC
book, start = Path(sys.argv[1]), int(sys.argv[2])
session = Session.open(book, clock=fixed_clock(datetime(2026, 11, 25, 10, 30, tzinfo=UTC)))
session.store.checkpoint_lines = 5  # every few lines: the post-fsync checkpoint runs
def fsynced(changes):
    for c in changes or ():
        if c.table == "activities" and c.after is not None:
            sys.stdout.write(f"F {session.store.last_seq} {c.after['text']}\n")
            sys.stdout.flush()
session.store.subscribe(fsynced)
print("ready", flush=True)
n = start
while True:
    n += 1
    outcome = session.execute(f"note @acme n{n}")
    assert not outcome.warnings, outcome.warnings
    sys.stdout.write(f"O {outcome.seq} {n}\n"); sys.stdout.flush()
"""

KILLS = 15


def _reader(child: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert child.stdout is not None
    for line in child.stdout:
        lines.put(line)
    lines.put(None)


def _run_and_kill(book: Path, start: int, rng: random.Random) -> tuple[list[str], bool]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(book), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_reader, args=(child, lines), daemon=True).start()
    aim = rng.random() < 0.5
    seen: list[str] = []
    deadline = float("inf")
    aimed = False
    try:
        while True:
            line = lines.get(timeout=60)
            if line is None:
                raise AssertionError(f"the child died on its own: {seen[-3:]}")
            seen.append(line)
            if line.startswith("ready"):
                deadline = time.monotonic() + rng.uniform(0.05, 0.4)
            if time.monotonic() < deadline:
                continue
            if not aim:
                break
            if line.startswith("F ") and int(line.split()[1]) % 6 == 0:
                # A checkpoint follows this fsync (5 lines passed): kill inside it.
                time.sleep(rng.uniform(0, 0.02))
                aimed = True
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    while (line := lines.get(timeout=10)) is not None:
        seen.append(line)
    return seen, aimed


@pytest.mark.slow
def test_a_kill_in_the_post_fsync_checkpoint_keeps_what_was_reported(tmp_path: Path) -> None:
    book = tmp_path / "cockpit.json"
    seed = Session.open(book, clock=fixed_clock(NOW))
    seed.execute('account "Acme"')
    seed.close()
    rng = random.Random(20261204)
    reported: set[int] = set()
    fsynced: set[str] = set()
    aimed = 0
    start = 0
    for _ in range(KILLS):
        seen, hit = _run_and_kill(book, start, rng)
        aimed += hit
        for line in seen:
            word, *rest = line.split()
            if word == "O":
                reported.add(int(rest[1]))
                start = max(start, int(rest[1]))
            elif word == "F":
                fsynced.add(rest[1])
        start += 1000
        session = Session.open(book, clock=fixed_clock(NOW))
        texts = {a.text for a in session.book.activities.values()}
        session.close()
        missing = sorted(n for n in reported if f"n{n}" not in texts)
        assert not missing, f"reported as logged but not in the book: {missing[:5]}"
        lost = sorted(fsynced - texts)
        assert not lost, f"fsync'd (the outcome decided) but not in the book: {lost[:5]}"
    assert len(reported) > KILLS  # the children did real work
    assert aimed >= 3  # and some kills landed inside a post-fsync checkpoint
