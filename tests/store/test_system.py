"""What the system refuses (read-only, a folder for a file, disk full) and symlinked books."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from cockpit.store import FileBackend, Store, SystemRefused, list_backups
from cockpit.store.paths import journal_path

from .helpers import Clock, FailingBackend, book_bytes


def _add(store: Store, n: int) -> int:
    with store.transaction(f"add {n}") as tx:
        return tx.insert("deals", {"n": n})


def test_a_symlinked_book_keeps_its_side_files_beside_the_real_file(
    tmp_path: Path, clock: Clock
) -> None:
    real = tmp_path / "real" / "cockpit.json"
    link = tmp_path / "link" / "cockpit.json"
    direct = Store.open(real, now=clock, backend=FileBackend())
    _add(direct, 1)  # a journal line of the real book
    link.parent.mkdir()
    link.symlink_to(Path("..") / "real" / "cockpit.json")

    via_link = Store.open(link, now=clock, backend=FileBackend())
    assert via_link.path == real
    assert via_link.tables["deals"] == {1: {"n": 1, "id": 1}}  # sees the real journal
    _add(via_link, 2)
    via_link.checkpoint()
    assert sorted(p.name for p in link.parent.iterdir()) == ["cockpit.json"]
    assert link.is_symlink()  # never replaced by a plain file
    assert (tmp_path / "real" / "backups").is_dir()
    assert direct.refresh() is True
    assert sorted(d["n"] for d in direct.tables["deals"].values()) == [1, 2]
    assert [b.path.parent for b in list_backups(link)] == [real.parent / "backups"]


@pytest.mark.parametrize("which", ["book", "journal"])
def test_a_read_only_book_or_journal_is_read_but_never_replaced(
    which: str, book: Path, clock: Clock
) -> None:
    store = Store.open(book, now=clock, backend=FileBackend())
    _add(store, 1)
    target = book if which == "book" else journal_path(book)
    target.chmod(0o444)
    before = book_bytes(FileBackend(), book)
    reader = Store.open(book, now=clock, backend=FileBackend(), create=False)
    assert reader.tables["deals"] == {1: {"n": 1, "id": 1}}  # reads work
    with pytest.raises(SystemRefused, match="read-only") as refused:
        store.checkpoint()
    assert refused.value.path == target
    with pytest.raises(SystemRefused, match="read-only"):
        _add(store, 2)
    assert store.tables["deals"] == {1: {"n": 1, "id": 1}}  # the refused command rolled back
    assert book_bytes(FileBackend(), book) == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.parametrize("which", ["book", "journal"])
def test_a_folder_where_a_file_should_be_is_refused_by_name(
    which: str, book: Path, clock: Clock
) -> None:
    target = book if which == "book" else journal_path(book)
    target.mkdir(parents=True)
    with pytest.raises(SystemRefused) as refused:
        Store.open(book, now=clock, backend=FileBackend())
    assert refused.value.path == target
    assert str(refused.value) == f"{target}: a folder where a file should be"


def test_a_full_disk_on_the_journal_append_is_refused_and_rolled_back(
    book: Path, clock: Clock
) -> None:
    backend = FailingBackend()
    store = Store.open(book, now=clock, backend=backend)
    _add(store, 1)
    backend.failing.add("append_journal")
    with pytest.raises(SystemRefused) as refused:
        _add(store, 2)
    assert refused.value.path == journal_path(book)
    assert store.tables["deals"] == {1: {"n": 1, "id": 1}}
    backend.failing.clear()
    assert _add(store, 3) == 2  # the refused insert's id was never used


def test_a_failed_checkpoint_touches_no_backup(book: Path, clock: Clock) -> None:
    backend = FailingBackend()
    store = Store.open(book, now=clock, backend=backend)
    _add(store, 1)
    store.checkpoint()
    clock.advance(days=1)
    _add(store, 2)
    backend.failing.add("write_book")
    before = book_bytes(backend, book)
    with pytest.raises(SystemRefused, match="disk full"):
        store.checkpoint()
    assert [b.day.isoformat() for b in list_backups(book, backend=backend)] == ["2026-11-25"]
    assert book_bytes(backend, book) == before
    backend.failing.clear()
    store.checkpoint()  # retried later: now the day gets its backup
    assert len(list_backups(book, backend=backend)) == 2
