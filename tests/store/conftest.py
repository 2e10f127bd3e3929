"""Fixtures for the store tests: both backends, a book path, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.store import Backend, FileBackend, MemoryBackend, Store

from .helpers import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "file"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Storage tests run on both an in-memory and a real file backend."""
    return MemoryBackend() if request.param == "memory" else FileBackend()


@pytest.fixture
def file_backend() -> Backend:
    return FileBackend()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cockpit.json"


@pytest.fixture
def open_store(book: Path, backend: Backend, clock: Clock) -> Iterator[Callable[..., Store]]:
    """Open (another) Store on the same book and backend, like another process would."""
    opened: list[Store] = []

    def _open(**kw: object) -> Store:
        store = Store.open(book, now=clock, backend=backend, **kw)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close(checkpoint=False)
