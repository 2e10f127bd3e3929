"""Daily backups beside the book: ``backups/cockpit.json.YYYY-MM-DD``, the last 14 kept.

Named by the book's whole file name, so ``cockpit.json`` and ``cockpit.home`` in one
folder keep separate backups. Backups made before that naming (``cockpit-YYYY-MM-DD.json``)
are still listed and restorable, and count towards the 14.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .backend import Backend, FileBackend
from .paths import backups_dir

__all__ = ["KEEP_DAYS", "Backup", "backup_path", "list_backups", "prune_backups", "save_backup"]

KEEP_DAYS = 14
"""How many daily backups are kept."""


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, the day it was made, its size in bytes."""

    path: Path
    day: date
    size: int


def backup_path(book: Path, day: date) -> Path:
    """The backup file of ``book`` for ``day``."""
    return backups_dir(book) / f"{book.name}.{day.isoformat()}"


def _patterns(book: Path) -> tuple[re.Pattern[str], ...]:
    day = r"(\d{4}-\d{2}-\d{2})"
    return (
        re.compile(rf"{re.escape(book.name)}\.{day}"),
        re.compile(rf"{re.escape(book.stem)}-{day}\.json"),  # the old naming
    )


def list_backups(book: Path, *, backend: Backend | None = None) -> list[Backup]:
    """The book's backups, newest first (a day with both namings: the new one first)."""
    backend = backend or FileBackend()
    book = backend.real_path(book)
    folder = backups_dir(book)
    patterns = _patterns(book)
    found: list[tuple[Backup, int]] = []
    for name, size in backend.list_dir(folder):
        for rank, pattern in enumerate(patterns):
            match = pattern.fullmatch(name)
            if match is None:
                continue
            try:
                day = date.fromisoformat(match.group(1))
            except ValueError:
                continue
            found.append((Backup(folder / name, day, size), rank))
    found.sort(key=lambda pair: (pair[0].day, -pair[1]), reverse=True)
    return [backup for backup, _rank in found]


def save_backup(backend: Backend, book: Path, day: date) -> Path | None:
    """Keep the book about to be replaced as ``day``'s backup; call under the lock.

    The day's backup is the first book replaced that day and is never overwritten later
    that day: a bad book written in the afternoon cannot push out the morning's good one.
    The book is read only when the day has no backup yet (the TUI checkpoints after every
    pause; a book-sized read each time only to drop it kept the heap large). Returns the
    new backup's path, or None when the day already has one or there is no book.
    """
    if any(b.day == day for b in list_backups(book, backend=backend)):
        return None
    got = backend.read_book(book)
    if got is None:
        return None
    target = backup_path(book, day)
    backend.write_file(target, got[0])
    return target


def prune_backups(backend: Backend, book: Path) -> None:
    """Keep the newest 14 days (call once the checkpoint that made a backup succeeded)."""
    for old in list_backups(book, backend=backend)[KEEP_DAYS:]:
        backend.remove_file(old.path)
