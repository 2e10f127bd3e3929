"""Undo reverses the most recent command not yet undone, from any process, as a new command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from cockpit.store import Backend, Change, NothingToUndo, Store, UndoConflict

from .helpers import book_bytes, put_bytes


def _seed(store: Store) -> int:
    with store.transaction("add acme") as tx:
        return tx.insert("accounts", {"name": "Acme", "tier": "key"})


def test_undo_reverses_insert_patch_and_delete(open_store: Callable[..., Store]) -> None:
    store = open_store()
    acme = _seed(store)
    with store.transaction("edit") as tx:
        other = tx.insert("accounts", {"name": "Other"})
        tx.patch("accounts", acme, {"tier": "growth", "extra": 1})
    with store.transaction("drop acme") as tx:
        tx.delete("accounts", acme)

    last = store.last_command()
    assert last is not None and last.line == "drop acme" and last.seq == 3
    undone = store.undo()
    assert undone.line == "undo: drop acme"
    assert undone.undo_of == 3 and undone.seq == 4
    assert store.tables["accounts"][acme] == {
        "id": acme,
        "name": "Acme",
        "tier": "growth",
        "extra": 1,
    }  # same id back

    store.undo()  # "edit": the insert goes, the patch reverts
    assert dict(store.tables["accounts"]) == {acme: {"id": acme, "name": "Acme", "tier": "key"}}
    assert other not in store.tables["accounts"]

    store.undo()  # "add acme"
    assert dict(store.tables["accounts"]) == {}
    with pytest.raises(NothingToUndo):
        store.undo()
    assert store.last_command() is None

    with store.transaction("add again") as tx:
        assert tx.insert("accounts", {"name": "New"}) == other + 1  # counters never go back
    assert dict(open_store().tables["accounts"]) == dict(store.tables["accounts"])


def test_undo_notifies_and_is_journaled(open_store: Callable[..., Store]) -> None:
    store = open_store()
    acme = _seed(store)
    heard: list[object] = []
    store.subscribe(heard.append)
    undone = store.undo()
    assert heard == [undone.changes]
    assert undone.changes == (
        Change("accounts", acme, {"id": acme, "name": "Acme", "tier": "key"}, None),
    )
    other = open_store()
    assert other.tables["accounts"] == {}
    assert other.last_command() is None


def test_undo_across_a_checkpoint_and_reopen(open_store: Callable[..., Store]) -> None:
    store = open_store()
    acme = _seed(store)
    with store.transaction("rename") as tx:
        tx.patch("accounts", acme, {"name": "Acme Inc"})
    store.checkpoint()
    reopened = open_store()
    assert reopened.journal_lines == 0
    assert reopened.last_command() is not None
    reopened.undo()
    assert reopened.tables["accounts"][acme]["name"] == "Acme"
    reopened.checkpoint()
    again = open_store()
    again.undo()  # "add acme": the earlier undo is remembered across the checkpoint
    assert again.tables["accounts"] == {}
    with pytest.raises(NothingToUndo):
        again.undo()


def test_undo_keeps_the_last_50_commands_at_checkpoint(
    open_store: Callable[..., Store],
) -> None:
    store = open_store()
    for i in range(60):
        with store.transaction(f"add {i}") as tx:
            tx.insert("deals", {"n": i})
    store.checkpoint()
    assert len(store.tables["undo"]) == 50
    reopened = open_store()
    for _ in range(50):
        reopened.undo()
    with pytest.raises(NothingToUndo):
        reopened.undo()
    assert sorted(d["n"] for d in reopened.tables["deals"].values()) == list(range(10))


def test_undo_after_undone_later_edits_of_the_same_record(
    open_store: Callable[..., Store],
) -> None:
    store = open_store()
    acme = _seed(store)
    with store.transaction("set tier") as tx:
        tx.patch("accounts", acme, {"tier": "growth"})
    with store.transaction("rename") as tx:
        tx.patch("accounts", acme, {"name": "Acme Inc"})
    assert store.undo().line == "undo: rename"
    # "rename" touched acme after "set tier", but it is undone: no conflict.
    assert store.undo().line == "undo: set tier"
    assert store.tables["accounts"][acme] == {"id": acme, "name": "Acme", "tier": "key"}


def test_undo_of_a_command_from_another_process(open_store: Callable[..., Store]) -> None:
    store, other = open_store(), open_store()
    acme = _seed(store)
    with other.transaction("their rename") as tx:
        tx.patch("accounts", acme, {"name": "Theirs"})
    # The newest command of the book is theirs, even though we have not refreshed yet.
    undone = store.undo()
    assert undone.line == "undo: their rename"
    assert store.tables["accounts"][acme]["name"] == "Acme"
    assert other.refresh() is True
    assert other.tables["accounts"][acme]["name"] == "Acme"
    last = other.last_command()
    assert last is not None and last.line == "add acme"


def test_undo_conflict_when_a_record_changed_outside_the_history(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = open_store()
    acme = _seed(store)
    with store.transaction("set tier") as tx:
        tx.patch("accounts", acme, {"tier": "growth"})
    store.checkpoint()
    # Someone edits the book by hand (say with TinyDB) after the checkpoint.
    raw = orjson.loads(book_bytes(backend, book)[0] or b"")
    raw["accounts"][str(acme)]["tier"] = "nurture"
    put_bytes(backend, book, orjson.dumps(raw))
    before = book_bytes(backend, book)
    reopened = open_store()
    with pytest.raises(UndoConflict, match=r'"set tier": accounts #1 was changed'):
        reopened.undo()
    assert reopened.tables["accounts"][acme]["tier"] == "nurture"
    assert book_bytes(backend, book) == before  # nothing written


def test_clear_undo_forgets_every_command(open_store: Callable[..., Store]) -> None:
    store = open_store()
    _seed(store)
    store.checkpoint(clear_undo=True)
    assert store.last_command() is None
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        open_store().undo()
