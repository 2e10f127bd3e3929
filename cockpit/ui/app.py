"""The cockpit TUI: a thin app over one Session; the screens own the keys and the views."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events, work
from textual.app import App
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from cockpit.services.session import Session
from cockpit.store import BookRefused, Busy, StoreError, TuiAlreadyOpen, claim_tui
from cockpit.ui.commands import ActionsProvider, RecordsProvider
from cockpit.ui.data.board import Board, build_board
from cockpit.ui.data.history import HISTORY_LIMIT, history_path, load_history
from cockpit.ui.data.search import SearchIndex
from cockpit.ui.messages import BookChanged
from cockpit.ui.screens.main import MainScreen
from cockpit.ui.screens.registry import NAMED_SCREENS

__all__ = ["IDLE_CHECKPOINT_SECONDS", "CockpitApp", "run_app"]

IDLE_CHECKPOINT_SECONDS = 30.0  # DESIGN §6: fold the journal in once the rep pauses
INDEX_AFTER_SECONDS = 2.0  # rebuild the search index once the book has been still this long


class CockpitApp(App[None]):
    """Holds the session, the log-bar history, the book's revision and today's date."""

    CSS_PATH = "cockpit.tcss"
    TITLE = "cockpit"
    COMMANDS = App.COMMANDS | {RecordsProvider, ActionsProvider}
    SCREENS: ClassVar[dict[str, Callable[[], Screen[Any]]]] = NAMED_SCREENS

    revision: reactive[int] = reactive(0)
    today: reactive[date] = reactive(date.min)

    def __init__(
        self,
        session: Session,
        *,
        poll_interval: float = 2.0,
        tick_interval: float = 30.0,
        idle_checkpoint: float = IDLE_CHECKPOINT_SECONDS,
        history_file: Path | None = None,
        demo: bool = False,
        freeze_heap: bool = False,
        first_board: Board | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.poll_interval = poll_interval
        self.tick_interval = tick_interval
        self.idle_checkpoint = idle_checkpoint
        self.history_file = history_file
        self.history = load_history(history_file) if history_file is not None else []
        self.demo = demo
        self.search_index: tuple[int, SearchIndex] | None = None  # (revision, index)
        self._index_timer: Timer | None = None
        self._written_at: float | None = None  # monotonic time of the last unfolded write
        self._heap_frozen = not freeze_heap  # tests share a process: leave their heap be
        self._first_board = first_board
        now = session.now()
        self.set_reactive(CockpitApp.today, now.date())
        self._hour = now.hour

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    def on_mount(self) -> None:
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.poll)
        if self.tick_interval > 0:
            self.set_interval(self.tick_interval, self.tick)

    def watch_revision(self) -> None:
        self._index_soon()

    def _index_soon(self) -> None:
        # A 3-year book takes a few hundred ms to index: do it in the background once the
        # rep pauses, so `/` opens on a fresh index.
        if self._index_timer is not None:
            self._index_timer.stop()
        self._index_timer = self.set_timer(INDEX_AFTER_SECONDS, self._build_index)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self) -> None:
        revision = self.revision
        with self.session.lock:
            index = SearchIndex.build(self.session.book)
        self.call_from_thread(self._index_built, revision, index)

    def _index_built(self, revision: int, index: SearchIndex) -> None:
        if revision == self.revision:
            self.search_index = (revision, index)

    def book_changed(self, *, written: bool = True) -> None:
        """The book moved on: every screen reloads (the visible one now, others on return)."""
        if written:
            self._written_at = time.monotonic()
        self.revision += 1

    def take_first_board(self) -> Board | None:
        """The main screen's first data, when it was built before the app started."""
        board, self._first_board = self._first_board, None
        return board

    def first_view_shown(self) -> None:
        """The book is loaded and decoded: index it for search soon, and stop the garbage
        collector from re-scanning it.

        A 3-year book is a few hundred thousand long-lived objects; a full collection over
        them stalls the event loop for 100 ms and more while the rep types. Freezing them
        once keeps collections to what the app allocates from here on.
        """
        self._index_soon()
        if not self._heap_frozen:
            self._heap_frozen = True
            gc.collect()
            gc.freeze()

    def remember(self, line: str) -> None:
        """Add a logged line to the log bar's history (the file is written by the worker)."""
        if not self.history or self.history[-1] != line:
            self.history.append(line)
        del self.history[:-HISTORY_LIMIT]

    def tick(self) -> None:
        """Roll "today" over at midnight, refresh on the hour (the Friday-afternoon review
        nudge), and checkpoint once the rep has paused after writing."""
        now = self.session.now()
        if now.date() != self.today:
            self._hour = now.hour
            self.today = now.date()
        elif now.hour != self._hour:
            self._hour = now.hour
            self.book_changed(written=False)
        idle = self._written_at is not None and (
            time.monotonic() - self._written_at >= self.idle_checkpoint
        )
        if idle:
            self._written_at = None
            self._checkpoint()

    def poll(self) -> None:
        """Catch up with other processes' writes (a cheap stat when nothing changed)."""
        self._refresh()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _refresh(self) -> None:
        try:
            changed = self.session.refresh()
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        if changed:
            self.post_message(BookChanged())

    @work(thread=True, group="store", exit_on_error=False)
    def _checkpoint(self) -> None:
        try:
            self.session.checkpoint()
        except StoreError:
            pass  # the journal is durable; the next checkpoint folds it in

    def on_book_changed(self, message: BookChanged) -> None:
        self.book_changed(written=False)

    def on_key(self, event: events.Key) -> None:
        # Keys typed right after ":" were queued for the pane that had the focus and bubble
        # up here after the bar took it: they are the line's first letters, not the pane's
        # keys (a advances a stage, u undoes...). Runs before App's own key handling.
        focused = self.focused
        if isinstance(focused, Input) and event.is_printable and event.character:
            event.prevent_default()
            focused.insert_text_at_cursor(event.character)


def _error(message: str) -> None:
    print(f"cockpit: error: {message}", file=sys.stderr)


def run_app(path: Path, demo: bool = False) -> int:
    """Open the TUI on the book at `path`; the exit code (3 refused, 4 busy or open)."""
    try:
        claim = claim_tui(path)
    except TuiAlreadyOpen as exc:
        _error(f"{exc}; close it first (commands like `cockpit log` still work beside it)")
        return 4
    # Loading allocates a few hundred thousand objects that live as long as the app: the
    # cyclic collector would re-scan them again and again while they are made.
    gc.disable()
    try:
        try:
            session = Session.open(path)
        except BookRefused as exc:
            _error(str(exc))
            return 3
        except Busy as exc:
            _error(str(exc))
            return 4
        try:
            # The first board decodes most of the book: build it before Textual starts, in
            # this thread, rather than in a worker that would compete with the start-up.
            with session.lock:
                board = build_board(session.book, session.now())
            gc.enable()
            app = CockpitApp(
                session,
                history_file=history_path(path),
                demo=demo,
                freeze_heap=True,
                first_board=board,
            )
            app.run()
        finally:
            session.close()
    finally:
        gc.enable()
        claim.release()
    return 0
