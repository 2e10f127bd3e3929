"""Fixtures for the TUI tests: a demo book at a fixed moment, a session, an app, settling."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from cockpit.demo import write_demo
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path

from .workers import wait_for_workers

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday morning


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


def lines_of(widget: Widget) -> list[str]:
    """What a widget shows, line by line, as plain text (right-trimmed)."""
    width, height = widget.outer_size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages land (no sleeping)."""
    for _ in range(3):
        await pilot.pause()
        await wait_for_workers(pilot)
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` key by key, as a rep would."""
    await pilot.press(*text)


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste `text` into the focused widget, as a rep pasting a line would (one event)."""
    focused = pilot.app.focused
    assert focused is not None, "nothing has the focus to paste into"
    focused.post_message(events.Paste(text))
    await pilot.pause()


def screen_lines(app: App[None], widget: Widget | None = None) -> list[str]:
    """What the terminal shows, line by line (right-trimmed); only `widget`'s rows if given."""
    strips = app.screen._compositor.render_strips()
    lines = [strip.text.rstrip() for strip in strips]
    if widget is None:
        return lines
    region = widget.region
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]
