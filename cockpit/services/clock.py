"""The one clock: the current time in the book's time zone, injectable for tests.

`$COCKPIT_NOW` (an ISO timestamp; without an offset it is local time in the book's
time zone) fixes the clock for scripts and tests.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, tzinfo

from cockpit.domain.calendar import local_zone, zone

__all__ = [
    "NOW_YEARS",
    "Clock",
    "book_timezone",
    "clock_from_env",
    "fixed_clock",
    "local_zone",
    "parse_now",
    "system_clock",
]

Clock = Callable[[], datetime]


def book_timezone(name: str) -> tzinfo:
    """The tzinfo for a `timezone` setting ("local": the system's)."""
    return zone(name)


def system_clock(zone: Callable[[], tzinfo]) -> Clock:
    """The wall clock, read in the book's time zone (looked up on every call)."""
    return lambda: datetime.now(zone())


def fixed_clock(moment: datetime) -> Clock:
    """A clock stopped at `moment`."""
    return lambda: moment


NOW_YEARS = range(1900, 9000)
"""Years `$COCKPIT_NOW` may name: the views reach years around today, never past 1-9999."""


def parse_now(text: str, zone: tzinfo) -> datetime:
    """Parse a `$COCKPIT_NOW` value; naive values are local time in `zone`.

    ValueError (one line, naming the variable) for text that is not an ISO timestamp or
    names a year the views cannot reach around.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"$COCKPIT_NOW: {text!r} is not an ISO timestamp (e.g. 2026-11-25T10:30:00+00:00)"
        ) from None
    if moment.year not in NOW_YEARS:
        raise ValueError(
            f"$COCKPIT_NOW: {text!r} is out of range (years {NOW_YEARS.start}-{NOW_YEARS.stop - 1})"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def clock_from_env(zone: Callable[[], tzinfo]) -> Clock:
    """`$COCKPIT_NOW` when set, else the system clock."""
    fixed = os.environ.get("COCKPIT_NOW")
    if fixed:
        parse_now(fixed, zone())  # a bad value fails here, not at some later reading
        return lambda: parse_now(fixed, zone()).astimezone(zone())
    return system_clock(zone)
