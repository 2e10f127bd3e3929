"""Checkpoints keep a backup a day (the last 14); restore puts one back, the current aside."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cockpit.store import (
    Backend,
    BookRefused,
    MemoryBackend,
    Store,
    list_backups,
    restore_backup,
)
from cockpit.store.model import Token
from cockpit.store.paths import journal_path

from .helpers import Clock, book_bytes, put_bytes


def _add(store: Store, n: int) -> int:
    with store.transaction(f"add {n}") as tx:
        return tx.insert("deals", {"n": n})


def test_a_checkpoint_backs_up_the_previous_book(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    store = open_store()
    _add(store, 1)
    first = book_bytes(backend, book)[0]
    store.checkpoint()
    (backup,) = list_backups(book, backend=backend)
    assert backup.path == book.parent / "backups" / "cockpit.json.2026-11-25"
    assert backup.day == date(2026, 11, 25)
    assert backend.read_file(backup.path) == first
    assert backup.size == len(first or b"")

    _add(store, 2)
    store.checkpoint()  # same day: the day's backup stays the first book replaced
    assert [b.path for b in list_backups(book, backend=backend)] == [backup.path]
    assert backend.read_file(backup.path) == first


def test_the_days_first_backup_survives_a_bad_book_later_that_day(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    store = open_store()
    _add(store, 1)
    store.checkpoint()
    clock.advance(days=1)
    _add(store, 2)
    good = book_bytes(backend, book)[0]
    store.checkpoint()  # the morning's backup: the good book
    for n in range(3, 6):  # later that day, many checkpoints
        clock.advance(hours=1)
        _add(store, n)
        store.checkpoint()
    (newest, _older) = list_backups(book, backend=backend)
    assert newest.day == date(2026, 11, 26)
    assert backend.read_file(newest.path) == good


def test_two_books_in_one_folder_keep_their_own_backups(
    backend: Backend, book: Path, clock: Clock
) -> None:
    other = book.with_name("cockpit.home")
    stores = [Store.open(path, now=clock, backend=backend) for path in (book, other)]
    for n, store in enumerate(stores):
        _add(store, n)
        store.checkpoint()
    clock.advance(days=1)
    for store in stores:
        store.checkpoint(clear_undo=True)  # backs up the book holding its own deal
    mine, theirs = (list_backups(p, backend=backend) for p in (book, other))
    assert [b.path.name for b in mine] == ["cockpit.json.2026-11-26", "cockpit.json.2026-11-25"]
    assert [b.path.name for b in theirs] == ["cockpit.home.2026-11-26", "cockpit.home.2026-11-25"]
    assert backend.read_file(mine[0].path) != backend.read_file(theirs[0].path)


def test_backups_under_the_old_naming_are_still_listed_and_restored(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    store = open_store()
    store.checkpoint(clear_undo=True)
    (backup,) = list_backups(book, backend=backend)  # the empty book
    _add(store, 1)
    old = book.parent / "backups" / "cockpit-2026-11-20.json"
    put_bytes(backend, old, backend.read_file(backup.path) or b"")
    assert [b.path.name for b in list_backups(book, backend=backend)] == [
        "cockpit.json.2026-11-25",
        "cockpit-2026-11-20.json",
    ]
    restore_backup(book, "2026-11-20", now=clock, backend=backend)
    assert open_store().tables["deals"] == {}


def test_the_last_14_days_are_kept(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    store = open_store()
    for day in range(20):
        _add(store, day)
        store.checkpoint()
        clock.advance(days=1)
    backups = list_backups(book, backend=backend)
    assert [b.day for b in backups] == [date(2026, 12, 14 - i) for i in range(14)]
    store.checkpoint()  # nothing to fold: no checkpoint, so no backup for the new day
    assert list_backups(book, backend=backend)[0].day == date(2026, 12, 14)


def test_list_backups_ignores_other_files(
    backend: Backend, book: Path, open_store: Callable[..., Store]
) -> None:
    folder = book.parent / "backups"
    for name in (
        "cockpit.json.2026-01-02",
        "cockpit-2025-12-31.json",
        "notes.txt",
        "cockpit.json.2026-13-45",
        "other-2026-01-01.json",
        "cockpit.home.2026-01-01",
        "cockpit.json.journal-torn.3.20260101T000000",
    ):
        put_bytes(backend, folder / name, b"{}")
    assert [b.day for b in list_backups(book, backend=backend)] == [
        date(2026, 1, 2),
        date(2025, 12, 31),
    ]
    assert list_backups(book.parent / "nowhere" / "cockpit.json", backend=backend) == []


def _with_backup(open_store: Callable[..., Store], clock: Clock) -> tuple[Store, Path]:
    store = open_store()
    _add(store, 1)
    store.checkpoint()
    clock.advance(days=1)
    _add(store, 2)
    store.checkpoint()  # the day's backup = the book holding deal 1 only
    clock.advance(hours=1)
    _add(store, 3)  # journal only
    return store, list_backups(store.path, backend=store.backend)[0].path


def test_restore_keeps_the_current_book_aside(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    store, backup = _with_backup(open_store, clock)
    with store.transaction("undoable") as tx:
        tx.patch("deals", 1, {"x": 1})
    current = book_bytes(backend, book)
    aside = restore_backup(book, backup, now=clock, backend=backend)
    assert aside == book.with_name("cockpit.json.before-restore-20261126T103000")
    assert backend.read_file(aside) == current[0]
    assert backend.read_file(journal_path(aside)) == current[1]
    # The kept-aside pair is itself a book, journal and all.
    kept = Store.open(aside, now=clock, backend=backend, create=False)
    assert sorted(d["n"] for d in kept.tables["deals"].values()) == [1, 2, 3]

    restored = open_store()
    assert restored.tables["deals"] == {1: {"n": 1, "id": 1}}
    assert restored.tables["undo"] == {}
    assert restored.last_command() is None
    assert store.refresh() is True  # the open store reloads the restored book
    assert store.tables["deals"] == {1: {"n": 1, "id": 1}}
    assert _add(restored, 4) == 4  # ids carry on: 2 and 3 are not handed out again


def test_restore_works_when_the_current_book_is_damaged(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    _, backup = _with_backup(open_store, clock)
    put_bytes(backend, book, b'{"meta": {"1": {"id"')
    put_bytes(backend, journal_path(book), b"garbage\nmore garbage\n")
    with pytest.raises(BookRefused) as refused:
        open_store()
    assert refused.value.backup == backup
    aside = restore_backup(book, refused.value.backup, now=clock, backend=backend)
    assert aside is not None and backend.read_file(aside) == b'{"meta": {"1": {"id"'
    assert open_store().tables["deals"] == {1: {"n": 1, "id": 1}}


def test_restore_by_day_or_name_and_refusals(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    _with_backup(open_store, clock)
    restore_backup(book, "2026-11-26", now=clock, backend=backend)
    clock.advance(seconds=1)
    second = restore_backup(book, "cockpit.json.2026-11-26", now=clock, backend=backend)
    assert second is not None and second.name == "cockpit.json.before-restore-20261126T103001"
    with pytest.raises(FileNotFoundError):
        restore_backup(book, "2020-01-01", now=clock, backend=backend)
    bad = book.parent / "backups" / "cockpit-2026-11-20.json"
    put_bytes(backend, bad, b"null")
    before = book_bytes(backend, book)
    with pytest.raises(BookRefused, match="unusable"):
        restore_backup(book, bad, now=clock, backend=backend)
    assert book_bytes(backend, book) == before


def test_restore_without_a_current_book(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    _, backup = _with_backup(open_store, clock)
    other = book.with_name("fresh.json")
    assert restore_backup(other, backup, now=clock, backend=backend) is None
    assert Store.open(other, now=clock, backend=backend).tables["deals"] == {1: {"n": 1, "id": 1}}


def test_backups_under_the_old_naming_are_pruned_by_the_same_rule(
    open_store: Callable[..., Store], backend: Backend, book: Path, clock: Clock
) -> None:
    folder = book.parent / "backups"
    for day in range(1, 21):  # 20 days of backups from before the whole-name naming
        put_bytes(backend, folder / f"cockpit-2026-10-{day:02d}.json", b"{}")
    store = open_store()
    _add(store, 1)
    store.checkpoint()
    names = [b.path.name for b in list_backups(book, backend=backend)]
    assert names == ["cockpit.json.2026-11-25"] + [
        f"cockpit-2026-10-{day:02d}.json" for day in range(20, 7, -1)
    ]
    assert {name for name, _size in backend.list_dir(folder)} == set(names)


class _CountingReads(MemoryBackend):
    def __init__(self) -> None:
        super().__init__()
        self.book_reads = 0

    def read_book(self, book: Path) -> tuple[bytes, Token] | None:
        self.book_reads += 1
        return super().read_book(book)


def test_a_checkpoint_reads_the_book_for_a_backup_only_when_the_day_has_none(
    book: Path, clock: Clock
) -> None:
    """The TUI checkpoints after every pause: reading the whole book each time only to
    find the day already backed up cost a book-sized buffer per line (the soak's memory)."""
    backend = _CountingReads()
    store = Store.open(book, now=clock, backend=backend)
    _add(store, 1)
    store.checkpoint()
    (backup,) = list_backups(book, backend=backend)
    for n in range(2, 5):
        _add(store, n)
        backend.book_reads = 0
        store.checkpoint()
        assert backend.book_reads == 0
    assert list_backups(book, backend=backend) == [backup]
    clock.advance(days=1)
    _add(store, 5)
    store.checkpoint()
    assert backend.book_reads == 1  # a new day: the book it replaces is its backup
    assert [b.day for b in list_backups(book, backend=backend)] == [
        date(2026, 11, 26),
        date(2026, 11, 25),
    ]
