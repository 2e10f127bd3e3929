"""Helpers shared by the store tests."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.store import Backend, FileBackend, MemoryBackend, SystemRefused
from cockpit.store.model import Token
from cockpit.store.paths import journal_path


class Clock:
    """A settable clock; tests move it by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


class _Failing:
    """Named operations fail as a full disk would (``failing``); the rest work."""

    failing: set[str]

    def _check(self, op: str, path: Path) -> None:
        if op in self.failing:
            raise SystemRefused(path, "disk full")

    def write_book(self, book: Path, data: bytes) -> Token:
        self._check("write_book", book)
        return super().write_book(book, data)  # type: ignore[misc, no-any-return]

    def append_journal(self, book: Path, data: bytes) -> Token:
        self._check("append_journal", journal_path(book))
        return super().append_journal(book, data)  # type: ignore[misc, no-any-return]


class FailingBackend(_Failing, MemoryBackend):
    """A MemoryBackend whose named operations fail as a full disk would."""

    def __init__(self) -> None:
        super().__init__()
        self.failing = set()


class FailingFileBackend(_Failing, FileBackend):
    """Real files, but the named operations fail as a full disk would."""

    def __init__(self) -> None:
        self.failing = set()


def put_bytes(backend: Backend, path: Path, data: bytes) -> None:
    """Write raw bytes where a book or journal lives, whatever the backend."""
    if isinstance(backend, MemoryBackend):
        backend.write_file(path, data)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def book_bytes(backend: Backend, book: Path) -> tuple[bytes | None, bytes]:
    """The book's and the journal's bytes as they are now."""
    got = backend.read_book(book)
    return (None if got is None else got[0]), (backend.read_file(journal_path(book)) or b"")


REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("child.py")


def spawn(*args: str, stdin: bool = False) -> subprocess.Popen[str]:
    """Start ``child.py`` with ``args`` as another process, its stdout a pipe."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    )
