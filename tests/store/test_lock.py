"""A writer waits for the lock and gives up with Busy; readers never wait."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.store import Backend, Busy, FileBackend, MemoryBackend, Store

from .helpers import Clock, spawn


def test_busy_when_another_process_holds_the_lock(book: Path, clock: Clock) -> None:
    store = Store.open(book, now=clock, backend=FileBackend(), lock_timeout=0.2)
    with store.transaction("before") as tx:
        tx.insert("deals", {})
    child = spawn("hold-lock", str(book), stdin=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(Busy, match="busy"), store.transaction("add") as tx:
            tx.insert("deals", {})
        with pytest.raises(Busy):
            store.undo()
        with pytest.raises(Busy):
            store.checkpoint()
        assert store.refresh() is False  # reading needs no lock
        store.close()  # cannot checkpoint, but closes: the journal is durable
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)
    assert list(store.tables["deals"]) == [1]
    later = Store.open(book, now=clock, backend=FileBackend(), lock_timeout=0.2)
    assert later.journal_lines == 1
    with later.transaction("add") as tx:
        tx.insert("deals", {})
    assert list(later.tables["deals"]) == [1, 2]


def test_the_lock_waits_before_giving_up(
    open_store: Callable[..., Store], backend: Backend, book: Path
) -> None:
    store = open_store(lock_timeout=2.0)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with backend.lock(book, 1.0):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    threading.Timer(0.1, release.set).start()
    with store.transaction("add") as tx:  # waits ~0.1 s, then gets the lock
        tx.insert("deals", {})
    thread.join()
    assert len(store.tables["deals"]) == 1


def test_memory_lock_busy(book: Path, clock: Clock) -> None:
    backend = MemoryBackend()
    store = Store.open(book, now=clock, backend=backend, lock_timeout=0.05)
    with backend.lock(book, 1.0), pytest.raises(Busy):
        with store.transaction("add"):
            pass


def test_refresh_never_waits_for_another_threads_command(
    open_store: Callable[..., Store],
) -> None:
    store = open_store()
    inside, leave = threading.Event(), threading.Event()

    def slow_command() -> None:
        with store.transaction("slow") as tx:
            tx.insert("deals", {})
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=slow_command)
    worker.start()
    try:
        assert inside.wait(5)
        assert store.refresh() is False  # returns at once: the command catches up itself
    finally:
        leave.set()
        worker.join(5)
    assert list(store.tables["deals"]) == [1]
