"""The one calendar, on pendulum: periods as plain dates, DST-safe times, human distances."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.calendar import (
    Calendar,
    Week,
    add_months,
    at_time,
    each_day,
    for_humans,
    iso_weeks_in,
    shift_time,
)
from cockpit.quicklog.dates import parse_date, parse_datetime

BERLIN = ZoneInfo("Europe/Berlin")
D = date


def test_a_time_the_clocks_skip_moves_forward_with_them() -> None:
    # Berlin springs forward at 02:00 on 2026-03-29: 02:30 never shows on a clock.
    now = datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)
    logged = parse_datetime("2:30", now, Calendar())
    assert logged.isoformat() == "2026-03-29T03:30:00+02:00"
    assert logged.tzinfo is BERLIN  # the book's zone, not pendulum's


def test_a_repeated_hour_is_its_first_pass() -> None:
    # Berlin falls back at 03:00 on 2026-10-25: 02:30 happens twice; the first is CEST.
    assert at_time(D(2026, 10, 25), time(2, 30), BERLIN).isoformat() == (
        "2026-10-25T02:30:00+02:00"
    )


def test_elapsed_shifts_cross_daylight_saving() -> None:
    before = datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN)  # CEST
    later = shift_time(before, hours=2)
    assert later.isoformat() == "2026-10-25T02:30:00+01:00"  # two real hours, now CET
    assert type(later) is datetime
    precise = datetime(2026, 11, 25, 10, 15, 7, 123457, tzinfo=BERLIN)
    assert shift_time(precise, minutes=-30) == precise.replace(minute=45, hour=9)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 8, 31), 3, D(2026, 11, 30)),
        (D(2026, 11, 25), 14, D(2028, 1, 25)),
    ],
)
def test_months_are_added_and_clamped_to_the_month_end(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected
    assert type(add_months(day, months)) is date


def test_months_beyond_year_9999_overflow() -> None:
    with pytest.raises(OverflowError):
        add_months(D(9999, 12, 1), 1)


def test_every_period_is_a_plain_date() -> None:
    # pendulum's dates subtract to its own Interval: none may leak into the domain.
    calendar = Calendar(fiscal_start=11, week_start=6)
    day = D(2026, 11, 25)
    quarter = calendar.quarter_of(day)
    values = [
        quarter.start,
        quarter.end,
        *calendar.week_bounds(day),
        *calendar.month_bounds(day),
        *calendar.fiscal_year_bounds(day),
        Week.of(day).start,
        Week.of(day).end,
        parse_date("+1m", day, calendar),
        parse_date("eoq", day, calendar),
    ]
    assert {type(v) for v in values} == {date}


@pytest.mark.parametrize(
    ("day", "name", "start"),
    [
        (D(2027, 1, 1), "2026-W53", D(2026, 12, 28)),
        (D(2025, 12, 29), "2026-W01", D(2025, 12, 29)),
        (D(2026, 11, 29), "2026-W48", D(2026, 11, 23)),
    ],
)
def test_iso_weeks_belong_to_the_year_of_their_thursday(day: date, name: str, start: date) -> None:
    week = Week.of(day)
    assert (week.name, week.start, week.end) == (name, start, D.fromordinal(start.toordinal() + 6))
    assert Week.parse(name) == week


def test_iso_weeks_in_a_year() -> None:
    assert [iso_weeks_in(y) for y in (2020, 2025, 2026, 2027)] == [53, 52, 53, 52]


def test_fiscal_quarters_are_cockpits_rule() -> None:
    calendar = Calendar(fiscal_start=11)  # FY2027 runs 2026-11-01 .. 2027-10-31
    q1 = calendar.quarter_of(D(2026, 11, 25))
    assert (q1.name, q1.start, q1.end) == ("2027-Q1", D(2026, 11, 1), D(2027, 1, 31))
    q4 = calendar.quarter(2027, 4)
    assert (q4.start, q4.end) == (D(2027, 8, 1), D(2027, 10, 31))
    assert calendar.next_quarter(q4).name == "2028-Q1"
    assert calendar.fiscal_year_bounds(D(2027, 2, 28)) == (D(2026, 11, 1), D(2027, 10, 31))


def test_a_week_starting_on_sunday() -> None:
    calendar = Calendar(week_start=6)
    assert calendar.week_bounds(D(2026, 11, 29)) == (D(2026, 11, 29), D(2026, 12, 5))
    assert calendar.week_bounds(D(2026, 11, 28)) == (D(2026, 11, 22), D(2026, 11, 28))


def test_each_day() -> None:
    assert list(each_day(D(2026, 2, 27), D(2026, 3, 2))) == [
        D(2026, 2, 27),
        D(2026, 2, 28),
        D(2026, 3, 1),
        D(2026, 3, 2),
    ]
    assert list(each_day(D(2026, 3, 2), D(2026, 3, 1))) == []


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (D(2026, 11, 24), "1 day ago"),
        (D(2026, 11, 11), "2 weeks ago"),
        (D(2026, 12, 9), "in 2 weeks"),
        (D(2026, 9, 25), "2 months ago"),
    ],
)
def test_for_humans_reads_today_from_the_caller(day: date, words: str) -> None:
    assert for_humans(day, D(2026, 11, 25)) == words


def test_cockpit_log_without_a_date_word_does_not_import_pendulum(tmp_path: Path) -> None:
    book = tmp_path / "b.json"
    code = (
        "import sys; from cockpit.cli import main; "
        f"rc = main(['log', '--db', {str(book)!r}, 'account \"Acme\"']); "
        "print('pendulum' in sys.modules); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
