"""Daily backups beside the book: ``backups/cockpit-YYYY-MM-DD.json``, the last 14 kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .backend import Backend, FileBackend
from .paths import backups_dir

__all__ = ["KEEP_DAYS", "Backup", "backup_path", "list_backups", "save_backup"]

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
    return backups_dir(book) / f"{book.stem}-{day.isoformat()}.json"


def list_backups(book: Path, *, backend: Backend | None = None) -> list[Backup]:
    """The book's backups, newest first."""
    backend = backend or FileBackend()
    folder = backups_dir(book)
    pattern = re.compile(rf"{re.escape(book.stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.json")
    found: list[Backup] = []
    for name, size in backend.list_dir(folder):
        match = pattern.fullmatch(name)
        if match is None:
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            continue
        found.append(Backup(folder / name, day, size))
    found.sort(key=lambda b: b.day, reverse=True)
    return found


def save_backup(backend: Backend, book: Path, data: bytes, day: date) -> Path:
    """Keep ``data`` (the book about to be replaced) as ``day``'s backup; prune to 14 days.

    A later checkpoint the same day overwrites that day's backup, so the newest backup
    is always the book as of the previous checkpoint. Call under the lock.
    """
    target = backup_path(book, day)
    backend.write_file(target, data)
    for old in list_backups(book, backend=backend)[KEEP_DAYS:]:
        backend.remove_file(old.path)
    return target
