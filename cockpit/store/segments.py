"""The book in segments (DESIGN §9.7): one TinyDB file, read a table at a time.

A checkpoint writes the tables in a fixed order, the big ones (`activities`, `undo`) last,
and records in the sidecar `cockpit.json.index` the book's identity (device, inode,
mtime, size) and each table's byte range and crc32. A command that does not need every
table reads only the ranges it needs, once the index matches the book it opened; a
missing, unreadable or stale index (the book replaced since: a restore, a crash between
the replace and the index, a hand edit) means a full load. A range that fails its crc is
damage: refused, as a full load would refuse a damaged book.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from .model import TABLES
from .paths import index_path

__all__ = [
    "BIG_TABLES",
    "ORDER",
    "Ranges",
    "SegmentDamaged",
    "dump_segments",
    "index_path",
    "index_bytes",
    "read_segments",
]

BIG_TABLES = ("activities", "undo")
ORDER = tuple(name for name in TABLES if name not in BIG_TABLES) + BIG_TABLES
"""The order tables are written in: what most commands read comes first."""

INDEX_VERSION = 1

Ranges = dict[str, tuple[int, int, int]]
"""Each table's (start, end, crc32) in the book's bytes."""


class SegmentDamaged(ValueError):
    """A table's bytes do not match the crc the index recorded for them."""


def dump_segments(tables: Mapping[str, Any], extra: Mapping[str, Any]) -> tuple[bytes, Ranges]:
    """The book's bytes in TinyDB's layout ``{table: {"<id>": doc}}``, written table by
    table in ORDER (tables not ours, e.g. TinyDB's ``_default``, before the big ones), and
    where each of our tables sits in them."""
    names = [n for n in ORDER if n not in BIG_TABLES]
    names += [n for n in extra if n not in TABLES]
    names += list(BIG_TABLES)
    parts: list[bytes] = [b"{"]
    at = 1
    ranges: Ranges = {}
    for i, name in enumerate(names):
        table = tables[name] if name in TABLES else extra[name]
        # orjson writes the int ids as the string keys TinyDB expects, without a copy.
        value = orjson.dumps(table, option=orjson.OPT_NON_STR_KEYS)
        key = (b"," if i else b"") + orjson.dumps(name) + b":"
        parts += [key, value]
        at += len(key)
        if name in TABLES:
            ranges[name] = (at, at + len(value), zlib.crc32(value))
        at += len(value)
    parts.append(b"}")
    return b"".join(parts), ranges


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size]


def index_bytes(ranges: Ranges, st: os.stat_result) -> bytes:
    """The sidecar's contents for a book just written (``st``: its stat)."""
    tables = {name: list(r) for name, r in ranges.items()}
    return orjson.dumps({"version": INDEX_VERSION, "book": _identity(st), "tables": tables})


def _read_index(book: Path) -> dict[str, Any] | None:
    try:
        index = orjson.loads(index_path(book).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(index, dict) or index.get("version") != INDEX_VERSION:
        return None
    return index


def read_segments(
    book: Path, wanted: Iterable[str]
) -> tuple[dict[str, bytes], os.stat_result] | None:
    """The wanted tables' bytes, each checked against its crc, and the stat of the book
    they were read from; None (read it all) without an index that matches the book.
    SegmentDamaged if a wanted table's bytes fail their crc."""
    index = _read_index(book)
    if index is None:
        return None
    fd = os.open(book, os.O_RDONLY)
    try:
        st = os.fstat(fd)  # the file read below, even if the book is replaced meanwhile
        if index.get("book") != _identity(st):
            return None
        ranges = index.get("tables")
        if not isinstance(ranges, dict):
            return None
        out: dict[str, bytes] = {}
        for name in wanted:
            entry = ranges.get(name)
            if not (isinstance(entry, list) and len(entry) == 3):
                return None
            start, end, crc = entry
            data = os.pread(fd, end - start, start)
            if zlib.crc32(data) != crc:
                raise SegmentDamaged(
                    f"table {name!r} is damaged (bytes {start}-{end} fail the index's crc32)"
                )
            out[name] = data
        return out, st
    finally:
        os.close(fd)
