"""The writers' lock: flock on ``cockpit.json.lock``, given up after a timeout."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Busy, refused_by_system
from .files import FILE_MODE

__all__ = ["LOCK_TIMEOUT", "file_lock"]

LOCK_TIMEOUT = 5.0
"""Seconds a writer waits for the lock before raising Busy."""


@contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive flock on ``path`` (created 0600); Busy if not free within ``timeout``."""
    with refused_by_system(path):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        _acquire(fd, path, timeout)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, timeout: float) -> None:
    # Poll rather than block: a blocking flock cannot time out without signals.
    # A timeout needs elapsed time, not the date, hence the monotonic clock.
    deadline = time.monotonic() + timeout
    pause = 0.0005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Busy(
                f"{path}: the book is busy: another cockpit is writing "
                f"(lock not free within {timeout:g} s)"
            )
        time.sleep(min(pause, remaining))
        pause = min(pause * 2, 0.05)
