"""Keeping the open book live: other writers, the clock, the idle checkpoint, the index,
and the keys the book rebinds.

A mixin for the App (its timers and thread workers need a running Textual node), so the
App class itself reads as what it holds.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.reactive import reactive
from textual.timer import Timer

from cockpit.domain.book import Book
from cockpit.store import StoreError
from cockpit.ui.data.search import SearchIndex
from cockpit.ui.messages import BookChanged

if TYPE_CHECKING:
    from textual.app import App

    from cockpit.services.session import Session

    _Base = App[None]
else:
    _Base = object

__all__ = ["IDLE_CHECKPOINT_SECONDS", "INDEX_AFTER_SECONDS", "LiveBook", "searchable_copy"]

IDLE_CHECKPOINT_SECONDS = 30.0  # DESIGN §6: fold the journal in once the rep pauses
INDEX_AFTER_SECONDS = 2.0  # rebuild the search index once the book has been still this long


class LiveBook(_Base):
    """Polls for other processes' writes, rolls today over at midnight, refreshes on the
    hour, checkpoints once the rep pauses, and keeps the search index fresh."""

    revision: reactive[int] = reactive(0)  # every screen reloads when it moves
    today: reactive[date] = reactive(date.min)

    session: Session
    poll_interval: float
    tick_interval: float
    idle_checkpoint: float

    def start_live(self, now_hour: int) -> None:
        """Set the state the timers read (call from the App's __init__)."""
        self.search_index: tuple[int, SearchIndex] | None = None  # (revision, index)
        self._index_timer: Timer | None = None
        self._written_at: float | None = None  # monotonic time of the last unfolded write
        self.keymap: dict[str, str] = {}  # the book's rebound keys, as applied
        self._hour = now_hour

    def start_timers(self) -> None:
        """Start polling and the clock (call from on_mount); an interval of 0 means never."""
        self.apply_keymap()
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.poll)
        if self.tick_interval > 0:
            self.set_interval(self.tick_interval, self.tick)

    def book_changed(self, *, written: bool = True) -> None:
        """The book moved on: every screen reloads (the visible one now, others on return)."""
        if written:
            self._written_at = time.monotonic()
        self.revision += 1

    def on_book_changed(self, message: BookChanged) -> None:
        self.book_changed(written=message.written)

    # -- other writers ----------------------------------------------------------------

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

    # -- the clock --------------------------------------------------------------------

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

    @work(thread=True, group="store", exit_on_error=False)
    def _checkpoint(self) -> None:
        try:
            self.session.checkpoint()
        except StoreError:
            pass  # the journal is durable; the next checkpoint folds it in

    # -- the search index ---------------------------------------------------------------

    def watch_revision(self) -> None:
        self.apply_keymap()
        self.index_soon()

    # -- the book's keymap --------------------------------------------------------------

    def apply_keymap(self) -> None:
        """Rebind keys as the book's settings say (`set keymap.cockpit.undo:ctrl+z`), at start
        and whenever the book changes, so a `set` typed in the log bar applies at once."""
        # No lock: the settings are replaced whole, never changed in place, and the event
        # loop must not wait for a worker holding the book (a checkpoint, a rebuild).
        keymap = self.session.book.settings.keymap
        if keymap != self.keymap:
            self.keymap = keymap
            self.set_keymap(keymap)

    def index_soon(self) -> None:
        """Rebuild the search index once the book has been still for a moment.

        A 3-year book takes a few hundred ms to index: do it in the background once the
        rep pauses, so `/` opens on a fresh index.
        """
        if self._index_timer is not None:
            self._index_timer.stop()
        self._index_timer = self.set_timer(INDEX_AFTER_SECONDS, self._build_index)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self) -> None:
        revision = self.revision
        with self.session.lock:
            records = searchable_copy(self.session.book)
        # Outside the lock: indexing a 10-year book takes most of a second, and a line
        # handed over by `cockpit log` must not wait for it (DESIGN §9.7).
        index = SearchIndex.build(records)
        self.call_from_thread(self._index_built, revision, index)

    def _index_built(self, revision: int, index: SearchIndex) -> None:
        if revision == self.revision:
            self.search_index = (revision, index)


def searchable_copy(book: Book) -> Book:
    """A copy of what the search index reads (the record tables and the settings), so it
    can be built without holding the session lock: a few ms to copy, not a second to index.
    The copy has no indexes of its own (`activities_of` and the like read nothing)."""
    copy = Book()
    for table in ("accounts", "contacts", "deals", "activities"):
        setattr(copy, table, getattr(book, table).copy())
    copy.settings = book.settings
    copy.activities_loaded = book.activities_loaded  # not yet: no notes to index (§9.7)
    return copy
