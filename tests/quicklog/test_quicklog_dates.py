# ruff: noqa: E501  (one case per line)
"""Date words (named periods, weekdays, relative) and `at:` date-times."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.calendar import Calendar
from cockpit.quicklog.dates import parse_date, parse_date_range, parse_datetime
from cockpit.quicklog.errors import ValueProblem
from tests.quicklog.quicklog_fakes import NOW, TZ

JAN = Calendar()
JUL = Calendar(fiscal_start=7)
FEB = Calendar(fiscal_start=2)
SUN_WEEK = Calendar(week_start=6)

D = date


# DESIGN §3's worked example: Wednesday 2026-11-25, January fiscal start, Monday week start.
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("sow", D(2026, 11, 23)),
        ("eow", D(2026, 11, 29)),
        ("som", D(2026, 11, 1)),
        ("eom", D(2026, 11, 30)),
        ("soq", D(2026, 10, 1)),
        ("eoq", D(2026, 12, 31)),
        ("soy", D(2026, 1, 1)),
        ("eoy", D(2026, 12, 31)),
        ("monday", D(2026, 11, 30)),
        ("wed", D(2026, 12, 2)),
        ("Wednesday", D(2026, 12, 2)),
        ("thu", D(2026, 11, 26)),
        ("today", D(2026, 11, 25)),
        ("tomorrow", D(2026, 11, 26)),
        ("yesterday", D(2026, 11, 24)),
        ("2026-12-01", D(2026, 12, 1)),
        ("+3d", D(2026, 11, 28)),
        ("+2w", D(2026, 12, 9)),
        ("+1m", D(2026, 12, 25)),
        ("-1d", D(2026, 11, 24)),
        ("+0d", D(2026, 11, 25)),
        ("EOQ", D(2026, 12, 31)),
    ],
)
def test_design_example(word: str, expected: date) -> None:
    assert parse_date(word, D(2026, 11, 25), JAN) == expected


@pytest.mark.parametrize(
    ("calendar", "today", "word", "expected"),
    [
        # fiscal year starting in July: FY2027 runs 2026-07-01..2027-06-30
        (JUL, D(2026, 11, 25), "soq", D(2026, 10, 1)),
        (JUL, D(2026, 11, 25), "eoq", D(2026, 12, 31)),
        (JUL, D(2026, 11, 25), "soy", D(2026, 7, 1)),
        (JUL, D(2026, 11, 25), "eoy", D(2027, 6, 30)),
        (JUL, D(2026, 6, 30), "soq", D(2026, 4, 1)),  # last day of a quarter and a year
        (JUL, D(2026, 6, 30), "eoq", D(2026, 6, 30)),
        (JUL, D(2026, 6, 30), "soy", D(2025, 7, 1)),
        (JUL, D(2026, 6, 30), "eoy", D(2026, 6, 30)),
        (JUL, D(2026, 7, 1), "soy", D(2026, 7, 1)),
        (JUL, D(2026, 7, 1), "eoq", D(2026, 9, 30)),
        # fiscal year starting in February: quarters Feb-Apr, May-Jul, Aug-Oct, Nov-Jan
        (FEB, D(2026, 11, 25), "soq", D(2026, 11, 1)),
        (FEB, D(2026, 11, 25), "eoq", D(2027, 1, 31)),
        (FEB, D(2026, 11, 25), "soy", D(2026, 2, 1)),
        (FEB, D(2026, 11, 25), "eoy", D(2027, 1, 31)),
        (FEB, D(2027, 1, 31), "soq", D(2026, 11, 1)),
        (FEB, D(2027, 1, 31), "eoy", D(2027, 1, 31)),
        (FEB, D(2026, 2, 1), "eoq", D(2026, 4, 30)),
        (FEB, D(2026, 1, 31), "soy", D(2025, 2, 1)),
        (FEB, D(2026, 1, 31), "eoy", D(2026, 1, 31)),
        # week starting on Sunday
        (SUN_WEEK, D(2026, 11, 25), "sow", D(2026, 11, 22)),
        (SUN_WEEK, D(2026, 11, 25), "eow", D(2026, 11, 28)),
        (SUN_WEEK, D(2026, 11, 29), "sow", D(2026, 11, 29)),
        (SUN_WEEK, D(2026, 11, 29), "eow", D(2026, 12, 5)),
        (SUN_WEEK, D(2026, 11, 28), "eow", D(2026, 11, 28)),
        # week starting on Monday, at its edges
        (JAN, D(2026, 11, 29), "sow", D(2026, 11, 23)),
        (JAN, D(2026, 11, 29), "eow", D(2026, 11, 29)),
        (JAN, D(2026, 11, 30), "sow", D(2026, 11, 30)),
        # weekday words on a Monday: "monday" is a week later
        (JAN, D(2026, 11, 30), "monday", D(2026, 12, 7)),
        (JAN, D(2026, 11, 30), "mon", D(2026, 12, 7)),
        (JAN, D(2026, 11, 30), "tue", D(2026, 12, 1)),
        (JAN, D(2026, 11, 30), "sun", D(2026, 12, 6)),
        # last day of a month, a quarter, a (leap) February and a year
        (JAN, D(2026, 2, 28), "som", D(2026, 2, 1)),
        (JAN, D(2026, 2, 28), "eom", D(2026, 2, 28)),
        (JAN, D(2028, 2, 29), "eom", D(2028, 2, 29)),
        (JAN, D(2026, 9, 30), "eoq", D(2026, 9, 30)),
        (JAN, D(2026, 9, 30), "soq", D(2026, 7, 1)),
        (JAN, D(2026, 12, 31), "soy", D(2026, 1, 1)),
        (JAN, D(2026, 12, 31), "eoy", D(2026, 12, 31)),
        (JAN, D(2026, 12, 31), "tomorrow", D(2027, 1, 1)),
        (JAN, D(2026, 12, 31), "eow", D(2027, 1, 3)),
        (JAN, D(2026, 12, 31), "fri", D(2027, 1, 1)),
        # calendar months clamp to the month's end
        (JAN, D(2026, 12, 31), "+1m", D(2027, 1, 31)),
        (JAN, D(2026, 1, 31), "+1m", D(2026, 2, 28)),
        (JAN, D(2028, 1, 31), "+1m", D(2028, 2, 29)),
        (JAN, D(2026, 3, 31), "-1m", D(2026, 2, 28)),
        (JAN, D(2026, 11, 30), "+13m", D(2027, 12, 30)),
        (JAN, D(2026, 1, 15), "-12m", D(2025, 1, 15)),
    ],
)
def test_named_and_relative(calendar: Calendar, today: date, word: str, expected: date) -> None:
    assert parse_date(word, today, calendar) == expected


def test_range() -> None:
    today = D(2026, 11, 25)
    assert parse_date_range("2026-12-24..2027-01-02", today, JAN) == (
        D(2026, 12, 24),
        D(2027, 1, 2),
    )
    assert parse_date_range("fri", today, JAN) == (D(2026, 11, 27), D(2026, 11, 27))
    with pytest.raises(ValueProblem, match="ends before it starts"):
        parse_date_range("2027-01-02..2026-12-24", today, JAN)


def at(hour: int, minute: int = 0, day: int = 25, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("today", NOW),
        ("now", NOW),
        ("16:30", at(16, 30)),
        ("9:05", at(9, 5)),
        ("16:30:15", at(16, 30).replace(second=15)),
        ("4pm", at(16)),
        ("4:30PM", at(16, 30)),
        ("12am", at(0)),
        ("12pm", at(12)),
        ("yesterday 16:30", at(16, 30, day=24)),
        ("16:30 yesterday", at(16, 30, day=24)),
        ("yesterday", at(12, day=24)),
        ("fri", at(12, day=27)),
        ("2026-11-20", at(12, day=20)),
        ("2026-11-20 8:00", at(8, day=20)),
        ("-2h", at(8, 15)),
        ("-30m", at(9, 45)),
        ("-90min", at(8, 45)),
        ("+1h", at(11, 15)),
        ("2026-11-24T16:30", at(16, 30, day=24)),
        ("2026-11-24T16:30:00+00:00", at(17, 30, day=24)),
        ("2026-11-24T15:30Z", at(16, 30, day=24)),
        ("-1d", at(12, day=24)),
    ],
)
def test_datetime(raw: str, expected: datetime) -> None:
    value = parse_datetime(raw, NOW, JAN)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


def test_relative_time_counts_elapsed_hours_across_daylight_saving() -> None:
    # Berlin sprang forward at 02:00 on 2026-03-29: 03:30 CEST is 01:30 UTC.
    now = datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    earlier = parse_datetime("-2h", now, JAN)
    assert earlier.utcoffset() is not None and earlier.utcoffset().total_seconds() == 3600
    assert (earlier.hour, earlier.minute, earlier.day) == (0, 30, 29)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("24:00", 'bad time "24:00"'),
        ("0pm", 'bad time "0pm"'),
        ("yesterday at 4", 'unknown date/time "yesterday at 4" (use now, 16:30, yesterday 16:30, 2026-11-24T16:30, -2h, -30m, +1h or a date)'),
        ("fri sat", 'unknown date/time "fri sat" (use now, 16:30, yesterday 16:30, 2026-11-24T16:30, -2h, -30m, +1h or a date)'),
        ("frday 10:00", 'unknown date "frday" (did you mean friday?)'),
        ("2026-02-30T10:00", 'no such date/time "2026-02-30T10:00"'),
        ("+999999999h", 'date out of range "+999999999h"'),
    ],
)  # fmt: skip
def test_datetime_refused(raw: str, message: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_datetime(raw, NOW, JAN)
    assert caught.value.message == message


@pytest.mark.parametrize("raw", ["+9999999d", "-999999w", "+99999m", "0000-01-01"])
def test_out_of_range_dates(raw: str) -> None:
    with pytest.raises(ValueProblem):
        parse_date(raw, D(2026, 11, 25), JAN)


def test_far_but_valid_dates() -> None:
    assert parse_date("+99999d", D(2026, 11, 25), JAN) == D(2300, 9, 9)
    assert parse_date("9999-12-31", D(2026, 11, 25), JAN) == D(9999, 12, 31)
