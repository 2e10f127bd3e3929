"""Where a book's bytes live: the Backend protocol and its real-file implementation."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from .errors import SystemRefused, refused_by_system
from .files import (
    append_durable,
    append_token,
    atomic_write,
    ensure_dir,
    fsync_dir,
    refuse_read_only,
    stat_token,
    sweep_temp,
)
from .lock import file_lock
from .model import Token
from .paths import backups_dir, journal_path, lock_path
from .segments import Ranges, index_bytes, index_path, read_segments

__all__ = ["NO_JOURNAL", "Backend", "FileBackend", "Token"]

NO_JOURNAL = Token((0, 0), 0)
"""The journal token of a missing journal."""


class Backend(Protocol):
    """The few operations the store needs from storage, all keyed by the book's path.

    A journal's token changes identity when the journal is replaced (emptied at a
    checkpoint), size when it grows or is cut. What the
    system refuses (permissions, disk full, read-only files) raises SystemRefused.
    """

    def real_path(self, book: Path) -> Path:
        """The book's real path (symlinks followed), where every side file belongs."""
        ...

    def read_book(self, book: Path) -> tuple[bytes, Token] | None:
        """The book's bytes and token, or None if there is no book."""
        ...

    def book_token(self, book: Path) -> Token | None:
        """The book's token (cheap), or None if there is no book."""
        ...

    def read_segments(
        self, book: Path, tables: Iterable[str]
    ) -> tuple[dict[str, bytes], Token] | None:
        """Some tables' bytes (crc-checked: SegmentDamaged) and the book's token; None:
        read the whole book (no book, no index, or an index that does not match it)."""
        ...

    def write_index(self, book: Path, ranges: Ranges) -> None:
        """Record where each table sits in the book just written (a cache: may fail)."""
        ...

    def write_book(self, book: Path, data: bytes) -> Token:
        """Replace the book atomically and durably; return the new token."""
        ...

    def journal_token(self, book: Path) -> Token:
        """The journal's token (cheap)."""
        ...

    def read_journal(self, book: Path, offset: int) -> tuple[bytes, Token]:
        """The journal's bytes from ``offset`` to its end, and the token they belong to."""
        ...

    def append_journal(self, book: Path, data: bytes) -> Token:
        """Append ``data`` durably (fsync'd before return); return the new token."""
        ...

    def truncate_journal(self, book: Path, size: int) -> Token:
        """Cut the journal to ``size`` bytes (drops a torn last line)."""
        ...

    def reset_journal(self, book: Path) -> Token:
        """Replace the journal with an empty one (a new identity)."""
        ...

    def lock(self, book: Path, timeout: float) -> AbstractContextManager[None]:
        """Hold the book's write lock; Busy if it is not free within ``timeout`` s."""
        ...

    def sweep(self, book: Path) -> None:
        """Remove stale temp files (older than 60 s) beside the book; call under the lock."""
        ...

    def write_file(self, path: Path, data: bytes) -> None:
        """Write a side file (backup, kept-aside copy) atomically; folders made 0700."""
        ...

    def read_file(self, path: Path) -> bytes | None:
        """A side file's bytes, or None if it does not exist."""
        ...

    def remove_file(self, path: Path) -> None:
        """Delete a side file if it exists."""
        ...

    def list_dir(self, folder: Path) -> list[tuple[str, int]]:
        """Names and sizes of the files in ``folder`` (empty if it does not exist)."""
        ...


