"""The store's exceptions; each maps to one CLI exit code."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BookRefused",
    "Busy",
    "NothingToUndo",
    "StoreError",
    "TuiAlreadyOpen",
    "UndoConflict",
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
