"""The demo builder's common ground: its state, the working-day timeline and small helpers."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from cockpit.demo.names import load_names
from cockpit.demo.shape import Shape
from cockpit.domain.calendar import Calendar
from cockpit.domain.model import (
    Account,
    Activity,
    Contact,
    Deal,
    Promise,
)
from cockpit.domain.settings import Settings

__all__ = [
    "ONE_DAY",
    "WORK_MINUTES",
    "DealStory",
    "Timeline",
    "created_at",
    "cumulative",
    "pick",
    "round_money",
]

WORK_MINUTES = 9 * 60  # activities fall between 08:30 and 17:30, the book's local time

ONE_DAY = timedelta(days=1)


@dataclass(slots=True)
class DealStory:
    """A deal being built, with what the generator needs to know beyond the record."""

    deal: Deal
    end: datetime | None  # won or lost at; None while open
    stale: bool = False
    quiet: date | None = None  # no filler activity on the deal from this day on


def created_at(record: Account | Contact | Deal | Promise) -> datetime:
    assert record.created is not None  # the builder sets it on every record
    return record.created


def round_money(dollars: float) -> int:
    """Dollars rounded to a $500 step (as reps quote them), in cents."""
    return max(1, round(dollars / 500)) * 500 * 100


def cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    result = []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def pick(cumulative: list[float], r: float) -> int:
    """The index a uniform `r` in [0, 1) falls on in cumulative weights."""
    return min(bisect.bisect_right(cumulative, r * cumulative[-1]), len(cumulative) - 1)


class Timeline:
    """What every step shares: the seed's one random stream, the span's working days and
    the records built so far; and the time helpers that place records in working hours."""

    def __init__(self, now: datetime, shape: Shape, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = load_names()
        self.now = now
        self.tz = now.tzinfo
        self.today = date(now.year, now.month, now.day)
        self.shape = shape
        self.settings = Settings()
        self.holidays = self._holidays()
        off: set[date] = set()
        for start, end in self.holidays:
            off.update(start + timedelta(days=i) for i in range((end - start).days + 1))
        s = self.settings
        self.cal = Calendar(s.working_weekdays, s.week_start, s.fiscal_start, off)
        self.quarter = self.cal.quarter_of(self.today)

        elapsed = int((now - self._start_of(self.today)).total_seconds() // 60)
        self.today_minutes = min(max(elapsed, 0), WORK_MINUTES)
        days = list(self.cal.working_days(shape.start, self.today))
        if days and days[-1] == self.today and self.today_minutes == 0:
            days.pop()  # nothing can have happened yet today
        if len(days) < 20:
            raise ValueError("the demo needs a span of at least 20 working days")
        self.days = days
        self.n = len(days)
        self.last_day = days[-1]
        self.day_starts = [self._start_of(d) for d in days]
        self.limits = [WORK_MINUTES] * self.n
        if self.last_day == self.today:
            self.limits[-1] = self.today_minutes

        self.accounts: list[Account] = []
        self.account_created: list[datetime] = []  # sorted, as the accounts are
        self.account_cum: list[float] = []  # cumulative deal weights of the accounts
        self.account_quiet: dict[int, date] = {}
        self.contacts: list[Contact] = []
        self.contacts_of: dict[int, list[Contact]] = {}
        self.contact_quiet: dict[int, date] = {}
        self.stories: list[DealStory] = []
        self.activities: list[Activity] = []
        self.story_per_day = [0] * self.n

    # -- time helpers ------------------------------------------------------------------

    def _start_of(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 8, 30, tzinfo=self.tz)

    def _time_on(self, day: date) -> datetime:
        """A moment in working hours on `day` (today: before now); `day` <= last_day."""
        limit = self.today_minutes if day == self.today else WORK_MINUTES
        return self._start_of(day) + timedelta(minutes=self.rng.randrange(max(limit, 1)))

    def _time_at(self, index: int) -> datetime:
        """A moment in working hours on the span's working day `index`."""
        return self.day_starts[index] + timedelta(minutes=self.rng.randrange(self.limits[index]))

    def _workday(self, day: date) -> date:
        """The working day on or before `day`, and never after the span's last day."""
        day = min(day, self.last_day)
        return day if self.cal.is_working_day(day) else self.cal.previous_working_day(day)

    def _next_workday(self, day: date) -> date:
        """The working day on or after `day`."""
        return day if self.cal.is_working_day(day) else self.cal.next_working_day(day)

    def _moment(self, day: date) -> datetime:
        return self._time_on(self._workday(day))

    def _between(self, a: datetime, b: datetime) -> datetime:
        """A moment after `a` and before `b`: in working hours on a working day when the
        two are far enough apart, else a whole minute between them."""
        if b <= a:
            return a
        rng = self.rng
        first, last = a.date(), min(b.date(), self.last_day)
        for _ in range(3 if first <= last else 0):
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            if not self.cal.is_working_day(day):
                day = self.cal.previous_working_day(day)
            moment = self._time_on(day)
            if a < moment < b:
                return moment
        # In UTC: wall-clock arithmetic across a DST change could land past `b`.
        minutes = max(1, int((b - a).total_seconds() // 60))
        step = timedelta(minutes=rng.randrange(minutes))
        return (a.astimezone(UTC) + step).astimezone(self.tz)

    def _index(self, day: date) -> int:
        """Index of the first working day of the span on or after `day`."""
        return bisect.bisect_left(self.days, day)

    def _holidays(self) -> list[tuple[date, date]]:
        """End-of-year holidays: the nearest, plus every one the span or next weeks touch."""
        today, start = self.today, self.shape.start
        ranges = [
            (date(y, 12, 24), date(y + 1, 1, 1)) for y in range(start.year - 1, today.year + 1)
        ]
        nearest = min(ranges, key=lambda r: abs((r[0] - today).days))
        keep = [r for r in ranges if r[1] >= start and r[0] <= today + timedelta(days=60)]
        if not self.shape.benchmark:
            keep = []
        if nearest not in keep:
            keep.append(nearest)
        return sorted(keep)
