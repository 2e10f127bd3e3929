"""Archive files beside the book: ``cockpit-2024.json``, one per fiscal year.

Each is a TinyDB JSON file with the book's table layout (plain ``TinyDB(path)`` opens it,
and so does the strict loader): the records moved out of the book, plus a meta document
whose ``archive`` field says which book and year it belongs to and what the book carried
before that year. Written atomically (temp, fsync, replace; 0600) through the book's
backend; read strictly, so a damaged archive is refused, never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .backend import Backend, FileBackend
from .errors import BookRefused
from .files import sweep_temp
from .load import Unreadable, dump_book, new_book, parse_book
from .model import TABLES, Doc

__all__ = [
    "ArchiveFile",
    "archive_path",
    "list_archives",
    "read_archive",
    "remove_archive",
    "sweep_archive_temps",
    "write_archive",
]


@dataclass
class ArchiveFile:
    """One archive file's records by table and id, and its ``archive`` info."""

    year: int
    path: Path
    tables: dict[str, dict[int, Doc]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)


def archive_path(book: Path, year: int) -> Path:
    """The archive of fiscal ``year`` beside ``book``: ``cockpit-2024.json``."""
    return book.with_name(f"{book.stem}-{year:04d}{book.suffix}")


def list_archives(book: Path, *, backend: Backend | None = None) -> dict[int, Path]:
    """The archive files beside ``book`` by fiscal year."""
    backend = backend or FileBackend()
    pattern = re.compile(rf"{re.escape(book.stem)}-(\d{{4}}){re.escape(book.suffix)}")
    found: dict[int, Path] = {}
    for name, _size in backend.list_dir(book.parent):
        match = pattern.fullmatch(name)
        if match is not None:
            found[int(match.group(1))] = book.parent / name
    return dict(sorted(found.items()))


def read_archive(
    book: Path, year: int, *, now_iso: str, backend: Backend | None = None
) -> ArchiveFile | None:
    """The archive of ``year`` (None if there is none); BookRefused if it is damaged."""
    backend = backend or FileBackend()
    path = archive_path(book, year)
    data = backend.read_file(path)
    if data is None:
        return None
    try:
        loaded = parse_book(data, now_iso)
    except Unreadable as exc:
        raise BookRefused(path, f"the archive of {year} is unreadable: {exc}") from None
    info = loaded.meta.get("archive")
    tables = {name: docs for name, docs in loaded.tables.items() if name not in ("meta", "undo")}
    return ArchiveFile(year, path, tables, info if isinstance(info, dict) else {})


def write_archive(archive: ArchiveFile, *, now_iso: str, backend: Backend | None = None) -> None:
    """Write (or replace) an archive file atomically and durably, mode 0600."""
    backend = backend or FileBackend()
    out = new_book(now_iso)
    meta = out.meta
    for name in TABLES:
        docs = archive.tables.get(name)
        if docs and name not in ("meta", "undo"):
            out.tables[name] = docs
            meta["counters"][name] = max(docs)
    meta["archive"] = archive.info
    backend.write_file(archive.path, dump_book(out.tables, {}))


def remove_archive(book: Path, year: int, *, backend: Backend | None = None) -> None:
    """Delete the archive of ``year`` if it exists."""
    (backend or FileBackend()).remove_file(archive_path(book, year))


def sweep_archive_temps(book: Path, backend: Backend) -> None:
    """Remove temp files a crashed archive write left (older than 60 s); under the lock."""
    if isinstance(backend, FileBackend):
        sweep_temp(book.parent, f"{book.stem}-")
