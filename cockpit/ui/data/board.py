"""Everything the main screen shows, computed in one pass from the book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from cockpit.domain.book import Book
from cockpit.domain.marathon import MarathonRow, marathon
from cockpit.domain.momentum import Momentum, momentum
from cockpit.domain.money import format_money
from cockpit.domain.promises import PromiseBoard, promise_board
from cockpit.domain.quarter import QuarterReport, quarter_report
from cockpit.domain.sprint import SprintView, sprint

__all__ = ["MARATHON_LIMIT", "REVIEW_NUDGE_AFTER", "Board", "build_board"]

# A rep scrolls a few weeks ahead at most; the rest is one search away.
MARATHON_LIMIT = 200
REVIEW_NUDGE_AFTER = time(15, 0)


@dataclass(frozen=True, slots=True)
class Board:
    """The main screen's data as of one moment."""

    now: datetime
    currency: str
    minor_digits: int
    momentum: Momentum
    sprint: SprintView
    marathon: list[MarathonRow]
    marathon_more: int
    promises: PromiseBoard
    quarter: QuarterReport
    review_ready: bool
    empty: bool  # no accounts and no deals yet: show the first-run guide

    @property
    def today(self) -> date:
        """The book's today."""
        return self.now.date()

    def money(self, minor: int, *, compact: bool = True) -> str:
        """Minor units in the book's currency ("$45k" compact, "$45,000" not)."""
        return format_money(minor, self.currency, self.minor_digits, compact=compact)


def review_ready(book: Book, now: datetime) -> bool:
    """On the week's last working day from 15:00, the weekly review is due."""
    today = now.date()
    return (
        book.calendar.last_working_day_of_week(today) == today and now.time() >= REVIEW_NUDGE_AFTER
    )


def build_board(book: Book, now: datetime) -> Board:
    """The main screen's data for `now` (callers hold the session lock)."""
    today = now.date()
    relationships = marathon(book, today)
    settings = book.settings
    return Board(
        now=now,
        currency=settings.currency,
        minor_digits=settings.minor_digits,
        momentum=momentum(book, today),
        sprint=sprint(book, today, len(book.deals)),  # all: the pane scrolls
        marathon=relationships[:MARATHON_LIMIT],
        marathon_more=max(len(relationships) - MARATHON_LIMIT, 0),
        promises=promise_board(book, today),
        quarter=quarter_report(book, book.calendar.quarter_of(today), today),
        review_ready=review_ready(book, now),
        empty=not book.accounts and not book.deals,
    )
