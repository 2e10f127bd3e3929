"""The store's exceptions; each maps to one CLI exit code."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "BookRefused",
    "Busy",
    "NothingToUndo",
    "StoreError",
    "SystemRefused",
    "TuiAlreadyOpen",
    "UndoConflict",
    "refused_by_system",
    "system_reason",
    "system_refusal",
]


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class BookRefused(StoreError):
    """The book (or its journal) is damaged, newer or unreadable: nothing was touched."""

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        hint = f"newest backup: {backup}" if backup is not None else "no backup found"
        super().__init__(f"{path}: {reason}; {hint}")


class SystemRefused(StoreError):
    """The system refused a file operation (permissions, disk full, a folder where a file
    should be, a read-only file): nothing was written. ``path`` is the file it refused."""

    def __init__(self, path: Path | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(reason if path is None else f"{path}: {reason}")


class Busy(StoreError):
    """The write lock was not free within the timeout."""


class NothingToUndo(StoreError):
    """No command is left that undo could reverse."""


class UndoConflict(StoreError):
    """A later command changed the same records, so undo would lose its work."""


class TuiAlreadyOpen(StoreError):
    """Another live cockpit TUI holds this book."""

    def __init__(self, pid: int, path: Path | None = None) -> None:
        self.pid = pid
        self.path = path
        where = f" on {path}" if path is not None else ""
        super().__init__(f"cockpit is already open{where} (pid {pid})")


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EISDIR: "a folder where a file should be",
    errno.ENOTDIR: "a file where a folder should be",
    errno.ENOENT: "the folder is missing",
    errno.ELOOP: "too many symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
}


def system_reason(exc: OSError) -> str:
    """A few plain words for why the system refused."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


@contextmanager
def refused_by_system(path: Path) -> Iterator[None]:
    """Turn an OSError into SystemRefused naming the file (``path`` if the error names none)."""
    try:
        yield
    except SystemRefused:
        raise
    except OSError as exc:
        raise system_refusal(exc, path) from exc


def system_refusal(exc: OSError, path: Path | None = None) -> SystemRefused:
    """The SystemRefused for ``exc``, naming its file (else ``path``, else no file)."""
    named = isinstance(exc.filename, str | bytes) and exc.filename
    where = Path(os.fsdecode(exc.filename)) if named else path
    return SystemRefused(where, system_reason(exc))
