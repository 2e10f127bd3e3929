"""The quarter screen (`Q`): will you make your number, week by week.

The headline numbers and this week's activity targets on top; below, the week-by-week
table, the burn-up chart (cumulative won against the plan line) and how the numbers add
up: the chart down the right of the other two on a large terminal, one under the other
(scrolling) otherwise. `[`/`]` open the previous/next quarter, `t` this one, Escape
closes. The report is computed in a thread worker under the session lock (the first one
on a large book decodes records; a quarter of an archived year reads the archives) and
arrives by message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from cockpit.domain.book import Book
from cockpit.domain.calendar import Quarter
from cockpit.domain.money import format_money
from cockpit.domain.quarter import QuarterReport, quarter_report
from cockpit.services.archive.view import book_for_quarter
from cockpit.services.quarter_view import quarter_title
from cockpit.store import StoreError
from cockpit.ui.screens.base import BookScreen, Refusal
from cockpit.ui.widgets.footer import KeyFooter
from cockpit.ui.widgets.quarter_chart import QuarterChart, chart_data
from cockpit.ui.widgets.quarter_figures import (
    Figures,
    QuarterFigures,
    WeekTargets,
    targets_title,
)
from cockpit.ui.widgets.quarter_weeks import WeekTable, week_legend
from cockpit.ui.widgets.quarter_workings import Workings

if TYPE_CHECKING:
    from cockpit.services.session import Session

__all__ = ["QuarterScreen", "QuarterView", "build_quarter_view", "quarter_title"]


@dataclass(frozen=True, slots=True)
class QuarterView:
    """A quarter's report as of one moment, with what the screen needs to show it."""

    report: QuarterReport
    now: datetime
    current_quarter: str  # the quarter holding now
    currency: str
    minor_digits: int
    week_share: float  # the share of the current week's working days already past
    elapsed_days: int  # those working days
    days_left: int | None  # working days left in the current week, today included

    def money(self, minor: int) -> str:
        """Full amounts: "$397,000"."""
        return format_money(minor, self.currency, self.minor_digits)

    def compact(self, minor: int) -> str:
        """Compact amounts for tables and axes: "$397k"."""
        return format_money(minor, self.currency, self.minor_digits, compact=True)

    @property
    def figures(self) -> Figures:
        """The headline figures' inputs."""
        return Figures(
            self.report, self.money, self.current_quarter, self.days_left, self.elapsed_days
        )


def build_quarter_view(book: Book, quarter: Quarter | None, now: datetime) -> QuarterView:
    """The view of `quarter` (the one holding `now` when None); callers hold the lock."""
    calendar = book.calendar
    today = now.date()
    current = calendar.quarter_of(today)
    report = quarter_report(book, quarter or current, today)
    share, elapsed, days_left = 0.0, 0, None
    if report.current_week is not None:
        week = report.weeks[report.current_week]
        before = today - timedelta(days=1)
        elapsed = calendar.count_working_days(week.start, before) if before >= week.start else 0
        total = week.working_days
        # A week without working days (all days off) passes with the calendar instead.
        share = elapsed / total if total else (today - week.start).days / 7
        days_left = calendar.count_working_days(today, week.end)
    settings = book.settings
    return QuarterView(
        report,
        now,
        current.name,
        settings.currency,
        settings.minor_digits,
        share,
        elapsed,
        days_left,
    )


