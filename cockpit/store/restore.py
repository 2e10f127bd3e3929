"""Restore a backup over the book, keeping the current book and journal aside."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from .backend import Backend, FileBackend
from .backups import backup_path, list_backups
from .errors import BookRefused
from .journal import scan
from .load import Unreadable, parse_book, write_book
from .lock import LOCK_TIMEOUT
from .model import SCHEMA_VERSION
from .paths import backups_dir, journal_path

__all__ = ["restore_backup"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _resolve(book: Path, backup: Path | str, backend: Backend) -> Path:
    """A backup given as a path, a file name in ``backups/`` or a day ``YYYY-MM-DD``."""
    if isinstance(backup, str) and _DAY.fullmatch(backup):
        day = date.fromisoformat(backup)
        for found in list_backups(book, backend=backend):
            if found.day == day:
                return found.path  # either naming, the current one first
        return backup_path(book, day)
    path = Path(backup)
    if path.is_absolute() or len(path.parts) > 1:
        return path
    return backups_dir(book) / path


def _salvage(book: Path, backend: Backend) -> tuple[int, dict[str, int]]:
    """The highest seq and ids the current book and journal used, as far as they are readable."""
    seq = 0
    counters: dict[str, int] = {}
    got = backend.read_book(book)
    if got is not None:
        try:
            meta = parse_book(got[0], "").meta
            seq = meta["journal_seq"]
            counters = dict(meta["counters"])
        except Unreadable:
            pass
    data, _token = backend.read_journal(book, 0)
    for entry, _end in scan(data).entries:
        seq = max(seq, entry.seq)
        for change in entry.changes:
            counters[change.table] = max(counters.get(change.table, 0), change.id)
    return seq, counters


def _keep_aside(book: Path, stamp: str, backend: Backend) -> Path | None:
    """Copy the current book (damaged or not) and its journal to ``<book>.before-restore-*``."""
    current = backend.read_book(book)
    journal, _token = backend.read_journal(book, 0)
    if current is None and not journal:
        return None
    aside = book.with_name(f"{book.name}.before-restore-{stamp}")
    n = 1
    while backend.read_file(aside) is not None or backend.read_file(journal_path(aside)):
        n += 1
        aside = book.with_name(f"{book.name}.before-restore-{stamp}-{n}")
    if journal:
        backend.write_file(journal_path(aside), journal)
    if current is not None:
        backend.write_file(aside, current[0])
    return aside


def restore_backup(
    book: Path,
    backup: Path | str,
    *,
    now: Callable[[], datetime],
    backend: Backend | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Path | None:
    """Put a backup in place of the book; return where the current book was kept aside.

    Works when the current book is damaged. The undo table is cleared; seqs and id
    counters carry on from the current book where it is readable, so no id is reused.
    Returns None when there was no current book to keep.
    """
    backend = backend or FileBackend()
    book = backend.real_path(Path(book))
    source = _resolve(book, backup, backend)
    data = backend.read_file(source)
    if data is None:
        raise FileNotFoundError(f"{source}: no such backup")
    try:
        restored = parse_book(data, now().isoformat())
    except Unreadable as exc:
        others = [b.path for b in list_backups(book, backend=backend) if b.path != source]
        newest = others[0] if others else None
        raise BookRefused(source, f"the backup is unusable: {exc}", newest) from None
    with backend.lock(book, lock_timeout):
        backend.sweep(book)
        seq, counters = _salvage(book, backend)
        aside = _keep_aside(book, now().strftime("%Y%m%dT%H%M%S"), backend)
        meta = restored.meta
        meta["schema_version"] = SCHEMA_VERSION
        # Seqs go on past anything the old journal held, so its lines read as folded in.
        kept = meta.get("summaries")  # stamped with the journal_seq they are as of
        current = isinstance(kept, dict) and kept.get("journal_seq") == meta["journal_seq"]
        meta["journal_seq"] = max(meta["journal_seq"], seq)
        if current and isinstance(kept, dict):
            kept["journal_seq"] = meta["journal_seq"]  # the same activities: still theirs
        for name, last in counters.items():
            if name in meta["counters"]:
                meta["counters"][name] = max(meta["counters"][name], last)
        restored.tables["undo"] = {}
        write_book(backend, book, restored.tables, restored.extra)  # and its index
        backend.reset_journal(book)
    return aside
