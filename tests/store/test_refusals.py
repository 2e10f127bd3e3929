"""A damaged, newer or unreadable book is refused, named, and left byte for byte as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from cockpit.store import Backend, BookRefused, MemoryBackend, Store
from cockpit.store.paths import journal_path

from .helpers import book_bytes, put_bytes


def _good_book(open_store: Callable[..., Store]) -> Store:
    store = open_store()
    with store.transaction("add") as tx:
        tx.insert("accounts", {"name": "Acme"})
    store.checkpoint()
    for i in range(3):
        with store.transaction(f"deal {i}") as tx:
            tx.insert("deals", {"n": i})
    return store


BAD_BOOKS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "blank": (b"  \n", "empty"),
    "null": (b"null", "null"),
    "truncated": (b'{"meta": {"1": {"id": 1, "schema_version": 1, "jour', "not valid JSON"),
    "not utf-8": (b'{"meta": {"1": {"name": "\xff\xfe"}}}', "UTF-8"),
    "a list": (b"[]", "not a JSON object"),
    "a number": (b"42", "not a JSON object"),
    "table not an object": (
        b'{"meta": {"1": {"id": 1, "schema_version": 1}}, "deals": []}',
        "not an object",
    ),
    "doc id mismatch": (
        b'{"meta": {"1": {"id": 1, "schema_version": 1, "journal_seq": 0, "counters": {}}},'
        b' "deals": {"3": {"id": 4}}}',
        "id",
    ),
    "key not digits": (
        b'{"meta": {"1": {"id": 1, "schema_version": 1, "journal_seq": 0, "counters": {}}},'
        b' "deals": {"x": {"id": 4}}}',
        "bad document",
    ),
    "doc not an object": (
        b'{"meta": {"1": {"id": 1, "schema_version": 1, "journal_seq": 0, "counters": {}}},'
        b' "deals": {"1": 5}}',
        "bad document",
    ),
    "meta without version": (b'{"meta": {"1": {"id": 1}}}', "schema_version"),
    "meta without journal_seq": (
        b'{"meta": {"1": {"id": 1, "schema_version": 1, "counters": {}}}}',
        "journal_seq",
    ),
    "newer schema": (
        b'{"meta": {"1": {"id": 1, "schema_version": 2, "journal_seq": 0, "counters": {}}}}',
        "newer cockpit",
    ),
}


@pytest.mark.parametrize("case", list(BAD_BOOKS))
def test_a_bad_book_is_refused_untouched(
    case: str, open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    _good_book(open_store)
    data, reason = BAD_BOOKS[case]
    put_bytes(backend, book, data)
    before = book_bytes(backend, book)
    with pytest.raises(BookRefused) as refused:
        open_store()
    err = refused.value
    assert err.path == book
    assert reason in str(err)
    assert str(book) in str(err) and "\n" not in str(err)
    assert err.backup is not None and err.backup.name == "cockpit.json.2026-11-25"
    assert f"newest backup: {err.backup}" in str(err)
    assert book_bytes(backend, book) == before  # bytes untouched


def test_a_refused_book_without_backups_says_so(
    backend: Backend, book: Path, open_store: Callable[..., Store]
) -> None:
    put_bytes(backend, book, b"null")
    with pytest.raises(BookRefused, match="no backup found") as refused:
        open_store()
    assert refused.value.backup is None
    assert book_bytes(backend, book) == (b"null", b"")


def _journal_lines(backend: Backend, book: Path) -> list[bytes]:
    return (backend.read_file(journal_path(book)) or b"").splitlines(keepends=True)


@pytest.mark.parametrize(
    "damage",
    ["flipped byte", "not json", "blank line", "wrong shape"],
)
def test_a_bad_journal_line_before_the_last_is_refused(
    damage: str, open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    _good_book(open_store)
    lines = _journal_lines(backend, book)
    assert len(lines) == 3
    if damage == "flipped byte":
        lines[1] = lines[1].replace(b'"n":1', b'"n":7')  # crc no longer matches
    elif damage == "not json":
        lines[1] = b"{garbage\n"
    elif damage == "blank line":
        lines[1] = b"\n"
    else:
        obj = orjson.loads(lines[1])
        obj["changes"] = "nope"
        lines[1] = orjson.dumps(obj) + b"\n"
    put_bytes(backend, journal_path(book), b"".join(lines))
    before = book_bytes(backend, book)
    with pytest.raises(BookRefused, match="journal line 2") as refused:
        open_store()
    assert refused.value.path == journal_path(book)
    assert str(journal_path(book)) in str(refused.value)
    assert book_bytes(backend, book) == before


def test_a_seq_gap_is_refused(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    _good_book(open_store)
    lines = _journal_lines(backend, book)
    put_bytes(backend, journal_path(book), lines[0] + lines[2])
    before = book_bytes(backend, book)
    with pytest.raises(BookRefused, match="seq"):
        open_store()
    assert book_bytes(backend, book) == before


@pytest.mark.parametrize("tear", ["cut short", "no newline"])
def test_a_torn_last_line_is_ignored_then_cut_after_saving_its_bytes(
    tear: str, open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    _good_book(open_store)
    lines = _journal_lines(backend, book)
    if tear == "cut short":
        lines[2] = lines[2][: len(lines[2]) // 2]
    else:
        lines[2] = lines[2].rstrip(b"\n")
    torn = lines[2]
    put_bytes(backend, journal_path(book), b"".join(lines))
    before = book_bytes(backend, book)

    store = open_store()  # the torn line was never acknowledged
    assert sorted(d["n"] for d in store.tables["deals"].values()) == [0, 1]
    assert store.journal_lines == 2
    assert book_bytes(backend, book) == before  # reading alone changes nothing

    with store.transaction("next") as tx:
        new = tx.insert("deals", {"n": 3})
    assert new == 3  # the torn insert's id was never handed out
    assert len(_journal_lines(backend, book)) == 3  # torn bytes cut, one line appended
    assert {d["n"] for d in open_store().tables["deals"].values()} == {0, 1, 3}
    saved = [
        name
        for name, _size in backend.list_dir(book.parent / "backups")
        if name.startswith("cockpit.json.journal-torn.")
    ]
    assert len(saved) == 1  # ...but first kept, byte for byte
    assert backend.read_file(book.parent / "backups" / saved[0]) == torn


def test_a_torn_line_is_saved_before_a_checkpoint_empties_the_journal(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    _good_book(open_store)
    journal = backend.read_file(journal_path(book)) or b""
    put_bytes(backend, journal_path(book), journal + b'{"seq": 4, "at"')
    open_store().checkpoint()
    (name,) = [n for n, _ in backend.list_dir(book.parent / "backups") if "torn" in n]
    assert backend.read_file(book.parent / "backups" / name) == b'{"seq": 4, "at"'
    assert backend.read_file(journal_path(book)) == b""


def test_a_complete_last_line_with_a_bad_crc_is_refused_and_kept(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = _good_book(open_store)
    lines = _journal_lines(backend, book)
    lines[2] = lines[2].replace(b'"n":2', b'"n":29')  # bad crc, newline kept
    put_bytes(backend, journal_path(book), b"".join(lines))
    before = book_bytes(backend, book)
    with pytest.raises(BookRefused, match="journal line 3 is damaged: crc mismatch") as refused:
        open_store()
    assert refused.value.path == journal_path(book)
    with pytest.raises(BookRefused, match="is damaged"):
        with store.transaction("next") as tx:  # an open store refuses to write past it
            tx.insert("deals", {"n": 3})
    with pytest.raises(BookRefused):
        store.checkpoint()
    assert book_bytes(backend, book) == before  # never deleted


def test_refresh_refuses_a_journal_damaged_meanwhile(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = _good_book(open_store)
    lines = _journal_lines(backend, book)
    lines[0] = b"{broken\n"
    put_bytes(backend, journal_path(book), b"".join(lines))
    with pytest.raises(BookRefused, match="journal line 1"):
        store.refresh()


def test_a_missing_book_with_a_journal_is_refused(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    _good_book(open_store)
    journal = backend.read_file(journal_path(book))
    assert journal
    if isinstance(backend, MemoryBackend):
        backend.files.pop(book)
    else:
        book.unlink()
    with pytest.raises(BookRefused, match="journal is not empty"):
        open_store()
    assert backend.read_book(book) is None
    assert backend.read_file(journal_path(book)) == journal
