"""The weekly review at the edges: a week crossing quarters, forecast accuracy across saved
reviews, bad weeks, the Friday nudge, and deals read back as they stood."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cockpit.domain.calendar import Week
from cockpit.domain.model import Deal, FieldChange, Review
from cockpit.domain.review import (
    ReviewInputError,
    freeze,
    resolve_week,
    review_due,
    weekly_review,
)
from cockpit.domain.review_history import BookAsOf, deal_as_of
from tests.domain.factory import BookFactory, at
from tests.domain.review_books import CROSSING_NOW, NOW, W48, crossing_book, week48_book

# -- a week crossing the quarter boundary -------------------------------------------


def test_a_week_crossing_quarters_prorates_each_plan_by_its_working_days() -> None:
    review = weekly_review(crossing_book().book, Week.parse("2026-W53"), CROSSING_NOW)
    # Calls: Q4's 50 x 4/5 = 40 plus Q1's 100 x 1/5 = 20 -> 60. Emails: only Q1 asks,
    # 10 x 1/5 = 2. Meetings: neither plan asks.
    targets = {a.kind: (a.target, a.done) for a in review.activities}
    assert targets["call"] == (60, 20)
    assert targets["email"] == (2, 5)
    assert targets["meeting"] == (None, 0)
    assert [(s.quarter, s.working_days) for s in review.target_sources] == [
        ("2026-Q4", 4),
        ("2027-Q1", 1),
    ]


def test_a_week_crossing_quarters_judges_each_day_by_its_quarters_minimum() -> None:
    review = weekly_review(crossing_book().book, Week.parse("2026-W53"), CROSSING_NOW)
    # Mon 28 Dec: 20 of Q4's 20, met; Tue-Thu: 0; Fri 1 Jan: 5 of Q1's 5, met.
    assert [(x.day.day, x.touches, x.minimum, x.met) for x in review.days[:5]] == [
        (28, 20, 20, True),
        (29, 0, 20, False),
        (30, 0, 20, False),
        (31, 0, 20, False),
        (1, 5, 5, True),
    ]
    assert review.days_met == 2


def test_a_week_crossing_quarters_reports_both_quarters() -> None:
    review = weekly_review(crossing_book().book, Week.parse("2026-W53"), CROSSING_NOW)
    q4, q1 = review.quarters
    # Q4 closed on Thu 31 Dec: won 20,000 against the whole quota: 640,000 behind.
    assert (q4.quarter.name, q4.as_of, q4.won, q4.expected_to_date, q4.ahead_by) == (
        "2026-Q4",
        date(2026, 12, 31),
        20_000_00,
        660_000_00,
        -640_000_00,
    )
    assert (q4.commit, q4.best_case) == (20_000_00, 20_000_00)
    # Q1 by Sun 3 Jan: won 5,000; expected: Fri 1 Jan's 10,000; commit 5,000 + 30,000.
    assert (q1.quarter.name, q1.as_of, q1.won, q1.expected_to_date, q1.ahead_by) == (
        "2027-Q1",
        date(2027, 1, 3),
        5_000_00,
        10_000_00,
        -5_000_00,
    )
    assert (q1.commit, q1.best_case) == (35_000_00, 35_000_00)
    # The week won both deals.
    assert review.won_value == 25_000_00
    assert review.trend[-1].won == 25_000_00


# -- forecast accuracy ----------------------------------------------------------------


def frozen(quarter: str, commit: int, best_case: int) -> dict[str, object]:
    return {"quarters": [{"quarter": quarter, "commit": commit, "best_case": best_case}]}


def test_forecast_accuracy_across_three_earlier_reviews() -> None:
    f = BookFactory()
    book = week48_book()
    f.book = book
    saved = at(date(2026, 11, 1), 16)
    # Three earlier reviews of Q4 froze these; won in Q4 by Sun 29 Nov is 145,000.
    reviews = [
        Review(1, "2026-W45", saved, frozen("2026-Q4", 300_000_00, 400_000_00)),
        Review(2, "2026-W46", saved, frozen("2026-Q4", 200_000_00, 260_000_00)),
        Review(3, "2026-W47", saved, frozen("2026-Q4", 145_000_00, 180_000_00)),
        # Not counted: a later week, another quarter, metrics without the figures.
        Review(4, "2026-W49", saved, frozen("2026-Q4", 1, 1)),
        Review(5, "2026-W38", saved, frozen("2026-Q3", 50_000_00, 60_000_00)),
        Review(6, "2026-W44", saved, {"quarters": [{"quarter": "2026-Q4"}]}),
    ]
    for review in reviews:
        f.save(review)
    rows = weekly_review(book, W48, NOW).accuracy
    # 145/300 = 48.3 %, 145/200 = 72.5 %, 145/145 = 100 %.
    assert [(r.week, r.committed, r.best_case, r.closed) for r in rows] == [
        ("2026-W45", 300_000_00, 400_000_00, 145_000_00),
        ("2026-W46", 200_000_00, 260_000_00, 145_000_00),
        ("2026-W47", 145_000_00, 180_000_00, 145_000_00),
    ]
    assert [r.accuracy for r in rows] == pytest.approx([145 / 300, 0.725, 1.0])


def test_a_saved_review_freezes_the_commit_later_reviews_compare() -> None:
    f = BookFactory()
    f.book = week48_book()
    # W47 seen on Sun 22 Nov: won 100,000 (the early win); commit 100,000 + Renewal
    # 40,000 + Migration 20,000 + add-on 10,000 = 170,000 (Stark did not exist yet).
    w47 = weekly_review(f.book, W48.shifted(-1), NOW)
    [q4] = freeze(w47)["quarters"]
    assert (q4["won"], q4["commit"]) == (100_000_00, 170_000_00)
    f.save(Review(1, "2026-W47", NOW, freeze(w47), {"what_worked": "calls"}))
    [row] = weekly_review(f.book, W48, NOW).accuracy
    assert (row.week, row.committed, row.closed) == ("2026-W47", 170_000_00, 145_000_00)
    assert row.accuracy == pytest.approx(145 / 170)


def test_the_saved_answers_come_with_the_review() -> None:
    f = BookFactory()
    f.book = week48_book()
    assert weekly_review(f.book, W48, NOW).answers == {}
    f.save(Review(1, "2026-W48", NOW, {}, {"what_worked": "Thursday call block"}))
    assert weekly_review(f.book, W48, NOW).answers == {"what_worked": "Thursday call block"}


# -- bad weeks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W60", "2026-W60 does not exist: 2026 has ISO weeks 1 to 53"),
        ("2027-W53", "2027-W53 does not exist: 2027 has ISO weeks 1 to 52"),
        ("last week", "expected a week like 2026-W48, got 'last week'"),
        ("2026-48", "expected a week like 2026-W48, got '2026-48'"),
        (
            "2026-W50",
            "week 2026-W50 has not started yet: the latest week to review is 2026-W48 "
            "(today is 2026-11-25)",
        ),
        (
            "2026-W30",
            "week 2026-W30 is before the book began (2026-08-01, in 2026-W31): nothing to review",
        ),
    ],
)
def test_bad_weeks_are_refused_with_a_clear_message(text: str, message: str) -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    with pytest.raises(ReviewInputError) as caught:
        resolve_week(week48_book(), text, now)
    assert str(caught.value) == message


def test_the_first_week_of_the_book_and_this_week_are_fine() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    book = week48_book()  # began Sat 1 Aug 2026 (Wayne and its deal)
    assert resolve_week(book, "2026-W31", now).start == date(2026, 7, 27)
    assert resolve_week(book, None, now).name == "2026-W48"
    assert resolve_week(book, " 2026w48 ", now).name == "2026-W48"


def test_an_empty_book_can_only_review_this_week() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    f = BookFactory()
    assert resolve_week(f.book, "2026-W48", now).name == "2026-W48"
    with pytest.raises(ReviewInputError, match="before the book began"):
        resolve_week(f.book, "2026-W47", now)


# -- the nudge ------------------------------------------------------------------------


def test_the_nudge_shows_on_the_last_working_day_from_three_until_saved() -> None:
    f = BookFactory()
    friday = date(2026, 11, 20)
    assert not review_due(f.book, datetime(2026, 11, 20, 14, 59, tzinfo=UTC))
    assert review_due(f.book, datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    assert not review_due(f.book, datetime(2026, 11, 19, 16, 0, tzinfo=UTC))  # Thursday
    assert not review_due(f.book, datetime(2026, 11, 21, 16, 0, tzinfo=UTC))  # Saturday
    f.save(Review(1, Week.of(friday).name, at(friday, 15), {}, {}))
    assert not review_due(f.book, datetime(2026, 11, 20, 16, 0, tzinfo=UTC))


def test_the_nudge_comes_on_thursday_when_friday_is_a_day_off() -> None:
    book = week48_book()  # Fri 27 Nov is a day off
    assert review_due(book, datetime(2026, 11, 26, 15, 30, tzinfo=UTC))
    assert not review_due(book, datetime(2026, 11, 27, 15, 30, tzinfo=UTC))


# -- deals as they stood --------------------------------------------------------------


def test_a_deal_read_back_as_it_stood() -> None:
    deal = Deal(
        1,
        "acme-renewal",
        "Renewal",
        value=45_000_00,
        stage="won",
        close=date(2026, 12, 1),
        forecast_category="commit",
        created=at(date(2026, 10, 1)),
        won_at=at(date(2026, 11, 26)),
        stage_changed=at(date(2026, 11, 26)),
        history=[
            FieldChange(at(date(2026, 11, 2)), "stage", "prospect", "negotiation"),
            FieldChange(at(date(2026, 11, 25)), "close", "2026-11-20", "2026-12-01"),
            FieldChange(at(date(2026, 11, 26)), "value", 40_000_00, 45_000_00),
            FieldChange(at(date(2026, 11, 26)), "stage", "negotiation", "won"),
        ],
    )
    assert deal_as_of(deal, date(2026, 9, 30)) is None  # not created yet
    assert deal_as_of(deal, date(2026, 11, 26)) is deal  # nothing changed since
    past = deal_as_of(deal, date(2026, 11, 24))
    assert past is not None
    assert (past.stage, past.value, past.close, past.won_at) == (
        "negotiation",
        40_000_00,
        date(2026, 11, 20),
        None,
    )
    assert past.stage_changed == at(date(2026, 11, 2))
    assert len(past.history) == 1
    assert deal.stage == "won" and deal.value == 45_000_00  # the record is untouched


def test_a_deal_read_back_was_worked_when_its_history_says() -> None:
    deal = Deal(
        1,
        "acme-renewal",
        "Renewal",
        stage="proposal",
        next_step="call back",
        next_due=date(2026, 12, 1),
        created=at(date(2026, 10, 1)),
        stage_changed=at(date(2026, 10, 1)),
        worked=at(date(2026, 11, 25)),
        history=[
            FieldChange(at(date(2026, 11, 2)), "next_step", None, "send pricing"),
            FieldChange(at(date(2026, 11, 10)), "stage", "prospect", "proposal"),
            FieldChange(at(date(2026, 11, 25)), "next_step", "send pricing", "call back"),
        ],
    )
    past = deal_as_of(deal, date(2026, 11, 20))
    assert past is not None and past.worked == at(date(2026, 11, 2))
    past = deal_as_of(deal, date(2026, 11, 1))
    assert past is not None and past.worked is None


def test_an_imported_deal_won_later_without_history_was_open() -> None:
    deal = Deal(
        1,
        "x",
        "Imported",
        value=9_000_00,
        stage="won",
        created=at(date(2026, 10, 1)),
        won_at=at(date(2026, 11, 26)),
    )
    past = deal_as_of(deal, date(2026, 11, 1))
    assert past is not None and past.is_open and past.won_at is None


def test_the_book_as_of_a_day_hides_what_came_later() -> None:
    book = week48_book()
    view = BookAsOf(book, date(2026, 11, 29))
    assert "Later" not in {deal.title for deal in view.deals.values()}
    assert [a.at.date() for a in view.activities_of("deal_id", 4)] == [date(2026, 11, 2)]
    assert len(book.activities_of("deal_id", 4)) == 2  # the book itself keeps both
    with pytest.raises(TypeError):
        view.apply("deals", 1, None)
