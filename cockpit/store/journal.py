"""Journal lines: one JSON object per command, guarded by a crc32 of its canonical bytes."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from .model import TABLES, Change, Committed

__all__ = [
    "BadLine",
    "Scan",
    "change_from_json",
    "change_to_json",
    "committed_from_json",
    "encode_entry",
    "scan",
]


class BadLine(ValueError):
    """A journal line that is not valid JSON, fails its crc or has the wrong shape."""


def change_to_json(change: Change) -> dict[str, Any]:
    """The JSON form of a change: ``{"table", "id", "before", "after"}``."""
    return {"table": change.table, "id": change.id, "before": change.before, "after": change.after}


def _committed_to_json(entry: Committed) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "seq": entry.seq,
        "at": entry.at,
        "line": entry.line,
        "changes": [change_to_json(c) for c in entry.changes],
    }
    if entry.undo_of is not None:
        obj["undo_of"] = entry.undo_of
    return obj


def encode_entry(entry: Committed) -> bytes:
    """The journal line for ``entry``, newline included."""
    canonical = orjson.dumps(_committed_to_json(entry), option=orjson.OPT_SORT_KEYS)
    # Append the crc to the canonical bytes instead of serialising twice; readers
    # drop "crc" and re-sort, so its position does not matter.
    return b'%s,"crc":%d}\n' % (canonical[:-1], zlib.crc32(canonical))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _image(value: object, id_: int, what: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("id") != id_ or not _is_int(value["id"]):
        raise BadLine(f"{what} image is not a document with id {id_}")
    return value


def change_from_json(obj: object) -> Change:
    """Validate and build a Change from its JSON form; BadLine if it is wrong-shaped."""
    if not isinstance(obj, dict):
        raise BadLine("a change is not an object")
    table, id_ = obj.get("table"), obj.get("id")
    if table not in TABLES or not isinstance(table, str):
        raise BadLine(f"unknown table {table!r}")
    if not _is_int(id_):
        raise BadLine("a change has no integer id")
    assert isinstance(id_, int)
    return Change(
        table, id_, _image(obj.get("before"), id_, "before"), _image(obj.get("after"), id_, "after")
    )


def committed_from_json(obj: object) -> Committed:
    """Validate and build a Committed from its JSON form (without crc)."""
    if not isinstance(obj, dict):
        raise BadLine("not a JSON object")
    seq, at, line, changes = obj.get("seq"), obj.get("at"), obj.get("line"), obj.get("changes")
    undo_of = obj.get("undo_of")
    if not _is_int(seq) or not isinstance(at, str) or not isinstance(line, str):
        raise BadLine("missing seq, at or line")
    if not isinstance(changes, list):
        raise BadLine("missing changes")
    if undo_of is not None and not _is_int(undo_of):
        raise BadLine("undo_of is not an integer")
    assert isinstance(seq, int)
    return Committed(seq, at, line, tuple(change_from_json(c) for c in changes), undo_of)


def _decode(raw: bytes) -> Committed:
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise BadLine("not a JSON object")
    crc = obj.pop("crc", None)
    if not _is_int(crc):
        raise BadLine("no crc")
    if zlib.crc32(orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)) != crc:
        raise BadLine("crc mismatch")
    return committed_from_json(obj)


@dataclass
class Scan:
    """What a read of the journal found."""

    entries: list[tuple[Committed, int]] = field(default_factory=list)
    """Good lines, each with the absolute offset just after it."""
    end: int = 0
    """Absolute offset after the last good line."""
    torn: bool = False
    """Bytes without a newline follow ``end``: a torn last line, never acknowledged."""
    error: str | None = None
    """Why a complete line is bad (the journal is damaged)."""


def scan(data: bytes, base: int = 0, first_line: int = 1) -> Scan:
    """Decode journal bytes read from offset ``base`` (line ``first_line``)."""
    result = Scan(end=base)
    pos, size, number = 0, len(data), first_line
    while pos < size:
        nl = data.find(b"\n", pos)
        if nl == -1:
            # No newline: the write never finished, so it was never acknowledged.
            result.torn = True
            break
        try:
            entry = _decode(data[pos:nl])
        except BadLine as exc:
            # A line with its newline was written whole: if it is bad now, that is
            # damage, not a crash, and it may hold an acknowledged command.
            result.error = f"journal line {number} is damaged: {exc}"
            break
        pos = nl + 1
        result.entries.append((entry, base + pos))
        number += 1
    result.end = base + pos
    return result
