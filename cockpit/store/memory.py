"""An in-memory Backend: the same semantics as real files, for fast tests."""

from __future__ import annotations

import itertools
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from .backend import NO_JOURNAL
from .errors import Busy
from .model import Token
from .paths import journal_path
from .segments import Ranges, SegmentDamaged

__all__ = ["MemoryBackend"]


class MemoryBackend:
    """Books held in dicts; share one instance between Stores to act as two processes."""

    def __init__(self) -> None:
        self.files: dict[Path, bytes] = {}
        self._ids: dict[Path, int] = {}
        self._versions: dict[Path, int] = {}
        self._counter = itertools.count(1)
        self._locks: dict[Path, threading.Lock] = {}
        self._guard = threading.Lock()
        self.indexes: dict[Path, tuple[Token, Ranges]] = {}
        """Each book's index, with the token of the book it was written for."""

    def _put(self, path: Path, data: bytes, *, new_identity: bool) -> None:
        if new_identity or path not in self.files:
            self._ids[path] = next(self._counter)
        self._versions[path] = next(self._counter)
        self.files[path] = data

    def _book_token(self, path: Path) -> Token:
        return Token((self._ids[path], self._versions[path]), len(self.files[path]))

    def _journal_token(self, path: Path) -> Token:
        if path not in self.files:
            return NO_JOURNAL
        return Token((0, self._ids[path]), len(self.files[path]))

    def real_path(self, book: Path) -> Path:
        """Memory paths have no links: the path itself."""
        return book

    def read_book(self, book: Path) -> tuple[bytes, Token] | None:
        """The book's bytes and token, or None if there is no book."""
        with self._guard:
            if book not in self.files:
                return None
            return self.files[book], self._book_token(book)

    def book_token(self, book: Path) -> Token | None:
        """The book's token (cheap), or None if there is no book."""
        with self._guard:
            if book not in self.files:
                return None
            return self._book_token(book)

    def read_segments(
        self, book: Path, tables: Iterable[str]
    ) -> tuple[dict[str, bytes], Token] | None:
        """Some tables' bytes (crc-checked: SegmentDamaged) and the book's token; None:
        read the whole book (no book, no index, or an index written for another book)."""
        with self._guard:
            index = self.indexes.get(book)
            if book not in self.files or index is None or index[0] != self._book_token(book):
                return None
            out: dict[str, bytes] = {}
            for name in tables:
                start, end, crc = index[1][name]
                out[name] = self.files[book][start:end]
                if zlib.crc32(out[name]) != crc:
                    raise SegmentDamaged(f"table {name!r} is damaged")
            return out, index[0]

    def write_index(self, book: Path, ranges: Ranges) -> None:
        """Record where each table sits in the book just written."""
        with self._guard:
            self.indexes[book] = (self._book_token(book), dict(ranges))

    def write_book(self, book: Path, data: bytes) -> Token:
        """Replace the book atomically; return the new token."""
        with self._guard:
            self._put(book, bytes(data), new_identity=True)
            return self._book_token(book)

    def journal_token(self, book: Path) -> Token:
        """The journal's token (cheap)."""
        with self._guard:
            return self._journal_token(journal_path(book))

    def read_journal(self, book: Path, offset: int) -> tuple[bytes, Token]:
        """The journal's bytes from ``offset`` to its end, and the token they belong to."""
        path = journal_path(book)
        with self._guard:
            return self.files.get(path, b"")[offset:], self._journal_token(path)

    def append_journal(self, book: Path, data: bytes) -> Token:
        """Append ``data``; return the new token."""
        path = journal_path(book)
        with self._guard:
            self._put(path, self.files.get(path, b"") + data, new_identity=False)
            return self._journal_token(path)

    def truncate_journal(self, book: Path, size: int) -> Token:
        """Cut the journal to ``size`` bytes."""
        path = journal_path(book)
        with self._guard:
            self._put(path, self.files.get(path, b"")[:size], new_identity=False)
            return self._journal_token(path)

    def reset_journal(self, book: Path) -> Token:
        """Replace the journal with an empty one (a new identity)."""
        path = journal_path(book)
        with self._guard:
            self._put(path, b"", new_identity=True)
            return self._journal_token(path)

    def lock(self, book: Path, timeout: float) -> AbstractContextManager[None]:
        """Hold the book's in-process lock; Busy if it is not free within ``timeout`` s."""
        with self._guard:
            lock = self._locks.setdefault(book, threading.Lock())
        return _held(lock, book, timeout)

    def sweep(self, book: Path) -> None:
        """Nothing to sweep: memory writes leave no temp files."""

    def write_file(self, path: Path, data: bytes) -> None:
        """Write a side file."""
        with self._guard:
            self._put(path, bytes(data), new_identity=True)

    def read_file(self, path: Path) -> bytes | None:
        """A side file's bytes, or None if it does not exist."""
        with self._guard:
            return self.files.get(path)

    def remove_file(self, path: Path) -> None:
        """Delete a side file if it exists."""
        with self._guard:
            self.files.pop(path, None)

    def list_dir(self, folder: Path) -> list[tuple[str, int]]:
        """Names and sizes of the files directly in ``folder``."""
        with self._guard:
            return [(p.name, len(d)) for p, d in self.files.items() if p.parent == folder]


@contextmanager
def _held(lock: threading.Lock, book: Path, timeout: float) -> Iterator[None]:
    if not lock.acquire(timeout=timeout):
        raise Busy(
            f"{book}: the book is busy: another cockpit is writing "
            f"(lock not free within {timeout:g} s)"
        )
    try:
        yield
    finally:
        lock.release()
