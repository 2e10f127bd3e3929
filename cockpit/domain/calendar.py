"""The one calendar: dates, times, working days, weeks, fiscal quarters and years.

Every date rule in cockpit is answered here, on pendulum: month and year boundaries
(`start_of`/`end_of`), `add(months=)` clamped to the month's end, ISO weeks, times of
day that are valid wall-clock readings across daylight saving, elapsed-time shifts, and
"3d ago"/"in 2w". Quarters and fiscal years stay cockpit's rules: a fiscal year is named
by the calendar year it ends in, Q1 starts in `fiscal_start`; they are computed on
pendulum dates. Weeks for plans and reviews are ISO weeks (Monday to Sunday) whatever
the week start; the week start only shapes sow/eow.

Plain `datetime.date` stays the representation everywhere else: pendulum values never
leave this module, and the periods a hot loop asks for (a day's week or quarter) are
computed once and remembered. Stepping a plain date by days (`add_days`) is a thin
wrapper, as is the time-zone lookup (`zone`): both are on every `cockpit log`, which
imports pendulum only when a line holds a date word (DESIGN §9.7; ~25 ms to import).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "Calendar",
    "Quarter",
    "Week",
    "add_days",
    "add_months",
    "each_day",
    "iso_weeks_in",
    "at_time",
    "for_humans",
    "local_zone",
    "seconds_between",
    "shift_time",
    "zone",
]

_ONE_DAY = timedelta(days=1)
_QUARTER_RE = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_WEEK_RE = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


# pendulum is imported inside the functions that use it, not with the module: `cockpit
# log` reads a line with no date word without paying for it (DESIGN §9.7).


def _pdate(day: date) -> pendulum.Date:
    import pendulum

    return pendulum.Date(day.year, day.month, day.day)


def _plain(day: date) -> date:
    """A pendulum date back to a plain one (their arithmetic differs: none leaves here)."""
    return date(day.year, day.month, day.day)


# -- plain dates, stepped ---------------------------------------------------------------


def add_days(day: date, days: int) -> date:
    """`day` moved by whole days (hot loops step plain dates; no pendulum object)."""
    return day + timedelta(days=days)


def each_day(start: date, end: date) -> Iterator[date]:
    """Every day from `start` to `end`, both included (plain dates)."""
    day = start
    while day <= end:
        yield day
        day += _ONE_DAY


def add_months(day: date, months: int) -> date:
    """Calendar months later (earlier when negative), clamped to the month's last day.

    OverflowError outside years 1 to 9999."""
    try:
        return _plain(_pdate(day).add(months=months))
    except ValueError:
        raise OverflowError("date out of range") from None


@functools.lru_cache(maxsize=512)
def _month_bounds(year: int, month: int) -> tuple[date, date]:
    import pendulum

    first = pendulum.Date(year, month, 1)
    return _plain(first), _plain(first.end_of("month"))


# -- times of day and time zones --------------------------------------------------------


def zone(name: str) -> tzinfo:
    """The tzinfo for a `timezone` setting: an IANA name, or "local" (the system's).

    ZoneInfoNotFoundError (a KeyError) for an unknown name."""
    if name == "local":
        return local_zone()
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def local_zone() -> tzinfo:
    """The system's named time zone ($TZ, else /etc/localtime), so summer time is right
    for dates other than today; a fixed offset only when no name can be found."""
    from zoneinfo import ZoneInfo

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        marker = "zoneinfo/"
        if marker in target:
            name = target.split(marker, 1)[1]
    if name:
        try:
            return ZoneInfo(name)
        except (ValueError, OSError):
            pass
    local = datetime.now().astimezone().tzinfo
    assert local is not None
    return local


def _back(moment: datetime, tz: tzinfo | None) -> datetime:
    """A pendulum moment as a plain datetime in `tz` (the book's tzinfo, not pendulum's)."""
    plain = datetime.fromtimestamp(moment.timestamp(), UTC)
    return plain.astimezone(tz) if tz is not None else plain.replace(tzinfo=None)


def at_time(day: date, clock: time, tz: tzinfo | None) -> datetime:
    """`day` at `clock` in `tz`, a real wall-clock reading: a time skipped when clocks go
    forward moves forward with them (02:30 -> 03:30), an hour that repeats is its first."""
    if tz is None:
        return datetime.combine(day, clock)
    import pendulum

    fields = (day.year, day.month, day.day, clock.hour, clock.minute, clock.second)
    moment = pendulum.datetime(*fields, tz=_ptz(tz), fold=0)
    if (moment.hour, moment.minute) != (clock.hour, clock.minute):
        moment = pendulum.datetime(*fields, tz=_ptz(tz), fold=1)  # skipped: move forward
    return _back(moment, tz)


def _ptz(tz: tzinfo) -> pendulum.Timezone | pendulum.FixedTimezone:
    import pendulum

    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return pendulum.timezone(key)
    offset = tz.utcoffset(None)
    assert offset is not None
    return pendulum.FixedTimezone(int(offset.total_seconds()))


def shift_time(moment: datetime, *, hours: int = 0, minutes: int = 0) -> datetime:
    """`moment` moved by elapsed time (right across a daylight-saving change)."""
    if moment.tzinfo is None:
        return _plain_shift(moment, hours, minutes)
    try:
        import pendulum

        moved = pendulum.instance(moment).add(hours=hours, minutes=minutes)
    except (ValueError, OverflowError):
        raise OverflowError("date out of range") from None
    return _back(moved, moment.tzinfo)


def seconds_between(start: datetime, end: datetime) -> float:
    """Elapsed seconds from `start` to `end` (aware moments; summer time counted right)."""
    return end.timestamp() - start.timestamp()


def _plain_shift(moment: datetime, hours: int, minutes: int) -> datetime:
    return moment + timedelta(hours=hours, minutes=minutes)


@functools.lru_cache(maxsize=1024)
def for_humans(day: date, today: date) -> str:
    """How far `day` is from `today` as pendulum's `diff_for_humans` says it ("3 days
    ago", "in 2 weeks"), with `today` given instead of read from the wall clock."""
    import pendulum

    return pendulum.format_diff(_pdate(day).diff(_pdate(today)), True)


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
