"""The one calendar: working days, weeks, fiscal quarters and years.

Every "working day", "week" and "quarter" question in cockpit is answered here.
A fiscal year is named by the calendar year it ends in; Q1 starts in `fiscal_start`.
Weeks for plans and reviews are ISO weeks (Monday to Sunday) whatever the week start;
the week start only shapes sow/eow.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Calendar", "Quarter", "Week"]

_ONE_DAY = timedelta(days=1)
_QUARTER_RE = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_WEEK_RE = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    next_year, next_month = _add_months(year, month, 1)
    return date(next_year, next_month, 1) - _ONE_DAY


@dataclass(frozen=True, slots=True)
class Week:
    """An ISO week, Monday to Sunday."""

    name: str  # "2026-W48"
    start: date
    end: date

    @classmethod
    def of(cls, day: date) -> Week:
        """The ISO week holding `day`."""
        year, number, weekday = day.isocalendar()
        start = day - timedelta(days=weekday - 1)
        return cls(f"{year}-W{number:02d}", start, start + timedelta(days=6))

    @classmethod
    def parse(cls, text: str) -> Week:
        """Parse "2026-W48"; ValueError with a hint when malformed or out of range."""
        match = _WEEK_RE.match(text.strip())
        if not match:
            raise ValueError(f"expected an ISO week like 2026-W48, got {text!r}")
        year, number = int(match[1]), int(match[2])
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
        offset = (day.weekday() - self.week_start) % 7
        start = day - timedelta(days=offset)
        return start, start + timedelta(days=6)

    @staticmethod
    def month_bounds(day: date) -> tuple[date, date]:
        """First and last day of the month holding `day`."""
        return day.replace(day=1), _month_end(day.year, day.month)

    def fiscal_year_of(self, day: date) -> int:
        """The fiscal year (named by the calendar year it ends in) holding `day`."""
        if self.fiscal_start == 1:
            return day.year
        return day.year + 1 if day.month >= self.fiscal_start else day.year

    def fiscal_year_bounds(self, day: date) -> tuple[date, date]:
        """First and last day of the fiscal year holding `day`."""
        fiscal_year = self.fiscal_year_of(day)
        start_year = fiscal_year if self.fiscal_start == 1 else fiscal_year - 1
        start = date(start_year, self.fiscal_start, 1)
        end_year, end_month = _add_months(start_year, self.fiscal_start, 11)
        return start, _month_end(end_year, end_month)

    def quarter(self, fiscal_year: int, number: int) -> Quarter:
        """The quarter `number` (1-4) of `fiscal_year`."""
        if not 1 <= number <= 4:
            raise ValueError("a quarter is numbered 1 to 4")
        start_year = fiscal_year if self.fiscal_start == 1 else fiscal_year - 1
        year, month = _add_months(start_year, self.fiscal_start, 3 * (number - 1))
        end_year, end_month = _add_months(year, month, 2)
        return Quarter(
            f"{fiscal_year}-Q{number}",
            fiscal_year,
            number,
            date(year, month, 1),
            _month_end(end_year, end_month),
        )

    def quarter_of(self, day: date) -> Quarter:
        """The fiscal quarter holding `day`."""
        fiscal_year = self.fiscal_year_of(day)
        start, _ = self.fiscal_year_bounds(day)
        months = (day.year - start.year) * 12 + day.month - start.month
        return self.quarter(fiscal_year, months // 3 + 1)

    def parse_quarter(self, text: str) -> Quarter:
        """Parse "2027-Q1"; ValueError with a hint when malformed."""
        match = _QUARTER_RE.match(text.strip())
        if not match:
            raise ValueError(f"expected a quarter like 2026-Q4, got {text!r}")
        return self.quarter(int(match[1]), int(match[2]))

    def next_quarter(self, quarter: Quarter) -> Quarter:
        """The quarter after `quarter`."""
        return self.quarter_of(quarter.end + _ONE_DAY)
