"""Working days, weeks, fiscal quarters and years: cockpit's rules on pendulum dates."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .days import _month_bounds, _pdate, _plain

__all__ = ["Calendar", "Quarter", "Week", "iso_weeks_in"]

_ONE_DAY = timedelta(days=1)
_QUARTER_RE = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_WEEK_RE = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")

PERIOD_YEARS = range(2, 9999)
"""Years a named week or quarter may be in: the views also read the periods around it,
which must stay inside the dates Python can hold (years 1 to 9999)."""


def _out_of_range(year: int) -> str:
    return f"year {year} is out of range ({PERIOD_YEARS.start}-{PERIOD_YEARS.stop - 1})"


@dataclass(frozen=True, slots=True)
class Week:
    """An ISO week, Monday to Sunday."""

    name: str  # "2026-W48"
    start: date
    end: date

    @classmethod
    def of(cls, day: date) -> Week:
        """The ISO week holding `day`."""
        return _week_of(_plain(day))

    @classmethod
    def parse(cls, text: str) -> Week:
        """Parse "2026-W48"; ValueError with a hint when malformed or out of range."""
        match = _WEEK_RE.match(text.strip())
        if not match:
            raise ValueError(f"expected an ISO week like 2026-W48, got {text!r}")
        year, number = int(match[1]), int(match[2])
        if year not in PERIOD_YEARS:
            raise ValueError(_out_of_range(year))
        try:
            start = date.fromisocalendar(year, number, 1)
        except ValueError:
            raise ValueError(f"{year} has no ISO week {number}") from None
        return cls(f"{year}-W{number:02d}", start, start + timedelta(days=6))

    def days(self) -> list[date]:
        """The seven days of the week."""
        return [self.start + timedelta(days=i) for i in range(7)]

    def shifted(self, weeks: int) -> Week:
        """The week `weeks` later (earlier when negative)."""
        return Week.of(self.start + timedelta(weeks=weeks))


def iso_weeks_in(year: int) -> int:
    """How many ISO weeks `year` has (52 or 53): 28 December is always in its last."""
    return _pdate(date(year, 12, 28)).week_of_year


@functools.lru_cache(maxsize=4096)
def _week_of(day: date) -> Week:
    # Remembered: review and quarter loops ask for the week of every activity's day.
    monday = _pdate(day).start_of("week")  # cockpit never moves pendulum's week start
    # An ISO week belongs to the year of its Thursday.
    name = f"{monday.add(days=3).year}-W{monday.week_of_year:02d}"
    return Week(name, _plain(monday), _plain(monday.end_of("week")))


@dataclass(frozen=True, slots=True)
class Quarter:
    """A fiscal quarter, e.g. 2026-Q4 (fiscal year 2026, fourth quarter)."""

    name: str
    fiscal_year: int
    number: int
    start: date
    end: date

    def contains(self, day: date) -> bool:
        """True when `day` falls in the quarter."""
        return self.start <= day <= self.end

    def weeks(self) -> list[Week]:
        """The ISO weeks that overlap the quarter, in order."""
        weeks = []
        week = Week.of(self.start)
        while week.start <= self.end:
            weeks.append(week)
            week = week.shifted(1)
        return weeks


class Calendar:
    """Working days, weeks and fiscal periods for one book."""

    def __init__(
        self,
        working_weekdays: Collection[int] = frozenset(range(5)),
        week_start: int = 0,
        fiscal_start: int = 1,
        days_off: Collection[date] = (),
    ) -> None:
        if not 1 <= fiscal_start <= 12:
            raise ValueError("fiscal_start is a month, 1 to 12")
        self.working_weekdays = frozenset(working_weekdays)
        self.week_start = week_start
        self.fiscal_start = fiscal_start
        self.days_off = frozenset(days_off)

    # -- working days -------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """A working weekday that is not a holiday or day off."""
        return day.weekday() in self.working_weekdays and day not in self.days_off

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self._step(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        return self._step(day, -1)

    def _step(self, day: date, direction: int) -> date:
        if not self.working_weekdays:
            return day + timedelta(days=direction)
        candidate = day + timedelta(days=direction)
        # A year of days off in a row would be absurd; the bound only guards an endless loop.
        for _ in range(800):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=direction)
        return day + timedelta(days=direction)

    def working_days(self, start: date, end: date) -> Iterator[date]:
        """Working days from `start` to `end`, both included."""
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += _ONE_DAY

    def count_working_days(self, start: date, end: date) -> int:
        """How many working days from `start` to `end`, both included."""
        return sum(1 for _ in self.working_days(start, end))

    def last_working_day_of_week(self, day: date) -> date | None:
        """The last working day of the ISO week holding `day` (None if it has none)."""
        week = Week.of(day)
        days = list(self.working_days(week.start, week.end))
        return days[-1] if days else None

    # -- periods ----------------------------------------------------------------

    def week_bounds(self, day: date) -> tuple[date, date]:
        """Start and end of the week holding `day`, by the book's week start."""
        return _week_bounds(_plain(day), self.week_start)

    @staticmethod
    def month_bounds(day: date) -> tuple[date, date]:
        """First and last day of the month holding `day`."""
        return _month_bounds(day.year, day.month)

    def fiscal_year_of(self, day: date) -> int:
        """The fiscal year (named by the calendar year it ends in) holding `day`."""
        if self.fiscal_start == 1:
            return day.year
        return day.year + 1 if day.month >= self.fiscal_start else day.year

    def fiscal_year_bounds(self, day: date) -> tuple[date, date]:
        """First and last day of the fiscal year holding `day`."""
        fiscal_year = self.fiscal_year_of(day)
        return self.quarter(fiscal_year, 1).start, self.quarter(fiscal_year, 4).end

    def quarter(self, fiscal_year: int, number: int) -> Quarter:
        """The quarter `number` (1-4) of `fiscal_year`."""
        if not 1 <= number <= 4:
            raise ValueError("a quarter is numbered 1 to 4")
        return _quarter(self.fiscal_start, fiscal_year, number)

    def quarter_of(self, day: date) -> Quarter:
        """The fiscal quarter holding `day`."""
        # Months since the fiscal year began, in whole quarters: cockpit's rule.
        months = (day.month - self.fiscal_start) % 12
        return self.quarter(self.fiscal_year_of(day), months // 3 + 1)

    def parse_quarter(self, text: str) -> Quarter:
        """Parse "2027-Q1"; ValueError with a hint when malformed."""
        match = _QUARTER_RE.match(text.strip())
        if not match:
            raise ValueError(f"expected a quarter like 2026-Q4, got {text!r}")
        if int(match[1]) not in PERIOD_YEARS:
            raise ValueError(_out_of_range(int(match[1])))
        return self.quarter(int(match[1]), int(match[2]))

    def next_quarter(self, quarter: Quarter) -> Quarter:
        """The quarter after `quarter`."""
        return self.quarter_of(quarter.end + _ONE_DAY)


@functools.lru_cache(maxsize=4096)
def _week_bounds(day: date, week_start: int) -> tuple[date, date]:
    import pendulum

    # pendulum's weeks start on Monday (cockpit never moves that); the book's week
    # start is that many days later, and a week after it begins.
    start = pendulum.Date(day.year, day.month, day.day).start_of("week").add(days=week_start)
    if start > day:
        start = start.subtract(weeks=1)
    return _plain(start), _plain(start.add(days=6))


@functools.lru_cache(maxsize=1024)
def _quarter(fiscal_start: int, fiscal_year: int, number: int) -> Quarter:
    import pendulum

    # Fiscal year N ends in calendar year N: it starts in N-1 unless it starts in January.
    year_start = pendulum.Date(fiscal_year - (fiscal_start != 1), fiscal_start, 1)
    start = year_start.add(months=3 * (number - 1))
    end = start.add(months=2).end_of("month")
    return Quarter(f"{fiscal_year}-Q{number}", fiscal_year, number, _plain(start), _plain(end))
