"""Plain dates stepped and measured: days, months (on pendulum), "3 days ago"."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

__all__ = ["add_days", "add_months", "each_day", "for_humans"]

_ONE_DAY = timedelta(days=1)

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
    """`day` moved by whole days (hot loops step plain dates: no pendulum object)."""
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


@functools.lru_cache(maxsize=1024)
def for_humans(day: date, today: date) -> str:
    """How far `day` is from `today` as pendulum's `diff_for_humans` says it ("3 days
    ago", "in 2 weeks"), with `today` given instead of read from the wall clock."""
    import pendulum

    return pendulum.format_diff(_pdate(day).diff(_pdate(today)), True)
