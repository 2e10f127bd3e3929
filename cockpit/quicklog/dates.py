"""Date and time words: today, fri, 2026-12-01, +2w, eoq ... and `at:` times (16:30, -2h).

Named dates follow taskwarrior 2.6: the start or end of the *current* period. sow/eow
use the calendar's week start, soq/eoq the fiscal quarter, soy/eoy the fiscal year.
Weekday words mean the next such day strictly after today (on a Monday, `monday` is a
week later). `+1m` adds calendar months and clamps to the end of the month. For `at:`,
a date alone means 12:00 on that date (but `today` and `now` mean now), a time alone
means today at that time, and `-2h`, `-30m`, `+1h` move from now (`m` is minutes there).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from cockpit.domain.calendar import Calendar, add_days, add_months, at_time, shift_time
from cockpit.domain.text import nearest
from cockpit.quicklog.errors import ValueProblem

__all__ = ["DATE_FORMS", "parse_date", "parse_date_range", "parse_datetime"]

DATE_FORMS = (
    "today, tomorrow, yesterday, mon..sun, 2026-12-01, +3d, +2w, +1m, -1d, "
    "sow/eow, som/eom, soq/eoq, soy/eoy"
)
_DATETIME_FORMS = "now, 16:30, yesterday 16:30, 2026-11-24T16:30, -2h, -30m, +1h or a date"

_WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_NAMED = ("sow", "eow", "som", "eom", "soq", "eoq", "soy", "eoy")
_WORDS = ("today", "tomorrow", "yesterday", *_WEEKDAYS, *_NAMED)

# Patterns are strings: `re` compiles each on first use, keeping the import cheap.
_ISO_DATE = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
_RELATIVE = r"([+-])([0-9]{1,7})([dwm])"
_RELATIVE_TIME = r"([+-])([0-9]{1,9})(h|m|min)"
_TIME = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
_TIME_12H = r"([0-9]{1,2})(?::([0-9]{2}))?(am|pm)"
_ISO_STAMP = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_NOON = time(12, 0)


def _named(word: str, today: date, calendar: Calendar) -> date:
    if word in ("sow", "eow"):
        bounds = calendar.week_bounds(today)
    elif word in ("som", "eom"):
        bounds = calendar.month_bounds(today)
    elif word in ("soq", "eoq"):
        quarter = calendar.quarter_of(today)
        bounds = quarter.start, quarter.end
    else:
        bounds = calendar.fiscal_year_bounds(today)
    return bounds[0] if word.startswith("s") else bounds[1]


def _unknown_date(raw: str, forms: str = DATE_FORMS) -> ValueProblem:
    near = nearest(raw.strip().lower(), _WORDS, 2, limit=3, closest_only=True)
    if near:
        return ValueProblem(f'unknown date "{raw}" (did you mean {" or ".join(near)}?)', near)
    return ValueProblem(f'unknown date "{raw}" (use {forms})')


def parse_date(raw: str, today: date, calendar: Calendar) -> date:
    """Read a date word relative to `today` (see the module docstring)."""
    word = raw.strip().lower()
    try:
        return _parse_date(word, today, calendar, raw)
    except OverflowError:
        raise ValueProblem(f'date out of range "{raw}"') from None


def _parse_date(word: str, today: date, calendar: Calendar, raw: str) -> date:
    today = date(today.year, today.month, today.day)  # a plain date, even from pendulum
    if word == "today":
        return today
    if word == "tomorrow":
        return add_days(today, 1)
    if word == "yesterday":
        return add_days(today, -1)
    if word in _WEEKDAYS:
        ahead = (_WEEKDAYS[word] - today.weekday() - 1) % 7 + 1
        return add_days(today, ahead)
    if word in _NAMED:
        return _named(word, today, calendar)
    iso = re.fullmatch(_ISO_DATE, word)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise ValueProblem(f'no such date "{raw}"') from None
    relative = re.fullmatch(_RELATIVE, word, re.IGNORECASE)
    if relative:
        amount = int(relative[2]) * (-1 if relative[1] == "-" else 1)
        unit = relative[3].lower()
        if unit == "m":
            return add_months(today, amount)
        return add_days(today, amount * (7 if unit == "w" else 1))
    raise _unknown_date(raw)


def parse_date_range(raw: str, today: date, calendar: Calendar) -> tuple[date, date]:
    """A date, or a range `2026-12-24..2027-01-02` (both ends included, start <= end)."""
    if ".." not in raw:
        day = parse_date(raw, today, calendar)
        return day, day
    first, _, last = raw.partition("..")
    if not first or not last:
        raise ValueProblem(f'bad range "{raw}" (write 2026-12-24..2027-01-02)')
    start = parse_date(first, today, calendar)
    end = parse_date(last, today, calendar)
    if start > end:
        raise ValueProblem(f'bad range "{raw}": it ends before it starts')
    return start, end


def _parse_time(word: str) -> time | None:
    """A clock time (16:30, 16:30:15, 4pm, 4:30pm), None if `word` is not one."""
    match = re.fullmatch(_TIME, word)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    else:
        match = re.fullmatch(_TIME_12H, word, re.IGNORECASE)
        if not match:
            return None
        hour, minute, second = int(match[1]), int(match[2] or 0), 0
        if not 1 <= hour <= 12:
            raise ValueProblem(f'bad time "{word}"')
        hour = hour % 12 + (12 if match[3].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueProblem(f'bad time "{word}"')
    return time(hour, minute, second)


def parse_datetime(raw: str, now: datetime, calendar: Calendar) -> datetime:
    """Read an `at:` value: a date, a time, both, an ISO timestamp or -2h/-30m/+1h."""
    try:
        return _parse_datetime(raw, now, calendar)
    except OverflowError:
        raise ValueProblem(f'date out of range "{raw}"') from None


def _parse_datetime(raw: str, now: datetime, calendar: Calendar) -> datetime:
    words = raw.lower().split()
    if not words or len(words) > 2:
        raise ValueProblem(f'unknown date/time "{raw}" (use {_DATETIME_FORMS})')
    today = date(now.year, now.month, now.day)
    tz = now.tzinfo
    if len(words) == 1:
        word = words[0]
        if word in ("now", "today"):
            return now
        relative = re.fullmatch(_RELATIVE_TIME, word, re.IGNORECASE)
        if relative:
            amount = int(relative[2]) * (-1 if relative[1] == "-" else 1)
            unit = relative[3].lower()
            if unit == "h":
                return shift_time(now, hours=amount)
            return shift_time(now, minutes=amount)
        if re.fullmatch(_ISO_STAMP, word, re.IGNORECASE):
            try:
                stamp = datetime.fromisoformat(word.upper())
            except ValueError:
                raise ValueProblem(f'no such date/time "{raw}"') from None
            if stamp.tzinfo is None:
                return stamp.replace(tzinfo=tz)
            return stamp.astimezone(tz) if tz is not None else stamp
        clock = _parse_time(word)
        if clock is not None:
            return at_time(today, clock, tz)
        try:
            day = parse_date(word, today, calendar)
        except ValueProblem as problem:
            if problem.message.startswith("unknown date"):
                raise _unknown_datetime(raw, word) from None
            raise
        return at_time(day, _NOON, tz)
    first, second = words
    clock = _parse_time(second)
    date_word = first
    if clock is None:
        clock = _parse_time(first)
        date_word = second
    if clock is None:
        raise ValueProblem(f'unknown date/time "{raw}" (use {_DATETIME_FORMS})')
    day = parse_date(date_word, today, calendar)
    return at_time(day, clock, tz)


def _unknown_datetime(raw: str, word: str) -> ValueProblem:
    near = nearest(word, ("now", *_WORDS), 2, limit=3, closest_only=True)
    if near:
        return ValueProblem(f'unknown date/time "{raw}" (did you mean {" or ".join(near)}?)', near)
    return ValueProblem(f'unknown date/time "{raw}" (use {_DATETIME_FORMS})')
