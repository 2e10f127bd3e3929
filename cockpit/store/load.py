"""Strict load of a book's bytes into tables, and the bytes a checkpoint writes."""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .migrations import migrate
from .model import SCHEMA_VERSION, TABLES, Doc
from .segments import dump_segments

if TYPE_CHECKING:
    from .backend import Backend, Token

__all__ = [
    "Loaded",
    "Unreadable",
    "dump_book",
    "new_book",
    "parse_book",
    "write_book",
]


class Unreadable(ValueError):
    """The bytes are not a book this code can read; the message is the reason."""


@dataclass
class Loaded:
    """A parsed book: our tables by int id, unknown tables kept verbatim, the file's schema."""

    tables: dict[str, dict[int, Doc]]
    extra: dict[str, Any] = field(default_factory=dict)
    version: int = SCHEMA_VERSION

    @property
    def meta(self) -> Doc:
        """The meta document (id 1)."""
        return self.tables["meta"][1]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_key(key: str) -> bool:
    return key.isascii() and key.isdigit() and (key == "0" or key[0] != "0")


def _check_tinydb_shape(raw: dict[str, Any]) -> None:
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise Unreadable(f"table {name!r} is not an object")
        for key, doc in table.items():
            if not _is_key(key) or not isinstance(doc, dict):
                raise Unreadable(f"table {name!r} has a bad document {key!r}")


def _detect_version(raw: dict[str, Any]) -> int:
    if not raw:
        # No tables and no meta.schema_version: not a book, nor a TinyDB file with data.
        raise Unreadable("the file holds {}, not a book (no meta.schema_version)")
    if "meta" not in raw:
        return 0  # a plain TinyDB file, as TinyDB itself writes it
    meta_table = raw["meta"]
    meta = meta_table.get("1") if isinstance(meta_table, dict) else None
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if not _is_int(version):
        raise Unreadable("the meta document has no schema_version")
    assert isinstance(version, int)
    return version


def _check_meta(meta: Doc) -> None:
    counters = meta.get("counters")
    if not _is_int(meta.get("journal_seq")) or meta["journal_seq"] < 0:
        raise Unreadable("the meta document has no journal_seq")
    if not isinstance(counters, dict) or not all(_is_int(v) for v in counters.values()):
        raise Unreadable("the meta document has no counters")


def _loads(data: bytes) -> Any:
    # A big book is ~10 objects per document; pausing the cyclic GC while they are
    # made saves it from rescanning them over and over (about a third of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(data)
    finally:
        if enabled:
            gc.enable()


def parse_book(data: bytes, now_iso: str) -> Loaded:
    """Validate and load a book; migrate an older schema in memory. Unreadable if refused."""
    if not data.strip():
        raise Unreadable("the file is empty")
    try:
        raw = _loads(data)
    except orjson.JSONDecodeError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise Unreadable(f"not UTF-8 text (byte {err.start})") from None
        raise Unreadable(f"not valid JSON, damaged or cut short ({exc})") from None
    if raw is None:
        raise Unreadable("the file holds null, not a book")
    if not isinstance(raw, dict):
        raise Unreadable("not a JSON object")
    version = _detect_version(raw)
    if version > SCHEMA_VERSION:
        raise Unreadable(
            f"written by a newer cockpit (schema {version}; this one reads up to {SCHEMA_VERSION})"
        )
    if version < SCHEMA_VERSION:
        _check_tinydb_shape(raw)
        raw = migrate(raw, version, now_iso)
    loaded = _build(raw)
    loaded.version = version
    return loaded


def _table_docs(name: str, table: dict[str, Any]) -> dict[int, Doc]:
    """The table's documents by int id, each checked: a digit key, a dict, a matching id."""
    # Every `cockpit log` loads the whole book, so the common case runs as C-level
    # passes over the table; the document-by-document loop below only names a culprit.
    keys = table.keys()
    if all(map(str.isdigit, keys)) and all(map(str.isascii, keys)):
        docs = dict(zip(map(int, keys), table.values(), strict=True))
        if len(docs) == len(table) and all(
            type(doc) is dict and type(doc.get("id")) is int and doc["id"] == id_
            for id_, doc in docs.items()
        ):
            return docs
    docs = {}
    for key, doc in table.items():
        if not isinstance(doc, dict) or not _is_key(key):
            raise Unreadable(f"table {name!r} has a bad document {key!r}")
        id_ = int(key)
        if doc.get("id") != id_ or not _is_int(doc["id"]):
            raise Unreadable(f"table {name!r}: document {key} has id {doc.get('id')!r}")
        if id_ in docs:
            raise Unreadable(f"table {name!r} has document {id_} twice")
        docs[id_] = doc
    return docs


def _build(raw: dict[str, Any]) -> Loaded:
    tables: dict[str, dict[int, Doc]] = {}
    extra: dict[str, Any] = {}
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise Unreadable(f"table {name!r} is not an object")
        if name not in TABLES:
            _check_tinydb_shape({name: table})
            extra[name] = table  # not ours (e.g. TinyDB's _default): kept as it is
            continue
        tables[name] = _table_docs(name, table)
    for name in TABLES:
        tables.setdefault(name, {})
    meta = tables["meta"].get(1)
    if meta is None:
        raise Unreadable("the meta table has no document 1")
    _check_meta(meta)
    counters: dict[str, int] = meta["counters"]
    for name in TABLES:
        # A counter behind its table (an edit by hand) must not hand out a used id.
        counters[name] = max(counters.get(name, 0), max(tables[name], default=0))
    return Loaded(tables, extra)


def new_book(now_iso: str) -> Loaded:
    """An empty book: every table present, meta document 1."""
    tables: dict[str, dict[int, Doc]] = {name: {} for name in TABLES}
    counters = {name: 0 for name in TABLES}
    counters["meta"] = 1
    tables["meta"][1] = {
        "id": 1,
        "schema_version": SCHEMA_VERSION,
        "journal_seq": 0,
        "counters": counters,
        "created": now_iso,
    }
    return Loaded(tables)


def dump_book(tables: dict[str, dict[int, Doc]], extra: dict[str, Any]) -> bytes:
    """The book's bytes in TinyDB's layout: ``{table: {"<id>": doc}}``, big tables last."""
    return dump_segments(tables, extra)[0]


def write_book(
    backend: Backend, book: Path, tables: dict[str, dict[int, Doc]], extra: dict[str, Any]
) -> Token:
    """Replace the book (atomically, durably), then its index; the book's new token."""
    data, ranges = dump_segments(tables, extra)
    token = backend.write_book(book, data)
    with contextlib.suppress(OSError):
        # The index only spares readers a full load: without it they read it all.
        backend.write_index(book, ranges)
    return token
