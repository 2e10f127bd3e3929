"""The book as it stood at the end of a past day, read back from the deals' change history.

A review of an earlier week must see the deals as they were then (their stage, value,
close date and forecast category at the week's end), not as they are today. A deal's
history records every change of those fields, so undoing the changes made after a day
gives the deal as of that day. Changes and activities belong to the day of their
timestamp in its own offset, as everywhere in the book.

A deal closed (won or lost) after the day without a recorded stage change (an imported
deal) is taken to have been open then, in the last open stage.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.model import WORKED_FIELDS, Activity, Deal, FieldChange
from cockpit.domain.record_table import RecordTable
from cockpit.domain.settings import OPEN_STAGES
from cockpit.domain.summaries import OwnerSummary, summarize

__all__ = ["BookAsOf", "deal_as_of", "field_as_of"]

_DATE_FIELDS = frozenset({"close", "next_due"})


def _typed(field: str, value: Any) -> Any:
    """A history value back in the record's type (dates are stored as ISO strings)."""
    if field in _DATE_FIELDS and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def field_as_of(deal: Deal, field: str, day: date) -> Any:
    """The value `field` of `deal` had at the end of `day` (by undoing later changes)."""
    value = getattr(deal, field)
    for change in reversed(deal.history):
        if change.at.date() <= day:
            break
        if change.field == field:
            value = _typed(field, change.old)
    return value


def _last_stage_change(history: list[FieldChange], stage: str | None = None) -> datetime | None:
    for change in reversed(history):
        if change.field == "stage" and (stage is None or change.new == stage):
            return change.at
    return None


def _last_worked(history: list[FieldChange]) -> datetime | None:
    # The commands that work a deal record these changes; so does a re-import, which the
    # past view cannot tell apart (the deal's own `worked` moment only says the latest).
    for change in reversed(history):
        if change.field in WORKED_FIELDS:
            return change.at
    return None


def deal_as_of(deal: Deal, day: date) -> Deal | None:
    """The deal as it stood at the end of `day`; None if it did not exist yet."""
    if deal.created is not None and deal.created.date() > day:
        return None
    kept = [c for c in deal.history if c.at.date() <= day]
    closed_later = any(
        moment is not None and moment.date() > day for moment in (deal.won_at, deal.lost_at)
    )
    if len(kept) == len(deal.history) and not closed_later:
        return deal
    past = replace(deal, history=kept, extra=dict(deal.extra))
    for change in reversed(deal.history[len(kept) :]):
        if hasattr(past, change.field):
            setattr(past, change.field, _typed(change.field, change.old))
    if past.stage in ("won", "lost"):
        closed_at = deal.won_at if past.stage == "won" else deal.lost_at
        if closed_at is not None and closed_at.date() > day:
            # Closed later with no stage change on record: it was still open.
            past.stage = OPEN_STAGES[-1]
    if past.stage != "won":
        past.won_at = None
    elif past.won_at is None or past.won_at.date() > day:
        past.won_at = _last_stage_change(kept, "won")
    if past.stage != "lost":
        past.lost_at = None
        past.lost_reason = past.lost_code = None
    elif past.lost_at is None or past.lost_at.date() > day:
        past.lost_at = _last_stage_change(kept, "lost")
    if past.stage_changed is not None and past.stage_changed.date() > day:
        past.stage_changed = _last_stage_change(kept)
    if past.worked is not None and past.worked.date() > day:
        past.worked = _last_worked(kept)
    return past


def _cut(activities: list[Activity], day: date) -> list[Activity]:
    """The activities (oldest first) up to the end of `day`."""
    if not activities or activities[-1].at.date() <= day:
        return activities
    return activities[: bisect.bisect_right(activities, day, key=lambda a: a.at.date())]


class BookAsOf(Book):
    """A read-only view of a book as it stood at the end of `day`.

    It shares the book's records and indexes (nothing is copied but the deals that
    changed since), so it is cheap to make; it must not be written to.
    """

    def __init__(self, book: Book, day: date) -> None:
        # Share every index of the book, then replace what changed since `day`.
        self.__dict__.update(book.__dict__)
        self._past: dict[tuple[str, int], OwnerSummary] = {}  # the past has its own counts
        self.day = day
        self.source = book
        deals: dict[int, Deal] = {}
        for deal_id, deal in book.deals.items():
            past = deal_as_of(deal, day)
            if past is not None:
                deals[deal_id] = past
        self.deals = RecordTable.of_records("deals", deals)

    def apply(
        self, table: str, doc_id: int, after: dict[str, Any] | None, before: Any = None
    ) -> None:
        """A view of the past cannot change."""
        raise TypeError("BookAsOf is read-only")

    def activities_of(self, key: str, owner: int) -> list[Activity]:
        """Activities of an account, contact or deal up to the view's day, oldest first."""
        return _cut(self.source.activities_of(key, owner), self.day)

    def activities_on(self, day: date) -> list[Activity]:
        """Activities on `day` (none after the view's day)."""
        return [] if day > self.day else self.source.activities_on(day)

    def activities_between(self, start: date, end: date) -> Iterator[Activity]:
        """Activities from `start` to `end` (cut at the view's day), oldest first."""
        return self.source.activities_between(start, min(end, self.day))

    def owner_summary(self, key: str, owner: int) -> OwnerSummary:
        """An owner's summary counted from its activities up to the view's day."""
        found = self._past.get((key, owner))
        if found is None:
            found = summarize(self.activities_of(key, owner), key, owner)
            self._past[(key, owner)] = found
        return found

    def kinds_on(self, day: date) -> Mapping[str, int]:
        """Activities on `day` by kind (none after the view's day)."""
        return {} if day > self.day else self.source.kinds_on(day)

    def deals_of(self, account_id: int | None) -> list[Deal]:
        """Deals at an account that existed on the view's day."""
        return [self.deals[d.id] for d in self.source.deals_of(account_id) if d.id in self.deals]

    def deal_docs_of(self, account_id: int | None) -> list[dict[str, Any]]:
        """The documents of the deals at an account that existed on the view's day."""
        return [self.deals.docs[deal.id] for deal in self.deals_of(account_id)]

    def open_deals(self) -> Iterable[Deal]:
        """Deals open on the view's day."""
        return (d for d in self.deals.values() if d.is_open)
