"""The main screen: header, Sprint, Marathon, Quarter and Promises, the log bar, the keys."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from cockpit.domain.book import Book
from cockpit.ui.data.board import Board, build_board
from cockpit.ui.data.lines import Target
from cockpit.ui.screens.cockpit_screen import CockpitScreen
from cockpit.ui.widgets.footer import KeyFooter
from cockpit.ui.widgets.header import CockpitHeader
from cockpit.ui.widgets.log_bar import LogBar
from cockpit.ui.widgets.pane import Pane
from cockpit.ui.widgets.quarter_panel import QuarterPanel
from cockpit.ui.widgets.record_list import RecordList
from cockpit.ui.widgets.rows import (
    FIRST_RUN,
    MARATHON_COLUMNS,
    PROMISE_COLUMNS,
    SPRINT_COLUMNS,
    marathon_rows,
    promise_rows,
    sprint_rows,
)

__all__ = ["MainScreen"]

PANES = {"1": "sprint", "2": "marathon", "3": "quarter", "4": "promises"}
LOWER = {"marathon": "2", "quarter": "3", "promises": "4"}
# The log bar's example, longest first: each runs as shown on the demo book.
EXAMPLES = (
    'call #acme-corp-renewal out:connected "notes" next:"send pricing" due:thu',
    'call #acme-corp-renewal "notes" next:"send pricing"',
    'call @acme "notes"',
)


class MainScreen(CockpitScreen):
    """The screen a rep keeps open all day."""

    AUTO_FOCUS = "#sprint"
    # Below 90 columns the lower panes are tabs: one shown, 2 3 4 switch (DESIGN §9.5).
    HORIZONTAL_BREAKPOINTS = [(0, "-tight"), (90, "-narrow"), (150, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "focus_pane('sprint')", "Sprint", show=False, id="main.sprint"),
        Binding("2", "focus_pane('marathon')", "Marathon", show=False, id="main.marathon"),
        Binding("3", "focus_pane('quarter')", "Quarter pane", show=False, id="main.quarter"),
        Binding("4", "focus_pane('promises')", "Promises", show=False, id="main.promises"),
        Binding("q", "quit", "Quit", id="main.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._last_list: RecordList | None = None
        self.board: Board | None = None

    def compose(self) -> ComposeResult:
        yield CockpitHeader(id="header")
        with Vertical(id="panes"):
            with Pane(
                "1",
                "Sprint",
                "red late · yellow today/soon · ★ focus · f/u chases since a reply · ⏎ detail",
                id="sprint-pane",
            ):
                yield RecordList(SPRINT_COLUMNS, empty=["loading…"], id="sprint")
            yield Static(id="tabs")
            with Horizontal(id="bottom"):
                with Pane("2", "Marathon", "due: last touch + cadence", id="marathon-pane"):
                    yield RecordList(MARATHON_COLUMNS, empty=["loading…"], id="marathon")
                with Pane("3", "Quarter", "pace: the plan to date", id="quarter-pane"):
                    yield QuarterPanel(id="quarter")
                with Pane("4", "Promises", "aim 1 day early · D kept", id="promises-pane"):
                    yield RecordList(PROMISE_COLUMNS, empty=["loading…"], id="promises")
        yield LogBar(EXAMPLES, id="logbar")
        yield KeyFooter()

    # -- data -----------------------------------------------------------------------

    def build_view(self, book: Book, now: datetime) -> Board:
        return build_board(book, now)

    def initial_view(self) -> Board | None:
        return self.cockpit.take_first_board()

    def show_view(self, data: Board) -> None:
        first = self.board is None
        if first:
            self._show_lower("marathon")
        board = self.board = data
        self.query_one(CockpitHeader).show(board, "demo book" if self.cockpit.demo else "")
        empty = (
            FIRST_RUN
            if board.empty
            else [
                "Nothing needs you today: every deal has a dated next step.",
                "Work the Marathon (2): relationships due a touch.",
            ]
        )
        sprint = self.query_one("#sprint", RecordList)
        sprint.set_rows(sprint_rows(board), empty)
        self._sprint_title(sprint.shown)

        overdue = sum(1 for r in board.marathon if r.days_overdue)
        self.query_one("#marathon-pane", Pane).set_title(f"{overdue} overdue" if overdue else "")
        self.query_one("#marathon", RecordList).set_rows(
            marathon_rows(board),
            [
                "No relationship has a cadence yet.",
                Text("account @acme tier:key", style="bold"),
                "sets one: a touch every 14 days.",
            ],
        )

        self.query_one("#quarter-pane", Pane).set_title(board.quarter.quarter.name)
        self.query_one(QuarterPanel).show(board)

        promises = board.promises
        missed = sum(1 for r in promises.open if r.status == "missed")
        detail = f"{missed} missed" if missed else f"{len(promises.open)} open"
        self.query_one("#promises-pane", Pane).set_title(detail)
        if first:
            self.call_after_refresh(self.cockpit.first_view_shown)
        self.query_one("#promises", RecordList).set_rows(
            promise_rows(board),
            [
                "No open promises. p on a row, or:",
                Text('promise ~jane "pricing" due:fri', style="bold"),
            ],
        )

    def _sprint_title(self, shown: int) -> None:
        """`10 shown · 21 need you` when the pane cuts the list, else `21 need you`."""
        total = len(self.board.sprint.rows) if self.board is not None else 0
        title = f"{total} need you" if total else ""
        if 0 < shown < total:
            title = f"{shown} shown · {title}"
        self.query_one("#sprint-pane", Pane).set_title(title)

    @on(RecordList.Shown, "#sprint")
    def _sprint_shown(self, message: RecordList.Shown) -> None:
        self._sprint_title(message.shown)

    # -- focus and selection --------------------------------------------------------

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        if isinstance(focused, RecordList):
            self._last_list = focused

    def current_target(self) -> Target | None:
        focused = self.focused
        if isinstance(focused, RecordList):
            return focused.selected
        return self._last_list.selected if self._last_list is not None else None

    def focus_content(self) -> None:
        self.set_focus(self._last_list or self.query_one("#sprint", RecordList))

    def action_focus_pane(self, name: str) -> None:
        """Move to a pane: 1 Sprint, 2 Marathon, 3 Quarter, 4 Promises."""
        if name in LOWER:
            self._show_lower(name)
        self.set_focus(self.query_one(f"#{name}", Widget))

    def _show_lower(self, name: str) -> None:
        """Which lower pane shows when they are tabs, and the tab strip that says so."""
        for pane in LOWER:
            self.query_one(f"#{pane}-pane", Pane).set_class(pane == name, "-shown")
        tabs = Text()
        for i, (pane, key) in enumerate(LOWER.items()):
            if i:
                tabs.append(" · ", style="dim")
            label = f"{key} {pane.capitalize()}"
            tabs.append(label, style="bold reverse" if pane == name else "dim")
        self.query_one("#tabs", Static).update(tabs)

    def action_quit(self) -> None:
        """Leave cockpit (the book is checkpointed on the way out)."""
        self.app.exit()

    @on(RecordList.Opened)
    def _opened(self, message: RecordList.Opened) -> None:
        self.open_detail(message.target)

    def key_enter(self) -> None:
        # Enter on the Quarter pane opens the quarter screen when one is registered.
        if isinstance(self.focused, QuarterPanel):
            self.action_open_screen("quarter")
