"""The one base of the screens over the book: its view built off the event loop, and the
lines typed in its log bar (if it has one) run.

A screen builds its data in a thread worker while holding the session lock and shows it
when `ViewReady` arrives; every write is a quick-log line run by `session.execute` in a
thread worker (group "store"), reported back with `CommandDone` or `CommandFailed`.
Lines run one after the other in the order they were entered: a rep may press Enter on
the next line while one is still being saved, and neither may be lost.
The app's `revision` (bumped after each write and each catch-up with another process)
and `today` (bumped at midnight) tell every screen to reload: the visible one at once, a
hidden one when it shows again ("stale while hidden").
A screen works on the app's open book unless it was handed one (tests do).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.screen import Screen
from textual.worker import get_current_worker

from cockpit.domain.book import Book
from cockpit.quicklog import QuickLogError
from cockpit.services.bulk import execute_each
from cockpit.store import StoreError
from cockpit.ui.data.complete import Candidate, completions
from cockpit.ui.data.history import append_history
from cockpit.ui.data.lines import Target
from cockpit.ui.messages import CommandDone, CommandFailed, ViewReady
from cockpit.ui.widgets.log_bar import LogBar

if TYPE_CHECKING:
    from cockpit.services.session import Session
    from cockpit.ui.app import CockpitApp

__all__ = ["BookScreen", "Refusal"]


@dataclass(frozen=True, slots=True)
class Refusal:
    """What `build_view` returns for a view that cannot be shown (a week not begun...)."""

    message: str


class BookScreen(Screen[None]):
    """A screen that shows data built from the book and runs the lines typed in its bar."""

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self._session = session
        self._stale = False
        self._view_coming = False
        # (line, from_bar, each), oldest first
        self._lines: deque[tuple[str, bool, tuple[str, ...]]] = deque()
        self._lines_lock = threading.Lock()
        self._line_worker = False

    # -- services -----------------------------------------------------------------

    @property
    def cockpit(self) -> CockpitApp:
        """The app, typed."""
        return cast("CockpitApp", self.app)

    @property
    def session(self) -> Session:
        """The open book: the one given, else the app's."""
        if self._session is None:
            self._session = self.cockpit.session
        return self._session

    @property
    def log_bar(self) -> LogBar:
        """This screen's log bar."""
        return self.query_one(LogBar)

    @property
    def has_log_bar(self) -> bool:
        """False for a screen that only shows (the quarter and review screens)."""
        return bool(self.query(LogBar))

    # -- what subclasses provide -----------------------------------------------------

    def build_view(self, book: Book, now: datetime) -> Any:
        """Build the screen's data (in a worker thread, under the session lock)."""
        raise NotImplementedError

    def show_view(self, data: Any) -> None:
        """Show data built by `build_view` (on the event loop)."""
        raise NotImplementedError

    def focus_content(self) -> None:
        """Put the focus back on the screen's content after the log bar."""
        self.focus_next()

    # -- reloading ----------------------------------------------------------------

    def on_mount(self) -> None:
        if self.has_log_bar:
            bar = self.log_bar
            bar.completer = self._complete
            bar.history = self.cockpit.history
        self.watch(self.app, "revision", self._book_moved, init=False)
        self.watch(self.app, "today", self._book_moved, init=False)
        ready = self.initial_view()
        if ready is None:
            self.reload()
        else:
            self.show_view(ready)

    def initial_view(self) -> Any:
        """Data built before the screen was mounted, if any (None: build it now)."""
        return None

    def _book_moved(self) -> None:
        if self._view_coming:
            self._view_coming = False  # the command's worker is building it already
        elif self.is_current:
            self.reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Rebuild the screen's data off the event loop."""
        self._load(getattr(self.app, "revision", 0))  # a test host may have none

    @work(thread=True, exclusive=True, group="view")
    def _load(self, revision: int) -> None:
        worker = get_current_worker()
        session = self.session
        with session.lock:
            if worker.is_cancelled:
                return  # a newer reload follows: a burst of writes is built once, not each
            data = self.build_view(session.book, session.now())
        if not worker.is_cancelled:
            self.post_message(ViewReady(data, revision))

    @on(ViewReady)
    def _view_ready(self, message: ViewReady) -> None:
        message.stop()
        self.show_view(message.data)

    # -- running lines --------------------------------------------------------------

    def run_line(self, line: str, *, from_bar: bool = False, each: Sequence[str] = ()) -> None:
        """Execute one quick-log line off the event loop, after those entered before it
        (`each`: on every one of these records, as one command)."""
        self.log_bar.show_saving()
        with self._lines_lock:
            self._lines.append((line, from_bar, tuple(each)))
            if self._line_worker:
                return
            self._line_worker = True
        self._run_lines()

    @work(thread=True, group="store")
    def _run_lines(self) -> None:
        while True:
            with self._lines_lock:
                if not self._lines:
                    self._line_worker = False
                    return
                line, from_bar, each = self._lines.popleft()
            self._execute(line, from_bar, each)

    def _execute(self, line: str, from_bar: bool, each: tuple[str, ...] = ()) -> None:
        # DESIGN §6: the panes repaint from the book as applied in memory, while the
        # journal line is written; "saved" once its fsync returns. A failed write puts the
        # book back, and the panes with it. Every outcome is posted, even from a
        # superseded worker: its write did happen.
        shown = False

        def repaint() -> None:
            nonlocal shown
            shown = True
            self._post_view()

        try:
            if each:  # one line on many records (the pipeline screen): shown once saved
                outcome = execute_each(self.session, line, each)
            else:
                outcome = self.session.execute(line, applied=repaint)
        except QuickLogError as exc:
            self.post_message(CommandFailed(line, exc.message, exc.column, exc.token, from_bar))
            return
        except Exception as exc:
            if not isinstance(exc, StoreError):  # a bug: keep the app and the line alive
                self.app.log.error(f"executing {line!r}: {exc!r}")
            message = (
                str(exc)
                if isinstance(exc, StoreError)
                else f"internal error (a bug, please report it): {exc!r}"
            )
            self.post_message(CommandFailed(line, message, from_bar=from_bar))
            if shown:
                self._post_view()  # the book as it is again
            return
        self.post_message(CommandDone(line, outcome, from_bar))
        if not shown:  # undo and bare `set` apply no line: show what they did now
            self._post_view()
        if from_bar and self.cockpit.history_file is not None:
            append_history(self.cockpit.history_file, line)

    def _post_view(self) -> None:
        # Built here, in the worker's thread: no second hop through the event loop.
        session = self.session
        with session.lock:
            data = self.build_view(session.book, session.now())
        self.post_message(ViewReady(data, -1))

    @on(CommandDone)
    def _command_done(self, message: CommandDone) -> None:
        message.stop()
        if message.from_bar:
            self.cockpit.remember(message.line)
        outcome = message.outcome
        # The bar was emptied when Enter took the line: what is in it now is the next line.
        self.log_bar.show_done(outcome.message, clear=False, warnings=outcome.warnings)
        self._view_coming = self.is_current
        self.cockpit.book_changed()

    @on(CommandFailed)
    def _command_failed(self, message: CommandFailed) -> None:
        message.stop()
        bar = self.log_bar
        if message.from_bar:
            bar.restore(message.line)
        else:
            bar.prefill(message.line)  # a row key's line: keep it so it can be fixed
        bar.show_error(message.message, message.column, message.token)

    @on(LogBar.Submitted)
    def _submitted(self, message: LogBar.Submitted) -> None:
        self.run_line(message.line, from_bar=True)

    @on(LogBar.Left)
    def _left(self) -> None:
        self.focus_content()

    def selected(self) -> Target | None:
        """The record the rep is on, which Tab offers first (none by default)."""
        return None

    def _complete(self, token: str, line: str) -> list[Candidate]:
        selected = self.selected()
        with self.session.lock:
            today = self.session.now().date()
            return completions(self.session.book, token, line, selected=selected, today=today)
