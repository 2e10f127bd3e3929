"""What `cockpit archive` moves and the summaries it leaves: rules over the book's documents.

Everything here reads documents, not decoded records: an archive run looks at every
activity of a ten-year book while holding the write lock, and parsing one timestamp per
document costs a fraction of decoding it. The rules match the domain's (a touch is any
kind but a note; a response is inbound or a connecting outcome; see Activity).

What moves, each record to the archive of its fiscal year:
- activities dated before the cut (those of open deals too);
- closed deals (won or lost) closed before the cut, when all their activities and
  promises move with them;
- promises done, and due, before the cut.
The cut is the start of the fiscal year asked for, pulled back to the start of an earlier
quarter while today's views still read older days: the last nine weeks (this week's review
and its eight-week trend, promises done this week) and the running momentum streak.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tinydb import Query

from cockpit.domain.book import ARCHIVED, Book
from cockpit.domain.calendar import Calendar, add_days
from cockpit.domain.model import RESPONSE_OUTCOMES, TOUCH_KINDS
from cockpit.domain.momentum import MAX_STREAK_WALK_DAYS, daily_minimum, touches_on
from cockpit.domain.review import TREND_WEEKS

__all__ = [
    "CLOSED_DEAL",
    "KEEP_RECENT_DAYS",
    "OWNER_TABLES",
    "Carried",
    "Carry",
    "MovePlan",
    "Summary",
    "archive_cut",
    "carried_from_json",
    "plan_moves",
    "streak_floor",
    "touches_by_day",
    "with_summary",
]

Doc = dict[str, Any]
Summary = dict[str, Any]
Carried = dict[str, dict[int, Summary]]

KEEP_RECENT_DAYS = 7 * (TREND_WEEKS + 1)
"""Days before today that always stay in the book: this week's review reads its week and
the seven before it; the Promises pane, the last week's done promises."""

CLOSED_DEAL = Query().stage.one_of(["won", "lost"])
"""A deal document archive may move (TinyDB's Query, read as a predicate on a document)."""

OWNER_TABLES = {"accounts": "account_id", "contacts": "contact_id", "deals": "deal_id"}
"""The tables whose records carry summaries, and the activity field naming them."""


def _day(iso: str) -> date:
    # An ISO timestamp's date part is its date in its own offset, as Activity.at.date().
    return date.fromisoformat(iso[:10])


def _is_touch(doc: Doc) -> bool:
    return doc.get("kind") in TOUCH_KINDS


def _is_response(doc: Doc) -> bool:
    return doc.get("direction") == "in" or doc.get("outcome") in RESPONSE_OUTCOMES


# -- the cut ----------------------------------------------------------------------------


def touches_by_day(activities: Iterable[Doc]) -> Counter[date]:
    """Touches per day, read from activity documents (what `touches_on` counts)."""
    return Counter(_day(doc["at"]) for doc in activities if _is_touch(doc))


def streak_floor(book: Book, today: date, touches: Callable[[date], int] | None = None) -> date:
    """The oldest day today's momentum streak reads: the missed working day that ends it,
    or the walk's limit. Later days' streaks stop there too, so older days may go.
    `touches` counts a day's touches (default: the book's activities)."""
    count = touches or (lambda day: touches_on(book, day))
    calendar = book.calendar
    day = today
    for _ in range(MAX_STREAK_WALK_DAYS):
        day = add_days(day, -1)
        if calendar.is_working_day(day) and count(day) < daily_minimum(book, day):
            return day
    return day


def archive_cut(
    book: Book, boundary: date, today: date, touches: Callable[[date], int] | None = None
) -> date:
    """Records dated before this day move: `boundary`, or the start of the quarter holding
    the oldest day today's views read if that is earlier."""
    oldest = min(boundary, add_days(today, -KEEP_RECENT_DAYS), streak_floor(book, today, touches))
    return book.calendar.quarter_of(oldest).start


# -- what moves -------------------------------------------------------------------------


def _closing_day(doc: Doc) -> date | None:
    for key in ("won_at", "lost_at", "stage_changed", "close", "created"):
        value = doc.get(key)
        if isinstance(value, str):
            return _day(value)
    return None


@dataclass
class MovePlan:
    """The ids that move, by fiscal year; activities in time order."""

    activities: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    deals: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    promises: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    @property
    def years(self) -> list[int]:
        """The fiscal years receiving records, oldest first."""
        return sorted(set(self.activities) | set(self.deals) | set(self.promises))

    def of_year(self, year: int) -> dict[str, list[int]]:
        """The ids moving into `year`'s archive, by table."""
        return {
            "activities": self.activities.get(year, []),
            "deals": self.deals.get(year, []),
            "promises": self.promises.get(year, []),
        }


