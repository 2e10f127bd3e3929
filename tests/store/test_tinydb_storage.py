"""TinyDB opens the book through CockpitStorage: the store's strict load, replay and
checkpoint underneath TinyDB's own API, on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tinydb import Query, TinyDB
from tinydb.table import Document

from cockpit.store import Backend, BookRefused, FileBackend, Store
from cockpit.store.tinydb_storage import CockpitStorage

from .helpers import Clock, book_bytes, put_bytes

Deal = Query()


@pytest.fixture
def open_db(book: Path, backend: Backend, clock: Clock) -> Iterator[Callable[[], TinyDB]]:
    """Open the book with TinyDB as cockpit does; each call is another process."""
    opened: list[TinyDB] = []

    def _open() -> TinyDB:
        db = TinyDB(book, storage=CockpitStorage, now=clock, backend=backend)
        opened.append(db)
        return db

    yield _open
    for db in opened:
        db.storage.store.close(checkpoint=False)  # type: ignore[attr-defined]


def _store(db: TinyDB) -> Store:
    storage = db.storage
    assert isinstance(storage, CockpitStorage)
    return storage.store


def _add_deals(store: Store, *titles: str) -> None:
    with store.transaction("add deals") as tx:
        for title in titles:
            tx.insert("deals", {"title": title, "stage": "won" if "won" in title else "lead"})


def test_query_sees_journal_lines_not_yet_checkpointed(open_db: Callable[[], TinyDB]) -> None:
    writer = open_db()
    _add_deals(_store(writer), "Renewal won", "Pilot", "Upsell won")
    reader = open_db()  # another process: strict load, then the journal replayed
    assert _store(reader).journal_lines == 1
    found = reader.table("deals", cache_size=0).search(Deal.stage == "won")
    assert sorted(d["title"] for d in found) == ["Renewal won", "Upsell won"]
    assert [d.doc_id for d in found] == [d["id"] for d in found]

    _add_deals(_store(writer), "Expansion won")  # lands after the reader opened
    found = reader.table("deals", cache_size=0).search(Deal.stage == "won")
    assert len(found) == 3


def test_plain_tinydb_reads_the_book_as_of_its_checkpoint(
    open_db: Callable[[], TinyDB], book: Path
) -> None:
    db = open_db()
    if not isinstance(_store(db).backend, FileBackend):
        pytest.skip("plain TinyDB reads real files")
    _add_deals(_store(db), "Renewal won")
    with TinyDB(book, access_mode="r") as plain:
        assert plain.table("deals").all() == []  # still in the journal
    db.storage.write(db.storage.read())  # a TinyDB write is a checkpoint
    assert _store(db).journal_lines == 0
    with TinyDB(book, access_mode="r") as plain:
        assert [d["title"] for d in plain.table("deals").search(Deal.stage == "won")] == [
            "Renewal won"
        ]


def test_a_refused_book_is_refused_through_tinydb_too(
    book: Path, backend: Backend, clock: Clock
) -> None:
    put_bytes(backend, book, b"null")
    with pytest.raises(BookRefused, match="null"):
        TinyDB(book, storage=CockpitStorage, now=clock, backend=backend)
    assert book_bytes(backend, book)[0] == b"null"  # bytes untouched


def test_a_tinydb_update_is_a_checkpoint_that_keeps_other_commands(
    open_db: Callable[[], TinyDB], backend: Backend, book: Path, clock: Clock
) -> None:
    db = open_db()
    _add_deals(_store(db), "Pilot", "Renewal")
    deals = db.table("deals", cache_size=0)
    other = open_db()
    # TinyDB reads, then another process commits, then TinyDB writes what it read+changed.
    real_read = db.storage.read
    snapshot = real_read()
    _add_deals(_store(other), "Late arrival")
    db.storage.read = lambda: snapshot  # type: ignore[method-assign]
    deals.update({"stage": "qualified"}, Deal.title == "Pilot")
    db.storage.read = real_read  # type: ignore[method-assign]

    assert book_bytes(backend, book)[1] == b""  # folded into the book: journal empty
    again = Store.open(book, now=clock, backend=backend)
    titles = {d["title"]: d["stage"] for d in again.tables["deals"].values()}
    assert titles == {"Pilot": "qualified", "Renewal": "lead", "Late arrival": "lead"}
    again.close(checkpoint=False)


def test_tinydb_removes_and_inserts_with_cockpit_ids(open_db: Callable[[], TinyDB]) -> None:
    db = open_db()
    _add_deals(_store(db), "Pilot", "Renewal")
    deals = db.table("deals", cache_size=0)
    deals.remove(Deal.title == "Renewal")
    with pytest.raises(ValueError, match="id field"):
        deals.insert({"id": 3, "title": "Expansion", "stage": "lead"})  # TinyDB would say 2
    deals.insert(Document({"id": 3, "title": "Expansion", "stage": "lead"}, doc_id=3))
    assert {d.doc_id: d["title"] for d in deals.all()} == {1: "Pilot", 3: "Expansion"}
    assert _store(db).tables["meta"][1]["counters"]["deals"] == 3


@pytest.mark.parametrize(
    ("table", "doc", "reason"),
    [
        ("deals", {"title": "no id"}, "id field"),
        ("meta", {"id": 2}, "not written through TinyDB"),
        ("_default", {"id": 1}, "not written through TinyDB"),
    ],
)
def test_writes_cockpit_cannot_load_are_refused_before_any_byte(
    open_db: Callable[[], TinyDB],
    backend: Backend,
    book: Path,
    table: str,
    doc: dict[str, object],
    reason: str,
) -> None:
    db = open_db()
    _add_deals(_store(db), "Pilot")
    before = book_bytes(backend, book)
    with pytest.raises(ValueError, match=reason):
        db.table(table, cache_size=0).insert(doc)
    assert book_bytes(backend, book) == before


def test_tinydb_lists_and_drops_tables_through_the_store(open_db: Callable[[], TinyDB]) -> None:
    db = open_db()
    _add_deals(_store(db), "Pilot", "Renewal")
    assert {"deals", "accounts", "meta"} <= db.tables()
    db.drop_table("deals")
    assert db.table("deals", cache_size=0).all() == []
    assert _store(db).tables["deals"] == {}
    assert _store(db).journal_lines == 0  # a TinyDB write is a checkpoint


def test_a_book_opened_for_some_tables_reads_them_all_through_tinydb(
    book: Path, backend: Backend, clock: Clock
) -> None:
    db = TinyDB(book, storage=CockpitStorage, now=clock, backend=backend)
    _add_deals(_store(db), "Renewal won")
    with _store(db).transaction("add an account") as tx:
        tx.insert("accounts", {"name": "Acme"})
    db.storage.write(db.storage.read())  # checkpoint: the segmented book and its index
    db.close()
    partial = TinyDB(book, storage=CockpitStorage, now=clock, backend=backend, only=["accounts"])
    assert [d["title"] for d in partial.table("deals", cache_size=0).all()] == ["Renewal won"]
    partial.close()
