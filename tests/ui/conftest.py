"""Fixtures for the TUI tests: a demo book at a fixed moment, a session, an app.

The helpers the tests call (settle, lines_of...) are in helpers.py: tests import those,
never this file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cockpit.demo import write_demo
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path
from tests.ui.helpers import NOW


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Books keep the system's time zone by default: make it UTC so "today" is fixed."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A fresh demo book (seed 7) written at NOW."""
    path = tmp_path / "cockpit.json"
    write_demo(path, NOW, seed=7)
    return path


@pytest.fixture
def open_session() -> Iterator[Callable[[Path], Session]]:
    """Open sessions on a fixed clock; all are closed after the test."""
    opened: list[Session] = []

    def open_(path: Path) -> Session:
        session = Session.open(path, clock=fixed_clock(NOW))
        opened.append(session)
        return session

    yield open_
    for session in opened:
        session.close()


@pytest.fixture
def session(book: Path, open_session: Callable[[Path], Session]) -> Session:
    """A session on the demo book."""
    return open_session(book)


@pytest.fixture
def app(session: Session, book: Path) -> CockpitApp:
    """The app on the demo book; polling and the clock tick are driven by hand."""
    return CockpitApp(session, poll_interval=0, tick_interval=0, history_file=history_path(book))


@pytest.fixture
def day_one(tmp_path: Path) -> Path:
    """The small day-one book of tests/ui/books.py."""
    from .books import write_day_one

    return write_day_one(tmp_path / "day-one.json")


@pytest.fixture
def day_one_app(day_one: Path, open_session: Callable[[Path], Session]) -> CockpitApp:
    """The app on the day-one book."""
    return CockpitApp(
        open_session(day_one), poll_interval=0, tick_interval=0, history_file=history_path(day_one)
    )
