"""Older books migrate in memory; a plain TinyDB file (schema 0) can be adopted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
import tinydb

from cockpit.store import Backend, BookRefused, FileBackend, Store, list_backups
from cockpit.store.migrations import MIGRATIONS
from cockpit.store.model import SCHEMA_VERSION

from .helpers import book_bytes, put_bytes


def _tinydb_file(path: Path) -> bytes:
    """A file written by TinyDB itself: a _default table, a named one, a deleted doc."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tinydb.TinyDB(path) as db:
        db.insert({"note": "default table"})
        deals = db.table("deals")
        deals.insert({"title": "A", "value": 100})
        gone = deals.insert({"title": "B"})
        deals.insert({"title": "C", "id": "ext-9"})  # its own "id" meant something else
        deals.remove(doc_ids=[gone])
        db.table("accounts").insert({"name": "Acme"})
    return path.read_bytes()


def test_every_version_below_current_has_a_step() -> None:
    assert set(MIGRATIONS) == set(range(SCHEMA_VERSION))


def test_a_plain_tinydb_file_is_adopted(
    tmp_path: Path, backend: Backend, book: Path, open_store: Callable[..., Store]
) -> None:
    raw = _tinydb_file(tmp_path / "plain.json")
    put_bytes(backend, book, raw)

    store = open_store()
    assert store.tables["deals"] == {
        1: {"id": 1, "title": "A", "value": 100},
        3: {"id": 3, "title": "C", "orig_id": "ext-9"},
    }
    assert store.tables["accounts"] == {1: {"id": 1, "name": "Acme"}}
    meta = store.tables["meta"][1]
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["journal_seq"] == 0
    assert meta["counters"]["deals"] == 3
    assert book_bytes(backend, book)[0] == raw  # migrated in memory only

    with store.transaction("add") as tx:
        assert tx.insert("deals", {"title": "D"}) == 4
    assert open_store().tables["deals"][4] == {"id": 4, "title": "D"}  # replays on schema 0
    assert book_bytes(backend, book)[0] == raw

    store.checkpoint()  # the migrated book is written, after a backup of the original
    (backup,) = list_backups(book, backend=backend)
    assert backend.read_file(backup.path) == raw
    written = orjson.loads(book_bytes(backend, book)[0] or b"")
    assert written["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert written["_default"] == {"1": {"note": "default table", "id": 1}}  # kept, not ours
    reopened = open_store()
    assert reopened.tables["deals"] == store.tables["deals"]


def test_an_empty_object_is_refused_but_an_empty_tinydb_table_is_adopted(
    backend: Backend, book: Path, open_store: Callable[..., Store]
) -> None:
    put_bytes(backend, book, b"{}")  # DESIGN 9.6: no meta.schema_version, no tables
    with pytest.raises(BookRefused, match=r"holds \{\}, not a book"):
        open_store()
    assert book_bytes(backend, book)[0] == b"{}"
    put_bytes(backend, book, b'{"_default": {}}')  # what TinyDB leaves once emptied
    store = open_store()
    assert store.tables["meta"][1]["counters"]["deals"] == 0
    with store.transaction("add") as tx:
        assert tx.insert("deals", {}) == 1


def test_tinydb_opens_our_book(book: Path, clock: object) -> None:
    store = Store.open(book, now=clock, backend=FileBackend())  # type: ignore[arg-type]
    with store.transaction("add") as tx:
        tx.insert("deals", {"title": "A"})
        tx.insert("deals", {"title": "B"})
    store.close()
    with tinydb.TinyDB(book, access_mode="r") as db:
        deals = db.table("deals")
        assert [(d.doc_id, d["id"], d["title"]) for d in deals.all()] == [
            (1, 1, "A"),
            (2, 2, "B"),
        ]
        assert db.table("meta").get(doc_id=1)["schema_version"] == 1  # type: ignore[index]


def test_unknown_tables_are_kept_across_checkpoints(
    backend: Backend, book: Path, open_store: Callable[..., Store]
) -> None:
    data = orjson.dumps(
        {
            "meta": {"1": {"id": 1, "schema_version": 1, "journal_seq": 0, "counters": {}}},
            "_default": {"1": {"free": "form"}},
        }
    )
    put_bytes(backend, book, data)
    store = open_store()
    with store.transaction("add") as tx:
        tx.insert("deals", {})
    store.checkpoint()
    written = orjson.loads(book_bytes(backend, book)[0] or b"")
    assert written["_default"] == {"1": {"free": "form"}}
