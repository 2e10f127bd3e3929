"""Promises: what the rep owes whom, aimed one working day early, and the score kept.

Status words (`promise_status`):
- open promises: "missed" (past due), "due today", "aim today" (the aim day has come:
  on it, or on a non-working day between it and the due day), "open" (before the aim);
- done promises, by the day they were done: "early" (before due), "on_time" (on due),
  "late" (after due).
The quarter's score counts promises due in the quarter that is today's: early, on_time
and late among those done, missed among those still open past due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cockpit.domain.book import Book
from cockpit.domain.calendar import Calendar, add_days
from cockpit.domain.model import Account, Contact, Deal, Promise

__all__ = [
    "OPEN_STATUSES",
    "RECENT_DAYS",
    "SCORE_KEYS",
    "PromiseBoard",
    "PromiseRow",
    "aim_date",
    "promise_board",
    "promise_status",
    "promise_to",
]

OPEN_STATUSES = ("missed", "due today", "aim today", "open")
SCORE_KEYS = ("early", "on_time", "late", "missed")
RECENT_DAYS = 7  # "recently done": done within the last week, today included


@dataclass(frozen=True, slots=True)
class PromiseRow:
    """A promise, its status word and whom it was made to."""

    promise: Promise
    status: str
    to: Contact | Account | Deal | None


@dataclass(frozen=True, slots=True)
class PromiseBoard:
    """Open promises (most pressing first), the ones done lately and the quarter's score."""

    open: list[PromiseRow]
    recently_done: list[PromiseRow]
    score: dict[str, int]


def aim_date(due: date, calendar: Calendar) -> date:
    """The day to aim for: one working day before the due date."""
    return calendar.previous_working_day(due)


def promise_status(promise: Promise, today: date) -> str:
    """The status word of a promise as of `today` (see the module docstring)."""
    if promise.done_at is not None:
        done = promise.done_at.date()
        if done < promise.due:
            return "early"
        return "on_time" if done == promise.due else "late"
    if today > promise.due:
        return "missed"
    if today == promise.due:
        return "due today"
    return "aim today" if today >= promise.aim else "open"


def promise_to(book: Book, promise: Promise) -> Contact | Account | Deal | None:
    """Whom the promise was made to: its contact, else its account, else its deal."""
    if promise.contact_id is not None and promise.contact_id in book.contacts:
        return book.contacts[promise.contact_id]
    if promise.account_id is not None and promise.account_id in book.accounts:
        return book.accounts[promise.account_id]
    if promise.deal_id is not None and promise.deal_id in book.deals:
        return book.deals[promise.deal_id]
    return None


_OPEN_ORDER = {"missed": 0, "due today": 1}


def _done_key(row: PromiseRow) -> tuple[float, int]:
    done_at = row.promise.done_at
    return (done_at.timestamp() if done_at is not None else 0.0, row.promise.id)


def promise_board(book: Book, today: date) -> PromiseBoard:
    """Open promises, those done in the last week, and this quarter's score.

    Which promises and in what order is kept on the promises table until one changes (or
    the calendar does): a logged call does not go over a 10-year book's every promise.
    Whom each is made to is read afresh (a line may have changed that record)."""
    calendar = book.calendar
    kept = book.promises.derived.get(("board", today))
    if kept is None or kept[0] is not calendar:
        kept = book.promises.derived[("board", today)] = (calendar, _promise_board(book, today))
    board: PromiseBoard = kept[1]
    return PromiseBoard(
        open=[PromiseRow(r.promise, r.status, promise_to(book, r.promise)) for r in board.open],
        recently_done=[
            PromiseRow(r.promise, r.status, promise_to(book, r.promise))
            for r in board.recently_done
        ],
        score=dict(board.score),
    )


def _promise_board(book: Book, today: date) -> PromiseBoard:
    quarter = book.calendar.quarter_of(today)
    recent_from = add_days(today, -(RECENT_DAYS - 1))
    open_rows: list[PromiseRow] = []
    done_rows: list[PromiseRow] = []
    score = dict.fromkeys(SCORE_KEYS, 0)
    for promise in book.promises.values():
        status = promise_status(promise, today)
        if promise.done_at is None:
            open_rows.append(PromiseRow(promise, status, promise_to(book, promise)))
        elif recent_from <= promise.done_at.date() <= today:
            done_rows.append(PromiseRow(promise, status, promise_to(book, promise)))
        if status in score and quarter.contains(promise.due):
            score[status] += 1
    open_rows.sort(
        key=lambda r: (_OPEN_ORDER.get(r.status, 2), r.promise.aim, r.promise.due, r.promise.id)
    )
    done_rows.sort(key=_done_key, reverse=True)
    return PromiseBoard(open=open_rows, recently_done=done_rows, score=score)
