"""The rep's book in memory: every record by id, plus the indexes the views need.

The store hands over documents; the book keeps typed records and keeps its indexes
current as changes arrive, so views never scan the whole book to answer "what about
this account?". TinyDB is the file format, not the query engine.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from cockpit.domain.calendar import Calendar, each_day
from cockpit.domain.codec import RECORD_TYPES
from cockpit.domain.model import CLOSED_STAGES as _CLOSED
from cockpit.domain.model import Account, Activity, Contact, DayOff, Deal, Plan, Promise, Review
from cockpit.domain.record_table import RecordTable
from cockpit.domain.settings import Settings
from cockpit.domain.summaries import (
    ARCHIVED,
    OwnerSummary,
    Summaries,
    carried_moment,
    follow,
    recount,
)

__all__ = ["ARCHIVED", "Book", "carried_moment"]

Doc = dict[str, Any]

_OWNER_TABLES = {"account_id": "accounts", "contact_id": "contacts", "deal_id": "deals"}

LoadActivities = Callable[[], Mapping[int, Doc]]
"""Reads the activities a book was opened without; gives every activity document."""


def _sort_key(activity: Activity) -> tuple[datetime, int]:
    return (activity.at, activity.id)


class Book:
    """All records of one book, typed and indexed."""

    def __init__(self) -> None:
        self.accounts: RecordTable[Account] = RecordTable("accounts")
        self.contacts: RecordTable[Contact] = RecordTable("contacts")
        self.deals: RecordTable[Deal] = RecordTable("deals")
        self.activities: RecordTable[Activity] = RecordTable("activities")
        self.promises: RecordTable[Promise] = RecordTable("promises")
        self.plans: RecordTable[Plan] = RecordTable("plans")
        self.days_off: RecordTable[DayOff] = RecordTable("days_off")
        self.reviews: RecordTable[Review] = RecordTable("reviews")
        self.stored_settings: dict[str, Any] = {}
        self._setting_ids: dict[str, int] = {}
        self.settings = Settings()
        self._calendar: Calendar | None = None
        self.activities_loaded = True
        """False while the book was read without its activities (DESIGN §9.7): timelines,
        note search and the review wait for them; today's views read the summaries."""
        # Counted from the activities on first use, or kept from the book's last checkpoint
        # (`_kept`, with the changes seen since in `_pending`: `log` never decodes them).
        self._summaries: Summaries | None = None
        self._kept: Callable[[], Summaries] | None = None
        self._pending: list[tuple[int, Doc | None, Doc | None]] = []
        self._load: LoadActivities | None = None
        self._gone: set[int] = set()  # activities deleted since a partial read
        # Indexes; activity lists are kept sorted by (at, id) and built on first use.
        self._activity_index_built = False
        self._handles: dict[str, dict[str, int]] = {t: {} for t in _OWNER_TABLES.values()}
        self._activities_by: dict[str, dict[int, list[Activity]]] = {
            key: defaultdict(list) for key in _OWNER_TABLES
        }
        self._deals_by_account: dict[int | None, set[int]] = defaultdict(set)
        self._contacts_by_account: dict[int | None, set[int]] = defaultdict(set)
        self._activities_by_day: dict[date, list[Activity]] = defaultdict(list)

    # -- building -----------------------------------------------------------------

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[str, Mapping[int, Doc]],
        *,
        summaries: Callable[[], Summaries] | None = None,
        load: LoadActivities | None = None,
    ) -> Book:
        """Build the book from the store's tables (documents are shared, never mutated).

        With `summaries` (called when first needed) the activities were left unread (the
        table holds what changed since); `load` reads them if a count ever needs them.
        """
        book = cls()
        if summaries is not None:
            book.activities_loaded = False
            book._kept, book._load = summaries, load
        for doc_id, doc in tables.get("settings", {}).items():
            book.apply("settings", doc_id, doc)
        for table in RECORD_TYPES:
            records: RecordTable[Any] = getattr(book, table)
            records.docs = dict(tables.get(table, {}))
            if table in book._handles:
                handles = book._handles[table]
                for doc_id, doc in records.docs.items():
                    handles[str(doc["handle"]).lower()] = doc_id
        for table, by_account in (
            ("deals", book._deals_by_account),
            ("contacts", book._contacts_by_account),
        ):
            for doc_id, doc in tables.get(table, {}).items():
                by_account[doc.get("account_id")].add(doc_id)
        return book

    def apply(self, table: str, doc_id: int, after: Doc | None, before: Doc | None = None) -> None:
        """Bring one record up to date: `after` is its new document, None if deleted;
        `before`, its document until now, matters only for an activity the book has not
        read (applying the same change twice is harmless)."""
        if table == "settings":
            self._apply_setting(doc_id, after)
            return
        if table not in RECORD_TYPES:
            return  # meta, undo: nothing the views read
        records: RecordTable[Any] = getattr(self, table)
        old = records.docs.get(doc_id)
        if table == "activities":
            if not self.activities_loaded:
                if old is None and doc_id not in self._gone:
                    old = before  # an activity the book has not read
                if after is None:
                    self._gone.add(doc_id)
            if self._summaries is not None and old != after:
                self._summaries.apply(old, after)
            elif self._kept is not None and old != after:
                self._pending.append((doc_id, old, after))
        if old is not None and doc_id in records.docs:
            self._unindex(table, records[doc_id], old)
        records.set_doc(doc_id, after)
        if after is not None:
            self._index(table, records, doc_id, after)
        if table == "days_off":
            self._calendar = None

    def _apply_setting(self, doc_id: int, after: Doc | None) -> None:
        for key, known_id in list(self._setting_ids.items()):
            if known_id == doc_id:
                del self._setting_ids[key]
                self.stored_settings.pop(key, None)
        if after is not None:
            self._setting_ids[after["key"]] = doc_id
            self.stored_settings[after["key"]] = after["value"]
        self.settings = Settings.from_stored(self.stored_settings)
        self._calendar = None

    def _index(self, table: str, records: RecordTable[Any], doc_id: int, doc: Doc) -> None:
        # Documents suffice for the cheap indexes; only activities need decoding.
        if table in self._handles:
            self._handles[table][str(doc["handle"]).lower()] = doc_id
        if table == "activities":
            if self._activity_index_built:
                self._index_activity(records[doc_id])
        elif table == "deals":
            self._deals_by_account[doc.get("account_id")].add(doc_id)
        elif table == "contacts":
            self._contacts_by_account[doc.get("account_id")].add(doc_id)

    def _index_activity(self, record: Activity) -> None:
        for key, index in self._activities_by.items():
            owner = getattr(record, key)
            if owner is not None:
                bisect.insort(index[owner], record, key=_sort_key)
        bisect.insort(self._activities_by_day[record.at.date()], record, key=_sort_key)

    def _unindex(self, table: str, record: Any, doc: Doc) -> None:
        if table in self._handles:
            self._handles[table].pop(str(doc["handle"]).lower(), None)
        if table == "activities":
            if self._activity_index_built:
                for key, index in self._activities_by.items():
                    owner = getattr(record, key)
                    if owner is not None:
                        index[owner].remove(record)
                self._activities_by_day[record.at.date()].remove(record)
        elif table == "deals":
            self._deals_by_account[doc.get("account_id")].discard(record.id)
        elif table == "contacts":
            self._contacts_by_account[doc.get("account_id")].discard(record.id)

    def _activity_index(self) -> dict[str, dict[int, list[Activity]]]:
        """Build the activity indexes on first use: sorted once, not inserted one by one."""
        if not self._activity_index_built:
            ordered = sorted(self.activities.values(), key=_sort_key)
            for record in ordered:
                for key, index in self._activities_by.items():
                    owner = getattr(record, key)
                    if owner is not None:
                        index[owner].append(record)
                self._activities_by_day[record.at.date()].append(record)
            self._activity_index_built = True
        return self._activities_by

    def take_activities(self, docs: Mapping[int, Doc]) -> None:
        """Hold every activity from now on (`docs`: the whole table, read since)."""
        self.activities = RecordTable("activities")
        self.activities.docs = dict(docs)
        self.activities_loaded = True
        self._gone.clear()
        self._summaries, self._kept, self._pending = None, None, []  # counted from them
        self._activity_index_built = False
        for index in self._activities_by.values():
            index.clear()
        self._activities_by_day.clear()

    def summaries(self) -> Summaries:
        """Today's views' summaries of the activities, up to date (see summaries.py)."""
        if not self._counts().exact:
            if not self.activities_loaded:
                assert self._load is not None, "from_tables gives a loader with summaries"
                self.take_activities(self._load())
                return self.summaries()
            self._counts().refresh(self.activities.docs.values())
        return self._counts()

    def _counts(self) -> Summaries:
        if self._summaries is None:
            if self._kept is not None:
                self._summaries = self._kept()
                follow(self._summaries, self._pending)
                self._kept, self._pending = None, []
            else:
                self._summaries = recount(self.activities.docs.values())
        return self._summaries

    @property
    def summaries_ready(self) -> bool:
        """The summaries can be read without reading the activities first."""
        return self.activities_loaded or self._counts().exact

    def owner_summary(self, key: str, owner: int) -> OwnerSummary:
        """The activities of an account, contact or deal (key: account_id, contact_id,
        deal_id) summed up: last touch, last activity, last response, chase."""
        return self.summaries().owner(key, owner)

    # -- lookups ------------------------------------------------------------------

    def by_handle(self, table: str, handle: str) -> int | None:
        """The id of the record of `table` with exactly this handle."""
        return self._handles[table].get(handle.lower())

    def handle_taken(self, table: str, handle: str) -> bool:
        """True if a record of `table` already uses `handle`."""
        return handle.lower() in self._handles[table]

    def setting_id(self, key: str) -> int | None:
        """The document id of a stored setting."""
        return self._setting_ids.get(key)

    def activities_of(self, key: str, owner: int) -> list[Activity]:
        """Activities of an account, contact or deal (key: account_id, contact_id, deal_id),
        oldest first."""
        return self._activity_index()[key].get(owner, [])

    def activities_on(self, day: date) -> list[Activity]:
        """Activities whose timestamp falls on `day` (in the timestamp's own offset)."""
        self._activity_index()
        return self._activities_by_day.get(day, [])

    def activities_between(self, start: date, end: date) -> Iterator[Activity]:
        """Activities from `start` to `end`, both days included, oldest first."""
        self._activity_index()
        for day in each_day(start, end):
            yield from self._activities_by_day.get(day, [])

    def deals_of(self, account_id: int | None) -> list[Deal]:
        """Deals at an account (None: deals without an account)."""
        return [self.deals[i] for i in sorted(self._deals_by_account.get(account_id, ()))]

    def contacts_of(self, account_id: int) -> list[Contact]:
        """Contacts at an account."""
        return [self.contacts[i] for i in sorted(self._contacts_by_account.get(account_id, ()))]

    def open_deals(self) -> Iterable[Deal]:
        """Deals neither won nor lost (told from their documents: closed ones stay undecoded)."""
        return (self.deals[i] for i, d in self.deals.docs.items() if d["stage"] not in _CLOSED)

    def deal_docs_of(self, account_id: int | None) -> list[Doc]:
        """The documents of the deals at an account (sums that need no decoding)."""
        return [self.deals.docs[i] for i in sorted(self._deals_by_account.get(account_id, ()))]

    def plan_for(self, quarter: str) -> Plan | None:
        """The plan of a quarter ("2026-Q4"), if one was set."""
        return next((plan for plan in self.plans.values() if plan.quarter == quarter), None)

    def review_for(self, week: str) -> Review | None:
        """The saved review of an ISO week ("2026-W48"), if any."""
        return next((review for review in self.reviews.values() if review.week == week), None)

    # -- derived rules that need the whole book -----------------------------------

    @property
    def calendar(self) -> Calendar:
        """The book's calendar: working days, days off, fiscal year and week start."""
        if self._calendar is None:
            off: set[date] = set()
            for day_off in self.days_off.values():
                off.update(each_day(day_off.start, day_off.end))
            self._calendar = Calendar(
                self.settings.working_weekdays,
                self.settings.week_start,
                self.settings.fiscal_start,
                off,
            )
        return self._calendar

    def probability(self, deal: Deal) -> int:
        """The deal's probability: its own, else its stage's default."""
        if deal.probability is not None:
            return deal.probability
        return self.settings.probability(deal.stage)

    def forecast_category(self, deal: Deal) -> str:
        """The deal's forecast category: its own, else the stage's default."""
        if deal.stage == "won":
            return "closed"
        if deal.stage == "lost":
            return "omitted"
        return deal.forecast_category or "pipeline"

    def cadence(self, account: Account) -> int | None:
        """Days between touches for an account: its own, else its tier's."""
        if account.cadence_days is not None:
            return account.cadence_days
        return self.settings.tier_cadence(account.tier)

    def archived(self, key: str, owner: int) -> Mapping[str, Any]:
        """What archived activities and deals left on an account, contact or deal (key:
        account_id, contact_id, deal_id): see ARCHIVED; empty when none."""
        records: RecordTable[Any] = getattr(self, _OWNER_TABLES[key])
        doc = records.docs.get(owner)
        carried = doc.get(ARCHIVED) if doc is not None else None
        return carried if isinstance(carried, dict) else {}

    def _latest(self, key: str, owner: int, field: str) -> datetime | None:
        summary = self.owner_summary(key, owner)
        mark = summary.last_touch if field == "last_touch" else summary.last_activity
        carried = carried_moment(self.archived(key, owner), field)
        if mark is None:
            return carried
        return mark[0] if carried is None or mark[0] >= carried else carried

    def last_touch_at(self, key: str, owner: int) -> datetime | None:
        """When an account, contact or deal was last touched, archived touches included."""
        return self._latest(key, owner, "last_touch")

    def last_activity_at(self, key: str, owner: int) -> datetime | None:
        """When anything was last logged on an account, contact or deal, archived included."""
        return self._latest(key, owner, "last_activity")

    def kinds_on(self, day: date) -> Mapping[str, int]:
        """How many activities of each kind fall on `day` (in their own offset)."""
        return self.summaries().kinds_on(day.isoformat())

    def touches_on(self, day: date) -> int:
        """How many touches (activities other than notes) were logged on `day`."""
        return sum(n for kind, n in self.kinds_on(day).items() if kind != "note")

    def kinds_between(self, start: date, end: date) -> Counter[str]:
        """Activities from `start` to `end` (both included), counted by kind."""
        counts: Counter[str] = Counter()
        for day in each_day(start, end):
            counts.update(self.kinds_on(day))
        return counts

    def chase(self, key: str, owner: int) -> int:
        """Outbound touches since the last response, for a deal or contact (key: deal_id,
        contact_id); an unanswered run reaching back past the archive's cut goes on with
        the count it carried."""
        summary = self.owner_summary(key, owner)
        if summary.last_response is not None:
            return summary.chase
        carried = self.archived(key, owner).get("chase", 0)
        return summary.chase + (carried if isinstance(carried, int) else 0)

    def account_chase(self, account_id: int) -> int:
        """An account shows the highest chase of its open deals and contacts (undecoded)."""
        deals, ids = self.deals.docs, self._deals_by_account.get(account_id, ())
        counts = [self.chase("deal_id", i) for i in ids if deals[i]["stage"] not in _CLOSED]
        contacts = self._contacts_by_account.get(account_id, ())
        counts += [self.chase("contact_id", i) for i in contacts]
        return max(counts, default=0)

    def name_of(self, table: str, record_id: int | None) -> str | None:
        """Display name of an account, contact or deal."""
        records: RecordTable[Any] = getattr(self, table)
        record = records.get(record_id) if record_id is not None else None
        if record is None:
            return None
        return str(record.title if table == "deals" else record.name)
