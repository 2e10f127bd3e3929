"""A helper process for the crash, two-writer, lock and TUI tests: ``python child.py MODE ...``.

It prints one line per acknowledged write and flushes, so the parent knows exactly what
the store promised before it was killed.
"""

from __future__ import annotations

import fcntl
import os
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from cockpit.store import Store, claim_tui
from cockpit.store.paths import lock_path


def _now() -> datetime:
    return datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _say(*words: object) -> None:
    sys.stdout.write(" ".join(str(w) for w in words) + "\n")
    sys.stdout.flush()


def crash(book: Path, start: int, seed: int) -> None:
    """Commit inserts and patches forever, checkpointing every ~20 commits."""
    rng = random.Random(seed)
    store = Store.open(book, now=_now)
    _say("ready")
    n = start
    while True:
        n += 1
        ids = list(store.tables["activities"])
        if ids and rng.random() < 0.4:
            target = rng.choice(ids)
            with store.transaction(f"patch {n}") as tx:
                tx.patch("activities", target, {"v": n})
            assert tx.committed is not None
            _say("P", tx.committed.seq, target, n)
        else:
            with store.transaction(f"insert {n}") as tx:
                new = tx.insert("activities", {"n": n, "pad": "x" * rng.randrange(0, 400)})
            assert tx.committed is not None
            _say("I", tx.committed.seq, new, n)
        if n % 20 == 0:
            _say("C")
            store.checkpoint()
            _say("c")


def writer(book: Path, tag: str, count: int, go: Path) -> None:
    """Wait for the go file, then commit ``count`` inserts as fast as possible."""
    store = Store.open(book, now=_now)
    _say("ready")
    while not go.exists():
        time.sleep(0.001)
    for i in range(count):
        with store.transaction(f"{tag} {i}") as tx:
            new = tx.insert("deals", {"writer": tag, "n": i})
        _say(new)
    store.close(checkpoint=False)


def hold_lock(book: Path) -> None:
    """Hold the book's write lock until stdin closes."""
    fd = os.open(lock_path(book), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _say("locked")
    sys.stdin.read()


def claim(book: Path) -> None:
    """Hold the TUI claim until stdin closes."""
    with claim_tui(book):
        _say("claimed", os.getpid())
        sys.stdin.read()


if __name__ == "__main__":
    mode, path, *rest = sys.argv[1:]
    if mode == "crash":
        crash(Path(path), int(rest[0]), int(rest[1]))
    elif mode == "writer":
        writer(Path(path), rest[0], int(rest[1]), Path(rest[2]))
    elif mode == "hold-lock":
        hold_lock(Path(path))
    elif mode == "claim":
        claim(Path(path))
    else:
        raise SystemExit(f"unknown mode {mode}")