def plan_moves(
    tables: Mapping[str, Mapping[int, Doc]], calendar: Calendar, cut: date, floor_year: int | None
) -> MovePlan:
    """What moves before `cut`, each record to its fiscal year, none before `floor_year`."""

    def year_of(day: date) -> int:
        # Nothing joins a year before the newest one archived (a touch backdated into an
        # older year, a deal closed long ago that was kept for a later call): each archive
        # keeps the summaries as they stood before its year, which must stay true.
        year = calendar.fiscal_year_of(day)
        return year if floor_year is None else max(year, floor_year)

    plan = MovePlan()
    moments: dict[int, datetime] = {}
    kept_deals: set[int] = set()  # deals with an activity or promise that stays
    for doc_id, doc in tables["activities"].items():
        day = _day(doc["at"])
        if day < cut:
            plan.activities[year_of(day)].append(doc_id)
            moments[doc_id] = datetime.fromisoformat(doc["at"])
        elif doc.get("deal_id") is not None:
            kept_deals.add(doc["deal_id"])
    for ids in plan.activities.values():
        ids.sort(key=lambda i: (moments[i], i))
    for doc_id, doc in tables["promises"].items():
        done, due = doc.get("done_at"), date.fromisoformat(doc["due"])
        if isinstance(done, str) and _day(done) < cut and due < cut:
            plan.promises[year_of(max(_day(done), due))].append(doc_id)
        elif doc.get("deal_id") is not None:
            kept_deals.add(doc["deal_id"])
    for doc_id, doc in tables["deals"].items():
        if doc_id in kept_deals or not CLOSED_DEAL(doc):
            continue
        closed = _closing_day(doc)
        if closed is not None and closed < cut:
            plan.deals[year_of(closed)].append(doc_id)
    return plan


# -- summaries --------------------------------------------------------------------------


class Carry:
    """Running summaries of what moved, by owner table and id (see `book.ARCHIVED`)."""

    def __init__(self, tables: Mapping[str, Mapping[int, Doc]]) -> None:
        self.by: Carried = {table: {} for table in OWNER_TABLES}
        self._moments: dict[tuple[str, int, str], datetime | None] = {}
        for table in OWNER_TABLES:
            for doc_id, doc in tables[table].items():
                carried = doc.get(ARCHIVED)
                if isinstance(carried, dict) and carried:
                    self.by[table][doc_id] = dict(carried)

    def _later(self, table: str, owner: int, key: str, at: str, moment: datetime) -> None:
        summary = self.by[table][owner]
        slot = (table, owner, key)
        if slot not in self._moments:
            current = summary.get(key)
            try:
                self._moments[slot] = (
                    datetime.fromisoformat(current) if isinstance(current, str) else None
                )
            except ValueError:
                self._moments[slot] = None
        known = self._moments[slot]
        if known is None or moment > known:
            summary[key] = at
            self._moments[slot] = moment

    def activity(self, doc: Doc) -> None:
        """Fold in one moved activity document (call them in time order)."""
        at = doc["at"]
        moment = datetime.fromisoformat(at)
        touch, response = _is_touch(doc), _is_response(doc)
        for table, key in OWNER_TABLES.items():
            owner = doc.get(key)
            if owner is None:
                continue
            summary = self.by[table].setdefault(owner, {})
            if table == "deals":
                self._later(table, owner, "last_activity", at, moment)
            elif touch:
                self._later(table, owner, "last_touch", at, moment)
            if table == "accounts":
                continue  # an account's chase is the highest of its deals' and contacts'
            if response:
                summary.pop("chase", None)
            elif touch and doc.get("direction", "out") == "out":
                summary["chase"] = int(summary.get("chase", 0)) + 1

    def deal(self, doc: Doc) -> None:
        """Fold in one moved deal document: a won one adds to its account's lifetime won."""
        account, value = doc.get("account_id"), doc.get("value") or 0
        if doc.get("stage") == "won" and account is not None and value:
            summary = self.by["accounts"].setdefault(account, {})
            summary["won"] = int(summary.get("won", 0)) + int(value)

    def snapshot(self) -> Carried:
        """A copy of the summaries as they stand (empty ones left out)."""
        return {t: {i: dict(s) for i, s in by.items() if s} for t, by in self.by.items()}


def carried_from_json(raw: Any) -> Carried:
    """Summaries read back from an archive file (JSON object keys are strings)."""
    carried: Carried = {table: {} for table in OWNER_TABLES}
    if not isinstance(raw, dict):
        return carried
    for table in OWNER_TABLES:
        for key, summary in (raw.get(table) or {}).items():
            if isinstance(summary, dict) and str(key).isdigit():
                carried[table][int(key)] = summary
    return carried


def with_summary(doc: Doc, summary: Summary | None) -> Doc:
    """The document with `summary` as its ARCHIVED field (removed when empty)."""
    out = {k: v for k, v in doc.items() if k != ARCHIVED}
    if summary:
        out[ARCHIVED] = summary
    return out