class QuarterScreen(BookScreen):
    """One quarter against its plan (the current one unless told)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left_square_bracket",
            "quarter(-1)",
            "Earlier quarter",
            key_display="[",
            id="quarter.previous",
        ),
        Binding(
            "right_square_bracket",
            "quarter(1)",
            "Later quarter",
            key_display="]",
            id="quarter.next",
        ),
        Binding("t", "this_quarter", "This quarter", id="quarter.this"),
        Binding("escape", "close", "Close", id="quarter.close"),
    ]
    # Side by side needs the width for table and chart, and the height for the table.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (160, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    DEFAULT_CSS = """
    QuarterScreen { layout: vertical; }
    QuarterScreen #quarter-title { height: 1; padding: 0 1; background: $panel; }
    QuarterScreen #quarter-body { height: 1fr; }
    QuarterScreen .quarter-box {
        border: round $primary 40%;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    QuarterScreen #quarter-top { height: auto; }
    QuarterScreen #figures-box { width: 1fr; height: auto; }
    QuarterScreen #targets-box { width: auto; min-width: 30; height: auto; }
    QuarterScreen #quarter-bottom { height: auto; }
    QuarterScreen #weeks-box { height: auto; }
    QuarterScreen #chart-box { height: 16; }
    QuarterScreen #workings-box { height: auto; }
    QuarterScreen.-wide.-tall #quarter-body { overflow-y: hidden; }
    /* Wide: the table and the workings on the left, the chart down the right. */
    QuarterScreen.-wide.-tall #quarter-bottom {
        layout: grid;
        grid-size: 2 2;
        grid-columns: auto 1fr;
        grid-rows: auto 1fr;
        height: 1fr;
    }
    QuarterScreen.-wide.-tall #weeks-box { width: auto; }
    QuarterScreen.-wide.-tall #week-table { width: auto; }
    QuarterScreen.-wide.-tall #chart-box { row-span: 2; height: 1fr; }
    QuarterScreen.-wide.-tall #workings-box { height: 1fr; }
    """

    def __init__(self, session: Session | None = None, quarter: str | None = None) -> None:
        super().__init__(session)
        self.quarter = quarter  # None until the first load: the quarter holding today
        self.view: QuarterView | None = None
        self._reopen_fresh = False  # closed with Escape: the next opening starts afresh

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Quarter", id="quarter-title")
        with VerticalScroll(id="quarter-body"):
            with Horizontal(id="quarter-top"):
                with Vertical(id="figures-box", classes="quarter-box"):
                    yield QuarterFigures(id="quarter-figures")
                with Vertical(id="targets-box", classes="quarter-box"):
                    yield WeekTargets(id="week-targets")
            with Vertical(id="quarter-bottom"):
                with Vertical(id="weeks-box", classes="quarter-box"):
                    yield WeekTable(id="week-table")
                with Vertical(id="chart-box", classes="quarter-box"):
                    yield QuarterChart(id="quarter-chart")
                with Vertical(id="workings-box", classes="quarter-box"):
                    yield Workings(id="quarter-workings")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#quarter-body").focus()  # then BookScreen loads the view

    def _box(self, selector: str, title: str, subtitle: str = "") -> None:
        box = self.query_one(selector, Widget)
        box.border_title = title
        box.border_subtitle = subtitle

    def on_screen_resume(self) -> None:
        # Opened again by name (the app keeps the instance): start from this quarter.
        if self._reopen_fresh:
            self._reopen_fresh = False
            self.quarter = None
            self._stale = False  # this reload is the one BookScreen would make
            self.reload()

    # -- the view -------------------------------------------------------------------------

    def build_view(self, book: Book, now: datetime) -> QuarterView | Refusal:
        calendar = book.calendar
        try:
            chosen = calendar.parse_quarter(self.quarter) if self.quarter else None
            # A quarter of an archived year is read with the archives.
            book = book_for_quarter(self.session, chosen or calendar.quarter_of(now.date()))
        except (ValueError, StoreError) as error:
            return Refusal(str(error))
        return build_quarter_view(book, chosen, now)

    def show_view(self, data: QuarterView | Refusal) -> None:
        if isinstance(data, Refusal):
            self.notify(data.message, severity="warning", timeout=6)
            if self.view is None:
                self.query_one("#quarter-title", Static).update(f"Quarter: {data.message}")
            return
        view = self.view = data
        report = view.report
        self.quarter = report.quarter.name
        self._show_title(view)
        figures = view.figures
        self.query_one(QuarterFigures).show(figures)
        self.query_one(WeekTargets).show(figures)
        self.query_one(Workings).show(figures)
        past = report.today > report.quarter.end
        self._box(
            "#figures-box", "Did you make your number?" if past else "Will you make your number?"
        )
        self._box("#targets-box", targets_title(report, view.days_left))
        self._box("#weeks-box", "Week by week", week_legend(report))
        plan_line = " against the plan" if report.quota is not None else ""
        self._box("#chart-box", f"Cumulative won{plan_line}")
        self._box("#workings-box", "How the numbers add up")
        self.query_one(WeekTable).show(report, view.compact)
        self.query_one(QuarterChart).show(chart_data(report, view.week_share), view.compact)

    def _show_title(self, view: QuarterView) -> None:
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        title = Text(quarter_title(view.report), style="bold")
        other = view.report.quarter.name != view.current_quarter
        right = Text(
            f"today {view.now:%a %-d %b}" + (" · t: back to this quarter" if other else ""),
            style="dim",
        )
        grid.add_row(title, right)
        self.query_one("#quarter-title", Static).update(grid)

    # -- keys -----------------------------------------------------------------------------

    def action_quarter(self, step: int) -> None:
        """Open the previous / next quarter."""
        if self.view is None:
            return
        quarter = self.view.report.quarter
        with self.session.lock:
            calendar = self.session.book.calendar
            target = (
                calendar.next_quarter(quarter)
                if step > 0
                else calendar.quarter_of(quarter.start - timedelta(days=1))
            )
        self.quarter = target.name
        self.reload()

    def action_this_quarter(self) -> None:
        """Back to the quarter holding today."""
        self.quarter = None
        self.reload()

    def action_close(self) -> None:
        """Close the quarter screen."""
        self._reopen_fresh = True
        self.dismiss(None)

    @property
    def shown_quarter(self) -> str | None:
        """The quarter on screen."""
        return self.view.report.quarter.name if self.view is not None else None
