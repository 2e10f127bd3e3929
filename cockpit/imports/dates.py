"""Dates in CRM exports: the day/month order is read from the column's own values, never guessed.

`31.12.2026` can only be day first, `12/31/2026` only month first; a column holding only
values like `05.10.2026` says neither, and is refused until `--date-format` says. A time
of day after the date (Salesforce's "Created Date") is read, whatever the date's format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from cockpit.imports.values import CellProblem

__all__ = ["ColumnDates", "DateReader", "decide_order", "noon"]

_NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})")
_TIME = re.compile(
    r"(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp])?\.?[Mm]?\.?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$"
)
_TEXT_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
)
_ORDERS = {"dmy": ("%d", "%m"), "mdy": ("%m", "%d")}


def noon(day: date, zone: tzinfo) -> datetime:
    """Noon of `day` in the book's time zone: a date-only moment that no offset moves."""
    return datetime.combine(day, time(12), tzinfo=zone)


@dataclass(frozen=True, slots=True)
class _Split:
    day_part: str
    clock: time | None
    zone: tzinfo | None


def _zone(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _split_time(raw: str) -> _Split:
    """The date part and the time of day after it, if any ("12/31/2026 3:05 PM")."""
    match = _TIME.search(raw)
    if match is None:
        return _Split(raw.strip(), None, None)
    hour, minute = int(match[1]), int(match[2])
    second = int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise CellProblem(f'not a time of day: "{raw}"')
        hour = hour % 12 + (12 if match[4] in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise CellProblem(f'not a time of day: "{raw}"')
    return _Split(raw[: match.start()].strip(), time(hour, minute, second), _zone(match[5]))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # strptime's %y: 69-99 are the 1900s
        year += 1900 if year >= 69 else 2000
    return year


def _numeric_order(day_part: str) -> tuple[str | None, bool]:
    """("dmy" or "mdy" when the value proves it, else None; True when it could be either)."""
    match = _NUMERIC.fullmatch(day_part)
    if match is None or len(match[1]) == 4:
        return None, False
    first, second = int(match[1]), int(match[3])
    if first > 12 >= second:
        return "dmy", False
    if second > 12 >= first:
        return "mdy", False
    return None, first != second and first <= 12 and second <= 12


def _format_of(order: str, sample: str) -> str:
    match = _NUMERIC.fullmatch(_split_time(sample).day_part)
    sep = match[2] if match else "/"
    year = "%Y" if match is None or len(match[4]) == 4 else "%y"
    first, second = _ORDERS[order]
    return f"{first}{sep}{second}{sep}{year}"


@dataclass(frozen=True, slots=True)
class ColumnDates:
    """What a date column's values say about their order: the order, and a value proving it."""

    order: str | None  # "dmy", "mdy", or None (ISO, or every value reads the same both ways)
    line: int | None = None
    value: str | None = None

    @property
    def format(self) -> str | None:
        """The strptime format this order reads, for the report ("%d.%m.%Y")."""
        if self.order is None or self.value is None:
            return None
        return _format_of(self.order, self.value)


def decide_order(column: str, values: Iterable[tuple[int, str]]) -> ColumnDates:
    """Read the day/month order from a column's (line, value) pairs.

    CellProblem (naming `--date-format`) when the values disagree, or when some value
    could be either and none says which.
    """
    proofs: dict[str, tuple[int, str]] = {}
    either: tuple[int, str] | None = None
    for line, raw in values:
        try:
            day_part = _split_time(raw).day_part
        except CellProblem:
            continue  # the row reports it
        order, ambiguous = _numeric_order(day_part)
        if order is not None:
            proofs.setdefault(order, (line, raw))
        elif ambiguous and either is None:
            either = (line, raw)
    if len(proofs) == 2:
        (d_line, d_raw), (m_line, m_raw) = proofs["dmy"], proofs["mdy"]
        raise CellProblem(
            f'column "{column}" mixes day-first ("{d_raw}", line {d_line}) and month-first'
            f' ("{m_raw}", line {m_line}) dates: give --date-format "{column}=FORMAT"'
        )
    if proofs:
        order, (line, raw) = next(iter(proofs.items()))
        return ColumnDates(order, line, raw)
    if either is not None:
        line, raw = either
        day_first, month_first = _format_of("dmy", raw), _format_of("mdy", raw)
        raise CellProblem(
            f'column "{column}": "{raw}" (line {line}) reads day first or month first and no'
            f' value in the column says which: give --date-format "{column}={day_first}"'
            f" (or {month_first})"
        )
    return ColumnDates(None)


class DateReader:
    """Reads one column's dates: by --date-format when given, else ISO, the column's
    numeric order, or a month written in words."""

    def __init__(self, fmt: str | None = None, dates: ColumnDates | None = None) -> None:
        self.fmt = fmt
        self.order = dates.order if dates is not None else None

    def read(self, raw: str) -> tuple[date, time | None, tzinfo | None]:
        """The date, its time of day (None when the cell has none) and offset (CellProblem)."""
        if self.fmt is not None:
            return self._by_format(raw, self.fmt)
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            clock = parsed.timetz().replace(tzinfo=None) if len(raw.strip()) > 10 else None
            return parsed.date(), clock, parsed.tzinfo
        split = _split_time(raw)
        match = _NUMERIC.fullmatch(split.day_part)
        if match is not None:
            return self._numeric(raw, match), split.clock, split.zone
        for fmt in _TEXT_FORMATS:
            try:
                return datetime.strptime(split.day_part, fmt).date(), split.clock, split.zone
            except ValueError:
                continue
        raise CellProblem(
            f'not a date: "{raw}" (expected YYYY-MM-DD, 31.12.2026, 12/31/2026 or 31 Dec 2026;'
            ' or give --date-format, e.g. --date-format "%d %m %Y")'
        )

    def _numeric(self, raw: str, match: re.Match[str]) -> date:
        a, b, c = match[1], match[3], match[4]
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        else:
            order, ambiguous = _numeric_order(match[0])
            order = self.order or order or ("dmy" if not ambiguous else None)
            if order is None:
                raise CellProblem(f'"{raw}" reads day first or month first: give --date-format')
            first, second = int(a), int(b)
            day, month = (first, second) if order == "dmy" else (second, first)
            year = _year(c)
        try:
            return date(year, month, day)
        except ValueError:
            raise CellProblem(f'not a date: "{raw}"') from None

    def _by_format(self, raw: str, fmt: str) -> tuple[date, time | None, tzinfo | None]:
        try:
            parsed = datetime.strptime(raw.strip(), fmt)
        except ValueError:
            pass
        else:
            has_time = any(code in fmt for code in ("%H", "%I", "%M"))
            clock = parsed.timetz().replace(tzinfo=None) if has_time else None
            return parsed.date(), clock, parsed.tzinfo
        try:
            split = _split_time(raw)
            return datetime.strptime(split.day_part, fmt).date(), split.clock, split.zone
        except (ValueError, CellProblem):
            raise CellProblem(f'not a date in --date-format {fmt}: "{raw}"') from None

    def day(self, raw: str) -> date:
        """The calendar date of a cell (any time of day dropped)."""
        return self.read(raw)[0]

    def moment(self, raw: str, zone: tzinfo) -> datetime:
        """A timestamp: a bare date is noon in the book's time zone; naive times are local."""
        day, clock, offset = self.read(raw)
        if clock is None:
            return noon(day, zone)
        return datetime.combine(day, clock, tzinfo=offset or zone)
