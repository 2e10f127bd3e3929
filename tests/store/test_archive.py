"""Archive files beside the book, and `Store.rewrite`, the one write that skips the journal."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.store import (
    Backend,
    BookRefused,
    Change,
    Doc,
    FileBackend,
    MemoryBackend,
    NothingToUndo,
    Store,
)
from cockpit.store.archive import (
    ArchiveFile,
    archive_path,
    list_archives,
    read_archive,
    remove_archive,
    write_archive,
)
from cockpit.store.paths import journal_path

from .helpers import book_bytes, put_bytes

NOW_ISO = "2026-11-25T09:30:00+00:00"
Tables = Mapping[str, Mapping[int, Doc]]


def _three_notes(store: Store) -> None:
    with store.transaction("setup") as tx:
        for text in ("one", "two", "three"):
            tx.insert("activities", {"kind": "note", "at": NOW_ISO, "text": text})


def _drop(
    ids: Sequence[int], meta: Doc | None = None
) -> Callable[[Tables], tuple[list[Change], Doc]]:
    def build(tables: Tables) -> tuple[list[Change], Doc]:
        changes = [Change("activities", i, tables["activities"][i], None) for i in ids]
        return changes, meta or {}

    return build


# -- archive files -------------------------------------------------------------------------


def test_an_archive_is_named_by_the_book_and_the_year(tmp_path: Path) -> None:
    assert archive_path(tmp_path / "cockpit.json", 2024) == tmp_path / "cockpit-2024.json"
    assert archive_path(tmp_path / "work.json", 2019) == tmp_path / "work-2019.json"


def test_archives_round_trip_on_both_backends(book: Path, backend: Backend) -> None:
    docs = {7: {"id": 7, "kind": "call", "at": NOW_ISO, "text": "ok"}}
    info = {"fiscal_year": 2024, "carry_before": {"contacts": {3: {"chase": 2}}}}
    archive = ArchiveFile(2024, archive_path(book, 2024), {"activities": docs}, info)
    write_archive(archive, now_iso=NOW_ISO, backend=backend)
    back = read_archive(book, 2024, now_iso=NOW_ISO, backend=backend)
    assert back is not None
    assert back.tables["activities"] == docs
    assert back.tables["deals"] == {}
    # JSON object keys are strings: readers convert ids back themselves.
    assert back.info == {"fiscal_year": 2024, "carry_before": {"contacts": {"3": {"chase": 2}}}}
    assert read_archive(book, 2023, now_iso=NOW_ISO, backend=backend) is None
    assert list_archives(book, backend=backend) == {2024: archive_path(book, 2024)}
    remove_archive(book, 2024, backend=backend)
    assert list_archives(book, backend=backend) == {}


def test_plain_tinydb_opens_an_archive_and_it_is_private(book: Path) -> None:
    from tinydb import TinyDB

    docs = {
        1: {"id": 1, "kind": "note", "at": NOW_ISO},
        4: {"id": 4, "kind": "call", "at": NOW_ISO},
    }
    write_archive(
        ArchiveFile(2025, archive_path(book, 2025), {"activities": docs}), now_iso=NOW_ISO
    )
    path = archive_path(book, 2025)
    assert os.stat(path).st_mode & 0o777 == 0o600
    with TinyDB(path) as db:
        assert [d.doc_id for d in db.table("activities").all()] == [1, 4]
        assert db.table("meta").get(doc_id=1)["counters"]["activities"] == 4  # type: ignore[index]


def test_a_damaged_archive_is_refused_untouched(book: Path, backend: Backend) -> None:
    path = archive_path(book, 2024)
    put_bytes(backend, path, b'{"activities": {"1": ')
    with pytest.raises(BookRefused, match="the archive of 2024 is unreadable"):
        read_archive(book, 2024, now_iso=NOW_ISO, backend=backend)
    assert backend.read_file(path) == b'{"activities": {"1": '


def test_other_files_beside_the_book_are_not_archives(book: Path) -> None:
    book.parent.mkdir(parents=True)
    for name in ("cockpit.json", "cockpit-24.json", "cockpit-2024.json.journal", "other-2024.json"):
        (book.parent / name).write_bytes(b"{}")
    write_archive(ArchiveFile(2021, archive_path(book, 2021)), now_iso=NOW_ISO)
    assert list(list_archives(book)) == [2021]


# -- Store.rewrite -----------------------------------------------------------------------


def test_rewrite_drops_records_and_writes_the_book_at_once(
    open_store: Callable[..., Store], book: Path, backend: Backend
) -> None:
    store = open_store()
    other = open_store()  # another process with the book open
    _three_notes(store)
    told: list[object] = []
    store.subscribe(told.append)
    store.rewrite(_drop([1, 3], {"archive": {"years": [2025]}}))
    assert sorted(store.tables["activities"]) == [2]
    assert told == [None]  # too many changes to list: listeners rebuild
    data, journal = book_bytes(backend, book)
    assert journal == b""
    assert data is not None and b'"three"' not in data and b'"archive"' in data
    assert other.refresh()
    assert sorted(other.tables["activities"]) == [2]
    assert other.tables["meta"][1]["archive"] == {"years": [2025]}
    with pytest.raises(NothingToUndo):
        store.undo()
    with store.transaction("insert") as tx:
        assert tx.insert("activities", {"kind": "note", "at": NOW_ISO}) == 4  # ids never reused


def test_a_failing_build_changes_nothing(
    open_store: Callable[..., Store], book: Path, backend: Backend
) -> None:
    store = open_store()
    _three_notes(store)
    before = book_bytes(backend, book)

    def build(tables: Tables) -> tuple[list[Change], Doc]:
        raise ValueError("no")

    with pytest.raises(ValueError):
        store.rewrite(build)
    assert book_bytes(backend, book) == before
    assert sorted(store.tables["activities"]) == [1, 2, 3]
    assert store.last_command() is not None  # undo history kept


class _FailingWrite(MemoryBackend):
    """Writes the book fine until told to fail."""

    fail = False

    def write_book(self, book: Path, data: bytes) -> tuple[int, ...]:
        if self.fail:
            raise OSError("disk full")
        return super().write_book(book, data)


def test_a_failed_book_write_leaves_files_and_memory_as_they_were(book: Path) -> None:
    backend = _FailingWrite()
    store = Store.open(book, now=lambda: datetime.now(UTC), backend=backend)
    _three_notes(store)
    before = book_bytes(backend, book)
    backend.fail = True
    with pytest.raises(OSError, match="disk full"):
        store.rewrite(_drop([1]))
    assert book_bytes(backend, book) == before
    assert sorted(store.tables["activities"]) == [1, 2, 3]
    assert "archive" not in store.tables["meta"][1]


def test_after_runs_once_the_new_book_is_durable(book: Path) -> None:
    backend = FileBackend()
    store = Store.open(book, now=lambda: datetime.now(UTC), backend=backend)
    _three_notes(store)
    seen: list[bool] = []
    store.rewrite(_drop([2]), after=lambda: seen.append(b'"two"' in book.read_bytes()))
    assert seen == [False]
    assert journal_path(book).read_bytes() == b""
    store.close()
