"""The TUI paints first (DESIGN §9.7): the book opened without its activities shows the
Sprint at once; the timeline, note search and review say "loading…" until the activities
are read in a worker, then fill themselves in without a key press; a line typed meanwhile
is saved and shown.

The load is held back with an Event: the tests see the moment between the two paints.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from cockpit.services.clock import fixed_clock
from cockpit.services.session import LINE_TABLES, Session
from cockpit.store import BookRefused
from cockpit.ui.app import CockpitApp
from cockpit.ui.paint_first import ACTIVITIES_WORKER
from cockpit.ui.screens.detail import DetailScreen
from cockpit.ui.screens.review import ReviewScreen
from cockpit.ui.screens.search import SearchScreen
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import NOW, lines_of, paste, screen_lines, settle, type_text


class HeldLoad:
    """Holds `session.load_activities` back until `release()`."""

    def __init__(self, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self._go = threading.Event()
        real: Callable[[], None] = session.load_activities

        def held() -> None:
            self.started.set()
            self._go.wait(timeout=60)
            real()

        monkeypatch.setattr(session, "load_activities", held)

    def release(self) -> None:
        self._go.set()


@pytest.fixture
def painted(book: Path) -> Session:
    """A session on the demo book as the TUI opens it: the small tables only."""
    session = Session.open(book, clock=fixed_clock(NOW), only=LINE_TABLES)
    assert not session.book.activities_loaded  # the book's index let it leave them out
    yield session  # type: ignore[misc]
    session.close()


@pytest.fixture
def held(painted: Session, monkeypatch: pytest.MonkeyPatch) -> HeldLoad:
    return HeldLoad(painted, monkeypatch)


@pytest.fixture
def paint_app(painted: Session) -> CockpitApp:
    return CockpitApp(painted, poll_interval=0, tick_interval=0)


@asynccontextmanager
async def running(app: CockpitApp, held: HeldLoad) -> AsyncIterator[Pilot[None]]:
    """The app at 120x36; the load released before it closes, even when a test fails."""
    async with app.run_test(size=(120, 36)) as pilot:
        try:
            yield pilot
        finally:
            held.release()


def shown(app: CockpitApp) -> str:
    return "\n".join(screen_lines(app))


async def test_the_sprint_shows_first_and_the_timeline_fills_in_by_itself(
    paint_app: CockpitApp, painted: Session, held: HeldLoad
) -> None:
    app = paint_app
    async with running(app, held) as pilot:
        await settle(pilot, but=ACTIVITIES_WORKER)
        sprint = app.screen.query_one("#sprint", RecordList)
        top = sprint.rows[0].target
        assert top is not None and f"#{top.id} " in "\n".join(lines_of(sprint))
        assert held.started.is_set()  # the load began once the first frame was out
        assert not painted.book.activities_loaded

        await pilot.press("enter")
        await settle(pilot, but=ACTIVITIES_WORKER)
        assert isinstance(app.screen, DetailScreen)
        timeline = app.screen.query_one("#timeline", RecordList)
        assert "loading…" in "\n".join(lines_of(timeline)), lines_of(timeline)
        assert "activities loading…" in shown(app)

        held.release()
        await settle(pilot)  # no key pressed from here on

        assert painted.book.activities_loaded
        activities = painted.book.activities_of("deal_id", top.id)
        assert activities
        assert len(timeline.rows) == len(activities)
        assert timeline.rows[0].cells["text"] == activities[-1].text
        assert "loading…" not in shown(app)


async def test_search_says_notes_are_loading_then_finds_them_by_itself(
    paint_app: CockpitApp, painted: Session, held: HeldLoad, book: Path
) -> None:
    whole = Session.open(book, clock=fixed_clock(NOW))  # what the notes say, to search for
    try:
        note = max(whole.book.activities.values(), key=lambda a: (a.at, a.id) if a.text else ())
        word = max((note.text or "").split(), key=len).lower().strip(".,!?")
    finally:
        whole.close()
    app = paint_app
    async with running(app, held) as pilot:
        await settle(pilot, but=ACTIVITIES_WORKER)
        await pilot.press("slash")
        await type_text(pilot, word)
        await settle(pilot, but=ACTIVITIES_WORKER)
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one("#search-results", RecordList)
        assert "notes loading…" in shown(app)
        assert not any(row.cells["kind"].plain == "activity" for row in results.rows)

        held.release()
        await settle(pilot)

        kinds = [row.cells["kind"].plain for row in results.rows]
        assert "activity" in kinds
        assert "loading" not in shown(app)


async def test_the_review_says_loading_then_shows_the_week(
    paint_app: CockpitApp, held: HeldLoad
) -> None:
    app = paint_app
    async with running(app, held) as pilot:
        await settle(pilot, but=ACTIVITIES_WORKER)
        await pilot.press("R")
        await settle(pilot, but=ACTIVITIES_WORKER)
        assert isinstance(app.screen, ReviewScreen)
        assert "activities loading…" in shown(app)

        held.release()
        await settle(pilot)

        assert app.screen.view is not None
        assert "Touches" in shown(app)
        assert "loading" not in shown(app)


async def test_a_line_typed_during_the_load_is_saved_shown_and_kept(
    paint_app: CockpitApp, painted: Session, held: HeldLoad
) -> None:
    app = paint_app
    async with running(app, held) as pilot:
        await settle(pilot, but=ACTIVITIES_WORKER)
        top = app.screen.query_one("#sprint", RecordList).rows[0].target
        assert top is not None
        await pilot.press("colon")
        await paste(pilot, f'note #{top.id} "typed while the book was loading"')
        await pilot.press("enter")
        await settle(pilot, but=ACTIVITIES_WORKER)
        assert "✓ saved" in shown(app)
        assert not painted.book.activities_loaded  # the load is still held back

        held.release()
        await settle(pilot)
        await pilot.press("escape", "1", "enter")
        await settle(pilot)

        assert isinstance(app.screen, DetailScreen) and app.screen.target == top
        timeline = app.screen.query_one("#timeline", RecordList)
        assert timeline.rows[0].cells["text"] == "typed while the book was loading"
        texts = [a.text for a in painted.book.activities_of("deal_id", top.id)]
        assert texts.count("typed while the book was loading") == 1


async def test_a_line_typed_while_the_book_is_being_read_waits_and_is_not_lost(
    paint_app: CockpitApp, painted: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Held inside the read itself: the store is busy reading the rest of the book.
    reading, go = threading.Event(), threading.Event()
    backend = painted.store.backend  # type: ignore[attr-defined]  # a PartialStore's
    real = backend.read_book

    def read_book(path: Path) -> object:
        reading.set()
        go.wait(timeout=60)
        return real(path)

    monkeypatch.setattr(backend, "read_book", read_book)
    app = paint_app
    line = 'note #{} "typed while the book was read"'
    async with app.run_test(size=(120, 36)) as pilot:
        try:
            await settle(pilot, but=ACTIVITIES_WORKER)
            assert reading.wait(timeout=30)
            top = app.screen.query_one("#sprint", RecordList).rows[0].target
            assert top is not None
            await pilot.press("colon")
            await paste(pilot, line.format(top.id))
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one("#logbar").value == ""  # type: ignore[attr-defined]
        finally:
            go.set()
        await settle(pilot)

        assert "✓ saved" in shown(app)
        texts = [a.text for a in painted.book.activities_of("deal_id", top.id)]
        assert texts.count("typed while the book was read") == 1


async def test_activities_the_store_refuses_leave_the_sprint_working_and_say_why(
    book: Path, painted: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused() -> None:  # as the store refuses a damaged activities segment
        raise BookRefused(book, "table 'activities' is damaged (bytes 1-2 fail the crc32)")

    monkeypatch.setattr(painted, "load_activities", refused)
    app = CockpitApp(painted, poll_interval=0, tick_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#sprint", RecordList).rows
        assert any("activities not read" in str(n.message) for n in app._notifications)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        timeline = shown(app)
        assert "activities not read" in timeline, timeline
        assert "is damaged" in timeline, timeline
        assert "loading…" not in timeline
