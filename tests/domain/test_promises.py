"""Promises: aim dates, status words, the board's order and the quarter's score."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.domain.calendar import Calendar
from cockpit.domain.model import Promise
from cockpit.domain.promises import aim_date, promise_board, promise_status
from tests.domain.factory import BookFactory, at

TODAY = date(2026, 11, 25)  # a Wednesday
THANKSGIVING = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("due", "days_off", "aim"),
    [
        (date(2026, 11, 27), (), date(2026, 11, 26)),  # Fri -> Thu
        (date(2026, 11, 30), (), date(2026, 11, 27)),  # Mon -> the Friday before
        (date(2026, 11, 29), (), date(2026, 11, 27)),  # due on a Sunday -> Friday
        (date(2026, 11, 27), (THANKSGIVING,), date(2026, 11, 25)),  # over a holiday
        (date(2026, 11, 30), (date(2026, 11, 27),), date(2026, 11, 26)),  # day off Fri
        (date(2026, 11, 30), (THANKSGIVING, date(2026, 11, 27)), date(2026, 11, 25)),
    ],
)
def test_aim_is_one_working_day_before_due(
    due: date, days_off: tuple[date, ...], aim: date
) -> None:
    assert aim_date(due, Calendar(days_off=days_off)) == aim


def promise(due: date, aim: date, done: date | None = None) -> Promise:
    return Promise(1, "pricing sheet", due, aim, done_at=at(done) if done else None)


@pytest.mark.parametrize(
    ("today", "due", "aim", "status"),
    [
        (TODAY, date(2026, 11, 24), date(2026, 11, 23), "missed"),
        (TODAY, TODAY, date(2026, 11, 24), "due today"),
        (TODAY, date(2026, 11, 26), TODAY, "aim today"),
        (TODAY, date(2026, 11, 30), date(2026, 11, 27), "open"),
        # Saturday, after Friday's aim and before Monday's due: still pressing.
        (date(2026, 11, 28), date(2026, 11, 30), date(2026, 11, 27), "aim today"),
    ],
)
def test_open_promise_status(today: date, due: date, aim: date, status: str) -> None:
    assert promise_status(promise(due, aim), today) == status


@pytest.mark.parametrize(
    ("done", "status"),
    [
        (date(2026, 11, 26), "early"),
        (date(2026, 11, 27), "on_time"),
        (date(2026, 11, 30), "late"),
    ],
)
def test_done_promise_is_scored_by_the_day_it_was_done(done: date, status: str) -> None:
    kept = promise(date(2026, 11, 27), date(2026, 11, 26), done)
    assert promise_status(kept, TODAY) == status
    assert promise_status(kept, date(2027, 3, 1)) == status  # the score never changes


def test_board_orders_open_promises_missed_then_due_today_then_by_aim() -> None:
    f = BookFactory()
    later = f.promise("later", date(2026, 11, 30))  # aim 11-27
    missed_new = f.promise("missed recently", date(2026, 11, 23))  # aim 11-20
    due_today = f.promise("due today", TODAY)  # aim 11-24
    aim_today = f.promise("aim today", date(2026, 11, 26))  # aim 11-25
    missed_old = f.promise("missed long ago", date(2026, 11, 20))  # aim 11-19
    f.promise("kept", date(2026, 11, 20), done_at=at(date(2026, 11, 19)))
    board = promise_board(f.book, TODAY)
    assert [(r.promise.id, r.status) for r in board.open] == [
        (missed_old.id, "missed"),
        (missed_new.id, "missed"),
        (due_today.id, "due today"),
        (aim_today.id, "aim today"),
        (later.id, "open"),
    ]


def test_board_lists_the_last_weeks_done_promises_newest_first() -> None:
    f = BookFactory()
    f.promise("a week ago", date(2026, 11, 18), done_at=at(date(2026, 11, 18)))
    six_days = f.promise("six days ago", date(2026, 11, 20), done_at=at(date(2026, 11, 19)))
    today = f.promise("today", date(2026, 11, 27), done_at=at(TODAY, 8))
    board = promise_board(f.book, TODAY)
    assert [(r.promise.id, r.status) for r in board.recently_done] == [
        (today.id, "early"),
        (six_days.id, "early"),
    ]
    assert board.open == []


def test_score_counts_promises_due_this_quarter() -> None:
    f = BookFactory()
    f.promise("early", date(2026, 11, 27), done_at=at(date(2026, 11, 19)))
    f.promise("on time", date(2026, 11, 18), done_at=at(date(2026, 11, 18)))
    f.promise("late", date(2026, 11, 10), done_at=at(TODAY))
    f.promise("late, last quarter", date(2026, 9, 30), done_at=at(date(2026, 10, 2)))
    f.promise("missed", date(2026, 11, 20))
    f.promise("missed, last quarter", date(2026, 9, 15))
    f.promise("still open", date(2026, 11, 30))
    board = promise_board(f.book, TODAY)
    assert board.score == {"early": 1, "on_time": 1, "late": 1, "missed": 1}
    assert [r.promise.text for r in board.open] == [
        "missed, last quarter",
        "missed",
        "still open",
    ]


def test_a_promise_is_to_its_contact_else_account_else_deal() -> None:
    f = BookFactory()
    acme = f.account("Acme")
    jane = f.contact("Jane", acme)
    deal = f.deal("Renewal", acme)
    f.promise("both", date(2026, 11, 30), contact=jane, account=acme)
    f.promise("account and deal", date(2026, 12, 1), account=acme, deal=deal)
    f.promise("deal", date(2026, 12, 2), deal=deal)
    f.promise("nobody", date(2026, 12, 3))
    board = promise_board(f.book, TODAY)
    assert [r.to for r in board.open] == [jane, acme, deal, None]
