"""The cockpit TUI: a thin app over one Session; the screens own the keys and the views.

`run_app` (ui/run.py) opens the book and starts it; ui/live.py keeps the book live;
ui/paint_first.py reads the activities once the first frame is out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from cockpit.services.session import Session
from cockpit.ui.commands import ActionsProvider, RecordsProvider
from cockpit.ui.data.board import Board
from cockpit.ui.data.history import HISTORY_LIMIT, load_history
from cockpit.ui.handoff_server import HandoffServer, serve_handoff
from cockpit.ui.live import IDLE_CHECKPOINT_SECONDS, LiveBook
from cockpit.ui.messages import OpenDetail
from cockpit.ui.paint_first import PaintFirst
from cockpit.ui.screens.main import MainScreen
from cockpit.ui.screens.registry import NAMED_SCREENS

__all__ = ["CockpitApp"]


class CockpitApp(PaintFirst, LiveBook, App[None]):
    """Holds the session, the log-bar history, the book's revision and today's date."""

    CSS_PATH = "cockpit.tcss"
    TITLE = "cockpit"
    COMMANDS = {RecordsProvider, ActionsProvider}  # no generic Textual commands (issue 9)
    SCREENS: ClassVar[dict[str, Callable[[], Screen[Any]]]] = NAMED_SCREENS

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
        self.freeze_heap = freeze_heap
        self._first_board = first_board
        now = session.now()
        self.set_reactive(CockpitApp.today, now.date())
        self.start_live(now.hour)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    notice: str | None = None
    """Said once the app starts (the book opened read-only, say)."""

    def on_mount(self) -> None:
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=15)
        self.start_timers()
        # `cockpit log`, `undo` and `today` hand their requests to this session (§9.7).
        self._handoff: HandoffServer | None = serve_handoff(self.session, self.post_message)

    def on_unmount(self) -> None:
        if self._handoff is not None:
            self._handoff.stop()

    def take_first_board(self) -> Board | None:
        """The main screen's first data, when it was built before the app started."""
        board, self._first_board = self._first_board, None
        return board

    def first_view_shown(self) -> None:
        """The main screen's first frame is out: index the book for search soon, and read
        what was left out of the first paint (ui/paint_first.py)."""
        self.index_soon()
        self.after_first_paint()

    def remember(self, line: str) -> None:
        """Add a logged line to the log bar's history (the file is written by the worker)."""
        if not self.history or self.history[-1] != line:
            self.history.append(line)
        del self.history[:-HISTORY_LIMIT]

    def on_open_detail(self, message: OpenDetail) -> None:
        from cockpit.ui.screens.detail import DetailScreen  # loaded when first opened

        self.push_screen(DetailScreen(message.target))

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after ":" belong to the log bar, not to the pane they left.

        A workaround for how Textual delivers keys: ":" moves the focus to the bar, but
        the keys typed in the same instant were already queued for the pane that had the
        focus. They bubble up unhandled to here (App.on_key runs before App's own key
        handling), and would otherwise act as the pane's keys (a advances a stage, u
        undoes...). They are the line's first letters: put them in the bar.
        Pilot waits between keys, so only tests/e2e/test_tmux.py (":" and a line typed in
        one burst into a real terminal) exercises this.
        """
        focused = self.focused
        if isinstance(focused, Input) and event.is_printable and event.character:
            event.prevent_default()
            focused.insert_text_at_cursor(event.character)