class FileBackend:
    """Real files: atomic replace, fsync'd appends, flock, 0600 files and 0700 folders.

    Every OSError leaves as SystemRefused naming the file and the reason.
    """

    def real_path(self, book: Path) -> Path:
        """The book's real path (symlinks followed), where every side file belongs."""
        with refused_by_system(book):
            return Path(os.path.realpath(book))

    def read_book(self, book: Path) -> tuple[bytes, Token] | None:
        """The book's bytes and token, or None if there is no book."""
        with refused_by_system(book):
            try:
                fd = os.open(book, os.O_RDONLY)
            except FileNotFoundError:
                return None
            # One open file for both, so the token matches the bytes even if replaced meanwhile.
            with os.fdopen(fd, "rb") as fh:
                token = stat_token(os.fstat(fd))
                return fh.read(), token

    def book_token(self, book: Path) -> Token | None:
        """The book's token (cheap), or None if there is no book."""
        with refused_by_system(book):
            try:
                return stat_token(os.stat(book))
            except FileNotFoundError:
                return None

    def write_book(self, book: Path, data: bytes) -> Token:
        """Replace the book atomically and durably; return the new token."""
        with refused_by_system(book):
            ensure_dir(book.parent)
            refuse_read_only(book)
            return stat_token(atomic_write(book, data))

    def read_segments(
        self, book: Path, tables: Iterable[str]
    ) -> tuple[dict[str, bytes], Token] | None:
        """Some tables' bytes (crc-checked: SegmentDamaged) and the book's token; None:
        read the whole book (no book, no index, or an index that does not match it)."""
        try:
            got = read_segments(book, tables)
        except FileNotFoundError:
            return None
        return None if got is None else (got[0], stat_token(got[1]))

    def write_index(self, book: Path, ranges: Ranges) -> None:
        """Record where each table sits in the book just written (a cache: may fail)."""
        # Written after the book is replaced: a crash in between leaves an index that no
        # longer matches the book's identity, which reads as "no index" (a full load).
        atomic_write(index_path(book), index_bytes(ranges, os.stat(book)))

    def journal_token(self, book: Path) -> Token:
        """The journal's token (cheap)."""
        path = journal_path(book)
        with refused_by_system(path):
            try:
                return append_token(os.stat(path))
            except FileNotFoundError:
                return NO_JOURNAL

    def read_journal(self, book: Path, offset: int) -> tuple[bytes, Token]:
        """The journal's bytes from ``offset`` to its end, and the token they belong to."""
        path = journal_path(book)
        with refused_by_system(path):
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                return b"", NO_JOURNAL
            with os.fdopen(fd, "rb") as fh:
                st = os.fstat(fd)
                fh.seek(offset)
                data = fh.read()
        # Report the size we actually read up to, even if the journal grew since the fstat.
        size = offset + len(data) if st.st_size >= offset else st.st_size
        return data, Token((st.st_dev, st.st_ino), size)

    def append_journal(self, book: Path, data: bytes) -> Token:
        """Append ``data`` durably (fsync'd before return); return the new token."""
        path = journal_path(book)
        with refused_by_system(path):
            return append_durable(path, data)

    def truncate_journal(self, book: Path, size: int) -> Token:
        """Cut the journal to ``size`` bytes (drops a torn last line)."""
        path = journal_path(book)
        with refused_by_system(path):
            fd = os.open(path, os.O_WRONLY)
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
                st = os.fstat(fd)
            finally:
                os.close(fd)
        return append_token(st)

    def reset_journal(self, book: Path) -> Token:
        """Replace the journal with an empty one (a new identity)."""
        path = journal_path(book)
        with refused_by_system(path):
            refuse_read_only(path)
            return append_token(atomic_write(path, b""))

    def lock(self, book: Path, timeout: float) -> AbstractContextManager[None]:
        """Hold the book's write lock; Busy if it is not free within ``timeout`` s.

        Every write happens under it, so it refuses (SystemRefused) a read-only book or
        journal before anything is written.
        """
        return _locked(book, timeout)

    def sweep(self, book: Path) -> None:
        """Remove stale temp files (older than 60 s) beside the book; call under the lock."""
        with refused_by_system(book.parent):
            sweep_temp(book.parent, book.name)
            sweep_temp(backups_dir(book), book.stem)

    def write_file(self, path: Path, data: bytes) -> None:
        """Write a side file (backup, kept-aside copy) atomically; folders made 0700."""
        with refused_by_system(path):
            ensure_dir(path.parent)
            atomic_write(path, data)

    def read_file(self, path: Path) -> bytes | None:
        """A side file's bytes, or None if it does not exist."""
        with refused_by_system(path):
            try:
                return path.read_bytes()
            except FileNotFoundError:
                return None

    def remove_file(self, path: Path) -> None:
        """Delete a side file if it exists."""
        with refused_by_system(path), contextlib.suppress(FileNotFoundError):
            os.unlink(path)
            fsync_dir(path.parent)

    def list_dir(self, folder: Path) -> list[tuple[str, int]]:
        """Names and sizes of the files in ``folder`` (empty if it does not exist)."""
        out: list[tuple[str, int]] = []
        with refused_by_system(folder):
            try:
                entries = list(os.scandir(folder))
            except (FileNotFoundError, NotADirectoryError):
                return out
            for entry in entries:
                with contextlib.suppress(FileNotFoundError):
                    if entry.is_file(follow_symlinks=False):
                        out.append((entry.name, entry.stat(follow_symlinks=False).st_size))
        return out


@contextmanager
def _locked(book: Path, timeout: float) -> Iterator[None]:
    with refused_by_system(book.parent):
        ensure_dir(book.parent)
        if not os.access(book.parent, os.W_OK):
            # The journal may still take a line, but no checkpoint could ever follow.
            raise SystemRefused(book.parent, "the folder is read-only; nothing was written")
        refuse_read_only(book)
        refuse_read_only(journal_path(book))
    with file_lock(lock_path(book), timeout):
        yield
