"""Small builders of books for the quarter tests: records made directly, applied to a Book."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from cockpit.domain.book import Book
from cockpit.domain.codec import TABLE_OF, to_doc
from cockpit.domain.model import Activity, DayOff, Deal, Plan

__all__ = ["QuarterBook", "at"]

R = TypeVar("R", Activity, DayOff, Deal, Plan)


def at(day: date, hour: int = 10) -> datetime:
    """A timestamp on `day` at `hour`, UTC."""
    return datetime.combine(day, time(hour), tzinfo=UTC)


class QuarterBook:
    """Builds a Book record by record; ids count up per table."""

    def __init__(self, **settings: Any) -> None:
        self.book = Book()
        self._ids: dict[str, int] = {}
        for key, value in settings.items():
            self._add("settings", {"key": key.replace("__", "."), "value": value})

    def _next_id(self, table: str) -> int:
        self._ids[table] = self._ids.get(table, 0) + 1
        return self._ids[table]

    def _add(self, table: str, doc: dict[str, Any]) -> int:
        doc_id = int(doc.get("id") or self._next_id(table))
        doc["id"] = doc_id
        self.book.apply(table, doc_id, doc)
        return doc_id

    def _record(self, record: R) -> R:
        self.book.apply(TABLE_OF[type(record)], record.id, to_doc(record))
        return record

    def day_off(self, start: date, end: date | None = None) -> DayOff:
        """Days off from `start` to `end` (one day by default)."""
        return self._record(DayOff(self._next_id("days_off"), start, end or start))

    def plan(self, quarter: str = "2026-Q4", **fields: Any) -> Plan:
        """The plan of `quarter` (fields as in model.Plan)."""
        return self._record(Plan(self._next_id("plans"), quarter, **fields))

    def deal(self, value: int, stage: str = "prospect", **fields: Any) -> Deal:
        """A deal worth `value` minor units."""
        deal_id = self._next_id("deals")
        return self._record(
            Deal(deal_id, f"deal-{deal_id}", f"Deal {deal_id}", value=value, stage=stage, **fields)
        )

    def won(self, value: int, on: date, **fields: Any) -> Deal:
        """A deal won on `on`."""
        return self.deal(value, "won", won_at=at(on), close=on, **fields)

    def activity(self, kind: str, day: date, **fields: Any) -> Activity:
        """An activity of `kind` on `day`."""
        return self._record(Activity(self._next_id("activities"), kind, at(day), **fields))
