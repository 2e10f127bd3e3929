"""Documents of every table survive commit, catch-up, checkpoint and reopen, on both backends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import pytest

from cockpit.store import TABLES, Backend, Change, Store

from .helpers import Clock, book_bytes

SAMPLES: dict[str, dict[str, object]] = {
    "settings": {"key": "quota", "value": 12_000_000, "currency": "EUR"},
    "accounts": {"name": "Acme Corp", "tier": "key", "cadence": 14, "tags": ["eu", "saas"]},
    "contacts": {"name": "Jane Roe", "account": 1, "email": "jane@acme.test", "phone": None},
    "deals": {"title": "Renewal 2027", "value": 4_500_000, "stage": "proposal", "p": 0.6},
    "activities": {"kind": "call", "deal": 1, "at": "2026-11-25T10:00:00+01:00", "ok": True},
    "promises": {"text": "pricing sheet", "due": "2026-11-27", "to": {"contact": 1}},
    "plans": {"quarter": "2026-Q4", "quota": 30_000_000, "weeks": [{"w": 48, "calls": 20}]},
    "days_off": {"day": "2026-12-24", "why": "holiday"},
    "reviews": {"week": "2026-W48", "notes": 'ünïcödé ✓ "quotes" \\ and\nnewline'},
}
DATA_TABLES = [t for t in TABLES if t not in ("meta", "undo")]


def test_every_table_round_trips(open_store: Callable[..., Store]) -> None:
    assert set(SAMPLES) == set(DATA_TABLES)
    store = open_store()
    ids: dict[str, int] = {}
    with store.transaction("add one of each") as tx:
        for table, doc in SAMPLES.items():
            ids[table] = tx.insert(table, dict(doc))
    for table, doc in SAMPLES.items():
        assert store.tables[table][ids[table]] == {**doc, "id": ids[table]}

    other = open_store()  # replays the journal
    assert _data(other) == _data(store)
    store.checkpoint()
    assert store.journal_lines == 0
    again = open_store()  # loads the checkpointed book
    assert _data(again) == _data(store)
    assert other.refresh() is True
    assert _data(other) == _data(store)


def _data(store: Store) -> dict[str, dict[int, object]]:
    return {t: dict(store.tables[t]) for t in TABLES if t != "undo"}


def test_new_book_has_every_table_and_meta(open_store: Callable[..., Store]) -> None:
    store = open_store()
    assert set(store.tables) == set(TABLES)
    meta = store.tables["meta"][1]
    assert meta["schema_version"] == 1
    assert meta["journal_seq"] == 0
    assert meta["created"] == "2026-11-25T09:30:00+00:00"
    assert all(store.tables[t] == {} for t in TABLES if t != "meta")


def test_open_without_create_refuses_a_missing_book(open_store: Callable[..., Store]) -> None:
    from cockpit.store import BookRefused

    with pytest.raises(BookRefused, match="missing"):
        open_store(create=False)


def test_unknown_fields_survive_a_patch(open_store: Callable[..., Store]) -> None:
    store = open_store()
    with store.transaction("add") as tx:
        deal = tx.insert("deals", {"title": "X", "future_field": {"nested": [1, 2]}})
    with store.transaction("patch") as tx:
        got = tx.patch("deals", deal, {"stage": "won"})
    assert got == {"id": deal, "title": "X", "future_field": {"nested": [1, 2]}, "stage": "won"}
    store.checkpoint()
    assert open_store().tables["deals"][deal]["future_field"] == {"nested": [1, 2]}


def test_ids_are_never_reused(open_store: Callable[..., Store]) -> None:
    store = open_store()
    with store.transaction("add") as tx:
        a = tx.insert("accounts", {"name": "a"})
        b = tx.insert("accounts", {"name": "b"})
    with store.transaction("delete b") as tx:
        tx.delete("accounts", b)
    other = open_store()
    with other.transaction("add c") as tx:
        c = tx.insert("accounts", {"name": "c"})
    assert c == b + 1
    other.checkpoint()
    with other.transaction("delete c") as tx:
        tx.delete("accounts", c)
    other.checkpoint()
    reopened = open_store()
    with reopened.transaction("add d") as tx:
        d = tx.insert("accounts", {"name": "d"})
    assert (a, b, c, d) == (1, 2, 3, 4)
    assert store.refresh() is True
    with store.transaction("add e") as tx:
        assert tx.insert("accounts", {"name": "e"}) == 5


def test_a_transaction_reads_its_own_writes_and_sets_the_id(
    open_store: Callable[..., Store],
) -> None:
    store = open_store()
    doc: dict[str, object] = {"name": "Acme"}
    with store.transaction("add") as tx:
        new = tx.insert("accounts", doc)
        assert doc["id"] == new
        assert tx.get("accounts", new) == {"name": "Acme", "id": new}
        assert store.tables["accounts"][new]["name"] == "Acme"
        tx.put("accounts", {"id": new, "name": "Acme Inc"})
        assert tx.get("accounts", new) == {"id": new, "name": "Acme Inc"}
    assert tx.committed is not None
    # One record touched twice is one change: insert + put reads as one insert.
    assert tx.committed.changes == (Change("accounts", new, None, {"id": new, "name": "Acme Inc"}),)
    assert tx.committed.line == "add"
    assert tx.committed.at == "2026-11-25T09:30:00+00:00"


def test_callers_cannot_corrupt_stored_documents_or_images(
    open_store: Callable[..., Store],
) -> None:
    store = open_store()
    doc: dict[str, object] = {"name": "Acme", "tags": ["a"]}
    with store.transaction("add") as tx:
        new = tx.insert("accounts", doc)
    doc["tags"].append("b")  # type: ignore[attr-defined]
    with store.transaction("rename") as tx:
        got = tx.get("accounts", new)
        assert got is not None
        got["name"] = "mutated in place"
        got["tags"].append("c")
        tx.patch("accounts", new, {"name": "Acme Inc"})
    assert store.tables["accounts"][new] == {"id": new, "name": "Acme Inc", "tags": ["a"]}
    assert tx.committed is not None
    assert tx.committed.changes[0].before == {"id": new, "name": "Acme", "tags": ["a"]}


def test_exception_rolls_back_and_writes_nothing(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = open_store()
    with store.transaction("add") as tx:
        keep = tx.insert("accounts", {"name": "keep"})
    before = book_bytes(backend, book)
    notices: list[Sequence[Change] | None] = []
    store.subscribe(notices.append)
    with pytest.raises(RuntimeError, match="boom"), store.transaction("bad") as tx:
        tx.patch("accounts", keep, {"name": "changed"})
        tx.insert("accounts", {"name": "gone"})
        tx.delete("accounts", keep)
        raise RuntimeError("boom")
    assert tx.committed is None
    assert dict(store.tables["accounts"]) == {keep: {"id": keep, "name": "keep"}}
    assert book_bytes(backend, book) == before
    # Told which records were touched, each with its restored image as "after".
    assert notices == [
        [
            Change("accounts", keep + 1, {"id": keep + 1, "name": "gone"}, None),
            Change("accounts", keep, None, {"id": keep, "name": "keep"}),
        ]
    ]
    with store.transaction("add") as tx:
        assert tx.insert("accounts", {"name": "next"}) == keep + 1  # rolled-back id unused


def test_a_transaction_without_changes_writes_nothing(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = open_store()
    with store.transaction("add") as tx:
        new = tx.insert("accounts", {"name": "a"})
    before = book_bytes(backend, book)
    with store.transaction("nothing") as tx:
        tx.get("accounts", new)
    with store.transaction("same again") as tx:
        tx.patch("accounts", new, {"name": "a"})
    with store.transaction("insert then delete") as tx:
        tx.delete("accounts", tx.insert("accounts", {"name": "tmp"}))
    assert tx.committed is None
    assert book_bytes(backend, book) == before
    assert store.journal_lines == 1


def test_bad_operations_are_refused(open_store: Callable[..., Store]) -> None:
    store = open_store()
    with store.transaction("x") as tx:
        with pytest.raises(ValueError, match="unknown table"):
            tx.insert("nope", {})
        with pytest.raises(ValueError, match="managed"):
            tx.insert("meta", {})
        with pytest.raises(ValueError, match="managed"):
            tx.patch("undo", 1, {})
        with pytest.raises(KeyError):
            tx.patch("deals", 99, {"x": 1})
        with pytest.raises(KeyError):
            tx.delete("deals", 99)
        with pytest.raises(KeyError):
            tx.put("deals", {"id": 99})
        with pytest.raises(TypeError, match="JSON"):
            tx.insert("deals", {"when": datetime(2026, 1, 1)})
        with pytest.raises(TypeError):
            tx.insert("deals", {1: "int key"})  # type: ignore[dict-item]
        new = tx.insert("deals", {"t": 1})
        with pytest.raises(ValueError, match="id"):
            tx.patch("deals", new, {"id": new + 1})
        with pytest.raises(RuntimeError, match="nest"), store.transaction("inner"):
            pass
    with pytest.raises(RuntimeError, match="over"):
        tx.insert("deals", {})
    assert store.tables["deals"] == {new: {"t": 1, "id": new}}


def test_listeners_hear_commits_catch_ups_and_reloads(
    open_store: Callable[..., Store],
) -> None:
    store, other = open_store(), open_store()
    heard: list[Sequence[Change] | None] = []
    store.subscribe(heard.append)
    with store.transaction("mine") as tx:
        mine = tx.insert("deals", {"t": "mine"})
    assert heard == [(Change("deals", mine, None, {"t": "mine", "id": mine}),)]
    heard.clear()

    assert store.refresh() is False  # nothing new: a stat, no notice
    with other.transaction("theirs") as tx:
        theirs = tx.insert("deals", {"t": "theirs"})
    assert store.refresh() is True
    assert heard == [[Change("deals", theirs, None, {"t": "theirs", "id": theirs})]]
    heard.clear()

    other.checkpoint()  # replaces the book: others reload wholesale
    assert store.refresh() is True
    assert heard == [None]
    assert set(store.tables["deals"]) == {mine, theirs}


def test_a_transaction_catches_up_first(open_store: Callable[..., Store]) -> None:
    store, other = open_store(), open_store()
    with other.transaction("theirs") as tx:
        theirs = tx.insert("deals", {"t": "theirs"})
    with store.transaction("mine") as tx:
        assert tx.get("deals", theirs) == {"t": "theirs", "id": theirs}
        mine = tx.insert("deals", {"t": "mine"})
    assert mine == theirs + 1
    assert tx.committed is not None and tx.committed.seq == 2


def test_maybe_checkpoint_past_the_thresholds(
    open_store: Callable[..., Store], clock: Clock
) -> None:
    store = open_store()
    for i in range(1001):
        with store.transaction(f"add {i}") as tx:
            tx.insert("activities", {"n": i})
        if i == 999:
            assert store.maybe_checkpoint() is False
    assert store.journal_lines == 1001
    assert store.maybe_checkpoint() is True
    assert store.journal_lines == 0
    with store.transaction("big") as tx:
        tx.insert("reviews", {"text": "x" * (1 << 20)})
    assert store.maybe_checkpoint() is True
    assert len(open_store().tables["activities"]) == 1001


def test_close_checkpoints_a_non_empty_journal(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = open_store()
    store.close()
    assert book_bytes(backend, book)[1] == b""
    store = open_store()
    with store.transaction("add") as tx:
        tx.insert("deals", {"t": 1})
    store.close(checkpoint=False)
    assert book_bytes(backend, book)[1] != b""
    store = open_store()
    store.close()
    assert book_bytes(backend, book)[1] == b""
    assert open_store().tables["deals"] == {1: {"t": 1, "id": 1}}
    with pytest.raises(RuntimeError, match="closed"):
        store.refresh()


def test_a_failing_listener_does_not_silence_the_others(
    open_store: Callable[..., Store],
) -> None:
    store = open_store()
    heard: list[object] = []

    def broken(changes: object) -> None:
        raise ValueError("listener bug")

    store.subscribe(broken)
    store.subscribe(heard.append)
    with pytest.raises(ValueError, match="listener bug"), store.transaction("add") as tx:
        tx.insert("deals", {})
    assert tx.committed is not None  # the commit stands
    assert len(heard) == 1
    assert list(open_store().tables["deals"]) == [1]
