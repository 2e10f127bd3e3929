"""Times of day and time zones: DST-safe wall-clock times and elapsed shifts (pendulum)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

__all__ = ["at_time", "local_zone", "seconds_between", "shift_time", "zone"]


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


def _back(moment: datetime, tz: tzinfo) -> datetime:
    """A pendulum moment as a plain datetime in `tz` (the book's tzinfo, not pendulum's),
    through UTC's fields (a float timestamp could lose a microsecond)."""
    u = moment.astimezone(UTC)
    plain = datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, UTC)
    return plain.astimezone(tz)


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
