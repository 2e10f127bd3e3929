"""What a parsed line is made of: the context it is read in and the typed result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cockpit.domain.calendar import Calendar

__all__ = ["Attr", "ParseContext", "ParsedLine", "RefToken"]


@dataclass(frozen=True)
class ParseContext:
    """What reading a line depends on: the clock's now (aware, in the book's time zone,
    "today" is `now.date()`), the calendar and the book's currency."""

    now: datetime
    calendar: Calendar
    currency: str = "USD"
    minor_digits: int = 2


@dataclass(frozen=True)
class RefToken:
    """A reference as typed: `#renewal` is sigil "#", text "renewal"."""

    sigil: str
    text: str
    column: int


@dataclass(frozen=True)
class Attr:
    """A `key:value` attribute: canonical key, typed value, the value as typed (unquoted)."""

    key: str
    value: Any
    raw: str
    column: int


@dataclass(frozen=True)
class ParsedLine:
    """A line read but not yet resolved against the book."""

    verb: str
    refs: dict[str, RefToken]
    attrs: dict[str, Attr]
    text: str
    text_column: int | None
    arg: Any = None
    line: str = ""
    warnings: tuple[str, ...] = ()  # accepted, but worth a word ("value: is not a call attribute")

    def value(self, key: str, default: Any = None) -> Any:
        """The typed value of attribute `key`, or `default` when absent."""
        attr = self.attrs.get(key)
        return default if attr is None else attr.value
